"""The assistant on the real knowledge base: build, re-index, cold start, warm latency, memory.

    .venv/bin/python benchmarks/latency.py [--rounds 5] [--work-dir /tmp/amf-latency]

Builds a fresh index of knowledge/ with the default embedder (passages/second), re-indexes it
unchanged, times a cold `python -m bot ask --json` (a new process, the index already built), then
asks the dev set `--rounds` times in this process and reports warm latency p50/p95 (retrieval,
answer, total), then the wall time of questions not asked before (`--unseen-sets`, once each), and the
peak memory of this process. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV_SET = REPO / "tests" / "eval" / "dev.jsonl"
UNSEEN_SETS = [REPO / "tests" / "eval" / f"{name}.jsonl" for name in ("extra", "heldout", "heldout2")]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="warm passes over the dev set")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/amf-latency"))
    parser.add_argument("--dev-set", type=Path, default=DEV_SET, help="dev set (JSON lines; default tests/eval/dev.jsonl)")
    parser.add_argument("--model", default="e5-small", help="embedding model (e5-small, e5-small-torch, ...)")
    parser.add_argument("--unseen-sets", type=Path, nargs="*", default=UNSEEN_SETS,
                        help="questions asked once each after the rounds (default: the seed's other evaluation sets)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold `amf-bot ask` processes (median reported)")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.core.settings import Settings
    from bot.assembly import build_index, make_assistant

    shutil.rmtree(args.work_dir, ignore_errors=True)
    # query_cache=0: the rounds repeat the same questions, and the model's own cost is measured.
    settings = Settings(index_dir=args.work_dir / "index", data_dir=args.work_dir / "data", query_cache=0,
                        embedding_model=args.model)
    env = {**os.environ, "AMF_BOT_INDEX_DIR": str(settings.index_dir), "AMF_BOT_DATA_DIR": str(settings.data_dir),
           "AMF_BOT_EMBEDDING_MODEL": args.model}

    started = time.perf_counter()
    built = build_index(settings)
    build_s = time.perf_counter() - started
    entries = built.added
    started = time.perf_counter()
    build_index(settings)
    reindex_s = time.perf_counter() - started

    cold = []
    for _ in range(args.cold_runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "Qui a reçu le maire de Pretoria ?"],
                       env=env, check=True, capture_output=True)
        cold.append(time.perf_counter() - started)
    cold_s = statistics.median(cold)
    cold_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest of those processes

    assistant = make_assistant(settings)
    questions = [json.loads(line)["q"] for line in args.dev_set.read_text("utf-8").splitlines() if line.strip()]
    assistant.ask(questions[0])  # loads the model and the index: not part of the warm figures
    timings: dict[str, list[float]] = {"retrieve": [], "answer": [], "total": []}
    wall: list[float] = []
    for _ in range(args.rounds):
        for question in questions:
            started = time.perf_counter()
            reply = assistant.ask(question)
            wall.append((time.perf_counter() - started) * 1000)
            if reply.status != "rejected":
                for key in timings:
                    timings[key].append(reply.timings_ms[key])
    # The rounds repeat the dev set: what an answer remembers of a question (its words' token ids, the countries
    # it names…) is then found again. Questions this process has not met show the cost of a new question.
    unseen = list(dict.fromkeys(json.loads(line)["q"] for path in args.unseen_sets
                                for line in path.read_text("utf-8").splitlines() if line.strip()))
    unseen = [q for q in unseen if q.strip() and q not in questions]
    first_time: list[float] = []
    for question in unseen:
        started = time.perf_counter()
        assistant.ask(question)
        first_time.append((time.perf_counter() - started) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("index build (fresh, default embedder)", f"{build_s:.1f} s — {built.passages} passages, {entries} entries "
                                                   f"({entries / build_s:.1f} entries/s)"),
        ("re-index, unchanged", f"{reindex_s:.2f} s"),
        ("cold start to first answer (new process)", f"{cold_s:.2f} s (median of {len(cold)}: "
                                                     f"{', '.join(f'{c:.2f}' for c in cold)}), peak {cold_peak_mb:.0f} MB"),
        ("warm answer p50 / p95 (total)", f"{statistics.median(timings['total']):.1f} / {percentile(timings['total'], 0.95):.1f} ms"),
        ("warm retrieval p50 / p95", f"{statistics.median(timings['retrieve']):.1f} / {percentile(timings['retrieve'], 0.95):.1f} ms"),
        ("warm answer stage p50 / p95", f"{statistics.median(timings['answer']):.1f} / {percentile(timings['answer'], 0.95):.1f} ms"),
        ("wall time per ask p50 (incl. language detection)", f"{statistics.median(wall):.1f} ms"),
        (f"wall time per ask p50 / p95, {len(first_time)} questions not asked before",
         f"{statistics.median(first_time):.1f} / {percentile(first_time, 0.95):.1f} ms" if first_time else "—"),
        ("peak memory (this process)", f"{peak_mb:.0f} MB"),
        ("questions × rounds", f"{len(questions)} × {args.rounds}"),
    ]
    print(f"embedder {args.model}, load average {os.getloadavg()[0]:.2f}")
    print("| figure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
