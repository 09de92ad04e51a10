"""What the web server refuses before Gradio sees it: file uploads, and logins from a client that keeps failing.

The chat takes no files, so Gradio's upload route is closed. Wrong logins are counted per client
address: after `limit` failures within `window_s` seconds, that client's logins are answered
429 (with Retry-After) without checking the password, until its oldest failure leaves the window.
A pure ASGI middleware: no Gradio import, one event loop, so no lock is needed.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]



def _is_upload(path: str) -> bool:
    """Gradio's upload route, of the chat or of a page mounted below it (/staff/gradio_api/upload)."""
    return path.rstrip("/").endswith("/gradio_api/upload")


def _is_login(path: str) -> bool:
    """Gradio's login form, of the chat (/login) or of a mounted page (/staff/login)."""
    return path.rstrip("/").rsplit("/", 1)[-1] == "login"


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
    """ASGI middleware: uploads refused (403), logins throttled per client (429)."""

    def __init__(self, app: Callable, throttle: LoginThrottle | None = None):
        self.app = app
        self.throttle = throttle or LoginThrottle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if _is_upload(path):
            return await _reply(send, 403, {"detail": "This application accepts no file uploads."})
        if _is_login(path) and scope.get("method") == "POST":
            return await self._login(scope, receive, send)
        return await self.app(scope, receive, send)

    async def _login(self, scope: Scope, receive: Receive, send: Send) -> None:
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

        await self.app(scope, receive, watch)


async def _reply(send: Send, status: int, body: dict, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    content = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": content})
