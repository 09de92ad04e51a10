"""Cold start and index build on the real knowledge base, with the machine's load and the CPU used.

    .venv/bin/python benchmarks/cold_start.py [--runs 3] [--work-dir /tmp/amf-cold] [--cache-dir DIR]

Builds knowledge/ into a fresh index `--runs` times (`python -m bot index`, the index folder removed
first: entries/second as the command reports it, for the sync with its calibration and saved index),
then runs a cold `python -m bot ask` `--runs` times (a new process each, the index built). Each run
gives its wall time, its user + sys CPU seconds (steadier than wall time on a shared machine), its peak
memory and the 1-minute load average before it; the medians close the table. The cache folder
(`--cache-dir`, else the configured one) keeps the model, the unpacked language identifier and the
calibration probes' vectors, as on a machine that has indexed before.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Quels pays ont coopéré avec l'AMF ?"
RATE = re.compile(r"\((\d+) entries\).* in ([0-9.]+) s;")


def run(command: list[str], env: dict[str, str]) -> tuple[str, float, float, float]:
    """(stdout and stderr, wall seconds, user + sys CPU seconds, peak resident MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 2):  # 2: the question was refused, still a full answer
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{output}")
    return output, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/amf-cold"))
    parser.add_argument("--cache-dir", type=Path, help="AMF_BOT_CACHE_DIR for the runs (default: the configured one)")
    parser.add_argument("--question", default=QUESTION)
    args = parser.parse_args()
    index = args.work_dir / "index"
    env = {**os.environ, "AMF_BOT_INDEX_DIR": str(index), "PYTHONPATH": str(REPO)}
    if args.cache_dir:
        env["AMF_BOT_CACHE_DIR"] = str(args.cache_dir)
    rows = []
    for i in range(args.runs):
        shutil.rmtree(index, ignore_errors=True)
        load = os.getloadavg()[0]
        output, wall, cpu, peak = run([sys.executable, "-m", "bot", "index"], env)
        entries, seconds = RATE.search(output).groups()
        rows.append(("index", i + 1, load, wall, cpu, peak, f"{int(entries) / float(seconds):.1f} entries/s"))
    for i in range(args.runs):
        load = os.getloadavg()[0]
        _, wall, cpu, peak = run([sys.executable, "-m", "bot", "ask", args.question], env)
        rows.append(("ask", i + 1, load, wall, cpu, peak, ""))
    print("| command | run | load (1 min) | wall s | user + sys s | peak MB | rate |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for command, i, load, wall, cpu, peak, rate in rows:
        print(f"| {command} | {i} | {load:.2f} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {rate} |")
    for command in ("index", "ask"):
        mine = [r for r in rows if r[0] == command]
        rates = [float(r[6].split()[0]) for r in mine if r[6]]
        print(f"| {command} | median | {statistics.median(r[2] for r in mine):.2f} | "
              f"{statistics.median(r[3] for r in mine):.2f} | {statistics.median(r[4] for r in mine):.2f} | "
              f"{statistics.median(r[5] for r in mine):.0f} | "
              f"{f'{statistics.median(rates):.1f} entries/s' if rates else ''} |")


if __name__ == "__main__":
    main()
