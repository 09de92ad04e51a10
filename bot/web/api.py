"""The plain HTTP API: `POST /api/ask` with a JSON object, the same reply as the Gradio `ask` API.

    {"question": "…", "history": ["earlier question", …], "language": "fr", "id": "…"}

Only `question` is needed; `history` (earlier questions, oldest first), `language` (one of the eleven,
forcing the answer's) and `id` (echoed back) are optional; any other field is refused, so that a
misspelt one ("qestion") is said rather than answered as an empty question. The reply is
`Chat.api_answer`'s object (`amf-bot ask --json`'s): answer with its citations, their provenance,
status, language, AMF's notice. The HTTP status follows `status`: 200 answered or not found, 400
rejected (an empty or oversized question, a history that is not a list of questions, a body that
cannot be read: not UTF-8 JSON, not an object, an unknown field or language), 503 when the service
failed; every reply carries the message in the visitor's language and the notice.

No Gradio queue, no event stream: each question is answered in one thread of a pool of
`AMF_BOT_CONCURRENCY_LIMIT` threads, so the event loop never waits for an answer, and the reply is
written at once. The guard (`bot.web.guard`) lets the route through with the body cap and its
refusals (413, 408) said in the same reply object (`refusal_body`); with `AMF_BOT_AUTH` the route asks
for the chat's login like the rest of the page. Refusals are one log line each, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from bot.core.text import clean_text
from bot.language.supported import SUPPORTED

if TYPE_CHECKING:
    from bot.web.chat import Chat

logger = logging.getLogger(__name__)

API_PATH = "/api/ask"
API_CALLS = (r"/api/ask",)  # the POST paths of `api_routes`, for the guard's allow-list
FIELDS = ("question", "history", "language", "id")
HTTP_STATUS = {"answered": 200, "not_found": 200, "rejected": 400, "error": 503}


def accepted_language(header: str | None) -> str | None:
    """The first of the eleven languages an Accept-Language header names, if any."""
    for part in (header or "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in SUPPORTED:
            return code
    return None


class Unreadable(Exception):
    """A request body the API cannot read; the message says why (for the reply's `error` and the log)."""


def read_request(body: bytes) -> dict:
    """The arguments of `Chat.api_answer` from a request body; Unreadable when the body does not hold them."""
    try:
        request = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise Unreadable("the body is not UTF-8 text") from None
    except RecursionError:
        raise Unreadable("JSON nested too deeply") from None
    except ValueError as exc:
        raise Unreadable(f"invalid JSON: {exc}") from None
    if not isinstance(request, dict):
        raise Unreadable(f"expected a JSON object, got {type(request).__name__}")
    unknown = sorted(set(request) - set(FIELDS))
    if unknown:
        raise Unreadable(f"unknown field(s) {', '.join(map(repr, unknown))[:200]}; allowed: {', '.join(FIELDS)}")
    language = request.get("language")
    if language is not None and language not in SUPPORTED:
        raise Unreadable(f"language must be one of {', '.join(SUPPORTED)}")
    return {name: request.get(name) for name in FIELDS}  # a missing question is the assistant's to answer


def reply_bytes(reply: dict) -> bytes:
    """Strict JSON in UTF-8 (no NaN); text no encoding can carry is replaced, never a crash."""
    return clean_text(json.dumps(reply, ensure_ascii=False, allow_nan=False)).encode("utf-8")


def refusal_body(chat: "Chat"):
    """For the guard: the reply object of a request it refuses on the API's path (413, 408…)."""
    def body(scope: dict, detail: str) -> dict:
        headers = dict(scope.get("headers") or [])
        language = accepted_language(headers.get(b"accept-language", b"").decode("latin-1"))
        return chat.api_refusal(detail, language)

    return body


def api_routes(chat: "Chat", workers: int) -> list:
    """`POST /api/ask`, for the chat's FastAPI app (`app_kwargs={"routes": …}`), which checks its login."""
    from starlette.responses import Response
    from starlette.routing import Route

    from bot.web.server import logged_in

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="amf-api")

    def respond(reply: dict, status: int | None = None) -> Response:
        return Response(reply_bytes(reply), status_code=status or HTTP_STATUS.get(reply.get("status"), 200),
                        media_type="application/json")

    async def in_pool(function, *arguments, **keywords):
        return await asyncio.get_running_loop().run_in_executor(pool, lambda: function(*arguments, **keywords))

    async def ask(request) -> Response:
        language = accepted_language(request.headers.get("accept-language"))
        app = request.app
        if (getattr(app, "auth", None) is not None or getattr(app, "auth_dependency", None) is not None) \
                and not logged_in(app, request.scope):
            return respond(await in_pool(chat.api_refusal, "not authenticated: log in at /login first", language), 401)
        try:
            arguments = read_request(await request.body())
        except Unreadable as exc:
            client = request.client.host if request.client else "unknown"
            logger.warning("refused POST %s from %s: 400 %s", API_PATH, client, exc)
            return respond(await in_pool(chat.api_refusal, str(exc), language), 400)
        return respond(await in_pool(chat.api_answer, **arguments))

    return [Route(API_PATH, ask, methods=["POST"])]
