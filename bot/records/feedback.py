"""Visitors' thumbs up/down on answers, kept in a small SQLite file and exported as CSV or JSON lines."""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, TextIO

ExportFormat = Literal["csv", "jsonl"]

COLUMNS = ("time", "question", "answer", "citations", "language", "status", "vote")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
)
"""


class FeedbackStore:
    """One row per vote; the file and its folder are created on first use."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        # A connection per operation: the web app calls in from several worker threads.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path)
        connection.execute(_SCHEMA)
        return connection

    def record(self, *, question: str, answer: str, citations: list[dict], language: str, status: str,
               vote: int) -> None:
        if vote not in (1, -1):
            raise ValueError(f"vote must be +1 or -1, not {vote!r}")
        row = (_utc_now(), question, answer, json.dumps(citations, ensure_ascii=False), language, status, vote)
        with closing(self._connect()) as connection, connection:
            connection.execute(f"INSERT INTO feedback ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def rows(self) -> list[dict]:
        """Every vote, oldest first, with its citations decoded."""
        with closing(self._connect()) as connection:
            cursor = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
            return [{**dict(zip(COLUMNS, values)), "citations": json.loads(values[3])} for values in cursor]

    def export(self, out: TextIO, fmt: ExportFormat) -> int:
        """Write every vote to `out` as CSV (citations as a JSON string) or JSON lines; returns the count."""
        rows = self.rows()
        if fmt == "csv":
            _write_csv(out, rows)
        elif fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            raise ValueError(f"unknown export format {fmt!r}; allowed: csv, jsonl")
        return len(rows)


def _write_csv(out: TextIO, rows: list[dict]) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "citations": json.dumps(row["citations"], ensure_ascii=False)})


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
