"""Retrieve stage: hybrid search (dense in Chroma + BM25), fused by reciprocal rank fusion.

The passages and the lexical index are rebuilt from the store's own records, so several app
instances sharing one Chroma server see the same passages; they are refreshed when the
store's content fingerprint changes.
"""

from __future__ import annotations

import threading
import time

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .lexical import BM25
from .models import Passage, ScoredPassage
from .store import PassageStore

RRF_K = 60


class PassageIndex:
    """Passages by id and the BM25 index over all their versions, as loaded from the store."""

    def __init__(self, store: PassageStore, refresh_seconds: float | None = None):
        self.store = store
        self.refresh_seconds = store.settings.index_refresh_s if refresh_seconds is None else refresh_seconds
        self._lock = threading.Lock()
        self._checked = 0.0
        self.version: str | None = None
        self.passages: dict[str, Passage] = {}
        self.bm25: BM25 | None = None

    def current(self) -> "PassageIndex":
        now = time.monotonic()
        if self.bm25 is not None and now - self._checked < self.refresh_seconds:
            return self
        with self._lock:
            version = self.store.version()
            if self.bm25 is None or version != self.version:
                passages, texts = self.store.load_passages()
                self.passages = {p.passage_id: p for p in passages}
                self.bm25 = BM25(texts)
                self.version = version
            self._checked = now
        return self


class HybridRetriever(BaseRetriever):
    """LangChain retriever over the passage store: dense + lexical, fused."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: PassageStore
    embedder: Embeddings
    index: PassageIndex
    k: int = 6
    dense_candidates: int = 60

    def search(self, question: str) -> list[ScoredPassage]:
        index = self.index.current()
        dense = self.store.dense_search(self.embedder.embed_query(question), self.dense_candidates)
        lexical = index.bm25.scores(question)
        fused: dict[str, float] = {}
        for ranking in (dense, lexical):
            for rank, pid in enumerate(sorted(ranking, key=ranking.get, reverse=True)):
                fused[pid] = fused.get(pid, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = sorted(fused, key=lambda pid: (fused[pid], dense.get(pid, 0.0)), reverse=True)
        return [ScoredPassage(index.passages[pid], fused[pid], dense.get(pid, 0.0), lexical.get(pid, 0.0))
                for pid in ranked[: self.k] if pid in index.passages]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(hit) for hit in self.search(query)]


def to_document(hit: ScoredPassage) -> Document:
    p = hit.passage
    return Document(
        page_content=p.original.text,
        id=p.passage_id,
        metadata={
            "passage_id": p.passage_id, "doc_id": p.doc_id, "source": p.source, "title": p.original.title,
            "paragraph": p.paragraph, "source_file": p.original.source_file, "start": p.original.start,
            "end": p.original.end, "language": p.original.language,
            "translations": {lang: v.text for lang, v in p.translations.items()},
            "score": hit.score, "dense": hit.dense, "lexical": hit.lexical,
        },
    )
