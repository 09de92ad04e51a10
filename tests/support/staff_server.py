"""The chat and the staff page on one loopback server in a thread, as `app.py` serves them with staff credentials."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


STAFF_USER, STAFF_PASSWORD = "staff", "s3cret-staff"


@contextmanager
def chat_and_staff(settings, assistant) -> Iterator[tuple[str, object]]:
    """Serve both pages on `settings.port`; yields (base URL, the FastAPI server)."""
    from bot.assembly import make_question_log, make_staff_desk
    from bot.records.feedback import FeedbackStore
    from bot.web.page import build_app
    from bot.web.server import build_server, start
    from bot.web.staff import build_staff_app

    log = make_question_log(settings)
    chat = build_app(assistant, FeedbackStore(settings.data_dir / "feedback.sqlite3"), settings,
                     question_log=log)
    staff = build_staff_app(make_staff_desk(settings, assistant, log))
    server = build_server(chat, settings, staff)
    running = start(server, settings)  # as app.py serves it: the guarded surface, the connection limits
    try:
        yield f"http://127.0.0.1:{settings.port}", server
    finally:
        running.close()
