"""The hybrid search as a LangChain retriever: the same passages, as Documents with their provenance."""

from __future__ import annotations

from langchain_core.retrievers import BaseRetriever


def test_langchain_retriever_returns_the_search_as_documents(hash_assistant):
    retriever = hash_assistant.retriever
    question = "Quels pays ont coopéré avec l'AMF ?"
    seam = retriever.as_langchain()
    assert isinstance(seam, BaseRetriever)
    documents = seam.invoke(question)
    hits = retriever.search(question)
    assert documents and [d.id for d in documents] == [h.passage.passage_id for h in hits]
    first, hit = documents[0], hits[0]
    assert first.page_content == hit.passage.original.text
    assert first.metadata["source_file"] == hit.passage.original.source_file
    assert (first.metadata["start"], first.metadata["end"]) == (hit.passage.original.start, hit.passage.original.end)
    assert first.metadata["score"] == hit.score
