"""Issue: nothing an anonymous client does may take answers away or drop AMF's notice — the web surface.

Against the chat and the staff page served as `app.py` serves them (guard, connection limits): routes the
pages do not use are refused (uploads, the recorder, remote `file=` URLs), the staff CSV export is served
once, under /staff only, and never written to a temporary folder, request bodies are refused past the cap
before they are read, silent and surplus connections are closed, malformed calls get a 4xx and one log
line, and `/ask` works with the question alone. The plain HTTP API (`POST /api/ask`) gives the Gradio API's
reply, says unreadable and oversized bodies in the visitor's language with the notice, and keeps the limits.
"""

from __future__ import annotations

import json
import socket
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from bot.assembly import build_index, make_assistant
from bot.core.settings import Settings
from support.chroma_server import free_loopback_port
from support.staff_server import STAFF_PASSWORD, STAFF_USER, chat_and_staff

pytestmark = pytest.mark.reliability

NOTICE_START = "La reproduction partielle ou totale"
MAX_BODY = 100_000
PER_CLIENT = 12
TIMEOUT_S = 1.5


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    import shutil

    from conftest import KNOWLEDGE

    folder = tmp_path_factory.mktemp("surface")
    shutil.copytree(KNOWLEDGE, folder / "knowledge")
    settings = Settings(knowledge_dir=folder / "knowledge", index_dir=folder / "index", data_dir=folder / "data",
                        embedding_model="hash", port=free_loopback_port(), staff_auth=f"{STAFF_USER}:{STAFF_PASSWORD}",
                        max_request_bytes=MAX_BODY, max_connections_per_client=PER_CLIENT, client_timeout_s=TIMEOUT_S)
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def served(settings):
    with chat_and_staff(settings, make_assistant(settings)) as (base, server):
        yield base, server


@pytest.fixture
def base(served) -> str:
    return served[0]


def raw_exchange(base: str, request: bytes, wait_s: float = 5.0, source: str = "127.0.0.1") -> bytes:
    """Send `request` as it is on a new connection and read what comes back within `wait_s` (b'' if closed)."""
    host, port = base.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=wait_s, source_address=(source, 0)) as connection:
        connection.sendall(request)
        received = b""
        try:
            while b"\r\n\r\n" not in received:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
        except (TimeoutError, ConnectionResetError):
            pass
        return received


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else 0


# --- 1. no files come in -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/gradio_api/process_recording", "/gradio_api/upload", "/staff/gradio_api/upload",
                                  "/staff/gradio_api/process_recording"])
def test_file_routes_refuse_before_reading_and_keep_nothing(base, path):
    import gradio.utils

    folder = Path(gradio.utils.get_upload_folder())
    before = set(folder.rglob("*")) if folder.exists() else set()
    response = httpx.post(base + path, files={"files": ("recording.webm", b"\x1a\x45" * 300_000)}, timeout=30)
    assert response.status_code in (403, 404)
    after = set(folder.rglob("*")) if folder.exists() else set()
    assert not any(p.name == "recording.webm" for p in after - before)


def test_a_huge_declared_upload_is_refused_without_being_read(base):
    head = (b"POST /gradio_api/process_recording HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 1500000000\r\n\r\n")
    started = time.monotonic()
    response = raw_exchange(base, head + b"--b\r\n" + b"x" * 1000)
    assert status_of(response) in (403, 404, 413) and time.monotonic() - started < 3


# --- 2. no outbound connection on request --------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["/gradio_api/file=", "/gradio_api/proxy=", "/staff/gradio_api/file=", "/file="])
def test_remote_file_urls_make_no_connection(base, prefix):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(1.0)
    target = f"http://127.0.0.1:{listener.getsockname()[1]}/x"
    try:
        response = httpx.get(base + prefix + target, timeout=10)
        with pytest.raises(TimeoutError):
            listener.accept()[0].close()  # nobody called
    finally:
        listener.close()
    assert response.status_code in (401, 404)


