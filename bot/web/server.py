"""One web server for the visitors' chat (/) and, when `AMF_BOT_STAFF_AUTH` is set, the staff page (/staff).

Each page is its own Gradio app mounted on a FastAPI server with its own login: the staff
credentials guard every route under /staff (page, configuration, API, queue, downloads), and
the visitors' login (`AMF_BOT_AUTH`, optional) guards the chat. Without staff credentials
nothing is mounted at /staff. In front of both, `Guard` lets through only the routes the pages use
(`bot.web.guard`); under it, uvicorn runs with bounded connections: a total and a per-client
number, a deadline for a request's head, and an idle time for kept-alive connections.
"""

from __future__ import annotations

import inspect
import logging
import re
import threading
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from bot.core.errors import ConfigurationError
from bot.core.settings import Settings
from bot.web.guard import Event, Guard, Limits, Surface

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

logger = logging.getLogger(__name__)

STAFF_PATH = "/staff"
KEEP_ALIVE_S = 5  # an idle kept-alive connection is closed after this
MAX_HEAD_BYTES = 16 * 1024  # a request line and headers
# Under /staff, what a browser may fetch before logging in: the page shell, the login form's
# routes and the front-end's static files (the same for every Gradio app, no data).
_PUBLIC = re.compile(r"^/$|^/log(in|out)/?$|^(/gradio_api)?/(assets|static|svelte|pwa_icon)(/|$)"
                     r"|^(/gradio_api)?/(favicon\.ico|theme\.css|robots\.txt|manifest\.json)$")


class StaffGuard:
    """ASGI middleware: every other /staff request needs the staff session cookie, whatever Gradio's own checks.

    Gradio protects most of its routes with the login, not all (the session heartbeat, for one);
    this guard closes the page as a whole rather than route by route.
    """

    def __init__(self, app, staff_app):
        self.app = app
        self.staff_app = staff_app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] in ("http", "websocket") else ""
        if path == STAFF_PATH or path.startswith(STAFF_PATH + "/"):
            inner = path[len(STAFF_PATH):] or "/"
            if not _PUBLIC.match(inner) and not logged_in(self.staff_app, scope):
                return await _refuse(scope, receive, send)
        await self.app(scope, receive, send)


def logged_in(app, scope) -> bool:
    """Whether the request carries a session cookie of the mounted Gradio `app`'s login."""
    from starlette.requests import HTTPConnection

    cookies = HTTPConnection(scope).cookies
    token = cookies.get(f"access-token-{app.cookie_id}") or cookies.get(f"access-token-unsecure-{app.cookie_id}")
    return bool(token) and app.tokens.get(token) is not None


async def _refuse(scope, receive, send):
    from starlette.responses import JSONResponse
    from starlette.websockets import WebSocket

    if scope["type"] == "websocket":
        await WebSocket(scope, receive, send).close(code=1008)
        return
    await JSONResponse({"detail": "Not authenticated"}, status_code=401)(scope, receive, send)


def _pair(value: str) -> tuple[str, str]:
    user, password = value.split(":", 1)
    return user, password


def surface_of(blocks: "gr.Blocks", prefix: str, own_reads: tuple[str, ...] = (), own_calls: tuple[str, ...] = (),
               explain=None) -> Surface:
    """The events a page's calls may name (with their number of values), its public API names, and its own routes."""
    events: dict[int, Event] = {}
    api: dict[str, int] = {}
    for index, fn in blocks.fns.items():
        if fn.fn is None:  # a front-end-only event: nothing to call on the server
            continue
        public = fn.api_visibility == "public" and bool(fn.api_name)
        events[index] = Event(len(fn.inputs), bool(fn.queue), _optional_arguments(fn.fn) if public else 0)
        if public:
            api[fn.api_name] = index
    return Surface(prefix, events, api, own_reads, own_calls, explain)


