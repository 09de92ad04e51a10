"""What the web server refuses before Gradio sees it: every route the pages do not use, oversized or slow
request bodies, malformed calls, and logins from a client that keeps failing.

The surface is an allow-list, per page (the chat at `/`, the staff page at `/staff`): the page shell and
its front-end files, the login form, the queue the page's events go through, the session heartbeat, the
page's own unqueued events, the public API (`ask`) and the page's own routes (the plain HTTP API,
`/api/ask`: its body read within the cap, then checked by the route itself, which also words the
guard's refusals there). Everything else Gradio serves — uploads, the recorder, `file=` (local paths
and remote URLs alike), the proxy, streams, monitoring, MCP, the editor — is answered 404 without
reaching it. A call's body is read here, up to `max_request_bytes` (413 beyond,
408 when it comes too slowly), and checked: a JSON object whose `data` has the number of values the
event takes (trailing optional API arguments are filled with null: `/ask` with the question alone), the
event one of the page's. Refusals are one log line each, never a traceback.

Wrong logins are counted per client address: after `limit` failures within `window_s` seconds, that
client's logins are answered 429 (with Retry-After) without checking the password, until its oldest
failure leaves the window. A pure ASGI middleware: no Gradio import, one event loop, so no lock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

# GET (and HEAD) routes of a page, below its mount point: the shell, its front-end files (the same for
# every Gradio app), the configuration and API description, the heartbeat, the queue's event stream.
_READ = re.compile(r"^/$|^/(assets|static|svelte)/[\w./-]{1,200}$|^/(favicon\.ico|theme\.css|robots\.txt|config|logout)$"
                   r"|^/gradio_api/(info|queue/data|heartbeat/[\w-]{1,64})$")
_RESULT = re.compile(r"^/gradio_api/call/([\w-]{1,64})/[\w-]{1,64}$")  # an API call's result stream
_CALL = re.compile(r"^/gradio_api/call/([\w-]{1,64})$")
_FILES_IN = re.compile(r"^/gradio_api/(upload|upload_progress|process_recording)/?$")  # said plainly


@dataclass(frozen=True)
class Event:
    """One event of a page as its calls must carry it."""

    inputs: int  # values in `data`
    queued: bool  # through the queue (queue/join, call/NAME), or not (run/predict)
    optional: int = 0  # trailing values a caller may leave out (filled with null)


@dataclass(frozen=True)
class Surface:
    """What one page (mounted at `prefix`) answers: its events by index and its public API names."""

    prefix: str
    events: dict[int, Event] = field(default_factory=dict)
    api: dict[str, int] = field(default_factory=dict)  # name → event index
    own_reads: tuple[str, ...] = ()  # patterns of more GET paths, the page's own routes
    own_calls: tuple[str, ...] = ()  # patterns of POST paths of the page's own routes (they read the JSON)
    # The reply body of a refusal on one of `own_calls` (scope, detail → JSON object): the API's own reply
    # object, with its message and AMF's notice; {"detail": …} elsewhere. Called in a thread.
    explain: Callable[[Scope, str], dict] | None = None


@dataclass(frozen=True)
class Limits:
    max_request_bytes: int = 1_000_000
    client_timeout_s: float = 10.0


class Refused(Exception):
    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _is_login(path: str) -> bool:
    return path == "/login"


class LoginThrottle:
    """Failed logins per client address over a sliding window."""

    def __init__(self, limit: int = 5, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def wait_s(self, client: str) -> float:
        """Seconds before `client` may try again (0: now)."""
        failures = self._recent(client)
        if len(failures) < self.limit:
            return 0.0
        return max(0.0, failures[0] + self.window_s - self.clock())

    def failed(self, client: str) -> None:
        failures = self._recent(client)
        failures.append(self.clock())
        if len(failures) == self.limit:
            logger.warning("login: %d failures from %s within %g s; further attempts refused for a while",
                           self.limit, client, self.window_s)

    def _recent(self, client: str) -> deque[float]:
        now = self.clock()
        if len(self._failures) > 10_000:  # forget clients whose failures are all old
            self._failures = {c: f for c, f in self._failures.items() if f and f[-1] > now - self.window_s}
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        return failures


class Guard:
    """ASGI middleware: the allow-list (404), body limits (413, 408), call checks (400), logins (429)."""

    def __init__(self, app: Callable, surfaces: list[Surface] | None = None, limits: Limits | None = None,
                 throttle: LoginThrottle | None = None):
        self.app = app
        # The longest mount point first: /staff before /.
        self.surfaces = sorted(surfaces or [Surface("")], key=lambda s: len(s.prefix), reverse=True)
        self.limits = limits or Limits()
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind == "lifespan":
            return await self.app(scope, receive, send)
        if kind != "http":  # the pages use no websocket
            return await _close_websocket(receive, send)
        path, method = scope.get("path", ""), scope.get("method", "")
        surface, inner = None, path
        try:
            surface, inner = self._surface(path)
            if _FILES_IN.match(inner):
                raise Refused(403, "This application accepts no files.")
            if method in ("GET", "HEAD"):
                self._check_read(surface, inner)
                _check_length(scope, self.limits.max_request_bytes)
                return await self.app(scope, receive, send)
            if method != "POST":
                raise Refused(405, "Method not allowed.")
            if _is_login(inner):
                return await self._login(scope, await self._body(scope, receive), receive, send)
            body = self._checked_call(surface, inner, await self._body(scope, receive))
        except Refused as refusal:
            client = (scope.get("client") or ("unknown", 0))[0]
            logger.warning("refused %s %s from %s: %d %s", method, _short(path), client, refusal.status,
                           refusal.detail)
            reply = {"detail": refusal.detail}
            if surface is not None and surface.explain is not None and _own_call(surface, inner):
                try:
                    reply = await asyncio.to_thread(surface.explain, scope, refusal.detail)
                except Exception as exc:  # noqa: BLE001 - the refusal stands, said plainly
                    logger.error("refusal not explained: %s: %s", type(exc).__name__, exc)
            return await _reply(send, refusal.status, reply)
        await self.app({**scope, "headers": _with_length(scope, len(body))}, _replay(body, receive), send)

    def _surface(self, path: str) -> tuple[Surface, str]:
        for surface in self.surfaces:
            if surface.prefix and (path == surface.prefix or path.startswith(surface.prefix + "/")):
                return surface, path[len(surface.prefix):] or "/"
            if not surface.prefix:
                return surface, path
        raise Refused(404, "Not found.")

    @staticmethod
    def _check_read(surface: Surface, inner: str) -> None:
        if _READ.match(inner) or any(re.fullmatch(pattern, inner) for pattern in surface.own_reads):
            return
        result = _RESULT.match(inner)
        if result and result.group(1) in surface.api:
            return
        raise Refused(404, "Not found.")

    async def _body(self, scope: Scope, receive: Receive) -> bytes:
        """The whole request body, refused past the size limit (before reading, when the length is given)
        and when it does not arrive within the client timeout."""
        cap = self.limits.max_request_bytes
        _check_length(scope, cap)
        deadline = time.monotonic() + self.limits.client_timeout_s
        parts, size = [], 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                raise Refused(408, "The request body came too slowly.") from None
            if message["type"] == "http.disconnect":
                raise Refused(400, "The client went away.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > cap:
                raise Refused(413, f"Request body larger than {cap} bytes.")
            parts.append(chunk)
            if not message.get("more_body", False):
                return b"".join(parts)

    def _checked_call(self, surface: Surface, inner: str, body: bytes) -> bytes:
        """The body of a call to one of the page's events, completed with its optional values, or of one of
        its own routes, as it came; else Refused."""
        if _own_call(surface, inner):
            return body
        call = _CALL.match(inner)
        if call:
            name = call.group(1)
            if name not in surface.api:
                raise Refused(404, f"No API endpoint named {name!r}.")
            index, queued = surface.api[name], True
        elif inner in ("/gradio_api/queue/join", "/gradio_api/run/predict"):
            index, queued = None, inner.endswith("/join")
        else:
            raise Refused(404, "Not found.")
        try:
            request = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise Refused(400, "The body must be a JSON object.") from None
        if not isinstance(request, dict) or not isinstance(request.get("data", []), list):
            raise Refused(400, "The body must be a JSON object whose 'data' is a list.")
        if index is None:
            index = request.get("fn_index")
            if isinstance(index, bool) or not isinstance(index, int):
                raise Refused(400, "'fn_index' must name one of the page's events.")
        event = surface.events.get(index)
        if event is None or event.queued != queued:
            raise Refused(404, "No such event.")
        data = request.get("data", [])
        if not event.inputs - event.optional <= len(data) <= event.inputs:
            expected = (f"{event.inputs - event.optional} to {event.inputs}" if event.optional else str(event.inputs))
            raise Refused(400, f"'data' must hold {expected} values, not {len(data)}.")
        if len(data) == event.inputs and "data" in request:
            return body
        request["data"] = data + [None] * (event.inputs - len(data))
        return json.dumps(request).encode()

    async def _login(self, scope: Scope, body: bytes, receive: Receive, send: Send) -> None:
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.throttle.wait_s(client)
        if wait > 0:
            return await _reply(send, 429, {"detail": "Too many failed logins; try again later."},
                                [(b"retry-after", str(int(wait) + 1).encode())])

        async def watch(message: dict) -> None:
            # 400/401: credentials refused (a malformed form, 422, is no guess at a password).
            if message["type"] == "http.response.start" and message["status"] in (400, 401):
                self.throttle.failed(client)
            await send(message)

        await self.app({**scope, "headers": _with_length(scope, len(body))}, _replay(body, receive), watch)


def _own_call(surface: Surface, inner: str) -> bool:
    return any(re.fullmatch(pattern, inner) for pattern in surface.own_calls)


def _check_length(scope: Scope, cap: int) -> None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                raise Refused(400, "Unreadable Content-Length.") from None
            if length > cap:
                raise Refused(413, f"Request body larger than {cap} bytes.")


def _with_length(scope: Scope, length: int) -> list[tuple[bytes, bytes]]:
    headers = [(n, v) for n, v in scope.get("headers", []) if n not in (b"content-length", b"transfer-encoding")]
    return [*headers, (b"content-length", str(length).encode())]


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` giving the body already read, then waiting for the client to leave."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _short(path: str) -> str:
    return path if len(path) <= 120 else path[:117] + "…"


async def _close_websocket(receive: Receive, send: Send) -> None:
    message = await receive()
    if message.get("type") == "websocket.connect":
        await send({"type": "websocket.close", "code": 1008})


async def _reply(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    content = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": content})
