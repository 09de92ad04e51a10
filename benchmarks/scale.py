"""Cost of the assistant as the knowledge base grows: build, re-index, latency, memory, disk, evidence@1.

    .venv/bin/python benchmarks/scale.py --sizes 0 1000 10000 100000 [--store local|server] [--model e5-small]

Each size runs in its own process (clean peak memory, fresh index under --work-dir): the real
knowledge base is indexed first (fresh embeddings: the build rate and the unchanged re-index time),
then N synthetic passages are added around it (their vectors come from an on-disk cache under the
settings' cache_dir when an earlier run computed them), and the dev set is asked warm.
Prints a Markdown table (and writes the raw figures as JSON lines with --json-out).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from common import (CachedEmbeddings, Question, add_dev_set_argument, dir_size_mb, fact_questions, server_peak_rss_mb,
                    holds_evidence, load_questions, machine, median, peak_rss_mb, percentile, timed)
from synthetic import synthetic_passages

from bot.answering.calibration import Calibrator
from bot.answering.extractive import ExtractiveAnswerer
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the shared test support
from support.chroma_server import LocalChromaServer
from bot.ingest.chunking import chunk_documents
from bot.core.settings import Settings
from bot.embedders.registry import make_embedder
from bot.ingest.knowledge import load_knowledge
from bot.answering.assistant import Assistant
from bot.retrieval.hybrid import HybridRetriever, PassageIndex
from bot.retrieval.saved import SavedIndex
from bot.store.chroma import PassageStore

SAVED = (SavedIndex(),)  # what `amf-bot index` saves with each generation


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- one size, in its own process --------------------------------------------------------------------


def run_size(size: int, args: argparse.Namespace) -> dict:
    folder = args.work_dir / f"{args.store}-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    server = LocalChromaServer(folder / "chroma") if args.store == "server" else nullcontext()
    with server as running:
        settings = bench_settings(args, folder, running)
        result = measure(size, settings, args)
        result["disk_mb"] = round(dir_size_mb(folder / ("chroma" if running else "index")), 1)
        if running:
            result["server_peak_rss_mb"] = round(server_peak_rss_mb(running))
    result["peak_rss_mb"] = round(peak_rss_mb())
    return result


def bench_settings(args: argparse.Namespace, folder: Path, server: LocalChromaServer | None) -> Settings:
    common = dict(embedding_model=args.model, collection="bench", index_dir=folder / "index", query_cache=0)
    if server:
        return Settings(store="server", chroma_host="127.0.0.1", chroma_port=server.port, **common)
    return Settings(store="local", **common)


def measure(size: int, settings: Settings, args: argparse.Namespace) -> dict:
    embedder = make_embedder(settings)
    documents = load_knowledge(settings.knowledge_dir)
    kb = chunk_documents(documents)
    store = PassageStore(settings, embedder)

    log(f"size {size}: indexing the real knowledge base (fresh embeddings)")
    kb_summary = store.sync(kb, documents=len(documents), derived=SAVED)
    kb_records = kb_summary.added
    kb_reindex = store.sync(kb, documents=len(documents), derived=SAVED)

    cached = CachedEmbeddings(embedder, settings.cache_dir / "bench-vectors")
    cached_store = PassageStore(settings, cached)
    synthetic = synthetic_passages(size, args.seed)
    log(f"size {size}: adding {size} synthetic passages (cache {cached.path})")
    started = time.perf_counter()
    build = cached_store.sync(kb + synthetic, documents=len(documents) + 1, progress=progress_logger(size),
                              derived=SAVED)
    build_s = time.perf_counter() - started
    full_reindex = cached_store.sync(kb + synthetic, documents=len(documents) + 1, derived=SAVED)

    store = PassageStore(settings, embedder)  # a reader that has loaded nothing yet
    index = PassageIndex(store)
    _, load_ms = timed(index.current)
    retriever = HybridRetriever(store=store, embedder=embedder, index=index, k=settings.top_k)

    def state():
        current = index.current()
        return current.version, current.passages.values(), current.vocabulary

    calibration = Calibrator(settings.index_dir / "calibration.json", retriever, state, settings.embedding_model)
    assistant = Assistant(retriever, ExtractiveAnswerer(calibration=calibration, vocabulary=lambda: index.current().vocabulary),
                          settings.max_question_chars)
    log(f"size {size}: calibrating the refusal threshold")
    _, calibration_ms = timed(calibration)
    log(f"size {size}: asking the dev set ({args.rounds} warm rounds)")
    return {
        "size": size,
        "records": kb_records + build.added,
        "kb_records": kb_records,
        "kb_build_s": round(kb_summary.seconds, 2),
        "kb_embed_rate": round(kb_records / kb_summary.seconds, 1),
        "kb_reindex_s": round(kb_reindex.seconds, 3),
        "build_s": round(build_s, 1),
        "build_rate": round(build.added / build_s, 1) if build_s and build.added else None,
        "from_cache": cached.hits,
        "computed": cached.computed,
        "embed_rate": round(cached.computed / cached.compute_seconds, 1) if cached.computed else None,
        "full_reindex_s": round(full_reindex.seconds, 2),
        "index_load_s": round(load_ms / 1000, 2),
        "calibration_s": round(calibration_ms / 1000, 1),
        **latencies(assistant, load_questions(args.dev_set), args.rounds),
        **profile(assistant, load_questions(args.dev_set)),
        **evidence(assistant, fact_questions(args.dev_set)),
    }


def progress_logger(size: int):
    last = [0.0]

    def report(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 30 or done == total:
            last[0] = time.monotonic()
            log(f"size {size}: stored {done}/{total} new records")

    return report


def latencies(assistant: Assistant, questions: list[Question], rounds: int) -> dict:
    for q in questions:  # warm-up: models, language identifier, caches
        assistant.ask(q.text)
    retrieve, answer = [], []
    for _ in range(rounds):
        for q in questions:
            retrieve.append(timed(assistant.retriever.search, q.text)[1])
            answer.append(timed(assistant.ask, q.text)[1])
    return {"retrieve_p50_ms": round(percentile(retrieve, 50), 1), "retrieve_p95_ms": round(percentile(retrieve, 95), 1),
            "answer_p50_ms": round(percentile(answer, 50), 1), "answer_p95_ms": round(percentile(answer, 95), 1)}


def profile(assistant: Assistant, questions: list[Question]) -> dict:
    """Median cost of each retrieval step, measured one by one on the same questions."""
    retriever = assistant.retriever
    index = retriever.index.current()
    embed, chroma, bm25 = [], [], []
    for q in questions:
        vector, ms = timed(retriever.embedder.embed_query, q.text)
        embed.append(ms)
        chroma.append(timed(retriever.store.dense_search, vector, retriever.dense_candidates)[1])
        bm25.append(timed(lambda text: index.bm25.rank(text, tags={q.language, "original"}).top(20), q.text)[1])
    return {"embed_query_ms": round(median(embed), 1), "chroma_ms": round(median(chroma), 1),
            "bm25_ms": round(median(bm25), 1)}


def evidence(assistant: Assistant, questions: list[Question]) -> dict:
    top1 = top4 = cited1 = answered = 0
    for q in questions:
        hits = assistant.retriever.search(q.text)
        top1 += bool(hits) and holds_evidence(hits[0].passage.original.text, q.evidence)
        top4 += any(holds_evidence(h.passage.original.text, q.evidence) for h in hits[:4])
        reply = assistant.ask(q.text)
        answered += reply.status == "answered"
        cited1 += bool(reply.citations) and holds_evidence(reply.citations[0].passage, q.evidence)
    n = len(questions)
    return {"questions": n, "evidence1_top_hit": top1, "evidence4_top_hits": top4,
            "evidence1_first_citation": cited1, "answered": answered}


def fill_cache(size: int, args: argparse.Namespace) -> None:
    """Embed the synthetic corpus into the vector cache only (resumable: cached texts are skipped)."""
    settings = Settings(embedding_model=args.model)
    cached = CachedEmbeddings(make_embedder(settings), settings.cache_dir / "bench-vectors")
    texts = [p.original.text for p in synthetic_passages(size, args.seed)]
    batch = settings.embedding_batch_size * 4
    for start in range(0, len(texts), batch):
        cached.embed_documents(texts[start:start + batch])
        if start // batch % 20 == 0:
            rate = cached.computed / cached.compute_seconds if cached.compute_seconds else 0
            log(f"cache fill: {start + batch}/{len(texts)}, computed {cached.computed} at {rate:.1f} passages/s")
    rate = cached.computed / cached.compute_seconds if cached.compute_seconds else 0
    log(f"cache fill done: {len(texts)} texts, {cached.hits} cached, {cached.computed} computed at {rate:.1f} passages/s")


# --- the table ---------------------------------------------------------------------------------------


def table(results: list[dict], store: str) -> str:
    head = ("| synthetic passages | records | build s (new records) | records/s | vectors from cache | "
            "re-index unchanged KB s | re-index unchanged all s | index load s | retrieve p50 / p95 ms | "
            "answer p50 / p95 ms | peak RSS MB | disk MB | evidence@1 top hit | evidence@1 first citation | evidence@4 |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        n = r["questions"]
        cache = f"{r['from_cache']} (computed {r['computed']})"
        rss = f"{r['peak_rss_mb']}" + (f" + server {r['server_peak_rss_mb']}" if store == "server" else "")
        lines.append(
            f"| {r['size']:,} | {r['records']:,} | {r['build_s']} | {r['build_rate'] or '–'} | {cache} | "
            f"{r['kb_reindex_s']} | {r['full_reindex_s']} | {r['index_load_s']} | "
            f"{r['retrieve_p50_ms']} / {r['retrieve_p95_ms']} | {r['answer_p50_ms']} / {r['answer_p95_ms']} | "
            f"{rss} | {r['disk_mb']} | {r['evidence1_top_hit']}/{n} | {r['evidence1_first_citation']}/{n} | "
            f"{r['evidence4_top_hits']}/{n} |")
    return "\n".join(lines)


def profile_table(results: list[dict]) -> str:
    lines = ["| synthetic passages | KB embedding rate (fresh) passages/s | synthetic embedding rate passages/s | "
             "question embedding ms | Chroma query ms | BM25 ms | answer p50 − (embedding + Chroma + BM25) ms |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        rest = r["answer_p50_ms"] - r["embed_query_ms"] - r["chroma_ms"] - r["bm25_ms"]
        lines.append(f"| {r['size']:,} | {r['kb_embed_rate']} | {r['embed_rate'] or 'cached'} | {r['embed_query_ms']} | "
                     f"{r['chroma_ms']} | {r['bm25_ms']} | {rest:.1f} |")
    return "\n".join(lines)


# --- entry point -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000], help="synthetic passages added")
    parser.add_argument("--store", choices=["local", "server"], default="local", help="Chroma client")
    parser.add_argument("--model", default=os.environ.get("AMF_BOT_EMBEDDING_MODEL", "e5-small"),
                        help="embedding model (as AMF_BOT_EMBEDDING_MODEL)")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds over the dev set for latency")
    add_dev_set_argument(parser)
    parser.add_argument("--seed", type=int, default=20240501, help="seed of the synthetic corpus")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/amf-bench"), help="indexes are built here")
    parser.add_argument("--json-out", type=Path, help="append the raw figures as JSON lines")
    parser.add_argument("--fill-cache", action="store_true", help="only embed the largest size's synthetic corpus into the cache")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_in_child(size: int, argv: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, *argv, "--one-size", str(size)],
                          stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if args.fill_cache:
        fill_cache(max(args.sizes), args)
        return 0
    if args.one_size is not None:
        print(json.dumps(run_size(args.one_size, args)), flush=True)
        return 0
    info = machine()
    results = []
    for size in args.sizes:
        result = {**run_in_child(size, argv), "store": args.store, "model": args.model, **info}
        results.append(result)
        log(f"size {size}: {json.dumps(result)}")
        if args.json_out:
            with args.json_out.open("a") as out:
                out.write(json.dumps(result) + "\n")
    print(f"Machine: {info['cores']} cores, {info['memory']} RAM, {info['cpu']}, Python {info['python']}, "
          f"torch {info['torch']}; store={args.store}, embedder={args.model}\n")
    print(table(results, args.store))
    print()
    print(profile_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
