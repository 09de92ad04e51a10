"""The Gradio chat page: a factory building it around an assistant, and its launch options.

Gradio is imported inside functions only, so importing this module costs nothing. The chat's
behaviour lives in `bot.web.chat.Chat`; this module lays out the page and wires events to it.
(No `from __future__ import annotations` here: Gradio reads the `gr.LikeData` and
`gr.SelectData` annotations of the handlers at run time.)
"""

import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Iterator

from bot.web.chat import SUGGESTIONS, AskingAssistant, Chat, Turn, example_messages
from bot.core.settings import Settings
from bot.core.errors import BotError
from bot.language.page import PAGE_TEXT
from bot.records.feedback import FeedbackStore
from bot.records.questions import QuestionLog

if TYPE_CHECKING:
    import gradio as gr

# Every event that answers a question (chat and API) shares one concurrency limit: the CPU's.
ANSWERING = "answering"

PAGE_TITLE = "Assistant — action internationale de l'AMF"

CSS = """
.amf-header h1 { margin-bottom: 0.2rem; }
.amf-header p { color: var(--body-text-color-subdued); margin-top: 0; max-width: 60rem; }
#amf-chat details.amf-sources { margin-top: 0.75rem; border-top: 1px solid var(--border-color-primary); padding-top: 0.4rem; }
#amf-chat details.amf-sources summary { cursor: pointer; font-weight: 600; }
#amf-chat ul.amf-citations { list-style: none; padding-left: 0; margin: 0.4rem 0 0 0; }
#amf-chat li.amf-citation { margin: 0 0 0.7rem 0; padding: 0; }
#amf-chat .amf-citation-title { font-weight: 600; }
#amf-chat .amf-location, #amf-chat .amf-translation-label { color: var(--body-text-color-subdued); font-size: 0.85em; }
/* Gradio's .prose sets blockquote margins with !important. */
#amf-chat blockquote.amf-passage { margin: 0.2rem 0 0.3rem 0 !important; padding: 0.15rem 0.6rem;
  border-left: 3px solid var(--color-accent); font-style: normal; }
#amf-chat .amf-note { margin-top: 0.4rem; font-size: 0.85em; font-style: italic; color: var(--body-text-color-subdued); }
#amf-chat .amf-notice { margin-top: 0.75rem; font-size: 0.78em; line-height: 1.35;
  color: var(--body-text-color-subdued); border-top: 1px dashed var(--border-color-primary); padding-top: 0.4rem; }
#amf-chat .amf-validated { margin-top: 0.4rem; font-size: 0.85em; font-weight: 600; color: var(--color-accent); }
.amf-suggestions { gap: 0.3rem; }
.amf-suggestions-label p { margin: 0; font-size: 0.9em; color: var(--body-text-color-subdued); }
.amf-footer p { font-size: 0.8em; color: var(--body-text-color-subdued); }
"""


def _gradio():
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    return gr


def translations():
    return _gradio().I18n(**{language: asdict(text) for language, text in PAGE_TEXT.items()})


def theme():
    gr = _gradio()
    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate",
                          font=[gr.themes.Font("system-ui"), "Segoe UI", "Roboto", "sans-serif"],
                          font_mono=[gr.themes.Font("ui-monospace"), "Menlo", "Consolas", "monospace"])


def build_app(assistant: AskingAssistant, feedback_store: FeedbackStore, settings: Settings,
              question_log: QuestionLog | None = None) -> "gr.Blocks":
    """The chat page (a `gr.Blocks`) around `assistant`; launch it with `launch_app`."""
    gr = _gradio()
    chat = Chat(assistant, feedback_store, question_log)
    with gr.Blocks(title=PAGE_TITLE, analytics_enabled=False) as app:
        page = _lay_out(gr, settings)
        _wire_chat(gr, page, chat)
        _add_ask_endpoint(gr, chat)
    # Several questions answered at once (the assistant is thread-safe), all events together; more wait.
    app.queue(default_concurrency_limit=settings.web.concurrency_limit)
    app.mount_options = mount_options()  # read by bot.web.server when it mounts the page
    return app


def mount_options() -> dict:
    """The page's look and words, as `gr.mount_gradio_app` takes them."""
    return {"theme": theme(), "css": CSS, "i18n": translations(), "footer_links": ["api"]}


@dataclass
class _Page:
    """The components the chat's events read and update."""

    chatbot: Any
    turns: Any
    question: Any
    suggestion_row: Any
    suggestion_buttons: list
    clear: Any

    @property
    def outputs(self) -> list:
        return [self.chatbot, self.turns, self.question, self.suggestion_row, *self.suggestion_buttons]


