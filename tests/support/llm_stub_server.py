"""A stand-in model server for the tests: OpenAI `/v1/chat/completions` and Ollama `/api/chat`.

Both protocols, streaming (SSE / NDJSON) and not, on a free 127.0.0.1 port in a thread.
Each request takes the next scripted behaviour from a queue (`script(...)`); an unscripted
request gets a 500 so a test never passes by accident. Requests are recorded for assertions.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """A normal assistant message with this text (streamed word by word when asked to stream)."""

    text: str


@dataclass(frozen=True)
class Fail:
    """An HTTP error status."""

    status: int = 500
    body: str = '{"error": {"message": "scripted failure", "type": "server_error"}}'


@dataclass(frozen=True)
class Hang:
    """Says nothing for this long (past the client's timeout), then gives up."""

    seconds: float = 5.0


@dataclass(frozen=True)
class Garbage:
    """A 200 response whose body is not JSON."""


@dataclass(frozen=True)
class Babble:
    """A model that never stops: streams a word every `interval` seconds until the client goes away
    (then `StubLLMServer.abandoned` is set) or `seconds` have passed."""

    interval: float = 0.05
    seconds: float = 10.0


@dataclass(frozen=True)
class Flood:
    """A server that ignores the output cap: writes `piece` over and over, as fast as the client reads,
    until `chars` characters are out or the client goes away (then `StubLLMServer.abandoned` is set;
    `StubLLMServer.sent_chars` says how much went out)."""

    piece: str = "The group is led by Mr AUXIETTE [1]. "
    # Far above what the loopback's socket buffers take in before the writer sees the client gone: a fresh CI run
    # counted 2.8 million characters out of 5 million "sent" to a client that had read a few hundred and closed.
    chars: int = 20_000_000


Behaviour = Reply | Fail | Hang | Garbage | Babble | Flood


@dataclass(frozen=True)
class Request:
    path: str
    body: dict

    @property
    def protocol(self) -> str:
        return "ollama" if self.path.startswith("/api/") else "openai"

    @property
    def streamed(self) -> bool:
        return bool(self.body.get("stream", self.protocol == "ollama"))

    @property
    def prompt(self) -> str:
        """All message contents, for assertions on what the model was told."""
        return "\n".join(str(m.get("content", "")) for m in self.body.get("messages", []))


class StubLLMServer:
    def __init__(self) -> None:
        self.behaviours: queue.Queue[Behaviour] = queue.Queue()
        self.requests: list[Request] = []
        self.released = threading.Event()  # ends hangs when the server stops
        self.abandoned = threading.Event()  # a client closed a stream that was still being written
        self.sent_chars = 0  # characters of text a Flood wrote
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="stub-llm", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def base_url(self, protocol: str) -> str:
        """What AMF_BOT_LLM_BASE_URL would be for this protocol."""
        return f"{self.url}/v1" if protocol == "openai" else self.url

    def script(self, *behaviours: Behaviour) -> None:
        """Replace what the next requests get, in order."""
        self.reset()
        for behaviour in behaviours:
            self.behaviours.put(behaviour)

    def reset(self) -> None:
        while not self.behaviours.empty():
            self.behaviours.get_nowait()
        self.requests.clear()

    def next_behaviour(self) -> Behaviour:
        try:
            return self.behaviours.get_nowait()
        except queue.Empty:
            return Fail(500, '{"error": "no scripted reply left"}')

    def start(self) -> "StubLLMServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StubLLMServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(stub: StubLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
            pass

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            request = Request(self.path, body)
            stub.requests.append(request)
            if self.path not in ("/v1/chat/completions", "/api/chat"):
                return self._send(404, "application/json", b'{"error": "not found"}')
            try:
                self._behave(stub.next_behaviour(), request)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing to answer

        def _behave(self, behaviour: Behaviour, request: Request) -> None:
            if isinstance(behaviour, Fail):
                return self._send(behaviour.status, "application/json", behaviour.body.encode())
            if isinstance(behaviour, Hang):
                stub.released.wait(behaviour.seconds)
                return self._send(504, "application/json", b'{"error": "hung"}')
            if isinstance(behaviour, Babble):
                return self._babble(behaviour, request)
            if isinstance(behaviour, Flood):
                return self._flood(behaviour, request)
            if isinstance(behaviour, Garbage):
                kind = "text/event-stream" if request.streamed and request.protocol == "openai" else "application/json"
                body = b"data: {not json\n\n" if kind == "text/event-stream" else b"{not json"
                return self._send(200, kind, body)
            model = str(request.body.get("model", "stub"))
            if request.protocol == "openai":
                return self._openai(behaviour.text, model, request)
            return self._ollama(behaviour.text, model, request)

        def _openai(self, text: str, model: str, request: Request) -> None:
            if not request.streamed:
                message = {"role": "assistant", "content": text}
                body = {"id": "chatcmpl-stub", "object": "chat.completion", "created": int(time.time()), "model": model,
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}
                return self._send(200, "application/json", json.dumps(body).encode())
            events = [_openai_chunk(model, {"role": "assistant", "content": ""}, None)]
            events += [_openai_chunk(model, {"content": piece}, None) for piece in _pieces(text)]
            events.append(_openai_chunk(model, {}, "stop"))
            if (request.body.get("stream_options") or {}).get("include_usage"):
                events.append({"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": model,
                               "choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}})
            lines = [f"data: {json.dumps(e)}\n\n" for e in events] + ["data: [DONE]\n\n"]
            self._send_stream("text/event-stream", lines)

        def _ollama(self, text: str, model: str, request: Request) -> None:
            done = {"model": model, "created_at": "2025-01-01T00:00:00Z", "message": {"role": "assistant", "content": ""},
                    "done": True, "done_reason": "stop", "total_duration": 1, "prompt_eval_count": 10, "eval_count": 10}
            if not request.streamed:
                body = {**done, "message": {"role": "assistant", "content": text}}
                return self._send(200, "application/json", json.dumps(body).encode())
            parts = [{"model": model, "created_at": "2025-01-01T00:00:00Z",
                      "message": {"role": "assistant", "content": piece}, "done": False} for piece in _pieces(text)]
            self._send_stream("application/x-ndjson", [json.dumps(p) + "\n" for p in [*parts, done]])

        def _babble(self, behaviour: Babble, request: Request) -> None:
            model = str(request.body.get("model", "stub"))
            openai = request.protocol == "openai"
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream" if openai else "application/x-ndjson")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            until = time.monotonic() + behaviour.seconds
            try:
                while time.monotonic() < until and not stub.released.is_set():
                    if openai:
                        line = f"data: {json.dumps(_openai_chunk(model, {'content': 'bla '}, None))}\n\n"
                    else:
                        line = json.dumps({"model": model, "created_at": "2025-01-01T00:00:00Z",
                                           "message": {"role": "assistant", "content": "bla "}, "done": False}) + "\n"
                    self.wfile.write(line.encode())
                    self.wfile.flush()
                    time.sleep(behaviour.interval)
            except (BrokenPipeError, ConnectionResetError):
                stub.abandoned.set()

        def _flood(self, behaviour: Flood, request: Request) -> None:
            model = str(request.body.get("model", "stub"))
            openai = request.protocol == "openai"
            if not request.streamed:
                return (self._openai if openai else self._ollama)(behaviour.piece * (behaviour.chars // len(behaviour.piece)),
                                                                  model, request)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream" if openai else "application/x-ndjson")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            text = behaviour.piece * max(1, 4000 // len(behaviour.piece))
            stub.sent_chars = 0
            try:
                while stub.sent_chars < behaviour.chars and not stub.released.is_set():
                    if openai:
                        line = f"data: {json.dumps(_openai_chunk(model, {'content': text}, None))}\n\n"
                    else:
                        line = json.dumps({"model": model, "created_at": "2025-01-01T00:00:00Z",
                                           "message": {"role": "assistant", "content": text}, "done": False}) + "\n"
                    self.wfile.write(line.encode())
                    self.wfile.flush()
                    stub.sent_chars += len(text)
            except (BrokenPipeError, ConnectionResetError):
                stub.abandoned.set()

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _send_stream(self, content_type: str, lines: list[str]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            for line in lines:
                self.wfile.write(line.encode())
                self.wfile.flush()
            self.close_connection = True

    return Handler


def _openai_chunk(model: str, delta: dict, finish_reason: str | None) -> dict:
    return {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}


def _pieces(text: str) -> list[str]:
    """The text in word-sized chunks that join back exactly."""
    words = text.split(" ")
    return [w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)]
