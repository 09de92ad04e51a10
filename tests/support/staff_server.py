"""The chat and the staff page on one loopback server in a thread, as `app.py` serves them with staff credentials."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator


STAFF_USER, STAFF_PASSWORD = "staff", "s3cret-staff"


@contextmanager
def chat_and_staff(settings, assistant) -> Iterator[tuple[str, object]]:
    """Serve both pages on `settings.port`; yields (base URL, the FastAPI server)."""
    import uvicorn

    from bot.assembly import make_question_log, make_staff_desk
    from bot.records.feedback import FeedbackStore
    from bot.web.page import build_app
    from bot.web.server import build_server
    from bot.web.staff import build_staff_app

    log = make_question_log(settings)
    chat = build_app(assistant, FeedbackStore(settings.data_dir / "feedback.sqlite3"), settings,
                     question_log=log)
    staff = build_staff_app(make_staff_desk(settings, assistant, log))
    server = build_server(chat, settings, staff)
    runner = uvicorn.Server(uvicorn.Config(server, host="127.0.0.1", port=settings.port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{settings.port}"
    deadline = time.monotonic() + 60
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.1)
    try:
        yield base, server
    finally:
        runner.should_exit = True
        thread.join(timeout=10)
