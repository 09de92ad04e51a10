"""Issue 10, items 6, 7, 9 and 11 at the web boundary: no uploads, throttled logins, a login that can
work, every failure of the `ask` API and the chat answered with a message and the notice, a busy port said.
"""

from __future__ import annotations

import json

import httpx
import pytest

from bot.assembly import build_index, make_assistant
from bot.core.errors import ConfigurationError
from bot.core.settings import Settings, load_settings
from bot.records.feedback import FeedbackStore
from bot.web.guard import LoginThrottle
from bot.web.page import build_app, launch_app
from support.fakes import ScriptedAssistant
from support.chroma_server import free_loopback_port

pytestmark = pytest.mark.reliability

NOTICE_START = "La reproduction partielle ou totale"


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("web")
    settings = Settings(index_dir=folder / "index", data_dir=folder / "data", embedding_model="hash",
                        port=free_loopback_port())
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def server(settings):
    app = build_app(make_assistant(settings), FeedbackStore(settings.data_dir / "feedback.sqlite3"), settings)
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}"
    app.close()


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("login")
    settings = Settings(data_dir=folder, embedding_model="hash", port=free_loopback_port(), auth="staff:s3cret")
    app = build_app(ScriptedAssistant(), FeedbackStore(folder / "feedback.sqlite3"), settings)
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}"
    app.close()


# --- item 6: uploads ----------------------------------------------------------------------------------

def test_uploads_are_refused_and_nothing_is_kept(server, tmp_path):
    from pathlib import Path

    import gradio.utils

    folder = Path(gradio.utils.get_upload_folder())
    before = set(folder.rglob("*")) if folder.exists() else set()
    response = httpx.post(f"{server}/gradio_api/upload", files={"files": ("x.html", b"<script>1</script>" * 1000)})
    assert response.status_code == 403
    after = set(folder.rglob("*")) if folder.exists() else set()
    assert not any(p.name == "x.html" for p in after - before)


# --- item 7: logins -----------------------------------------------------------------------------------

def test_repeated_wrong_logins_are_slowed_down(guarded):
    def login(password: str) -> httpx.Response:
        return httpx.post(f"{guarded}/login", data={"username": "staff", "password": password})

    statuses = [login(f"wrong{n}").status_code for n in range(8)]
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429] * 3
    refused = login("s3cret")  # even the right password waits until the window has passed
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0


