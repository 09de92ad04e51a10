"""Soak: what an anonymous client may try against the web app, replayed, with what the app should answer.

Against a running app on this machine (`--url http://127.0.0.1:7860`; loopback addresses only) or, without
`--url`, a `python app.py` it starts on a free 127.0.0.1 port (hash embedder, its own folders, staff page on)
and stops at the end. Every loop is bounded in count and time. Prints one row per case: case, expected, got,
and the app's memory (RSS, when its process can be found) before and after.

    .venv/bin/python benchmarks/soak.py                       # or: make soak
    .venv/bin/python benchmarks/soak.py --url http://127.0.0.1:7860 --half-open 5000
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.chroma_server import free_loopback_port  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Qui dirige le groupe de travail international de l'AMF ?"
NOTICE_START = "La reproduction partielle ou totale"


class Target:
    def __init__(self, url: str):
        parts = urlsplit(url)
        if not ipaddress.ip_address(socket.gethostbyname(parts.hostname or "")).is_loopback:
            raise SystemExit(f"soak: {url} is not a loopback address; this tool only targets this machine")
        self.url = url.rstrip("/")
        self.host, self.port = parts.hostname, parts.port or 80

    def raw(self, data: bytes, wait_s: float = 5.0, source: str = "127.0.0.1") -> bytes:
        """`data` sent as it is on a new connection; the response head (b'' if the connection was closed)."""
        with socket.create_connection((self.host, self.port), timeout=wait_s, source_address=(source, 0)) as conn:
            try:
                conn.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            received = b""
            try:
                while b"\r\n\r\n" not in received:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except (TimeoutError, ConnectionResetError):
                pass
            return received


def status(head: bytes) -> str:
    return head.split(b" ", 2)[1].decode() if head.startswith(b"HTTP/1.1 ") else "closed"


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def listening_pid(port: int) -> int | None:
    """The process listening on `port` on this machine (Linux /proc), if it can be seen."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


# --- the cases: each returns what it got, in a few words ------------------------------------------------

def upload_recording(t: Target) -> str:
    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"r.webm\"\r\n\r\n"
        for _ in range(200):  # 20 MB, if the app read it
            yield b"\0" * 100_000
    try:
        response = httpx.post(t.url + "/gradio_api/process_recording", content=body(), timeout=30,
                              headers={"content-type": "multipart/form-data; boundary=b"})
        return str(response.status_code)
    except httpx.HTTPError as exc:
        return f"closed ({type(exc).__name__})"


def declared_huge_upload(t: Target) -> str:
    started = time.monotonic()
    head = (b"POST /gradio_api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 1500000000\r\n\r\n")
    got = status(t.raw(head))
    return f"{got} in {time.monotonic() - started:.2f} s"


def remote_file_url(t: Target) -> str:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(1.0)
    codes = []
    for prefix in ("/gradio_api/file=", "/gradio_api/proxy=", "/file="):
        codes.append(str(httpx.get(f"{t.url}{prefix}http://127.0.0.1:{listener.getsockname()[1]}/x").status_code))
    try:
        listener.accept()[0].close()
        called = "connected out"
    except TimeoutError:
        called = "no connection"
    listener.close()
    return f"{'/'.join(codes)}, {called}"


def temp_file(t: Target) -> str:
    folder = Path(tempfile.gettempdir()) / "gradio"
    codes = {str(httpx.get(f"{t.url}/gradio_api/file={path}").status_code)
             for path in (folder / "x" / "amf-questions-x.csv", Path("/etc/hostname"), REPO / "app.py")}
    return "/".join(sorted(codes))


def staff_export_without_cookie(t: Target) -> str:
    return str(httpx.get(f"{t.url}/staff/export/{'A' * 32}.csv").status_code)


def parallel_big_bodies(t: Target, pid: int | None, path: str = "/gradio_api/call/ask") -> str:
    before = rss_mb(pid)
    codes: list[str] = []

    def send():
        def body():
            for _ in range(3000):  # 300 MB, if the app read it
                yield b"[" * 100_000
        try:
            codes.append(str(httpx.post(t.url + path, content=body(), timeout=60,
                                        headers={"content-type": "application/json"}).status_code))
        except httpx.HTTPError as exc:
            codes.append(f"closed ({type(exc).__name__})")

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    after = rss_mb(pid)
    memory = f", RSS {before:.0f} → {after:.0f} MB" if before and after else ""
    return f"{'/'.join(sorted(set(codes)))}{memory}"


