"""One web server for the visitors' chat (/) and, when `AMF_BOT_STAFF_AUTH` is set, the staff page (/staff).

Each page is its own Gradio app mounted on a FastAPI server with its own login: the staff
credentials guard every route under /staff (page, configuration, API, queue, files), and
the visitors' login (`AMF_BOT_AUTH`, optional) guards the chat. Without staff credentials
nothing is mounted at /staff.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.core.errors import ConfigurationError
from bot.core.settings import Settings
from bot.web.guard import Guard

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

STAFF_PATH = "/staff"
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
            if not _PUBLIC.match(inner) and not self._logged_in(scope):
                return await _refuse(scope, receive, send)
        await self.app(scope, receive, send)

    def _logged_in(self, scope) -> bool:
        from starlette.requests import HTTPConnection

        cookies = HTTPConnection(scope).cookies
        app = self.staff_app
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


def build_server(chat_app: "gr.Blocks", settings: Settings, staff_app: "gr.Blocks | None" = None) -> "FastAPI":
    import gradio as gr
    from fastapi import FastAPI

    from bot.web.enhance import head
    from bot.web.page import CSS, theme, translations
    from bot.web.staff import STAFF_LOGIN, STAFF_TEXT

    server = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    common: dict[str, Any] = {"show_error": False, "ssr_mode": False, "mcp_server": False, "pwa": False,
                              "theme": theme()}
    if staff_app is not None and settings.staff_auth:
        gr.mount_gradio_app(server, staff_app, STAFF_PATH, auth=_pair(settings.staff_auth), footer_links=[],
                            i18n=gr.I18n(**STAFF_TEXT), auth_message=STAFF_LOGIN, **common)
        mounted = next(r.app for r in server.routes if getattr(r, "path", "") == STAFF_PATH)
        server.add_middleware(StaffGuard, staff_app=mounted)
    gr.mount_gradio_app(server, chat_app, "/", auth=_pair(settings.auth) if settings.auth else None,
                        footer_links=["api"], i18n=translations(), css=CSS, head=head(),
                        # /sources/passage/… and /sources/file/… (bot.web.sources), behind the chat's login
                        app_kwargs={"routes": list(getattr(chat_app, "amf_routes", []))}, **common)
    server.add_middleware(Guard)  # no uploads, wrong logins slowed down per client (both pages)
    return server


def serve(server: "FastAPI", settings: Settings) -> None:
    """Run the server until interrupted."""
    import socket

    import uvicorn

    with socket.socket() as probe:  # a busy port is said in one line, not in uvicorn's log
        try:
            probe.bind((settings.host, settings.port))
        except OSError as exc:
            raise ConfigurationError(f"cannot listen on {settings.host}:{settings.port} ({exc.strerror}): stop what "
                                     "uses that port or set AMF_BOT_PORT / AMF_BOT_HOST") from None
    uvicorn.run(server, host=settings.host, port=settings.port, log_level="warning")