@pytest.mark.parametrize("method, path", [
    ("GET", "/monitoring"), ("GET", "/gradio_api/mcp/schema"), ("POST", "/gradio_api/vibe-edit"),
    ("GET", "/gradio_api/openapi.json"), ("POST", "/gradio_api/run/ask"), ("POST", "/gradio_api/api/ask"),
    ("GET", "/gradio_api/file=/etc/hostname"), ("POST", "/gradio_api/stream/x"), ("GET", "/gradio_api/deep_link"),
    ("DELETE", "/"), ("GET", "/gradio_api/startup-events"), ("POST", "/gradio_api/reset"),
])
def test_routes_the_pages_do_not_use_are_refused(base, method, path):
    assert httpx.request(method, base + path, timeout=10).status_code in (404, 405)


# --- 3. the staff CSV export ----------------------------------------------------------------------------

def staff_cookies(base: str) -> httpx.Cookies:
    login = httpx.post(f"{base}/staff/login", data={"username": STAFF_USER, "password": STAFF_PASSWORD})
    assert login.status_code == 200
    return login.cookies


def export_link(served) -> str:
    """Press the staff page's Export button (its handler, as the queue would run it); the link it shows."""
    _, server = served
    staff = next(r.app for r in server.routes if getattr(r, "path", "") == "/staff").get_blocks()
    export = next(fn for fn in staff.fns.values() if getattr(fn.fn, "__name__", "") == "export_csv")
    html = export.fn("", "", "", "", False)
    return html.split('href="', 1)[1].split('"', 1)[0]


def test_staff_export_is_served_once_under_staff_only_and_never_written(served, settings):
    base, _ = served
    with httpx.Client(base_url=base, timeout=30) as visitor:  # a question the export will hold
        event = visitor.post("/gradio_api/call/ask", json={"data": ["Qui dirige le groupe de travail ?"]})
        visitor.get(f"/gradio_api/call/ask/{event.json()['event_id']}")
    import gradio.utils

    folders = [Path(tempfile.gettempdir()), Path(gradio.utils.get_upload_folder())]
    before = {p for folder in folders if folder.exists() for p in folder.rglob("amf-questions-*")}
    link = export_link(served)
    after = {p for folder in folders if folder.exists() for p in folder.rglob("amf-questions-*")}
    assert after == before, "the export must not be written to a temporary folder"
    assert link.startswith("export/") and link.endswith(".csv")
    url = f"{base}/staff/{link}"
    assert httpx.get(url).status_code == 401  # no staff session
    assert httpx.get(f"{base}/gradio_api/file={link}").status_code == 404
    download = httpx.get(url, cookies=staff_cookies(base))
    assert download.status_code == 200 and "attachment" in download.headers["content-disposition"]
    assert "Qui dirige le groupe de travail ?" in download.text
    assert httpx.get(url, cookies=staff_cookies(base)).status_code == 404  # once only


# --- 4. bodies and connections --------------------------------------------------------------------------

def test_a_declared_oversized_body_is_refused_before_it_is_sent(base):
    head = (f"POST /gradio_api/call/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {300_000_000}\r\n\r\n").encode()
    assert status_of(raw_exchange(base, head)) == 413


