"""The Gradio chat: the page, its `ask` API, what it serves, the real assistant and `python app.py`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from support.app_process import wait_for_page
from support.chat_script import FRENCH, QUESTION, SCRIPT, last_reply, scripted, visible_text
from support.fakes import NOTICE, BrokenAssistant

from support.chroma_server import free_loopback_port
from bot.core.settings import Settings
from bot.records.feedback import FeedbackStore
from bot.web.chat import Chat, suggested_questions
from bot.web.page import build_app, launch_app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def feedback(tmp_path: Path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


@pytest.fixture
def chat(feedback: FeedbackStore) -> Chat:
    return Chat(scripted(), feedback)


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
    assert not chatbot.examples  # the examples are buttons in the page's language (tests/browser)
    (textbox,) = [t for t in components(app, "Textbox") if t.elem_id == "amf-question"]
    assert textbox.max_length == settings.max_question_chars
    assert app.title.startswith("Assistant")


def test_wired_submit_handler_streams_into_the_page(app):
    submit = next(f.fn for f in app.fns.values() if f.name == "views")
    outputs = list(submit(QUESTION, []))
    messages, turns, textbox, feedback, row, label, *buttons = outputs[-1]
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
        reply = httpx.post(f"http://127.0.0.1:{real_settings.port}/api/ask", timeout=30,
                           json={"question": "L'AMF a-t-elle coopéré avec la Roumanie ?"})  # the plain HTTP API
        assert reply.status_code == 200 and reply.json()["citations"]
        assert reply.json()["notice"].startswith("La reproduction partielle ou totale")
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "Index up to date:" in output and "passages in 11 language(s)" in output
