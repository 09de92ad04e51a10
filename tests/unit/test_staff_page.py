"""The staff page's tables and messages in the staff's language, and the last index run, without Gradio."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from bot.web.index_runs import read_last_run
from bot.web.staff import (check_date, cut, form_problems, index_view, question_rows, reason_words, staff_language,
                           table, validated_rows)


def entry(**changes) -> dict:
    return {"id": 1, "time": "2026-12-03T09:15:00+00:00", "question": "Qui dirige ?", "language": "fr",
            "status": "not_found", "mode": "extractive", "passages": ["amf/p1", None], "validated": None,
            "vote": -1, "reason": "incomplete: il manque les dates", **changes}


@pytest.mark.parametrize("language, status, vote, reason", [
    ("fr", "non trouvée", "👎 inutile", "incomplète — il manque les dates"),
    ("en", "not found", "👎 not helpful", "incomplete — il manque les dates")])
def test_question_rows_are_in_words_and_local_dates(language, status, vote, reason):
    [row] = question_rows([entry()], language)
    local = datetime(2026, 12, 3, 9, 15, tzinfo=timezone.utc).astimezone()
    assert row[0] != "2026-12-03T09:15:00+00:00" and str(local.day) in row[0] and f"{local.minute:02d}" in row[0]
    assert row[2:6] == [status, {"fr": "citation", "en": "quoted"}[language], vote, reason]
    assert row[7] == "amf/p1"
    assert table([row], "questions", language)["headers"][2] == {"fr": "Résultat", "en": "Result"}[language]


def test_the_staff_language_is_french_or_english():
    assert staff_language("fr-FR,fr;q=0.9,en;q=0.8") == "fr"
    assert staff_language("de-DE,en;q=0.5") == "en"
    assert staff_language(None) == "en"


@pytest.mark.parametrize("value, iso, flagged", [
    ("2026-12-03", "2026-12-03", False), ("", "", False), ("03/12/2026", "", True), ("2026-13-01", "", True)])
def test_a_date_filter_that_is_not_a_date_is_flagged(value, iso, flagged):
    got, problem = check_date(value, "fr")
    assert got == iso and bool(problem) == flagged
    if flagged:
        assert value in problem and "AAAA-MM-JJ" in problem


def test_missing_fields_are_said_per_field_in_plain_words():
    assert form_problems("", [], [], "fr") == {"french": "Rédigez la réponse en français.",
                                              "wordings": "Donnez au moins une formulation de la question.",
                                              "passages": "Cherchez dans les documents et cochez au moins un passage."}
    assert form_problems("Réponse.", ["Qui ?"], ["amf/p1"], "en") == {}


def test_passage_labels_are_cut_at_a_word():
    text = "Le groupe de travail international est présidé par Jacques AUXIETTE, président de la région " * 3
    label = cut(text, 60)
    assert len(label) <= 61 and label.endswith("…") and text.startswith(label[:-1])
    assert text[len(label) - 1] in " ,"  # cut before a space or a comma, never in the middle of a word
    assert cut("court", 60) == "court"


def test_validated_rows_say_served_in_words():
    rows = [["a", "2026-11-28", "fr", "Qui ?", "amf/p1", "yes"],
            ["b", "2026-11-28", "fr", "Qui ?", "amf/p9", "NO — missing passage(s): amf/p9"]]
    assert [r[-1] for r in validated_rows(rows, "fr")] == ["oui", "non — passage(s) disparu(s) : amf/p9"]
    assert validated_rows(rows, "fr")[0][1] == "28/11/2026"
    shown = validated_rows(rows, "en", {"a": {"ja": 1, "it": 3}})
    assert [r[3] for r in shown] == ["it ×3, ja ×1", ""]


def test_reason_words_for_an_unknown_kind_keep_it():
    assert reason_words("odd", "en") == "odd" and reason_words(None, "en") == ""


def test_the_last_index_run_is_read_tolerantly(tmp_path):
    assert read_last_run(tmp_path) is None
    assert index_view(None, "fr")[0] == "Aucune indexation enregistrée pour l'instant."
    (tmp_path / "last-run.json").write_text(json.dumps({
        "started": "2026-12-03T08:00:00+00:00", "finished": "2026-12-03T08:01:30+00:00", "ok": False,
        "files": [{"file": "a.pdf", "status": "failed", "reason": "encrypted PDF", "passages": 0},
                  {"file": "b.txt", "status": "added", "reason": None, "passages": 12},
                  {"file": "c.md", "status": "weird"}, "not an object"]}), encoding="utf-8")
    run = read_last_run(tmp_path)
    assert run.ok is False and [f.file for f in run.files] == ["a.pdf", "b.txt", "c.md"]
    summary, shown = index_view(run, "en")
    assert "some files failed" in summary and "1 added" in summary and "1 failed" in summary
    assert shown["headers"] == ["File", "Outcome", "Reason", "Passages"]
    assert shown["data"][0] == ["b.txt", "added", "", 12] and ["a.pdf", "failed", "encrypted PDF", 0] in shown["data"]
    (tmp_path / "last-run.json").write_text("{broken", encoding="utf-8")
    summary, shown = index_view(read_last_run(tmp_path), "fr")
    assert summary.startswith("L'enregistrement de la dernière indexation est illisible")


def test_the_languages_visitors_asked_a_validated_answer_in_without_a_text(tmp_path):
    from bot.core.models import Answer
    from bot.ingest.validated import new_validated, save_validated
    from bot.records.questions import QuestionLog
    from bot.web.staff_desk import StaffDesk

    save_validated(tmp_path / "validated", new_validated({"fr": "Réponse.", "en": "Answer."}, ["Qui ?"], ["amf/p1"],
                                                         "qui"))
    log = QuestionLog(tmp_path / "questions.sqlite3")
    for language in ("it", "en", "it", "ja"):
        log.record(Answer(question="?", language=language, status="answered", answer="…", citations=[], notice="©",
                          timings_ms={}, mode="validated", validated={"id": "qui"}))
    log.record(Answer(question="?", language="de", status="answered", answer="…", citations=[], notice="©",
                      timings_ms={}))  # not a validated answer
    desk = StaffDesk(log, validated=None, folder=tmp_path / "validated", searcher=None)
    assert desk.languages_lacking() == {"qui": {"it": 2, "ja": 1}}


def test_side_store_warnings_are_shown_escaped_one_per_line():
    from bot.core.health import Health
    from bot.web.staff import warnings_text

    health = Health()
    health.report("question log", "data/questions.sqlite3 cannot be written (<disk full>)")
    health.report("validated answers", "skipped knowledge/validated/bad.json: not JSON")
    shown = warnings_text(health.warnings())
    assert shown.count("⚠") == 2 and "&#60;disk full&#62;" in shown and "<disk full>" not in shown
    assert warnings_text([]) == ""
