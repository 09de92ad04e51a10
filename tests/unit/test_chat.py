"""The chat behaviour with a scripted assistant: streaming, escaping, conversation, feedback (no server)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from support.chat_script import FRENCH, IMG, QUESTION, SCRIPT, last_reply, scripted, visible_text
from support.fakes import HOSTILE_PASSAGE, NOTICE, answer

from bot.web.html import escape_text
from bot.records.feedback import FeedbackStore
from bot.language.messages import messages
from bot.web.chat import Chat, Turn, suggested_questions

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def feedback(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


@pytest.fixture
def chat(feedback: FeedbackStore) -> Chat:
    return Chat(scripted(), feedback)


# --- streaming, sources and notice ---------------------------------------------------------------

def test_answer_streams_then_ends_with_sources_and_notice(chat: Chat):
    views = list(chat.respond(QUESTION, []))
    assert views[0].messages == [{"role": "user", "content": views[0].messages[0]["content"]}]
    partial = [v.messages[-1]["content"] for v in views[1:-1]]
    assert len(partial) >= 3
    assert all("amf-notice" not in p and "amf-sources" not in p for p in partial)
    assert [len(p) for p in partial] == sorted(len(p) for p in partial)

    final = last_reply(views)
    shown = visible_text(final)
    assert "Jacques AUXIETTE. [1]" in shown
    assert '<details class="amf-sources">' in final
    assert "Le groupe de travail est présidé par M. Jacques AUXIETTE." in shown  # the passage, verbatim
    assert "The working group is chaired by Mr Jacques AUXIETTE." in shown  # the translation used…
    assert "unofficial translation" in shown  # …labelled as such
    assert "amf-action-internationale/fr.txt, § 2, characters 120–180" in shown
    assert f"© {NOTICE.splitlines()[0]}" in shown and "(unofficial translation)" in shown
    assert len(views[-1].turns) == 1 and views[-1].turns[0].answer.status == "answered"


@pytest.mark.parametrize("question, status", [("What is the capital of Peru?", "not_found"), ("x" * 1001, "rejected")])
def test_not_found_and_rejected_replies_carry_the_notice(chat: Chat, question: str, status: str):
    views = list(chat.respond(question, []))
    assert views[-1].turns[-1].answer.status == status
    assert "amf-notice" in last_reply(views) and "strictement interdite" in visible_text(last_reply(views))


# --- escaping ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [SCRIPT, IMG, f"Qui ? {SCRIPT}{IMG} **gras** [lien](javascript:alert(1))"])
def test_visitor_text_is_escaped(chat: Chat, question: str):
    views = list(chat.respond(question, []))
    for view in views:
        for item in view.messages:
            assert "<script" not in item["content"] and "<img" not in item["content"]
            assert "javascript:" not in item["content"]
    assert visible_text(views[-1].messages[0]["content"]).strip() == question


def test_document_text_is_escaped(chat: Chat):
    final = last_reply(list(chat.respond("Hostile passage?", [])))
    assert "<script" not in final and "<img" not in final
    shown = visible_text(final)
    assert HOSTILE_PASSAGE in shown and f"{SCRIPT} {IMG}" in shown


@pytest.mark.parametrize("text", ["a < b & c > d", "L'AMF « 60 » \"élus\"", "`code` *x* _y_ # [1](u) $$x$$ ~~s~~ |t|",
                                  "&amp; &#60; déjà escaped?", "한국 · 日本 · Україна"])
def test_escaping_keeps_the_text_and_nothing_else(text: str):
    escaped = escape_text(text)
    assert html.unescape(escaped) == text
    assert not any(c in escaped for c in "<>\"'`*_[]$")


# --- conversation -----------------------------------------------------------------------------------

def test_follow_up_sends_the_earlier_questions(feedback: FeedbackStore):
    assistant = scripted()
    chat = Chat(assistant, feedback)
    turns = list(chat.respond(FRENCH, []))[-1].turns
    list(chat.respond("And Romania?", turns))
    call = assistant.calls[-1]
    assert call.history == [FRENCH]  # the assistant keeps the conversation's language from it


def test_language_is_only_kept_for_short_follow_ups_in_the_same_script():
    from bot.language.detection import conversation_language

    assert conversation_language("And Romania?", [FRENCH]) == "fr"
    assert conversation_language("Has AMF ever worked with cities in Romania?", [FRENCH]) == "en"
    assert conversation_language("韓国は？", [FRENCH]) == "ja"  # a switch of script is meant
    assert conversation_language("Et la Roumanie ?", [FRENCH]) == "fr"


def test_suggestions_are_examples_not_asked_yet():
    examples = list(messages("fr").examples)
    turns = [Turn(examples[0], answer(examples[0], "fr"))]
    assert suggested_questions(turns) == examples[1:]
    turns += [Turn(q, answer(q, "fr")) for q in examples[1:]]
    assert suggested_questions(turns) == []


def test_chat_view_offers_suggestions_after_an_answer(chat: Chat):
    views = list(chat.respond(FRENCH, []))
    assert views[0].suggestions == []
    assert views[-1].suggestions == list(messages("fr").examples)[1:]


# --- feedback ---------------------------------------------------------------------------------------

def test_thumbs_are_stored_with_the_answer(chat: Chat, feedback: FeedbackStore):
    turns = list(chat.respond(QUESTION, []))[-1].turns
    turns = list(chat.respond("What is the capital of Peru?", turns))[-1].turns
    assert chat.vote(turns, 1, True)
    assert chat.vote(turns, 3, False)
    assert not chat.vote(turns, 3, "")  # a vote taken back
    assert not chat.vote(turns, 9, True)
    rows = feedback.rows()
    assert [(r["question"], r["status"], r["vote"]) for r in rows] == [
        (QUESTION, "answered", 1), ("What is the capital of Peru?", "not_found", -1)]
    assert rows[0]["citations"][0]["passage"] == "Le groupe de travail est présidé par M. Jacques AUXIETTE."


def test_a_thumbs_down_keeps_its_reason_in_the_feedback_and_the_question_log(chat: Chat, feedback: FeedbackStore,
                                                                              tmp_path: Path):
    from bot.records.questions import QuestionLog

    log = QuestionLog(tmp_path / "questions.sqlite3")
    chat = Chat(chat.assistant, feedback, log)
    turns = list(chat.respond(QUESTION, []))[-1].turns
    assert chat.vote(turns, 1, False)
    assert chat.vote(turns, 1, False, reason="incomplete:  the   2024 visits\nare missing")
    assert [(r["vote"], r["reason"]) for r in feedback.rows()] == [(-1, "incomplete: the 2024 visits are missing")]
    assert [(r["vote"], r["reason"]) for r in log.rows()] == [(-1, "incomplete: the 2024 visits are missing")]
    assert chat.vote(turns, 1, True, reason="wrong")  # a thumbs-up has no reason, and clears the earlier one
    assert [(r["vote"], r["reason"]) for r in feedback.rows()] == [(1, None)]
    assert [(r["vote"], r["reason"]) for r in log.rows()] == [(1, None)]


@pytest.mark.parametrize("given, stored", [
    ("wrong", "wrong"), ("language: réponse en anglais", "language: réponse en anglais"),
    ("nonsense", "other: nonsense"), ("", None), (None, None), ("other:" + "x" * 900, "other: " + "x" * 500)])
def test_reasons_are_stored_as_a_known_kind_then_the_visitors_words(given, stored):
    from bot.records.feedback import reason_text

    assert reason_text(given) == stored


def test_the_page_language_follows_the_switch_then_the_browser():
    from bot.web.page import language_choices, page_language

    assert page_language("ja", "fr-FR,fr;q=0.9") == "ja"
    assert page_language("xx", "pt-BR,pt;q=0.9,en;q=0.8") == "pt"
    assert page_language(None, "zh-CN,nl;q=0.5") == "en"
    assert dict((code, name) for name, code in language_choices())["uk"] == "Українська"


def test_citation_markers_link_to_their_source_and_nothing_else():
    from bot.web.html import answer_html

    shown = answer_html(answer("Who?", text="Chaired by AUXIETTE. [1] Founded in 1907. [2] <a href=x>[1]</a>"))
    assert shown.count('<a class="amf-ref" href="#amf-source-1">&#91;1&#93;</a>') == 2
    assert "&#91;2&#93;" in shown and "#amf-source-2" not in shown  # no source 2: the marker stays text
    assert "<a href=x>" not in shown and '<li class="amf-citation amf-source-1">' in shown
