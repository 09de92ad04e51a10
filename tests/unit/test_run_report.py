"""The last index run's report (`<index_dir>/last-run.json`): written atomically in the agreed schema,
read back typed, None when absent or unreadable; names escaped for a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.ingest.run_report import LAST_RUN_FILE, FileOutcome, LastRun, printable, read_last_run, write_last_run

RUN = LastRun("2026-01-02T03:04:05+00:00", "2026-01-02T03:04:09+00:00", False, [
    FileOutcome("rapports/visite.pdf", "added", None, 12),
    FileOutcome("abîmé.pdf", "failed", "damaged or truncated PDF", 0),
    FileOutcome("tableau.xlsx", "skipped", "unsupported file type", 0),
])


def test_written_in_the_schema_and_read_back(tmp_path: Path):
    path = write_last_run(tmp_path / "index", RUN)
    assert path == tmp_path / "index" / LAST_RUN_FILE
    data = json.loads(path.read_text("utf-8"))
    assert list(data) == ["started", "finished", "ok", "files"] and data["ok"] is False
    assert data["files"][1] == {"file": "abîmé.pdf", "status": "failed", "reason": "damaged or truncated PDF", "passages": 0}
    assert data["files"][0]["reason"] is None
    assert read_last_run(tmp_path / "index") == RUN
    assert [p.name for p in (tmp_path / "index").iterdir()] == [LAST_RUN_FILE]  # no temporary file left


def test_a_new_run_replaces_the_previous_report(tmp_path: Path):
    write_last_run(tmp_path, RUN)
    newer = LastRun("2026-01-03T00:00:00+00:00", "2026-01-03T00:00:01+00:00", True, [FileOutcome("a.md", "unchanged", None, 3)])
    write_last_run(tmp_path, newer)
    assert read_last_run(tmp_path) == newer


@pytest.mark.parametrize("content", [
    None, "", "{not json", "[]", '{"started": "x"}',
    '{"started": "a", "finished": "b", "ok": true, "files": [{"file": "a", "status": "exploded", "reason": null, "passages": 1}]}',
    '{"started": "a", "finished": "b", "ok": "yes", "files": []}',
    '{"started": "a", "finished": "b", "ok": true, "files": [{"file": "a", "status": "added", "reason": null, "passages": "3"}]}',
])
def test_absent_or_unreadable_reads_as_none(tmp_path: Path, content):
    if content is not None:
        (tmp_path / LAST_RUN_FILE).write_text(content, "utf-8")
    assert read_last_run(tmp_path) is None


def test_printable_escapes_control_and_invisible_characters():
    assert printable("evil\nAdded: forged.pdf") == "evil\\nAdded: forged.pdf"
    assert printable("a\rb\tc\x1b[31md\u202ee\\f") == "a\\rb\\tc\\x1b[31md\\u202ee\\\\f"
    assert printable("Coopération décentralisée — 한국 日本.pdf") == "Coopération décentralisée — 한국 日本.pdf"
