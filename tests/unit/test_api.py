"""The plain HTTP API (`POST /api/ask`) behind the guard, on a real assistant (hash embedder), through
Starlette's TestClient (in process, no socket): the same reply as the Gradio `ask` API, the HTTP status
following the reply's, unreadable bodies and the guard's refusals said in the visitor's language with
AMF's notice, one log line each."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.language.messages import messages
from bot.records.feedback import FeedbackStore
from bot.web.api import API_CALLS, API_PATH, accepted_language, api_routes, read_request, refusal_body
from bot.web.chat import Chat
from bot.web.guard import Guard, Limits, Surface

QUESTION = "Qui dirige le groupe de travail international de l'AMF ?"
CAP = 20_000


@pytest.fixture
def chat(hash_assistant, tmp_path: Path) -> Chat:
    return Chat(hash_assistant, FeedbackStore(tmp_path / "feedback.sqlite3"))


@pytest.fixture
def client(chat: Chat):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    app = Starlette(routes=api_routes(chat, workers=2))
    surface = Surface("", own_calls=API_CALLS, explain=refusal_body(chat))
    with TestClient(Guard(app, [surface], Limits(max_request_bytes=CAP, client_timeout_s=5))) as client:
        yield client


def notice_of(chat: Chat, language: str) -> str:
    """AMF's notice with its translation into `language` (the knowledge base's passages all carry it)."""
    return chat.api_answer(QUESTION, language=language)["notice"]


def test_the_reply_is_the_gradio_apis(client, chat):
    response = client.post(API_PATH, json={"question": QUESTION})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    reply = response.json()
    expected = chat.api_answer(QUESTION)  # what the Gradio `ask` API returns
    assert reply["status"] == "answered" and reply["language"] == "fr"
    assert reply["citations"] and all(c["location"]["passage_id"] and c["passage"] for c in reply["citations"])
    assert "[1]" in reply["answer"] and reply["notice"] == notice_of(chat, "fr")
    assert {k: v for k, v in reply.items() if k != "timings_ms"} == \
        {k: v for k, v in expected.items() if k != "timings_ms"}


def test_history_language_and_id_are_passed_on(client, chat):
    reply = client.post(API_PATH, json={"question": "Et ses membres ?", "history": [QUESTION], "language": "de",
                                        "id": "r-7"}).json()
    assert reply["language"] == "de" and reply["id"] == "r-7"
    assert reply == {**chat.api_answer("Et ses membres ?", [QUESTION], language="de", id="r-7"),
                     "timings_ms": reply["timings_ms"]}


@pytest.mark.parametrize("body, says", [
    (b"not json", "invalid JSON"), (b"\xff\xfe{}", "not UTF-8"), (b'["x"]', "expected a JSON object"),
    (b'{"question": "x", "qestion": "y"}', "unknown field"), (b'{"question": "x", "language": "xx"}', "language"),
    (b"[" * 5_000, "nested too deeply"),
])
def test_an_unreadable_body_is_400_with_the_message_in_the_visitors_language_and_the_notice(
        client, chat, caplog, body, says):
    caplog.set_level(logging.WARNING)
    response = client.post(API_PATH, content=body, headers={"content-type": "application/json",
                                                            "accept-language": "it-IT,it;q=0.9,en;q=0.5"})
    assert response.status_code == 400
    reply = response.json()
    assert reply["status"] == "rejected" and reply["language"] == "it"
    assert reply["answer"] == messages("it").bad_request and says in reply["error"]
    assert reply["notice"] == notice_of(chat, "it")
    assert len([r for r in caplog.records if r.name == "bot.web.api"]) == 1
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("request_, message", [
    ({}, "empty"), ({"question": "   "}, "empty"), ({"question": 42}, "empty"),
    ({"question": "x" * 1001}, "too_long"), ({"question": QUESTION, "history": "not a list"}, "bad_request"),
])
def test_a_rejected_question_is_400_with_the_assistants_message(client, request_, message):
    response = client.post(API_PATH, json=request_, headers={"accept-language": "en"})
    reply = response.json()
    assert response.status_code == 400 and reply["status"] == "rejected" and reply["notice"]
    assert reply["answer"].split("{")[0][:20] in getattr(messages(reply["language"]), message)


def test_a_failed_answer_is_503_with_the_message_and_the_notice(tmp_path):
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    class Failing:
        def ask(self, question, id=None, history=None, language=None):  # noqa: A002
            from support.fakes import answer
            return answer(str(question), language or "en", "error", messages(language or "en").failed)

    chat = Chat(Failing(), FeedbackStore(tmp_path / "feedback.sqlite3"))
    with TestClient(Starlette(routes=api_routes(chat, workers=1))) as client:
        response = client.post(API_PATH, json={"question": "Who?", "language": "en"})
    assert response.status_code == 503
    assert response.json()["answer"] == messages("en").failed and response.json()["notice"]


def test_the_guard_caps_the_body_and_says_so_in_the_apis_words(client, chat):
    response = client.post(API_PATH, content=json.dumps({"question": "x" * (CAP + 10)}),
                           headers={"content-type": "application/json", "accept-language": "ja"})
    assert response.status_code == 413
    reply = response.json()
    assert reply["answer"] == messages("ja").bad_request and "larger than" in reply["error"]
    assert reply["notice"] == notice_of(chat, "ja")


def test_other_methods_and_paths_are_refused_by_the_guard(client):
    assert client.get(API_PATH).status_code == 404
    assert client.put(API_PATH, json={"question": QUESTION}).status_code == 405
    assert client.post("/api/other", json={"question": QUESTION}).status_code == 404


def test_the_gradio_api_reply_is_unchanged(chat):
    """`ask` (bot.web.page) gives `Chat.api_answer`'s object: question and history, nothing forced."""
    reply = chat.api_answer(QUESTION, [])
    assert set(reply) >= {"id", "question", "language", "status", "answer", "citations", "notice"}
    assert reply["id"] is None and reply["language"] == "fr"


def test_read_request_gives_every_field_missing_ones_as_null():
    assert read_request(b'{"question": "q", "history": [], "language": "ko", "id": 3}') == \
        {"question": "q", "history": [], "language": "ko", "id": 3}
    assert read_request(b'{"language": null}') == {"question": None, "history": None, "language": None, "id": None}


@pytest.mark.parametrize("header, language", [
    ("de-CH,de;q=0.9", "de"), ("zh-CN,ko;q=0.8", "ko"), ("", None), (None, None), ("zh", None), ("PT-br", "pt"),
])
def test_the_visitors_language_from_accept_language(header, language):
    assert accepted_language(header) == language