def _optional_arguments(function) -> int:
    """Trailing parameters with a default: a caller may leave them out."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return 0
    count = 0
    for parameter in reversed(parameters):
        if parameter.default is inspect.Parameter.empty:
            break
        count += 1
    return count


def build_server(chat_app: "gr.Blocks", settings: Settings, staff_app: "gr.Blocks | None" = None) -> "FastAPI":
    import gradio as gr
    from fastapi import FastAPI

    from bot.web.sources import SOURCE_ROUTES
    from bot.web.staff import DOWNLOAD_ROUTE, STAFF_LOGIN, STAFF_TEXT, add_download_route

    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    chat_options = dict(getattr(chat_app, "mount_options", {}))  # set by bot.web.page.build_app
    common: dict[str, Any] = {"show_error": False, "ssr_mode": False, "mcp_server": False, "pwa": False,
                              "enable_monitoring": False}
    if "theme" in chat_options:
        common["theme"] = chat_options.pop("theme")
    # the sources in context and the original files (bot.web.sources) are the chat's own reads, the plain
    # HTTP API (bot.web.api, set by bot.web.page.build_app) its own calls, its refusals in the API's words
    surfaces = [surface_of(chat_app, "", own_reads=(SOURCE_ROUTES,), own_calls=getattr(chat_app, "amf_calls", ()),
                           explain=getattr(chat_app, "amf_refusal", None))]
    if staff_app is not None and settings.staff_auth:
        add_download_route(server, staff_app)  # before the page, whose mount would take /staff/export too
        gr.mount_gradio_app(server, staff_app, STAFF_PATH, auth=_pair(settings.staff_auth), footer_links=[],
                            i18n=gr.I18n(**STAFF_TEXT), auth_message=STAFF_LOGIN, **common)
        mounted = next(r.app for r in server.routes if getattr(r, "path", "") == STAFF_PATH)
        server.add_middleware(StaffGuard, staff_app=mounted)
        surfaces.append(surface_of(staff_app, STAFF_PATH, own_reads=(DOWNLOAD_ROUTE,)))
    gr.mount_gradio_app(server, chat_app, "/", auth=_pair(settings.auth) if settings.auth else None,
                        # /sources/passage/… and /sources/file/… (bot.web.sources), behind the chat's login
                        app_kwargs={"routes": list(getattr(chat_app, "amf_routes", []))},
                        **{**common, **chat_options})
    web = settings.web
    server.add_middleware(Guard, surfaces=surfaces, limits=Limits(web.max_request_bytes, web.client_timeout_s))
    return server


def uvicorn_config(server: "FastAPI", settings: Settings):
    """uvicorn's configuration: the address, and every limit on connections."""
    import uvicorn

    web = settings.web
    return uvicorn.Config(server, host=web.host, port=web.port, log_level="warning",
                          http=guarded_protocol(web.max_connections, web.max_connections_per_client,
                                                web.client_timeout_s),
                          ws="none", lifespan="on", limit_concurrency=web.max_connections,
                          timeout_keep_alive=KEEP_ALIVE_S, timeout_graceful_shutdown=2,
                          h11_max_incomplete_event_size=MAX_HEAD_BYTES)


def guarded_protocol(max_connections: int, per_client: int, head_timeout_s: float):
    """uvicorn's h11 protocol, closing connections beyond the limits and those silent past the head deadline."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    clients: Counter[str] = Counter()
    closed = {"count": 0, "logged": 0.0}

    class GuardedH11Protocol(H11Protocol):
        _client_key = ""
        _head_timer = None
        _answered = None  # the cycle after which the next request's head is awaited

        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._client_key = (self.client or ("unknown", 0))[0]
            clients[self._client_key] += 1
            if len(self.connections) > max_connections or clients[self._client_key] > per_client:
                self._note_closed()
                transport.close()
                return
            self._await_head()

        def connection_lost(self, exc) -> None:
            self._cancel_head_timer()
            if self._client_key:
                clients[self._client_key] -= 1
                if clients[self._client_key] <= 0:
                    del clients[self._client_key]
                self._client_key = ""
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._head_timer is not None and self.cycle is not None and self.cycle is not self._answered:
                self._cancel_head_timer()  # a request's head has arrived

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._answered = self.cycle
                self._await_head()

        def _await_head(self) -> None:
            self._cancel_head_timer()
            self._head_timer = self.loop.call_later(head_timeout_s, self._silent)

        def _cancel_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _silent(self) -> None:
            self._head_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        @staticmethod
        def _note_closed() -> None:
            closed["count"] += 1
            now = time.monotonic()
            if now - closed["logged"] > 10:
                logger.warning("connections beyond the limits (%d in all, %d per client) closed: %d so far",
                               max_connections, per_client, closed["count"])
                closed["logged"] = now

    return GuardedH11Protocol


class Running:
    """A server running in a thread (tests, `launch_app(prevent_thread_lock=True)`); `close()` stops it."""

    def __init__(self, runner, thread: threading.Thread, gradio_apps: list):
        self.runner = runner
        self.thread = thread
        self.gradio_apps = gradio_apps

    def close(self) -> None:
        for app in self.gradio_apps:  # ends the heartbeat streams, which would hold the shutdown
            app.stop_event.set()
        self.runner.should_exit = True
        self.thread.join(timeout=10)


def _check_port(settings: Settings) -> None:
    import socket

    with socket.socket() as probe:  # a busy port is said in one line, not in uvicorn's log
        try:
            probe.bind((settings.host, settings.port))
        except OSError as exc:
            raise ConfigurationError(f"cannot listen on {settings.host}:{settings.port} ({exc.strerror}): stop what "
                                     "uses that port or set AMF_BOT_PORT / AMF_BOT_HOST") from None


def serve(server: "FastAPI", settings: Settings) -> None:
    """Run the server until interrupted."""
    import uvicorn

    _check_port(settings)
    uvicorn.Server(uvicorn_config(server, settings)).run()


def start(server: "FastAPI", settings: Settings) -> Running:
    """Run the server in a thread; returns once it accepts connections."""
    import uvicorn

    _check_port(settings)
    runner = uvicorn.Server(uvicorn_config(server, settings))
    thread = threading.Thread(target=runner.run, name="amf-bot-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise ConfigurationError(f"the web server did not start on {settings.host}:{settings.port}")
        time.sleep(0.05)
    mounted = [r.app for r in server.routes if hasattr(getattr(r, "app", None), "stop_event")]
    return Running(runner, thread, mounted)
