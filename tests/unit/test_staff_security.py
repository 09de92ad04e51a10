"""The staff page refuses visitors: every route under /staff without or with wrong credentials, and no /staff at all without staff credentials."""

from __future__ import annotations

import re

import httpx
import pytest
from support.chroma_server import free_loopback_port
from support.staff_server import STAFF_PASSWORD, STAFF_USER, chat_and_staff

# Public front-end code (the same for every Gradio app): served without login, holds no data.
STATIC = re.compile(r"^(/gradio_api)?/(assets|static|svelte|pwa_icon)(/|$)|^(/gradio_api)?/(favicon\.ico|theme\.css|robots\.txt|manifest\.json)$")
SECRET_MARKERS = ("Qui a financé le jumelage secret", "validated", "questions.sqlite3", "staff workspace",
                  "espace des équipes")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    import shutil

    from bot.assembly import build_index, make_assistant
    from bot.core.settings import Settings
    from conftest import KNOWLEDGE

    folder = tmp_path_factory.mktemp("staff-security")
    shutil.copytree(KNOWLEDGE, folder / "knowledge")
    settings = Settings(knowledge_dir=folder / "knowledge", index_dir=folder / "index", data_dir=folder / "data",
                        embedding_model="hash", staff_auth=f"{STAFF_USER}:{STAFF_PASSWORD}", port=free_loopback_port())
    build_index(settings)
    assistant = make_assistant(settings)
    with chat_and_staff(settings, assistant) as (base, server):
        with httpx.Client(base_url=base, timeout=30) as visitor:
            # A visitor's question lands in the log: the staff routes must not leak it.
            event = visitor.post("/gradio_api/call/ask", json={"data": ["Qui a financé le jumelage secret ?", []]})
            visitor.get(f"/gradio_api/call/ask/{event.json()['event_id']}")
        assert logged_questions(settings)
        yield base, server


def logged_questions(settings) -> list[dict]:
    from bot.records.questions import QuestionLog

    return QuestionLog(settings.data_dir / "questions.sqlite3").rows()


def staff_routes(server) -> list[tuple[str, set[str]]]:
    """Every route of the app mounted at /staff, API router included, as (path, methods)."""
    mounted = next(r for r in server.routes if getattr(r, "path", "") == "/staff")
    found, pending = [], list(mounted.app.routes)
    while pending:
        route = pending.pop()
        inner = getattr(route, "original_router", None)
        if inner is not None:
            pending += inner.routes
        elif hasattr(route, "path"):
            found.append((route.path, set(getattr(route, "methods", None) or {"GET"})))
    return found


def concrete(path: str) -> str:
    return "/staff" + re.sub(r"\{[^}]+\}", "x", path)


def test_every_staff_route_refuses_visitors(served):
    base, server = served
    routes = staff_routes(server)
    assert len(routes) > 30  # the API router was walked too
    assert any("/gradio_api/file" in p for p, _ in routes) and any("/gradio_api/queue" in p for p, _ in routes)
    for credentials in (None, (STAFF_USER, "wrong"), ("visitor", STAFF_PASSWORD)):
        with httpx.Client(base_url=base, timeout=5, follow_redirects=False, auth=credentials) as client:
            if credentials:  # a wrong login is refused and gives no session
                login = client.post("/staff/login", data={"username": credentials[0], "password": credentials[1]})
                assert login.status_code in (400, 401), login.text
                assert not client.cookies
            refused = []
            for path, methods in routes:
                url = concrete(path)
                for method in sorted(methods - {"HEAD", "OPTIONS"}):
                    response = client.request(method, url, json={"data": [], "fn_index": 0, "session_hash": "x"})
                    if STATIC.match(path) or path in ("/", "/login", "/login/", "/logout"):
                        body = response.text
                        assert not any(marker in body for marker in SECRET_MARKERS), (method, url)
                        continue
                    if response.status_code not in (401, 403, 404, 405, 422):
                        refused.append((method, url, response.status_code))
                    assert not any(marker in response.text for marker in SECRET_MARKERS), (method, url)
            assert refused == [], f"served to a visitor without staff credentials: {refused}"


def test_the_staff_page_after_login_and_the_chat_stays_public(served):
    base, _ = served
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/config").status_code == 200  # the visitors' chat needs no staff login
        login = client.post("/staff/login", data={"username": STAFF_USER, "password": STAFF_PASSWORD})
        assert login.status_code == 200
        config = client.get("/staff/config")
        assert config.status_code == 200 and "staff-questions" in config.text
        info = client.get("/staff/gradio_api/info").json()
        assert not info.get("named_endpoints")  # no public API on the staff page


def test_no_staff_credentials_no_staff_page(tmp_path):
    from bot.core.settings import Settings
    from bot.web.server import build_server
    from support.fakes import ScriptedAssistant
    from bot.records.feedback import FeedbackStore
    from bot.web.page import build_app

    settings = Settings(knowledge_dir=tmp_path, index_dir=tmp_path / "i", data_dir=tmp_path / "d", embedding_model="hash")
    chat = build_app(ScriptedAssistant(), FeedbackStore(tmp_path / "f.sqlite3"), settings)
    server = build_server(chat, settings, staff_app=chat)
    assert [r.path for r in server.routes if getattr(r, "path", "") == "/staff"] == []