def _lay_out(gr, settings: Settings) -> _Page:
    t = translations()
    with gr.Column(elem_classes="amf-header"):
        gr.Markdown("# " + t("title"))
        gr.Markdown(t("intro"))
    chatbot = gr.Chatbot(
        label=t("chat_label"), show_label=False, elem_id="amf-chat", height=600,
        placeholder=t("empty_chat"), examples=example_messages(),
        # Our HTML is built from escaped text only; the sanitizer stays on as a second guard.
        sanitize_html=True, render_markdown=True, allow_tags=False, latex_delimiters=[],
        buttons=["copy"], feedback_options=("Like", "Dislike"), autoscroll=True,
    )
    turns = gr.State([])
    question = gr.Textbox(label=t("question_label"), show_label=False, placeholder=t("placeholder"),
                          max_length=settings.max_question_chars, lines=1, max_lines=6,
                          submit_btn=True, autofocus=True)
    with gr.Column(visible=False, elem_classes="amf-suggestions") as suggestion_row:
        gr.Markdown(t("suggestions"), elem_classes="amf-suggestions-label")
        with gr.Row():
            suggestion_buttons = [gr.Button("", size="sm", variant="secondary", scale=0, min_width=260)
                                  for _ in range(SUGGESTIONS)]
    with gr.Row(equal_height=True):
        gr.Markdown(t("footer"), elem_classes="amf-footer")
        clear = gr.Button(t("clear"), size="sm", variant="secondary", scale=0, min_width=180)
    return _Page(chatbot, turns, question, suggestion_row, suggestion_buttons, clear)


def _wire_chat(gr, page: _Page, chat: Chat) -> None:
    """Questions typed, examples and suggestions clicked, thumbs and clearing; none of it is a public API."""

    def views(text: str, current: list[Turn]) -> Iterator[tuple]:
        try:
            for view in chat.respond(text, current):
                yield (view.messages, view.turns, "", *suggestion_updates(gr, view.suggestions))
        except BotError as exc:  # no reply at all rather than one without its sources and notice
            raise gr.Error(str(exc)) from None

    def on_example(current: list[Turn], selected: gr.SelectData) -> Iterator[tuple]:
        value = selected.value
        yield from views(value.get("text", "") if isinstance(value, dict) else str(value), current)

    def on_like(current: list[Turn], liked: gr.LikeData) -> None:
        chat.vote(current, liked.index, liked.liked)

    def reset() -> tuple:
        return ([], [], "", *suggestion_updates(gr, []))

    private = {"api_visibility": "private"}
    answering = {**private, "concurrency_id": ANSWERING}
    page.question.submit(views, [page.question, page.turns], page.outputs, **answering)
    page.chatbot.example_select(on_example, [page.turns], page.outputs, **answering)
    for button in page.suggestion_buttons:
        button.click(views, [button, page.turns], page.outputs, **answering)
    page.chatbot.like(on_like, [page.turns], None, **private)
    page.clear.click(reset, None, page.outputs, queue=False, **private)
    page.chatbot.clear(reset, None, page.outputs, queue=False, **private)


def _add_ask_endpoint(gr, chat: Chat) -> None:
    def ask(question: str = "", history: list[str] | None = None) -> dict:
        """Answer a question about AMF's international action; `history` holds earlier questions (oldest first).

        Returns the same JSON object as `amf-bot ask --json`: answer, citations, notice, language, status…
        """
        return chat.api_answer(question, history)  # never raises: failures come back as status 'error'


    gr.api(ask, api_name="ask", concurrency_id=ANSWERING)


def suggestion_updates(gr, suggestions: list[str]) -> list:
    """Updates for the suggestion row and its buttons: shown with a question each, or hidden."""
    buttons = [gr.update(value=q, visible=True) if q else gr.update(value="", visible=False)
               for q in (suggestions + [""] * SUGGESTIONS)[:SUGGESTIONS]]
    return [gr.update(visible=bool(suggestions)), *buttons]


def launch_app(app: "gr.Blocks", settings: Settings, prevent_thread_lock: bool = False, **_ignored: Any) -> Any:
    """Serve the chat alone (`bot.web.server`: the guarded surface and the connection limits); blocks until
    interrupted, or with `prevent_thread_lock=True` runs in a thread and returns (`app.close()` stops it)."""
    from bot.web.server import build_server, serve, start

    server = build_server(app, settings)
    if not prevent_thread_lock:
        return serve(server, settings)
    running = start(server, settings)
    app.server, app.is_running, app.server_port = running, True, settings.port  # Blocks.close() closes `server`
    return running
