"""The question log: every visitor question and its outcome, for AMF staff to review.

Kept in `data/questions.sqlite3` next to the feedback: time, question, language, status, mode,
cited passage ids, the validated answer served if any, and the visitor's thumbs when given (with the
reason of a thumbs-down).
No IP address, session or other personal data is stored; control characters are stripped before
storing. Entries older than the retention period are purged as new ones come in, and never read or
exported, whether the log is on or off (turning it off stops new entries, the old ones still expire).
Write-ahead logging and a connection per call let concurrent visitors write without losing entries.

Logging never costs an answer: a log that cannot be written (damaged file, full disk) reports to
`health` (one log line per change of state, a warning on the staff page) and the visitor is answered.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from bot.core.errors import BotError
from bot.core.health import HEALTH, Health
from bot.core.models import Answer
from bot.records.export import stored_text, write_rows

COLUMNS = ("id", "time", "question", "language", "status", "mode", "passages", "validated", "vote", "reason")
_PURGE_EVERY = 200  # inserts between two purges of expired entries

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    passages TEXT NOT NULL,
    validated TEXT,
    vote INTEGER CHECK (vote IN (-1, 1))
);
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
"""


@dataclass(frozen=True)
class QuestionFilter:
    """What the staff page shows: by language, status, dates (ISO, inclusive) and the queue only."""

    language: str = ""
    status: str = ""
    since: str = ""
    until: str = ""
    queue_only: bool = False  # not_found answers and thumbs-down
    limit: int = 200


class QuestionLog:
    """Append-only log of questions; `enabled=False` stops new entries (the old ones still expire)."""

    PART = "question log"

    def __init__(self, path: Path, retention_days: int = 180, enabled: bool = True, health: Health = HEALTH):
        self.path = Path(path)
        self.retention_days = retention_days
        self.enabled = enabled
        self.health = health
        self._inserts = 0
        self._count_lock = threading.Lock()
        self._prepared = False
        self._prepare_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self._prepare()
        return sqlite3.connect(self.path, timeout=30)

    def _prepare(self) -> None:
        """Write-ahead logging and the table, once: connections switching a new file's journal mode at the
        same moment fail with "database is locked" (the busy timeout does not cover it)."""
        if self._prepared:
            return
        with self._prepare_lock:
            if self._prepared:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30)) as connection:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.executescript(_SCHEMA)
                if "reason" not in {row[1] for row in connection.execute("PRAGMA table_info(questions)")}:
                    connection.execute("ALTER TABLE questions ADD COLUMN reason TEXT")  # added later: why a thumbs-down
            self._prepared = True

    def record(self, answer: Answer, now: datetime | None = None) -> int | None:
        """Log one answered question; returns its id (for the vote), None when logging is off or failed."""
        if not self.enabled:
            if self._due_for_purge():  # off: no new entries, but the old ones still expire
                self._guarded(lambda: self.purge(now))
            return None
        passages = [c.location.get("passage_id") for c in answer.citations]
        validated = (answer.validated or {}).get("id")
        row = (_iso(now), stored_text(answer.question), answer.language, answer.status, answer.mode,
               json.dumps(passages, ensure_ascii=False), validated)

        def insert() -> int | None:
            with closing(self._connect()) as connection, connection:
                return connection.execute(
                    "INSERT INTO questions (time, question, language, status, mode, passages, validated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", row).lastrowid

        entry = self._guarded(insert)
        if entry is not None and self._due_for_purge():
            self._guarded(lambda: self.purge(now))
        return entry

    def attach_vote(self, entry: int | None, vote: int, reason: str | None = None) -> bool:
        """Record the visitor's thumbs (and the reason of a thumbs-down) on a logged question; False when there is
        no such entry (or it failed)."""
        if not self.enabled or entry is None or vote not in (1, -1):
            return False

        def update() -> bool:
            with closing(self._connect()) as connection, connection:
                return connection.execute("UPDATE questions SET vote = ?, reason = ? WHERE id = ?",
                                          (vote, stored_text(reason) if vote == -1 and reason else None,
                                           entry)).rowcount == 1

        return bool(self._guarded(update))

    def _guarded(self, write):
        """`write()`, or None when the log cannot be written: reported to `health`, never raised."""
        try:
            result = write()
        except (OSError, sqlite3.Error, ValueError) as exc:
            self.health.report(self.PART, f"{self.path} cannot be written ({exc}); visitors are answered but "
                                          "their questions are not logged (a damaged file: move it aside)")
            return None
        self.health.ok(self.PART)
        return result

    def purge(self, now: datetime | None = None) -> int:
        """Delete the entries older than the retention period; returns how many went."""
        if not self.path.exists():
            return 0
        with closing(self._connect()) as connection, connection:
            return connection.execute("DELETE FROM questions WHERE time < ?", (self._cutoff(now),)).rowcount

    def _cutoff(self, now: datetime | None = None) -> str:
        return _iso((now or datetime.now(timezone.utc)) - timedelta(days=self.retention_days))

    def _due_for_purge(self) -> bool:
        with self._count_lock:
            self._inserts += 1
            return self._inserts % _PURGE_EVERY == 1

    def rows(self, where: QuestionFilter | None = None) -> list[dict]:
        """Matching entries, newest first, passages decoded."""
        where = where or QuestionFilter()
        if not self.path.exists():
            return []
        clauses, values = ["time >= ?"], [self._cutoff()]  # expired entries are never shown or exported
        for column, value in (("language", where.language), ("status", where.status)):
            if value:
                clauses.append(f"{column} = ?")
                values.append(value)
        if where.since:
            clauses.append("time >= ?")
            values.append(where.since)
        if where.until:
            clauses.append("time < ?")
            values.append(_day_after(where.until))
        if where.queue_only:
            clauses.append("(status = 'not_found' OR vote = -1)")
        sql = f"SELECT {', '.join(COLUMNS)} FROM questions WHERE " + " AND ".join(clauses)
        sql += " ORDER BY id DESC LIMIT ?"
        values.append(max(1, int(where.limit)))
        try:
            with closing(self._connect()) as connection:
                return [{**dict(zip(COLUMNS, row)), "passages": json.loads(row[6])}
                        for row in connection.execute(sql, values)]
        except (OSError, sqlite3.Error, ValueError) as exc:
            raise BotError(f"the question log {self.path} cannot be read ({exc}); if it is damaged, move it "
                           "aside: a new one is started with the next question") from exc

    def export(self, out: TextIO, fmt: str, where: QuestionFilter | None = None) -> int:
        rows = self.rows(where or QuestionFilter(limit=1_000_000))
        if fmt == "csv":  # the cited passage ids as one readable cell
            rows = [{**row, "passages": " ".join(p for p in row["passages"] if p)} for row in rows]
        return write_rows(out, rows, COLUMNS, fmt)


def _iso(moment: datetime | None) -> str:
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def _day_after(day: str) -> str:
    """`until` is inclusive: entries before the next day's midnight."""
    try:
        return (datetime.fromisoformat(day[:10]) + timedelta(days=1)).date().isoformat()
    except ValueError:
        return day
