"""Shared pieces of the benchmarks: dev set and evidence check, vector cache, measurements, Chroma server."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the shared test support
from support.chroma_server import LocalChromaServer

DEV_SET = REPO / "tests" / "eval" / "dev.jsonl"
"""The repository's dev set; every benchmark takes another one with `--dev-set`."""


def add_dev_set_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dev-set", type=Path, default=DEV_SET,
                        help=f"dev set (JSON lines; default {DEV_SET.relative_to(REPO)})")


# --- dev set -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    language: str
    text: str
    evidence: str


def load_questions(path: Path = DEV_SET) -> list[Question]:
    """Every question of the dev set (for latency), in file order."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Question(r["id"], r["lang"], r["q"], r.get("evidence", "")) for r in rows if r["q"].strip()]


def fact_questions(path: Path = DEV_SET) -> list[Question]:
    """The questions that must be answered, with the snippet their gold passage holds."""
    return [q for q in load_questions(path) if q.evidence]


def fold(text: str) -> str:
    """Accents and case folded, dashes and apostrophes as spaces (as the dev-set scorer does)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[-‐‑–—_’'`]", " ", text)
    return re.sub(r"\s+", " ", text)


def holds_evidence(passage: str, evidence: str) -> bool:
    return fold(evidence) in fold(passage)


# --- measurements ------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of another running process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def timed(function, *args):
    """(result, milliseconds)."""
    started = time.perf_counter()
    result = function(*args)
    return result, (time.perf_counter() - started) * 1000


def machine() -> dict[str, str]:
    import torch

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    return {"cores": str(os.cpu_count()), "memory": memory, "cpu": cpu, "python": platform.python_version(),
            "torch": torch.__version__}


# --- vector cache ------------------------------------------------------------------------------------


class CachedEmbeddings(Embeddings):
    """Passage vectors kept on disk, keyed by model name and text hash; queries are never cached.

    Wraps the real embedder and keeps its `name`, so the store's content hashes are unchanged.
    Counts what came from the cache and what was computed (with the time spent computing).
    """

    def __init__(self, embedder: Embeddings, cache_dir: Path):
        self.embedder = embedder
        self.name = getattr(embedder, "name", type(embedder).__name__)
        cache_dir.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^\w.-]+", "_", self.name)
        self.path = cache_dir / f"{slug}.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        self.hits = 0
        self.computed = 0
        self.compute_seconds = 0.0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\x1f{text}".encode()).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [self._key(t) for t in texts]
        found = self._lookup(keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            started = time.perf_counter()
            vectors = self.embedder.embed_documents([texts[i] for i in missing])
            self.compute_seconds += time.perf_counter() - started
            rows = [(keys[i], np.asarray(v, dtype=np.float32).tobytes()) for i, v in zip(missing, vectors)]
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            self.db.commit()
            found.update({key: np.frombuffer(blob, dtype=np.float32) for key, blob in rows})
        self.hits += len(texts) - len(missing)
        self.computed += len(missing)
        return [found[key].tolist() for key in keys]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):
            part = unique[i:i + 500]
            marks = ",".join("?" * len(part))
            for key, blob in self.db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found


# --- Chroma server -----------------------------------------------------------------------------------


def server_peak_rss_mb(server: LocalChromaServer) -> float:
    return process_peak_rss_mb(server.process.pid)
