"""Retrieve stage, LangChain seam: the hybrid search as a `BaseRetriever` returning `Document`s.

Kept apart from `hybrid`: a LangChain retriever is a Runnable, whose import brings the tracers and
LangSmith; the assistant searches without them (`HybridRetriever.search`).
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.core.models import ScoredPassage


class PassageRetriever(BaseRetriever):
    """LangChain retriever over `searcher` (a `HybridRetriever`, or any object with `search(question)`)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: Any

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(hit) for hit in self.searcher.search(query)]


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