def test_throttle_is_per_client_and_forgets():
    now = [0.0]
    throttle = LoginThrottle(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert throttle.wait_s("10.0.0.1") == 60 and throttle.wait_s("10.0.0.2") == 0
    now[0] = 61
    assert throttle.wait_s("10.0.0.1") == 0


def test_right_login_works_when_not_throttled(tmp_path):
    settings = Settings(data_dir=tmp_path, embedding_model="hash", port=free_loopback_port(), auth="staff:s3cret")
    app = build_app(ScriptedAssistant(), FeedbackStore(tmp_path / "feedback.sqlite3"), settings)
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    try:
        url = f"http://127.0.0.1:{settings.port}/login"
        assert httpx.post(url, data={"username": "staff", "password": "nope"}).status_code == 400
        assert httpx.post(url, data={"username": "staff", "password": "s3cret"}).status_code == 200
    finally:
        app.close()


def test_the_plain_http_api_asks_for_the_chats_login(tmp_path):
    settings = Settings(data_dir=tmp_path, embedding_model="hash", port=free_loopback_port(), auth="staff:s3cret")
    app = build_app(ScriptedAssistant(), FeedbackStore(tmp_path / "feedback.sqlite3"), settings)
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    try:
        base = f"http://127.0.0.1:{settings.port}"
        refused = httpx.post(f"{base}/api/ask", json={"question": "Who chairs it?"}, headers={"accept-language": "en"})
        assert refused.status_code == 401 and refused.json()["notice"] and "not authenticated" in refused.json()["error"]
        with httpx.Client(base_url=base) as client:
            assert client.post("/login", data={"username": "staff", "password": "s3cret"}).status_code == 200
            reply = client.post("/api/ask", json={"question": "Who chairs it?"})
        assert reply.status_code == 200 and reply.json()["status"] == "not_found" and reply.json()["notice"]
    finally:
        app.close()


@pytest.mark.parametrize("auth", [":", "user:", ":password", "nocolon"])
def test_a_login_nobody_can_use_is_refused_at_start_up(monkeypatch, auth):
    monkeypatch.setenv("AMF_BOT_AUTH", auth)
    with pytest.raises(ConfigurationError, match="user:password"):
        load_settings()


# --- item 9: the `ask` API answers every failure with a message and the notice --------------------------

def call_ask(server: str, data: list) -> dict:
    """The API as any HTTP client sees it: POST the arguments, read the event stream's last data line."""
    body = json.dumps({"data": data}).encode()  # ASCII: a lone surrogate travels as the escape \\ud800
    event = httpx.post(f"{server}/gradio_api/call/ask", content=body,
                       headers={"content-type": "application/json"}).json()["event_id"]
    stream = httpx.get(f"{server}/gradio_api/call/ask/{event}", timeout=30).text
    kinds = [line.split(":", 1)[1].strip() for line in stream.splitlines() if line.startswith("event:")]
    payload = [line[5:].strip() for line in stream.splitlines() if line.startswith("data:")][-1]
    assert kinds[-1] == "complete", stream
    (result,) = json.loads(payload)
    return result


@pytest.mark.parametrize("data, status", [
    (["\ud800", None], "not_found"),  # a lone surrogate: read as U+FFFD, nothing to look up
    (["Qui dirige le groupe ?", "pas une liste"], "rejected"),  # a history that is not a list
    (["Qui dirige le groupe ?", [1, {"a": 2}, None]], None),  # a list of anything: only texts are kept
    ([None, None], "rejected"),
    ([{"a": 1}, "x"], "rejected"),
])
def test_ask_api_always_replies_with_a_message_and_the_notice(server, data, status):
    reply = call_ask(server, data)
    assert reply["answer"] and reply["notice"].startswith(NOTICE_START)
    if status:
        assert reply["status"] == status


def test_ask_api_without_arguments_replies_with_a_message(server):
    from gradio_client import Client

    reply = Client(server, verbose=False).predict(api_name="/ask")  # the question is missing
    assert reply["status"] == "rejected" and reply["answer"] and reply["notice"].startswith(NOTICE_START)


def test_ask_api_reports_a_failing_backend_in_the_visitors_language(settings, tmp_path):
    from langchain_core.embeddings import Embeddings

    class Unreachable(Embeddings):  # an embedding service that went away
        def embed_documents(self, texts):
            raise ConnectionError("connection refused")

        def embed_query(self, text):
            raise ConnectionError("connection refused")

    assistant = make_assistant(settings)
    assistant.warm_up()
    assistant.retriever.embedder = Unreachable()
    reply = assistant.ask("Who leads AMF's international working group?").to_dict()
    assert reply["status"] == "error" and "try again" in reply["answer"]
    assert reply["notice"].startswith(NOTICE_START) and reply["language"] == "en"


def test_chat_survives_a_lone_surrogate(settings):
    from bot.web.chat import Chat

    chat = Chat(make_assistant(settings), FeedbackStore(settings.data_dir / "feedback.sqlite3"))
    views = list(chat.respond("Qui dirige \ud800 le groupe ?", []))
    for view in views:  # everything the page sends must be encodable
        for message in view.messages:
            message["content"].encode("utf-8")
    assert "amf-notice" in views[-1].messages[-1]["content"]


# --- item 11: a busy port ---------------------------------------------------------------------------------

def test_a_busy_port_is_a_message(server, settings, tmp_path):
    busy = settings.model_copy(update={"data_dir": tmp_path})
    app = build_app(ScriptedAssistant(), FeedbackStore(tmp_path / "feedback.sqlite3"), busy)
    with pytest.raises(ConfigurationError, match=f"cannot listen on 127.0.0.1:{settings.port}.*AMF_BOT_PORT"):
        launch_app(app, busy, prevent_thread_lock=True, quiet=True)


# --- the same guards when the staff page is served beside the chat ------------------------------------

def test_staff_server_refuses_uploads_and_throttles_logins(settings, tmp_path):
    from support.staff_server import STAFF_PASSWORD, STAFF_USER, chat_and_staff

    staffed = settings.model_copy(update={"port": free_loopback_port(), "staff_auth": f"{STAFF_USER}:{STAFF_PASSWORD}",
                                          "data_dir": tmp_path})
    with chat_and_staff(staffed, make_assistant(staffed)) as (base, _):
        for path in ("/gradio_api/upload", "/staff/gradio_api/upload"):
            assert httpx.post(base + path, files={"files": ("x.html", b"<p>x</p>")}).status_code == 403
        statuses = [httpx.post(f"{base}/staff/login", data={"username": STAFF_USER, "password": f"no{n}"}).status_code
                    for n in range(6)]
        assert statuses == [400] * 5 + [429]


def test_staff_server_says_a_busy_port(server, settings):
    from bot.web.server import serve

    with pytest.raises(ConfigurationError, match=f"cannot listen on 127.0.0.1:{settings.port}"):
        serve(object(), settings)  # the chat server of this module holds the port