def test_a_streamed_oversized_body_is_refused(base):
    def chunks():
        for _ in range(50):
            yield b"[" * 10_000

    response = httpx.post(f"{base}/gradio_api/call/ask", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_a_body_that_comes_too_slowly_is_refused(base):
    head = (b"POST /gradio_api/call/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 40\r\n\r\n{\"data\": [")
    assert status_of(raw_exchange(base, head, wait_s=TIMEOUT_S + 5)) == 408


def test_silent_and_surplus_connections_are_closed_and_visitors_still_served(base):
    host, port = base.rsplit("/", 1)[-1].split(":")
    idle = [socket.create_connection((host, int(port)), timeout=5, source_address=("127.0.0.2", 0))
            for _ in range(PER_CLIENT * 2)]
    try:
        time.sleep(0.3)
        closed_at_once = 0
        for connection in idle[PER_CLIENT:]:
            connection.settimeout(1.0)
            try:
                closed_at_once += connection.recv(1) == b""
            except (TimeoutError, ConnectionResetError):
                closed_at_once += 0
        assert closed_at_once >= PER_CLIENT - 1  # beyond the per-client limit: closed as they arrive
        assert httpx.get(base + "/config", timeout=10).status_code == 200  # another client is served meanwhile
        started = time.monotonic()
        for connection in idle[:PER_CLIENT]:  # the silent ones: closed at the head deadline
            connection.settimeout(TIMEOUT_S + 5)
            assert connection.recv(1) == b""
        assert time.monotonic() - started < TIMEOUT_S + 5
    finally:
        for connection in idle:
            connection.close()


def test_a_request_head_dribbled_byte_by_byte_is_cut_at_the_deadline(base):
    host, port = base.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=1) as connection:
        started = time.monotonic()
        try:
            for byte in b"GET /config HTTP/1.1\r\nX-Slow: " + b"a" * 200:
                connection.sendall(bytes([byte]))
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert time.monotonic() - started < TIMEOUT_S + 3


# --- 5. malformed calls, `/ask` with the question alone ---------------------------------------------------

def read_result(base: str, response: httpx.Response) -> dict:
    stream = httpx.get(f"{base}/gradio_api/call/ask/{response.json()['event_id']}", timeout=30).text
    payload = [line[5:].strip() for line in stream.splitlines() if line.startswith("data:")][-1]
    (result,) = json.loads(payload)
    return result


def test_ask_with_the_question_alone_answers_with_the_notice(base):
    reply = read_result(base, httpx.post(f"{base}/gradio_api/call/ask",
                                         json={"data": ["Qui dirige le groupe de travail international ?"]}))
    assert reply["status"] in ("answered", "not_found") and reply["notice"].startswith(NOTICE_START)


MALFORMED = [
    ("/gradio_api/call/nope", b'{"data": []}'), ("/gradio_api/call/predict", b'{"data": []}'),
    ("/gradio_api/call/ask", b"not json"), ("/gradio_api/call/ask", b'{"data": "x"}'),
    ("/gradio_api/call/ask", b'["x"]'), ("/gradio_api/call/ask", b'{"data": [1, 2, 3, 4]}'),
    ("/gradio_api/queue/join", b'{"data": [], "fn_index": 0, "session_hash": "s"}'),
    ("/gradio_api/queue/join", b'{"data": ["x", null], "fn_index": 999, "session_hash": "s"}'),
    ("/gradio_api/queue/join", b'{"data": ["x", null], "fn_index": "0", "session_hash": "s"}'),
    ("/gradio_api/queue/join", b'{"data": ["x", null]}'),
    ("/gradio_api/run/predict", b'{"data": ["x", "y", "z", "w", "v"], "fn_index": 0}'),
    ("/gradio_api/run/nope", b'{"data": []}'), ("/gradio_api/api/nope", b'{"data": []}'),
    ("/gradio_api/call/ask/", b"{}"), ("/gradio_api/queue/join", b"\xff\xfe"),
]


def test_malformed_calls_get_a_4xx_and_one_log_line_each(base, capfd, caplog):
    capfd.readouterr()
    caplog.clear()
    for path, body in MALFORMED:
        response = httpx.post(base + path, content=body, headers={"content-type": "application/json"}, timeout=10)
        assert 400 <= response.status_code < 500, (path, body, response.status_code, response.text)
    time.sleep(0.3)
    out, err = capfd.readouterr()
    lines = [*caplog.records, *(out + err).splitlines()]
    assert "Traceback" not in out + err
    assert len(lines) <= len(MALFORMED), lines


# --- 6. the plain HTTP API, `POST /api/ask` ----------------------------------------------------------------