def half_open(t: Target, count: int, pid: int | None) -> str:
    """`count` connections that never send a byte (from 127.0.0.2), then a visitor's request (from 127.0.0.1)."""
    before = rss_mb(pid)
    held: list[socket.socket] = []
    refused = 0
    for _ in range(count):
        try:
            held.append(socket.create_connection((t.host, t.port), timeout=2, source_address=("127.0.0.2", 0)))
        except OSError:
            refused += 1
    time.sleep(0.5)
    open_now = 0
    for conn in held:
        conn.setblocking(False)
        try:
            open_now += conn.recv(1) != b""
        except BlockingIOError:
            open_now += 1
        except OSError:
            pass
    visitor = httpx.get(t.url + "/config", timeout=10).status_code
    deadline, still = time.monotonic() + 30, open_now
    while still and time.monotonic() < deadline:  # the silent ones are closed at the head deadline
        time.sleep(0.5)
        still = 0
        for conn in held:
            try:
                still += conn.recv(1) != b""
            except BlockingIOError:
                still += 1
            except OSError:
                pass
    for conn in held:
        conn.close()
    after = rss_mb(pid)
    memory = f", RSS {before:.0f} → {after:.0f} MB" if before and after else ""
    return f"{open_now} kept, visitor {visitor}, {still} left after the deadline{memory}"


def ask_question_alone(t: Target) -> str:
    event = httpx.post(t.url + "/gradio_api/call/ask", json={"data": [QUESTION]})
    if event.status_code != 200:
        return str(event.status_code)
    stream = httpx.get(f"{t.url}/gradio_api/call/ask/{event.json()['event_id']}", timeout=120).text
    data = [line[5:].strip() for line in stream.splitlines() if line.startswith("data:")]
    try:
        (reply,) = json.loads(data[-1])
    except (ValueError, IndexError, TypeError):
        return f"no answer: {stream[-60:]!r}"
    if not isinstance(reply, dict):
        return f"no answer: {reply!r}"[:80]
    notice = "notice" if str(reply.get("notice", "")).startswith(NOTICE_START) else "NO notice"
    return f"200 {reply.get('status')} + {notice}"


def plain_api_question(t: Target) -> str:
    response = httpx.post(t.url + "/api/ask", json={"question": QUESTION}, timeout=120)
    reply = response.json()
    notice = "notice" if str(reply.get("notice", "")).startswith(NOTICE_START) else "NO notice"
    return f"{response.status_code} {reply.get('status')} + {notice}"


def empty_chat_event(t: Target) -> str:
    return str(httpx.post(t.url + "/gradio_api/queue/join",
                          json={"data": [], "fn_index": 0, "trigger_id": 1, "session_hash": "soak"}).status_code)


MALFORMED = [
    ("/gradio_api/call/nope", b'{"data": []}'), ("/gradio_api/call/ask", b"not json"),
    ("/gradio_api/call/ask", b'{"data": "x"}'), ("/gradio_api/call/ask", b'{"data": [1, 2, 3]}'),
    ("/gradio_api/queue/join", b'{"data": [], "fn_index": 999, "session_hash": "s"}'),
    ("/gradio_api/queue/join", b'{"fn_index": "x"}'), ("/gradio_api/run/ask", b'{"data": ["x"]}'),
    ("/gradio_api/api/nope", b"{}"), ("/gradio_api/run/predict", b'{"data": [], "fn_index": 0}'),
    ("/gradio_api/queue/join", b"\xff\xfe"), ("/api/ask", b"not json"), ("/api/ask", b'{"qestion": "x"}'),
    ("/api/ask", b"\xff\xfe"), ("/api/ask", b'["x"]'),
]


def malformed_calls(t: Target, rounds: int) -> str:
    codes: dict[str, int] = {}
    for _ in range(rounds):
        for path, body in MALFORMED:
            code = str(httpx.post(t.url + path, content=body, headers={"content-type": "application/json"}).status_code)
            codes[code] = codes.get(code, 0) + 1
    return ", ".join(f"{n}× {code}" for code, n in sorted(codes.items()))


