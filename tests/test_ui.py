"""The Gradio chat: its handlers with a scripted assistant, its `ask` API, what it serves, and `python app.py`."""

from __future__ import annotations

import html
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fakes import HOSTILE_PASSAGE, NOTICE, BrokenAssistant, ScriptedAssistant, answer, citation

from bot.web.html import escape_text
from support.chroma_server import free_loopback_port
from bot.core.settings import Settings
from bot.records.feedback import FeedbackStore
from bot.language.messages import message
from bot.web.chat import Chat, ChatView, Turn, suggested_questions
from bot.web.page import build_app, launch_app

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Who leads AMF's international working group?"
FRENCH = str(message("fr", "examples")[0])
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def scripted() -> ScriptedAssistant:
    return ScriptedAssistant({
        QUESTION: answer(QUESTION),
        FRENCH: answer(FRENCH, "fr", text="Le groupe est placé sous la responsabilité de M. Jacques AUXIETTE. [1]"),
        "Hostile passage?": answer("Hostile passage?", citations=[citation(1, HOSTILE_PASSAGE, f"{SCRIPT} {IMG}")]),
    })


@pytest.fixture
def feedback(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


@pytest.fixture
def chat(feedback: FeedbackStore) -> Chat:
    return Chat(scripted(), feedback)


def last_reply(views: list[ChatView]) -> str:
    return views[-1].messages[-1]["content"]


def visible_text(content: str) -> str:
    """What a browser shows for our HTML, tags removed (enough to check escaping)."""
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", content))


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


def test_suggestions_are_examples_not_asked_yet():
    examples = [str(q) for q in message("fr", "examples")]
    turns = [Turn(examples[0], answer(examples[0], "fr"))]
    assert suggested_questions(turns) == examples[1:]
    turns += [Turn(q, answer(q, "fr")) for q in examples[1:]]
    assert suggested_questions(turns) == []


def test_chat_view_offers_suggestions_after_an_answer(chat: Chat):
    views = list(chat.respond(FRENCH, []))
    assert views[0].suggestions == []
    assert views[-1].suggestions == [str(q) for q in message("fr", "examples")][1:]


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


# --- the Gradio app -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("ui")
    return Settings(index_dir=folder / "index", data_dir=folder / "data", port=free_loopback_port())


@pytest.fixture(scope="module")
def app(settings: Settings):
    built = build_app(scripted(), FeedbackStore(settings.data_dir / "feedback.sqlite3"), settings)
    yield built
    built.close()


@pytest.fixture(scope="module")
def server(app, settings: Settings) -> str:
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    return f"http://127.0.0.1:{settings.port}/"


def components(app, kind: str) -> list:
    return [block for block in app.blocks.values() if type(block).__name__ == kind]


def test_page_is_configured_to_show_text_as_text(app, settings: Settings):
    (chatbot,) = components(app, "Chatbot")
    assert chatbot.sanitize_html is True and chatbot.allow_tags is False and chatbot.latex_delimiters == []
    assert "share" not in chatbot.buttons
    languages = {e["display_text"].split(" · ")[0] for e in chatbot.examples}
    assert {"FR", "EN", "IT", "ES", "KO", "JA", "RU"} <= languages
    (textbox,) = components(app, "Textbox")
    assert textbox.max_length == settings.max_question_chars
    assert app.title.startswith("Assistant")


def test_wired_submit_handler_streams_into_the_page(app):
    submit = next(f.fn for f in app.fns.values() if f.name == "views")
    outputs = list(submit(QUESTION, []))
    messages, turns, textbox, row, *buttons = outputs[-1]
    assert textbox == "" and len(turns) == 1
    assert "amf-notice" in messages[-1]["content"]
    assert row["visible"] is True and [b["value"] for b in buttons if b["visible"]] == suggested_questions(turns)


def test_backend_failure_shows_an_error_not_a_reply_without_notice(settings: Settings, feedback: FeedbackStore):
    import gradio as gr

    broken = build_app(BrokenAssistant(), feedback, settings)
    submit = next(f.fn for f in broken.fns.values() if f.name == "views")
    replies = submit(QUESTION, [])
    first = next(replies)
    assert [m["role"] for m in first[0]] == ["user"]
    with pytest.raises(gr.Error, match="embedding model failed"):
        next(replies)


def test_ask_endpoint_returns_the_cli_json(server: str):
    from gradio_client import Client

    client = Client(server, verbose=False)
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
    expected = scripted().ask(QUESTION).to_dict()
    assert client.predict(QUESTION, api_name="/ask") == expected
    assert client.predict(QUESTION, [FRENCH], api_name="/ask") == expected
    rejected = client.predict("x" * 1001, api_name="/ask")
    assert rejected["status"] == "rejected" and rejected["notice"] == NOTICE


@pytest.mark.parametrize("path", ["/gradio_api/file=/etc/passwd", "/file=/etc/passwd", "/file=app.py",
                                  "/gradio_api/file=app.py", f"/gradio_api/file={REPO / 'app.py'}",
                                  "/gradio_api/file=bot/config.py", "/gradio_api/file=../../etc/passwd"])
def test_files_outside_the_app_are_refused(server: str, path: str):
    response = httpx.get(server.rstrip("/") + path)
    assert response.status_code in (403, 404)
    assert "root:" not in response.text and "Settings" not in response.text


def test_feedback_database_is_not_served(server: str, settings: Settings):
    FeedbackStore(settings.data_dir / "feedback.sqlite3").rows()  # make sure the file exists
    response = httpx.get(f"{server}gradio_api/file={settings.data_dir / 'feedback.sqlite3'}")
    assert response.status_code in (403, 404)


# --- the real assistant (hash embedder: plumbing only) and `python app.py` ----------------------------

@pytest.fixture(scope="module")
def real_settings(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("real")
    return Settings(index_dir=folder / "index", data_dir=folder / "data", embedding_model="hash",
                    port=free_loopback_port())


def test_real_assistant_replies_carry_the_documents_notice(real_settings: Settings):
    from bot.assembly import build_index, make_assistant

    build_index(real_settings)
    chat = Chat(make_assistant(real_settings), FeedbackStore(real_settings.data_dir / "feedback.sqlite3"))
    views = list(chat.respond(f"{SCRIPT} Qui dirige l'AMF ?", []))
    final = last_reply(views)
    assert "<script" not in final and "amf-notice" in final
    assert "La reproduction partielle ou totale" in visible_text(final)


def test_python_app_py_indexes_then_serves(real_settings: Settings):
    env = {**os.environ, "AMF_BOT_INDEX_DIR": str(real_settings.index_dir), "AMF_BOT_DATA_DIR": str(real_settings.data_dir),
           "AMF_BOT_EMBEDDING_MODEL": "hash", "AMF_BOT_PORT": str(real_settings.port), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "app.py"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        page = wait_for_page(f"http://127.0.0.1:{real_settings.port}/", process, timeout=90)
        assert "Assistant" in page
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "Index up to date:" in output and "passages in 11 language(s)" in output


def wait_for_page(url: str, process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py stopped early:\n{process.stdout.read() if process.stdout else ''}")
        try:
            return httpx.get(url, timeout=2).text
        except httpx.HTTPError:
            time.sleep(0.5)
    pytest.fail(f"app.py did not serve {url} within {timeout} s")
