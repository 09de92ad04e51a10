"""Our pipeline side by side with the LangChain RAG tutorial's, on the dev set, with the same embedder.

    .venv/bin/python benchmarks/compare.py [--model e5-small] [--rounds 3]

The tutorial pipeline: RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the
original French file of each document (the dev set's evidence snippets are French, so a chunk of a
translation could never hold one), a Chroma collection of the chunks embedded with our embedder,
and the 4 most similar chunks per question; those 4 chunks are what the tutorial hands to its LLM,
so they are its "cited passages". Ours: the full `Assistant.ask` (hybrid retrieval over the original
and its aligned translations, extractive cited answer). Needs the `bench` extra.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import (Question, add_dev_set_argument, fact_questions, holds_evidence, load_questions, machine, median,
                    percentile, timed)
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from bot.core.settings import Settings
from bot.embedders.registry import make_embedder
from bot.assembly import build_index
from bot.ingest.knowledge import load_knowledge
from bot.assembly import make_assistant

CHUNK_SIZE, CHUNK_OVERLAP, TOP_K = 1000, 200, 4


@dataclass
class Scores:
    name: str
    evidence1: int
    evidence4: int
    questions: int
    cited_length: float
    latency_p50_ms: float
    latency_what: str


class TutorialPipeline:
    """The LangChain tutorial's retrieval: fixed-size chunks, Chroma, top-4 similarity."""

    def __init__(self, knowledge_dir: Path, embedder: Embeddings, folder: Path):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True)
        self.chunks = splitter.split_documents(original_files(knowledge_dir))
        self.embedder = embedder
        client = chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))
        self.collection = client.create_collection("tutorial")
        self.collection.add(ids=[str(i) for i in range(len(self.chunks))],
                            embeddings=embedder.embed_documents([c.page_content for c in self.chunks]),
                            documents=[c.page_content for c in self.chunks])

    def retrieve(self, question: str) -> list[str]:
        result = self.collection.query(query_embeddings=[self.embedder.embed_query(question)], n_results=TOP_K,
                                       include=["documents"])
        return result["documents"][0]


def original_files(knowledge_dir: Path) -> list[Document]:
    """One LangChain Document per original file, as the tutorial's loader would give."""
    documents = []
    for doc in load_knowledge(knowledge_dir):
        path = knowledge_dir / doc.original.source_file
        documents.append(Document(page_content=path.read_text(encoding="utf-8"), metadata={"source": str(path)}))
    return documents


def score_tutorial(tutorial: TutorialPipeline, facts: list[Question], everything: list[Question], rounds: int) -> Scores:
    evidence1 = evidence4 = 0
    lengths: list[int] = []
    for q in facts:
        chunks = tutorial.retrieve(q.text)
        evidence1 += holds_evidence(chunks[0], q.evidence)
        evidence4 += any(holds_evidence(c, q.evidence) for c in chunks)
        lengths += [len(c) for c in chunks]
    latency = warm_latencies(tutorial.retrieve, everything, rounds)
    return Scores("LangChain tutorial (1000/200 chunks, top-4)", evidence1, evidence4, len(facts), median(lengths),
                  percentile(latency, 50), "retrieval (no LLM)")


def score_ours(assistant, facts: list[Question], everything: list[Question], rounds: int) -> tuple[Scores, Scores]:
    evidence1 = evidence4 = top1 = 0
    lengths: list[int] = []
    hit_lengths: list[int] = []
    for q in facts:
        reply = assistant.ask(q.text)
        evidence1 += bool(reply.citations) and holds_evidence(reply.citations[0].passage, q.evidence)
        lengths += [len(c.passage) for c in reply.citations]
        hits = assistant.retriever.search(q.text)
        top1 += bool(hits) and holds_evidence(hits[0].passage.original.text, q.evidence)
        evidence4 += any(holds_evidence(h.passage.original.text, q.evidence) for h in hits[:TOP_K])
        hit_lengths += [len(h.passage.original.text) for h in hits[:TOP_K]]
    answer = warm_latencies(assistant.ask, everything, rounds)
    retrieve = warm_latencies(assistant.retriever.search, everything, rounds)
    full = Scores("ours: answer (first citation; cited passages)", evidence1, evidence4, len(facts), median(lengths),
                  percentile(answer, 50), "full answer (Assistant.ask)")
    retrieval = Scores("ours: retrieval only (top hit; top-4 hits)", top1, evidence4, len(facts), median(hit_lengths),
                       percentile(retrieve, 50), "retrieval (HybridRetriever.search)")
    return full, retrieval


def warm_latencies(function, questions: list[Question], rounds: int) -> list[float]:
    for q in questions:
        function(q.text)
    return [timed(function, q.text)[1] for _ in range(rounds) for q in questions]


def table(rows: list[Scores]) -> str:
    lines = ["| pipeline | evidence@1 | evidence@4 | median cited-passage length (chars) | latency p50 ms | latency measured |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.name} | {r.evidence1}/{r.questions} | {r.evidence4}/{r.questions} | {r.cited_length:.0f} | "
                     f"{r.latency_p50_ms:.1f} | {r.latency_what} |")
    return "\n".join(lines)


def ratios(ours: Scores, tutorial: Scores) -> str:
    evidence = f"{ours.evidence1 / tutorial.evidence1:.2f}×" if tutorial.evidence1 else "∞ (tutorial 0)"
    return (f"Ratios, {ours.name} ÷ tutorial: evidence@1 {evidence}; cited-passage length "
            f"{ours.cited_length / tutorial.cited_length:.2f}×; latency p50 {ours.latency_p50_ms / tutorial.latency_p50_ms:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.environ.get("AMF_BOT_EMBEDDING_MODEL", "e5-small"))
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds over the dev set for latency")
    add_dev_set_argument(parser)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    work = Path(tempfile.mkdtemp(prefix="amf-compare-"))
    try:
        settings = Settings(embedding_model=args.model, index_dir=work / "ours", collection="compare", query_cache=0)
        build_index(settings)
        assistant = make_assistant(settings)
        tutorial = TutorialPipeline(settings.knowledge_dir, make_embedder(settings), work / "tutorial")
        facts, everything = fact_questions(args.dev_set), load_questions(args.dev_set)
        full, retrieval = score_ours(assistant, facts, everything, args.rounds)
        baseline = score_tutorial(tutorial, facts, everything, args.rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = machine()
    print(f"Machine: {info['cores']} cores, {info['memory']} RAM, {info['cpu']}, Python {info['python']}, "
          f"torch {info['torch']}; embedder={args.model}; tutorial over the original French file only "
          f"({len(tutorial.chunks)} chunks); ours over the original + aligned translations\n")
    print(table([full, retrieval, baseline]))
    print()
    print(ratios(full, baseline))
    print(ratios(retrieval, baseline))
    return 0


if __name__ == "__main__":
    sys.exit(main())
