"""A local sentence-transformers model as a LangChain `Embeddings`, loaded on first use."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable

from langchain_core.embeddings import Embeddings

from bot.core.errors import ConfigurationError


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
