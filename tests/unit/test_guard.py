"""The request guard as an ASGI middleware, in front of an app that records what reaches it (no socket)."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.web.guard import Event, Guard, Limits, Surface

CHAT = Surface("", events={0: Event(2, True), 1: Event(0, False), 2: Event(2, True, optional=1)}, api={"ask": 2})
STAFF = Surface("/staff", events={0: Event(5, True)}, own_reads=(r"/export/[\w-]{32}\.csv",))


class Recorder:
    """The app behind the guard: notes each request and the body it read."""

    def __init__(self):
        self.seen: list[tuple[str, bytes]] = []

    async def __call__(self, scope, receive, send):
        body = b""
        if scope["type"] == "http" and scope["method"] == "POST":
            while True:
                message = await receive()
                body += message.get("body", b"")
                if not message.get("more_body"):
                    break
        self.seen.append((scope["path"], body))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def call(path: str, body: bytes | list[bytes] = b"", method: str = "POST", headers: list | None = None,
         cap: int = 10_000) -> tuple[int, Recorder, int]:
    """(status, the app behind, body chunks the guard read)."""
    chunks = [body] if isinstance(body, bytes) else body
    app = Recorder()
    guard = Guard(app, [CHAT, STAFF], Limits(max_request_bytes=cap, client_timeout_s=5))
    read = 0
    sent: list[dict] = []

    async def receive():
        nonlocal read
        read += 1
        if read > len(chunks):
            await asyncio.sleep(3600)
        return {"type": "http.request", "body": chunks[read - 1], "more_body": read < len(chunks)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers or [], "client": ("10.0.0.1", 1)}
    asyncio.run(guard(scope, receive, send))
    return sent[0]["status"], app, read


@pytest.mark.parametrize("method, path", [
    ("GET", "/"), ("GET", "/config"), ("GET", "/gradio_api/info"), ("GET", "/assets/index-x.js"),
    ("GET", "/gradio_api/heartbeat/abc"), ("GET", "/gradio_api/queue/data"), ("GET", "/gradio_api/call/ask/ev1"),
    ("GET", "/staff/"), ("GET", "/staff/export/" + "a" * 32 + ".csv"), ("HEAD", "/"),
])
def test_what_the_pages_use_goes_through(method, path):
    status, app, _ = call(path, method=method)
    assert status == 200 and app.seen[0][0] == path


@pytest.mark.parametrize("method, path, expected", [
    ("POST", "/gradio_api/upload", 403), ("POST", "/gradio_api/process_recording", 403),
    ("POST", "/staff/gradio_api/upload", 403), ("GET", "/gradio_api/file=http://example.org/x", 404),
    ("GET", "/gradio_api/file=/tmp/gradio/x/amf-questions-1.csv", 404), ("GET", "/gradio_api/proxy=http://x/", 404),
    ("GET", "/monitoring", 404), ("GET", "/gradio_api/call/other/ev1", 404), ("POST", "/gradio_api/run/ask", 404),
    ("GET", "/staff/export/short.csv", 404), ("PUT", "/", 405), ("GET", "/gradio_api/openapi.json", 404),
])
def test_everything_else_is_refused_before_the_app(method, path, expected):
    status, app, _ = call(path, method=method)
    assert status == expected and app.seen == []


def test_ask_with_the_question_alone_is_completed_with_null():
    status, app, _ = call("/gradio_api/call/ask", json.dumps({"data": ["Qui ?"]}).encode())
    assert status == 200 and json.loads(app.seen[0][1])["data"] == ["Qui ?", None]


@pytest.mark.parametrize("body", [
    {"data": []}, {"data": ["x", None]}, {"data": ["x", None], "fn_index": 1, "session_hash": "s"},
])
def test_a_chat_event_must_carry_its_values(body):
    status, app, _ = call("/gradio_api/queue/join", json.dumps({"fn_index": 0, **body}).encode())
    assert (status == 200) == (body.get("fn_index", 0) == 0 and len(body["data"]) == 2)


def test_an_unqueued_event_cannot_join_the_queue_nor_a_queued_one_skip_it():
    assert call("/gradio_api/queue/join", b'{"data": [], "fn_index": 1}')[0] == 404
    assert call("/gradio_api/run/predict", b'{"data": ["x", null], "fn_index": 0}')[0] == 404
    assert call("/gradio_api/run/predict", b'{"data": [], "fn_index": 1}')[0] == 200


def test_a_declared_oversized_body_is_refused_unread():
    status, app, read = call("/gradio_api/call/ask", [b"x"], headers=[(b"content-length", b"20000")])
    assert status == 413 and read == 0 and app.seen == []


def test_a_streamed_oversized_body_is_refused_once_past_the_cap():
    status, app, read = call("/gradio_api/call/ask", [b"[" * 4000] * 10)
    assert status == 413 and read == 3 and app.seen == []


def test_a_body_is_handed_on_whole_with_its_length():
    status, app, _ = call("/gradio_api/call/ask", [b'{"data": ', b'["Qui ?", []]}'])
    assert status == 200 and app.seen[0][1] == b'{"data": ["Qui ?", []]}'


def own_call(body: bytes | list[bytes], cap: int = 10_000) -> tuple[int, Recorder, list[dict]]:
    """A POST to a page's own route (`own_calls`), its refusals worded by `explain`."""
    chunks = [body] if isinstance(body, bytes) else body
    app = Recorder()
    surface = Surface("", own_calls=(r"/api/ask",), explain=lambda scope, detail: {"answer": detail, "notice": "©"})
    guard = Guard(app, [surface], Limits(max_request_bytes=cap, client_timeout_s=5))
    sent: list[dict] = []
    queue = list(chunks)

    async def receive():
        part = queue.pop(0)
        return {"type": "http.request", "body": part, "more_body": bool(queue)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/ask", "headers": [], "client": ("10.0.0.1", 1)}
    asyncio.run(guard(scope, receive, send))
    return sent[0]["status"], app, sent


def test_a_pages_own_call_gets_its_body_as_it_came_unchecked_as_a_gradio_call():
    status, app, _ = own_call([b'{"question": ', b'"x", "data": 5}'])
    assert status == 200 and app.seen == [("/api/ask", b'{"question": "x", "data": 5}')]
    status, app, _ = own_call(b"not json")  # the route reads its JSON itself
    assert status == 200 and app.seen == [("/api/ask", b"not json")]


def test_a_refusal_on_a_pages_own_call_is_worded_by_the_page():
    status, app, sent = own_call([b"x" * 6_000, b"x" * 6_000])
    assert status == 413 and app.seen == []
    assert json.loads(sent[1]["body"]) == {"answer": "Request body larger than 10000 bytes.", "notice": "©"}
