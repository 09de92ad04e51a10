"""The web chat: `python app.py` brings the index up to date, then serves the chat (http://127.0.0.1:7860 by default)."""

from __future__ import annotations

import logging
import os
import sys

# Before anything imports Gradio or the model libraries: nothing of the app may reach the network.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def main() -> None:
    from bot.core.errors import IndexBusyError
    from bot.core.settings import load_settings
    from bot.records.feedback import FeedbackStore
    from bot.assembly import build_index, make_assistant, make_question_log, make_staff_desk
    from bot.web.page import build_app

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    print("Bringing the index up to date…", flush=True)
    try:
        summary = build_index(settings, show_progress=True)
        print(f"Index up to date: {summary.line()}", flush=True)
        for note in summary.notes:
            print(f"Note: {note}", flush=True)
    except IndexBusyError as exc:  # the other indexer publishes its work: the app follows it
        print(f"Serving the current index: {exc}", flush=True)
    assistant = make_assistant(settings)
    print("Loading the model…", flush=True)
    assistant.warm_up()  # the first visitor does not wait for it
    feedback = FeedbackStore(settings.data_dir / "feedback.sqlite3")
    log = make_question_log(settings)
    chat = build_app(assistant, feedback, settings, question_log=log)
    from bot.web.server import build_server, serve

    staff = None
    if settings.staff_auth:
        from bot.web.staff import build_staff_app

        staff = build_staff_app(make_staff_desk(settings, assistant, log))
    where = f"http://{settings.host}:{settings.port}"
    print(f"Chat on {where}/" + (f" — staff page on {where}/staff/" if staff else ""), flush=True)
    serve(build_server(chat, settings, staff), settings)


if __name__ == "__main__":
    from bot.core.errors import BotError

    try:
        main()
    except BotError as exc:
        sys.exit(f"amf-bot app: {exc}")