def unused_routes(t: Target) -> str:
    routes = [("GET", "/monitoring"), ("GET", "/gradio_api/mcp/schema"), ("POST", "/gradio_api/vibe-edit"),
              ("GET", "/gradio_api/openapi.json"), ("POST", "/gradio_api/stream/x"), ("GET", "/gradio_api/deep_link")]
    return "/".join(sorted({str(httpx.request(m, t.url + p).status_code) for m, p in routes}))


# --- running ------------------------------------------------------------------------------------------

def start_app(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_loopback_port()
    env = {**os.environ, "AMF_BOT_PORT": str(port), "AMF_BOT_INDEX_DIR": str(folder / "index"),
           "AMF_BOT_DATA_DIR": str(folder / "data"), "AMF_BOT_EMBEDDING_MODEL": "hash",
           "AMF_BOT_STAFF_AUTH": "staff:soak-only", "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    app = subprocess.Popen([sys.executable, str(REPO / "app.py")], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                           stderr=open(folder / "app.log", "w"))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and app.poll() is None:
        try:
            if httpx.get(url + "/config", timeout=2).status_code == 200:
                return app, url
        except httpx.HTTPError:
            time.sleep(1)
    app.kill()
    raise SystemExit(f"soak: the app did not start; see {folder / 'app.log'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running app on this machine (default: start one)")
    parser.add_argument("--half-open", type=int, default=2000, help="silent connections to open (at most 20000)")
    parser.add_argument("--malformed-rounds", type=int, default=5, help="rounds of the malformed calls (at most 100)")
    args = parser.parse_args()
    app, folder = None, None
    if args.url:
        target = Target(args.url)
    else:
        folder = Path(tempfile.mkdtemp(prefix="amf-soak-"))
        app, url = start_app(folder)
        target = Target(url)
    pid = app.pid if app else listening_pid(target.port)
    log_size = (folder / "app.log").stat().st_size if folder else 0
    rounds = min(args.malformed_rounds, 100)
    cases: list[tuple[str, str, Callable[[], str]]] = [
        ("upload to process_recording (20 MB)", "403, nothing read", lambda: upload_recording(target)),
        ("upload declaring 1.5 GB", "403 at once", lambda: declared_huge_upload(target)),
        ("file=/proxy= remote URL", "404, no connection", lambda: remote_file_url(target)),
        ("file= local paths (temp CSV, /etc)", "404", lambda: temp_file(target)),
        ("staff export without a cookie", "401", lambda: staff_export_without_cookie(target)),
        ("4 parallel 300 MB bodies", "413, RSS flat", lambda: parallel_big_bodies(target, pid)),
        (f"{min(args.half_open, 20000)} silent connections", "≤ per-client limit kept, visitor 200, 0 left",
         lambda: half_open(target, min(args.half_open, 20000), pid)),
        ("/ask with the question alone", "200 + notice", lambda: ask_question_alone(target)),
        ("POST /api/ask, the plain HTTP API", "200 + notice", lambda: plain_api_question(target)),
        ("4 parallel 300 MB bodies to /api/ask", "413, RSS flat",
         lambda: parallel_big_bodies(target, pid, "/api/ask")),
        ("chat event with empty data", "400", lambda: empty_chat_event(target)),
        (f"{len(MALFORMED) * rounds} malformed calls", "all 4xx", lambda: malformed_calls(target, rounds)),
        ("routes the pages do not use", "404", lambda: unused_routes(target)),
    ]
    rows = []
    try:
        for name, expected, run in cases:
            started = time.monotonic()
            try:
                got = run()
            except Exception as exc:  # noqa: BLE001 - a case that breaks is a row, not the end of the soak
                got = f"failed: {type(exc).__name__}: {exc}"
            rows.append((name, expected, got, f"{time.monotonic() - started:.1f}"))
    finally:
        if app:
            app.terminate()
            app.wait(timeout=30)
    width = [max(len(r[i]) for r in rows + [("case", "expected", "got", "s")]) for i in range(4)]
    for row in [("case", "expected", "got", "s"), tuple("-" * w for w in width), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, width)))
    if folder:
        lines = (folder / "app.log").read_text(errors="replace").splitlines()
        tracebacks = sum("Traceback" in line for line in lines)
        print(f"\napp log: {len(lines)} lines, {tracebacks} tracebacks ({folder / 'app.log'}, from {log_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
