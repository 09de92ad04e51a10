"""Load test: N concurrent clients asking the API of a locally started app, on each path in turn.

Starts `python app.py` on a free 127.0.0.1 port (its own index folder, the real model unless
--model says otherwise), waits until it serves, then for each `--path` (default: both, `rest` then
`gradio`, in the same app): `--clients` threads, each with its own client, share `--questions`
dev-set questions (cycled) and stop at `--max-seconds`. `rest` is the plain HTTP API (`POST
/api/ask`, one `httpx.Client` per thread, kept-alive connections); `gradio` the Gradio `ask` API
through its queue (one `gradio_client.Client` per thread). With `--unique` each path gets its own
distinct questions, so neither reuses the other's remembered vectors. Prints, per path, the errors,
p50/p95/max latency and throughput; the app is always stopped. Figures: docs/benchmarks.md.

    .venv/bin/python benchmarks/load.py --clients 16 --questions 200 --unique
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load_questions, machine, median, percentile  # noqa: E402
from support.chroma_server import free_loopback_port  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def start_app(port: int, index_dir: Path, model: str, concurrency: int) -> subprocess.Popen:
    env = {**os.environ, "AMF_BOT_PORT": str(port), "AMF_BOT_INDEX_DIR": str(index_dir),
           "AMF_BOT_DATA_DIR": str(index_dir / "data"), "AMF_BOT_EMBEDDING_MODEL": model,
           "AMF_BOT_CONCURRENCY_LIMIT": str(concurrency), "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, str(REPO / "app.py")], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def wait_until_serving(app: subprocess.Popen, port: int, timeout_s: float = 600) -> float:
    import httpx

    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if app.poll() is not None:
            raise SystemExit(f"the app stopped:\n{app.stdout.read()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/gradio_api/info", timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("the app did not start in time")


def gradio_asker(url: str):
    """One client of the Gradio `ask` API: a function asking it a question."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    return lambda question: client.predict(question, [], api_name="/ask")


def rest_asker(url: str):
    """One client of the plain HTTP API: a function asking it a question (a non-2xx status raises)."""
    import httpx

    client = httpx.Client(base_url=url, timeout=60)

    def ask(question: str) -> dict:
        response = client.post("/api/ask", json={"question": question})
        response.raise_for_status()
        return response.json()

    return ask


ASKERS = {"rest": rest_asker, "gradio": gradio_asker}


def run_clients(url: str, path: str, questions: list[str], clients: int, total: int, max_seconds: float) -> dict:
    pool = itertools.islice(itertools.cycle(questions), total)
    take = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + max_seconds

    def client_loop() -> None:
        ask = ASKERS[path](url)
        while time.monotonic() < deadline:
            with take:
                question = next(pool, None)
            if question is None:
                return
            started = time.perf_counter()
            try:
                reply = ask(question)
                if not isinstance(reply, dict) or not reply.get("notice") or reply.get("status") == "error":
                    errors.append(f"bad reply: {str(reply)[:120]}")
            except Exception as exc:  # noqa: BLE001 - counted, the load goes on
                errors.append(f"{type(exc).__name__}: {exc}"[:160])
            latencies.append(time.perf_counter() - started)

    started = time.monotonic()
    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {"asked": len(latencies), "errors": errors, "wall_s": wall, "latencies": latencies}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--questions", type=int, default=200, help="questions in all (the dev set, cycled)")
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--model", default="e5-small", help="embedding model of the app (e5-small, hash)")
    parser.add_argument("--concurrency", type=int, default=2, help="AMF_BOT_CONCURRENCY_LIMIT of the app")
    parser.add_argument("--unique", action="store_true",
                        help="make every question distinct (a number appended): no vector is remembered between them")
    parser.add_argument("--index-dir", type=Path, help="keep the app's index here between runs (default: a temporary one)")
    parser.add_argument("--path", choices=[*ASKERS, "both"], default="both",
                        help="the plain HTTP API (rest), the Gradio ask API (gradio), or both one after the other")
    args = parser.parse_args()

    paths = list(ASKERS) if args.path == "both" else [args.path]
    base = [q.text for q in load_questions()]
    port = free_loopback_port()
    results: dict[str, dict] = {}
    loads: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="amf-load-") as folder:
        app = start_app(port, args.index_dir or Path(folder), args.model, args.concurrency)
        try:
            ready_s = wait_until_serving(app, port)
            url = f"http://127.0.0.1:{port}/"
            for path in paths:
                questions = base
                if args.unique:  # distinct on each path too: no vector remembered from the path before
                    questions = [f"{q} ({path} {n})"
                                 for n, q in enumerate(itertools.islice(itertools.cycle(base), args.questions))]
                run_clients(url, path, [f"{q} ({path} warm-up)" for q in base[:4]], 2, 8, 60)  # not counted
                before = os.getloadavg()[0]
                results[path] = run_clients(url, path, questions, args.clients, args.questions, args.max_seconds)
                loads[path] = (before, os.getloadavg()[0])
        finally:
            app.terminate()
            try:
                app.wait(20)
            except subprocess.TimeoutExpired:
                app.kill()
    print(f"machine: {machine()}")
    print(f"app ready in {ready_s:.1f} s (index build and model load included); model {args.model}, "
          f"concurrency limit {args.concurrency}, {'distinct' if args.unique else 'dev-set (repeated)'} questions")
    for path, result in results.items():
        ms = [s * 1000 for s in result["latencies"]]
        print(f"[{path}] load average {loads[path][0]:.2f} → {loads[path][1]:.2f}; {args.clients} clients, "
              f"{result['asked']} questions in {result['wall_s']:.1f} s "
              f"({result['asked'] / result['wall_s']:.1f} questions/s), {len(result['errors'])} errors")
        if ms:
            print(f"[{path}] latency ms: p50 {median(ms):.0f}, p95 {percentile(ms, 95):.0f}, max {max(ms):.0f}")
        for error in result["errors"][:5]:
            print(f"[{path}]   error:", error)


if __name__ == "__main__":
    main()
