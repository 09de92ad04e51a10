"""Embedders that remember query vectors: the questions asked most recently (in memory), and the indexer's
calibration probes (in a file of the cache folder)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

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


class SavedQueries(Embeddings):
    """`inner`, with the vectors of the queries it embeds kept in `path` (`save`) and read back the next time.

    The indexer calibrates every new index with the same off-topic probes and, but for the documents that
    changed, the same in-domain ones: their vectors, more than a third of a build's embedding, are computed
    once per model. A vector is the one `inner` computes (each text is embedded on its own). The file holds
    the queries of the last run only, so it never grows past one calibration's probes; one that cannot be
    read or written costs the time, never the run.
    """

    def __init__(self, inner: Embeddings, path: Path):
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self.path = path
        self._known = self._read()
        self._used: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        vector = self._known.get(text)
        if vector is None:
            vector = self.inner.embed_query(text)
        self._used[text] = vector  # one dict item set: safe from several threads
        return list(vector)

    def save(self) -> None:
        import numpy as np

        used = dict(self._used)
        if not used or used.keys() == self._known.keys():
            return
        partial = self.path.with_name(f".{self.path.stem}.{os.getpid()}.npz")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(partial, name=np.array(self.name), texts=np.array(list(used)),
                     vectors=np.array(list(used.values()), dtype=np.float64))
            os.replace(partial, self.path)
        except OSError:
            partial.unlink(missing_ok=True)

    def _read(self) -> dict[str, list[float]]:
        import numpy as np

        try:
            with np.load(self.path, allow_pickle=False) as saved:
                if str(saved["name"]) != self.name:
                    return {}
                return dict(zip(saved["texts"].tolist(), saved["vectors"].tolist()))
        except (OSError, ValueError, KeyError):
            return {}
