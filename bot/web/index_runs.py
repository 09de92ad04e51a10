"""The last index run, as the staff page shows it: read from `<index_dir>/last-run.json`, tolerantly.

The file is written after each index run:
`{"started": ISO, "finished": ISO, "ok": bool, "files": [{"file", "status", "reason", "passages"}]}` with a
status among added, updated, unchanged, removed, failed, skipped. A missing file means no run was
recorded; a damaged one, or missing fields, are said, never raised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.ingest.run_report import LAST_RUN_FILE as LAST_RUN, STATUSES  # the one definition of the file and its statuses


@dataclass(frozen=True)
class FileOutcome:
    file: str
    status: str
    reason: str
    passages: int | None


@dataclass(frozen=True)
class LastRun:
    started: str = ""
    finished: str = ""
    ok: bool | None = None
    files: list[FileOutcome] = field(default_factory=list)
    problem: str = ""  # why the record could not be read ("" when it could)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def read_last_run(index_dir: Path | None) -> LastRun | None:
    """The last run recorded in `index_dir`, None when there is none."""
    if index_dir is None:
        return None
    path = Path(index_dir) / LAST_RUN
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return LastRun(problem=f"{path} cannot be read ({type(exc).__name__})")
    if not isinstance(data, dict):
        return LastRun(problem=f"{path} does not hold a run record")
    files = [_outcome(item) for item in data.get("files") or [] if isinstance(item, dict)]
    ok = data.get("ok")
    return LastRun(started=_text(data.get("started")), finished=_text(data.get("finished")),
                   ok=ok if isinstance(ok, bool) else None, files=files)


def _outcome(item: dict) -> FileOutcome:
    status = _text(item.get("status"))
    passages = item.get("passages")
    return FileOutcome(file=_text(item.get("file")), status=status if status in STATUSES else status or "?",
                       reason=_text(item.get("reason")),
                       passages=passages if isinstance(passages, int) and not isinstance(passages, bool) else None)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
