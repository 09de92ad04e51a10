"""Visitors' thumbs up/down on answers, kept in a small SQLite file and exported as CSV or JSON lines.

A visitor changing their mind on one answer (thumbs up, then down) leaves one vote, the last one.
Exported CSV cells that a spreadsheet would run as a formula are written as text (`bot.records.export`).
Votes keep the question's text, so they follow the question log's retention: older ones are purged
and never exported. A vote that cannot be stored (damaged file, full disk) is reported to `health`
(one log line per change of state, a warning on the staff page); the visitor's chat goes on.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from bot.core.errors import BotError
from bot.core.health import HEALTH, Health
from bot.records.export import ExportFormat, stored_text, write_rows

COLUMNS = ("time", "question", "answer", "citations", "language", "status", "vote", "reason")
# Why a thumbs-down: one of these, then the visitor's words if any ("incomplete: the 2024 visits are missing").
REASONS = ("wrong", "incomplete", "language", "other")

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
# Added later: which answer a vote is about (NULL for votes recorded before), one vote per answer.
_ANSWER_ID = "answer_id"
_ONE_VOTE_PER_ANSWER = (f"CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote ON feedback ({_ANSWER_ID}) "
                        f"WHERE {_ANSWER_ID} IS NOT NULL")
_PURGE_EVERY = 50  # votes between two purges of expired ones


class FeedbackStore:
    """One row per vote; the file and its folder are created on first use."""

    PART = "feedback"

    def __init__(self, path: Path, retention_days: int = 180, health: Health = HEALTH):
        self.path = Path(path)
        self.retention_days = retention_days
        self.health = health
        self._votes = 0
        self._count_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        # A connection per operation: the web app calls in from several worker threads.
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path)
            connection.execute(_SCHEMA)
            present = {row[1] for row in connection.execute("PRAGMA table_info(feedback)")}
            for added in (_ANSWER_ID, "reason"):  # columns added later
                if added not in present:
                    try:
                        connection.execute(f"ALTER TABLE feedback ADD COLUMN {added} TEXT")
                    except sqlite3.OperationalError as exc:  # another connection added it meanwhile
                        if "duplicate column" not in str(exc):
                            raise
            connection.execute(_ONE_VOTE_PER_ANSWER)
        except (OSError, sqlite3.Error) as exc:
            raise BotError(f"the feedback database {self.path} cannot be used ({exc}); if it is damaged, "
                           "move it aside: a new one is created on the next vote") from exc
        return connection

    def record(self, *, question: str, answer: str, citations: list[dict], language: str, status: str,
               vote: int, answer_id: str | None = None, reason: str | None = None) -> bool:
        """Store a vote (a later vote on the same `answer_id` replaces the earlier one, and its reason); False when
        it failed."""
        if vote not in (1, -1):
            raise ValueError(f"vote must be +1 or -1, not {vote!r}")
        reason = reason_text(reason) if vote == -1 else None
        row = (_utc_now(), stored_text(question), stored_text(answer), json.dumps(citations, ensure_ascii=False),
               language, status, vote, reason, answer_id)
        columns = ", ".join((*COLUMNS, _ANSWER_ID))
        try:
            with closing(self._connect()) as connection, connection:
                connection.execute(f"INSERT INTO feedback ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   f"ON CONFLICT ({_ANSWER_ID}) WHERE {_ANSWER_ID} IS NOT NULL "
                                   "DO UPDATE SET time = excluded.time, vote = excluded.vote, reason = excluded.reason",
                                   row)
                if self._due_for_purge():
                    connection.execute("DELETE FROM feedback WHERE time < ?", (self._cutoff(),))
        except (BotError, sqlite3.Error, OSError) as exc:
            self.health.report(self.PART, f"votes cannot be stored: {exc}")
            return False
        self.health.ok(self.PART)
        return True

    def purge(self) -> int:
        """Delete the votes older than the retention period; returns how many went."""
        if not self.path.exists():
            return 0
        with closing(self._connect()) as connection, connection:
            return connection.execute("DELETE FROM feedback WHERE time < ?", (self._cutoff(),)).rowcount

    def _cutoff(self) -> str:
        return (datetime.now(timezone.utc) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")

    def _due_for_purge(self) -> bool:
        with self._count_lock:
            self._votes += 1
            return self._votes % _PURGE_EVERY == 1

    def rows(self) -> list[dict]:
        """Every vote, oldest first, with its citations decoded."""
        with closing(self._connect()) as connection:
            try:
                cursor = connection.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback WHERE time >= ? ORDER BY id",
                                            (self._cutoff(),))
                return [{**dict(zip(COLUMNS, values)), "citations": json.loads(values[3])} for values in cursor]
            except (sqlite3.Error, ValueError) as exc:
                raise BotError(f"the feedback database {self.path} cannot be read ({exc}); if it is damaged, "
                               "move it aside and restore it from a backup") from exc

    def export(self, out: TextIO, fmt: ExportFormat) -> int:
        """Write every vote to `out` as CSV (citations as a JSON string) or JSON lines; returns the count."""
        return write_rows(out, self.rows(), COLUMNS, fmt)


def reason_text(reason: str | None, limit: int = 500) -> str | None:
    """A thumbs-down reason as stored: a known reason first ("wrong", "incomplete: …"), the visitor's words cut to
    `limit`; anything else is "other: …"."""
    if not reason or not reason.strip():
        return None
    kind, _, words = reason.partition(":")
    kind = kind.strip()
    if kind not in REASONS:
        kind, words = "other", reason
    words = " ".join(words.split())[:limit]
    return f"{kind}: {words}" if words else kind


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
