"""The web chat: `python app.py` brings the index up to date, then serves the chat (http://127.0.0.1:7860 by default).

Files that cannot be read are named with the reason and the rest is served: one bad file never keeps
the chat down (`amf-bot index`, for scheduled jobs, exits with 1 on them instead)."""

from __future__ import annotations

import logging
import os
import sys

# Before anything imports Gradio or the model libraries: nothing of the app may reach the network.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # the model library's own "Loading weights" bar


def main() -> None:
    from bot.core.errors import IndexBusyError, IndexReadOnlyError
    from bot.core.settings import load_settings
    from bot.records.feedback import FeedbackStore
    from bot.assembly import index_knowledge, make_assistant, make_question_log, make_staff_desk
    from bot.web.page import build_app

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    print("Bringing the index up to date…", flush=True)
    try:
        # A file that cannot be read is named with the reason; the app serves everything else.
        outcome = index_knowledge(settings, show_progress=True)
        for line in outcome.lines():
            print(line, flush=True)
        for note in outcome.sync.notes:
            print(f"Note: {note}", flush=True)
        if not outcome.ok:
            print("Serving what could be indexed. Fix or remove the files named above, then run `amf-bot index`: "
                  "the app follows without a restart.", flush=True)
    except (IndexBusyError, IndexReadOnlyError) as exc:  # another indexer publishes its work, or none may
        print(f"Serving the current index: {exc}", flush=True)
    assistant = make_assistant(settings)
    print("Loading the model…", flush=True)
    assistant.warm_up()  # the first visitor does not wait for it
    feedback = FeedbackStore(settings.data_dir / "feedback.sqlite3", settings.question_log_days)
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
