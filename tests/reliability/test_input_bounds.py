"""Issue 10, item 2: no request can stall the service — every input is bounded at the assistant, the text
scans are linear, rejected questions are not context, and several questions are answered at once."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.answering.grounding import unknown_entities
from bot.assembly import build_index, make_assistant
from bot.core.settings import Settings
from bot.language.vocabulary import Vocabulary
from bot.records.feedback import FeedbackStore
from bot.web.chat import Chat
from support.fakes import ScriptedAssistant, answer

pytestmark = pytest.mark.reliability

QUESTION = "Qui dirige le groupe de travail international de l'AMF ?"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bounds")
    settings = Settings(index_dir=folder / "index", data_dir=folder / "data", embedding_model="hash",
                        max_history_items=3)
    build_index(settings)
    return make_assistant(settings)


class RecordingCondenser:
    """The rule-based condenser's contract, keeping what it was given."""

    def __init__(self):
        self.seen: list[list[str]] = []

    def condense(self, question: str, history: list[str], language: str) -> str:
        self.seen.append(list(history))
        return question


def test_capitalised_word_scan_is_linear():
    vocabulary = Vocabulary.from_texts(["Le groupe de travail est dirigé par Jacques AUXIETTE."])
    question = "Qui dirige le groupe Machin ? " * 7000  # 210,000 characters
    started = time.perf_counter()
    found = unknown_entities(question, "fr", vocabulary)
    assert time.perf_counter() - started < 5  # quadratic before: minutes
    assert found == ["Machin"]


def test_oversized_question_is_rejected_at_once(assistant):
    started = time.perf_counter()
    reply = assistant.ask("Qui dirige le groupe ? " * 45000)
    assert time.perf_counter() - started < 5
    assert reply.status == "rejected" and reply.notice and "1000" in reply.answer


def test_history_is_bounded_in_count_and_item_length(assistant):
    condenser, assistant.condenser = assistant.condenser, RecordingCondenser()
    try:
        history = [f"Question {n} sur l'AMF ?" for n in range(50)] + ["Qui dirige le groupe ? " * 45000, 42, None]
        reply = assistant.ask("Et lui ?", history=history)
        assert reply.status != "rejected"
        assert assistant.condenser.seen == [[f"Question {n} sur l'AMF ?" for n in (47, 48, 49)]]
    finally:
        assistant.condenser = condenser


@pytest.mark.parametrize("bad_id", [float("nan"), float("inf"), "x" * 201, {"a": 1}, [1], 10**30])
def test_ids_are_bounded(assistant, bad_id):
    reply = assistant.ask(QUESTION, id=bad_id)
    assert reply.status == "rejected" and reply.id is None and reply.notice


@pytest.mark.parametrize("good_id", [None, 7, 2.5, "req-1", True])
def test_ordinary_ids_are_echoed(assistant, good_id):
    assert assistant.ask(QUESTION, id=good_id).id == good_id


def test_rejected_questions_are_not_kept_as_context(tmp_path):
    scripted = ScriptedAssistant({QUESTION: answer(QUESTION, "fr")}, max_chars=100)
    chat = Chat(scripted, FeedbackStore(tmp_path / "feedback.sqlite3"))
    turns = list(chat.respond("x " * 100, []))[-1].turns
    assert turns[-1].answer.status == "rejected"
    turns = list(chat.respond(QUESTION, turns))[-1].turns
    list(chat.respond("Et lui ?", turns))
    assert scripted.calls[-1].history == [QUESTION]


def test_questions_are_answered_concurrently_and_alike(assistant):
    questions = [QUESTION, "Has AMF worked with Romania?", "Welche Delegationen hat die AMF empfangen?",
                 "AMFの国際作業部会を率いているのは誰ですか？"] * 4
    expected = [assistant.ask(q).to_dict() for q in questions]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda q: assistant.ask(q).to_dict(), questions))
    strip = lambda d: {k: v for k, v in d.items() if k != "timings_ms"}  # noqa: E731
    assert [strip(d) for d in got] == [strip(d) for d in expected]


def test_the_page_answers_several_questions_at_once(tmp_path):
    from bot.web.page import build_app

    settings = Settings(data_dir=tmp_path, embedding_model="hash", concurrency_limit=3)
    app = build_app(ScriptedAssistant(), FeedbackStore(tmp_path / "f.sqlite3"), settings)
    assert app._queue.default_concurrency_limit == 3
    answering = [fn for fn in app.fns.values() if fn.name in ("views", "ask")]
    assert {fn.name for fn in answering} == {"views", "ask"}  # typed or clicked (examples, suggestions), and the API
    assert {fn.concurrency_id for fn in answering} == {"answering"}
