"""An embedder that remembers the vectors of the questions it was asked most recently."""

from __future__ import annotations

import functools

from langchain_core.embeddings import Embeddings


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