def test_api_ask_answers_with_citations_and_the_notice(base):
    response = httpx.post(f"{base}/api/ask", json={"question": "Qui préside le groupe de travail international de "
                                                               "l'AMF ?"}, timeout=30)
    assert response.status_code == 200
    reply = response.json()
    assert reply["status"] == "answered" and reply["language"] == "fr" and reply["notice"].startswith(NOTICE_START)
    assert reply["citations"] and all(c["location"]["file"] and c["passage"] for c in reply["citations"])


def test_api_ask_gives_what_the_gradio_api_gives(base):
    question = "L'AMF a-t-elle coopéré avec la Roumanie ?"
    rest = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=30).json()
    gradio = read_result(base, httpx.post(f"{base}/gradio_api/call/ask", json={"data": [question]}))
    assert {k: v for k, v in rest.items() if k != "timings_ms"} == {k: v for k, v in gradio.items() if k != "timings_ms"}


@pytest.mark.parametrize("body, says", [(b"{not json", "invalid JSON"), (b'{"question": "x", "lang": "fr"}', "unknown"),
                                        (b'"x"', "expected a JSON object")])
def test_api_ask_says_an_unreadable_body_in_the_visitors_language_with_the_notice(base, capfd, body, says):
    from bot.language.messages import messages

    capfd.readouterr()
    response = httpx.post(f"{base}/api/ask", content=body, timeout=10,
                          headers={"content-type": "application/json", "accept-language": "es-ES,es;q=0.9"})
    assert response.status_code == 400
    reply = response.json()
    assert reply["answer"] == messages("es").bad_request and says in reply["error"]
    assert reply["notice"].startswith(NOTICE_START) and reply["language"] == "es"
    time.sleep(0.2)
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and len([line for line in (out + err).splitlines() if "/api/ask" in line]) <= 1


def test_api_ask_refuses_an_oversized_body_with_the_notice(base):
    head = (f"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {300_000_000}\r\n\r\n").encode()
    assert status_of(raw_exchange(base, head)) == 413
    response = httpx.post(f"{base}/api/ask", json={"question": "x" * MAX_BODY}, timeout=10)
    assert response.status_code == 413 and response.json()["notice"].startswith(NOTICE_START)


def test_api_ask_body_that_comes_too_slowly_is_refused(base):
    head = b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"que"
    assert status_of(raw_exchange(base, head, wait_s=TIMEOUT_S + 5)) == 408


def test_api_ask_keeps_the_per_client_connection_limit(base):
    host, port = base.rsplit("/", 1)[-1].split(":")
    held = [socket.create_connection((host, int(port)), timeout=5, source_address=("127.0.0.3", 0))
            for _ in range(PER_CLIENT)]
    try:
        time.sleep(0.2)
        request = b'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n' \
                  b'{"question": "x"}'
        assert raw_exchange(base, request, source="127.0.0.3") == b""  # one too many from that address: closed
        assert status_of(raw_exchange(base, request)) == 200  # another address is answered meanwhile
    finally:
        for connection in held:
            connection.close()


def test_api_ask_answers_sixteen_clients_at_once(base):
    """Sixteen clients, eight from each of two addresses (the per-client limit is 12), two questions each."""
    from concurrent.futures import ThreadPoolExecutor

    def client(n: int) -> list[httpx.Response]:
        transport = httpx.HTTPTransport(local_address=f"127.0.0.{4 + n % 2}")
        with httpx.Client(transport=transport, timeout=60) as session:
            return [session.post(f"{base}/api/ask", json={"question": f"L'AMF a-t-elle coopéré avec la Roumanie ? "
                                                                      f"({n}.{k})"}) for k in range(2)]

    with ThreadPoolExecutor(16) as pool:
        replies = [reply for replies in pool.map(client, range(16)) for reply in replies]
    assert [r.status_code for r in replies] == [200] * 32
    assert all(r.json()["notice"].startswith(NOTICE_START) for r in replies)
