"""FeedbackStore: votes kept in SQLite across restarts, exported as CSV or JSON lines (also from the CLI)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.records.feedback import COLUMNS, FeedbackStore

CITATIONS = [{"n": 1, "title": "L'action internationale de l'AMF", "passage": "« Jacques AUXIETTE », 60 élus",
              "location": {"file": "amf-action-internationale/fr.txt", "paragraph": 2, "start": 0, "end": 30}}]


def record_two(store: FeedbackStore) -> None:
    store.record(question="Qui dirige le groupe de travail ?", answer="M. Jacques AUXIETTE. [1]",
                 citations=CITATIONS, language="fr", status="answered", vote=1)
    store.record(question='Who said "hello",\nthen left?', answer="I could not find…", citations=[],
                 language="en", status="not_found", vote=-1)


def test_record_creates_the_folder_and_keeps_every_field(tmp_path: Path):
    path = tmp_path / "data" / "nested" / "feedback.sqlite3"
    store = FeedbackStore(path)
    assert not path.exists()  # nothing happens before first use
    record_two(store)
    assert path.is_file()
    first, second = store.rows()
    assert first["question"] == "Qui dirige le groupe de travail ?"
    assert first["citations"] == CITATIONS
    assert (first["language"], first["status"], first["vote"]) == ("fr", "answered", 1)
    assert (second["status"], second["vote"]) == ("not_found", -1)
    stamp = datetime.fromisoformat(first["time"])
    assert stamp.utcoffset() is not None and stamp.utcoffset().total_seconds() == 0


def test_votes_survive_reopening(tmp_path: Path):
    path = tmp_path / "feedback.sqlite3"
    record_two(FeedbackStore(path))
    reopened = FeedbackStore(path)
    reopened.record(question="Q3", answer="A3", citations=[], language="it", status="answered", vote=1)
    assert [row["question"] for row in FeedbackStore(path).rows()][-1] == "Q3"
    assert len(FeedbackStore(path).rows()) == 3


@pytest.mark.parametrize("vote", [0, 2, -2, "1"])
def test_only_plus_or_minus_one_is_a_vote(tmp_path: Path, vote):
    with pytest.raises(ValueError):
        FeedbackStore(tmp_path / "f.sqlite3").record(question="q", answer="a", citations=[], language="fr",
                                                     status="answered", vote=vote)


def test_csv_export_round_trips(tmp_path: Path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    record_two(store)
    out = io.StringIO(newline="")
    assert store.export(out, "csv") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1]["question"] == 'Who said "hello",\nthen left?'
    assert json.loads(rows[0]["citations"]) == CITATIONS
    assert [r["vote"] for r in rows] == ["1", "-1"]


def test_jsonl_export_has_one_object_per_vote(tmp_path: Path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    record_two(store)
    out = io.StringIO()
    assert store.export(out, "jsonl") == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["vote"] for line in lines] == [1, -1]
    assert lines[0]["citations"] == CITATIONS
    assert set(lines[0]) == set(COLUMNS)


def test_export_of_an_empty_store_and_unknown_format(tmp_path: Path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store.export(io.StringIO(), "jsonl") == 0
    with pytest.raises(ValueError):
        store.export(io.StringIO(), "xml")  # type: ignore[arg-type]


def test_cli_exports_to_a_file_and_to_stdout(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("AMF_BOT_DATA_DIR", str(tmp_path))
    record_two(FeedbackStore(tmp_path / "feedback.sqlite3"))

    target = tmp_path / "out.csv"
    assert main(["feedback", "export", "--format", "csv", "-o", str(target)]) == 0
    assert "2 feedback record(s) exported" in capsys.readouterr().err
    with target.open(encoding="utf-8", newline="") as handle:
        assert [row["status"] for row in csv.DictReader(handle)] == ["answered", "not_found"]

    assert main(["feedback", "export", "--format", "jsonl"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["language"] for line in printed] == ["fr", "en"]


def test_connections_opening_a_new_database_together_do_not_fail(tmp_path):
    """Two threads adding the later columns at once: the second one finds them added (it used to fail)."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.records.feedback import FeedbackStore

    stores = [FeedbackStore(tmp_path / "f.sqlite3") for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda s: s._connect().close(), stores * 5))
