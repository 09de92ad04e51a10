"""The last index run's report, `<index_dir>/last-run.json`, for the operator and the staff page.

Every index run (`amf-bot index`, the app's start, the staff page's refresh) replaces it atomically:

    {"started": "<ISO-8601 UTC>", "finished": "<ISO-8601 UTC>", "ok": true|false,
     "files": [{"file": "<path relative to the knowledge folder>",
                "status": "added"|"updated"|"unchanged"|"removed"|"failed"|"skipped",
                "reason": "<plain words>"|null, "passages": <int>}]}

`read_last_run` gives it back typed, or None when there is none or it cannot be read. File names
are stored as they are; `printable` escapes them (and reasons) for a terminal or a log line, so a
name holding a newline or a terminal escape cannot forge a line of the report.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, get_args

from bot.core.files import write_atomically

LAST_RUN_FILE = "last-run.json"

Status = Literal["added", "updated", "unchanged", "removed", "failed", "skipped"]
STATUSES: tuple[str, ...] = get_args(Status)


@dataclass(frozen=True)
class FileOutcome:
    file: str  # relative to the knowledge folder (a document folder for the folder format)
    status: Status
    reason: str | None = None
    passages: int = 0  # passages of the file in the index after the run


@dataclass(frozen=True)
class LastRun:
    started: str  # ISO-8601, UTC
    finished: str
    ok: bool
    files: list[FileOutcome] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_last_run(index_dir: Path, run: LastRun) -> Path:
    """Replace `<index_dir>/last-run.json` in one rename: a reader sees the previous report or this one."""
    index_dir.mkdir(parents=True, exist_ok=True)
    target = index_dir / LAST_RUN_FILE
    write_atomically(target, json.dumps(run.to_dict(), ensure_ascii=False, indent=1))
    return target


def read_last_run(index_dir: Path) -> LastRun | None:
    """The last run's report, or None when there is none yet or it is not a valid report."""
    try:
        data = json.loads((index_dir / LAST_RUN_FILE).read_text(encoding="utf-8"))
        files = [_file_outcome(item) for item in data["files"]]
        if not all(isinstance(data[key], str) for key in ("started", "finished")) or not isinstance(data["ok"], bool):
            return None
        return LastRun(data["started"], data["finished"], data["ok"], files)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _file_outcome(item: dict) -> FileOutcome:
    file, status, reason, passages = item["file"], item["status"], item["reason"], item["passages"]
    if (not isinstance(file, str) or status not in STATUSES or not (reason is None or isinstance(reason, str))
            or not isinstance(passages, int) or isinstance(passages, bool)):
        raise ValueError(f"not a file outcome: {item!r}")
    return FileOutcome(file, status, reason, passages)


def printable(text: str) -> str:
    """`text` on one line: control, format and separator characters (newlines, escapes, bidi marks)
    and backslashes written as Python escapes, like repr() without the quotes."""
    return "".join(ch if ch.isprintable() and ch != "\\" else repr(ch)[1:-1] for ch in text)
