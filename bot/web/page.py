"""The Gradio chat page: a factory building it around an assistant, and its launch options.

Gradio is imported inside functions only, so importing this module costs nothing. The chat's
behaviour lives in `bot.web.chat.Chat`; this module lays out the page and wires events to it.
(No `from __future__ import annotations` here: Gradio reads the `gr.LikeData` and
`gr.SelectData` annotations of the handlers at run time.)
"""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from bot.web.chat import SUGGESTIONS, AskingAssistant, Chat, Turn, answer_language, example_questions
from bot.core.settings import Settings
from bot.core.errors import BotError
from bot.language.page import PAGE_TEXT, REASONS, page_text, translations as page_translations
from bot.language.supported import SUPPORTED
from bot.records.feedback import FeedbackStore
from bot.records.questions import QuestionLog
from bot.web.api import API_CALLS, accepted_language, api_routes, refusal_body
from bot.web.enhance import head
from bot.web.sources import SourceLibrary, source_routes

if TYPE_CHECKING:
    import gradio as gr

# Every event that answers a question (chat and API) shares one concurrency limit: the CPU's.
ANSWERING = "answering"

PAGE_TITLE = "Assistant — action internationale de l'AMF"

CSS = """
.amf-header h1 { margin-bottom: 0.2rem; }
.amf-header p { margin-top: 0; max-width: 60rem; }
.amf-top { align-items: flex-start; }
#amf-language { max-width: 14rem; }
#amf-chat details.amf-sources { margin-top: 0.75rem; border-top: 1px solid var(--border-color-primary); padding-top: 0.4rem; }
#amf-chat details.amf-sources summary { cursor: pointer; font-weight: 600; }
#amf-chat ul.amf-citations { list-style: none; padding-left: 0; margin: 0.4rem 0 0 0; }
#amf-chat li.amf-citation { margin: 0 0 0.7rem 0; padding: 0; }
#amf-chat .amf-citation-title { font-weight: 600; }
/* Muted text at 4.5:1 or more on the message background (WCAG AA); dark mode: bot/web/enhance.py. */
#amf-chat .amf-location, #amf-chat .amf-translation-label, #amf-chat .amf-note, #amf-chat .amf-notice { color: var(--neutral-700); }
#amf-chat .amf-location, #amf-chat .amf-translation-label { font-size: 0.85em; }
/* Gradio's .prose sets blockquote margins with !important. */
#amf-chat blockquote.amf-passage { margin: 0.2rem 0 0.3rem 0 !important; padding: 0.15rem 0.6rem;
  border-left: 3px solid var(--color-accent); font-style: normal; }
#amf-chat .amf-note { margin-top: 0.4rem; font-size: 0.85em; font-style: italic; }
#amf-chat .amf-notice { margin-top: 0.75rem; font-size: 0.8em; line-height: 1.35;
  border-top: 1px dashed var(--border-color-primary); padding-top: 0.4rem; }
#amf-chat .amf-validated { margin-top: 0.4rem; font-size: 0.85em; font-weight: 600; color: var(--body-text-color); }
.amf-suggestions { gap: 0.3rem; }
.amf-suggestions-label p { margin: 0; font-size: 0.9em; }
.amf-footer p { font-size: 0.85em; }
.amf-bottom { align-items: center; flex-wrap: wrap; }
.amf-bottom > button { flex: 0 0 auto; height: auto; align-self: center; }
#amf-feedback { gap: 0.4rem; }
@media (max-width: 640px) {
  .amf-suggestions .row, .amf-bottom { flex-direction: column; align-items: stretch; }
  .amf-suggestions button, .amf-bottom > button { min-width: 0 !important; width: 100%; white-space: normal; }
  #amf-language { max-width: none; }
  #amf-chat { height: 50vh !important; }
  .amf-top { gap: 0; }
}
"""


def _gradio():
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    import gradio as gr

    return gr


def translations():
    return _gradio().I18n(**page_translations())


def theme():
    gr = _gradio()
    # Subdued text darker than the theme's (slate-400 on white is 2.5:1; WCAG AA asks 4.5:1).
    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate",
                          font=[gr.themes.Font("system-ui"), "Segoe UI", "Roboto", "sans-serif"],
                          font_mono=[gr.themes.Font("ui-monospace"), "Menlo", "Consolas", "monospace"]).set(
        body_text_color_subdued="*neutral_600", body_text_color_subdued_dark="*neutral_300",
        block_info_text_color="*neutral_600", block_info_text_color_dark="*neutral_300",
        input_placeholder_color="*neutral_500", input_placeholder_color_dark="*neutral_400",
        block_label_text_color="*neutral_600", block_label_text_color_dark="*neutral_300",
        block_title_text_color="*primary_700", block_title_text_color_dark="*neutral_50",
    )


def language_choices() -> list[tuple[str, str]]:
    """The language switch: each language named in itself (CLDR, through Babel)."""
    from babel import Locale

    return [(Locale.parse(code).get_display_name(code).capitalize(), code) for code in SUPPORTED]


def page_language(query: str | None, accept_language: str | None) -> str:
    """The page's language: the switch's choice (`?lang=`), else the browser's first supported one, else English."""
    if query in PAGE_TEXT:
        return query
    return accepted_language(accept_language) or "en"


def build_app(assistant: AskingAssistant, feedback_store: FeedbackStore, settings: Settings,
              question_log: QuestionLog | None = None) -> "gr.Blocks":
    """The chat page (a `gr.Blocks`) around `assistant`; launch it with `launch_app`."""
    gr = _gradio()
    chat = Chat(assistant, feedback_store, question_log)
    with gr.Blocks(title=PAGE_TITLE, analytics_enabled=False) as app:
        page = _lay_out(gr, settings)
        _wire_chat(gr, app, page, chat)
        _add_ask_endpoint(gr, chat)
    # The sources in context and the original files, the plain HTTP API (`/api/ask`, its own pool of
    # threads): routes of the chat's own server (see `launch_app`); the guard's refusals there in the API's words.
    app.amf_routes = source_routes(SourceLibrary(_passages_of(assistant), settings.knowledge_dir,
                                                 settings.source_downloads)) + \
        api_routes(chat, settings.web.concurrency_limit)
    app.amf_calls, app.amf_refusal = API_CALLS, refusal_body(chat)
    # Several questions answered at once (the assistant is thread-safe), all events together; more wait.
    app.queue(default_concurrency_limit=settings.web.concurrency_limit)
    app.mount_options = mount_options()  # read by bot.web.server when it mounts the page
    return app


def mount_options() -> dict:
    """The page's look and words, as `gr.mount_gradio_app` takes them."""
    return {"theme": theme(), "css": CSS, "i18n": translations(), "footer_links": ["api"], "head": head()}


def _passages_of(assistant: AskingAssistant):
    """The indexed passages as the assistant's retriever has them now (none for an assistant without one)."""
    def passages() -> dict:
        index = getattr(getattr(assistant, "retriever", None), "index", None)
        return index.current().passages if index is not None else {}

    return passages



@dataclass
class _Page:
    """The components the chat's events read and update."""

    chatbot: Any
    turns: Any
    language: Any  # the page's language (State), for the examples after a new conversation
    switch: Any
    question: Any
    suggestion_row: Any
    suggestion_label: Any
    suggestion_buttons: list
    clear: Any
    feedback: Any
    feedback_text: Any
    reason: Any
    detail: Any
    send_reason: Any
    voted: Any  # the message index of the last thumbs (State)

    @property
    def outputs(self) -> list:
        return [self.chatbot, self.turns, self.question, self.feedback, self.suggestion_row, self.suggestion_label,
                *self.suggestion_buttons]

    @property
    def feedback_outputs(self) -> list:
        return [self.feedback, self.feedback_text, self.reason, self.detail, self.send_reason, self.voted]


def _lay_out(gr, settings: Settings) -> _Page:
    t = translations()
    with gr.Row(elem_classes="amf-top"):
        with gr.Column(elem_classes="amf-header", scale=4):
            gr.Markdown("# " + t("title"))
            gr.Markdown(t("intro"))
        switch = gr.Dropdown(language_choices(), value=None, label=t("language"), elem_id="amf-language",
                             scale=1, min_width=160, filterable=False)
    chatbot = gr.Chatbot(
        label=t("chat_label"), show_label=False, elem_id="amf-chat", height=600,
        placeholder=t("empty_chat"),
        # Our HTML is built from escaped text only; the sanitizer stays on as a second guard.
        sanitize_html=True, render_markdown=True, allow_tags=False, latex_delimiters=[],
        buttons=["copy"], feedback_options=("Like", "Dislike"), autoscroll=True,
    )
    turns, language, voted = gr.State([]), gr.State("en"), gr.State(None)
    with gr.Column(visible=False, elem_id="amf-feedback") as feedback:
        feedback_text = gr.Markdown(elem_id="amf-feedback-text")
        reason = gr.Radio([], label=t("reason_prompt"), visible=False, elem_id="amf-reason")
        detail = gr.Textbox(label=t("reason_detail"), max_length=500, lines=1, visible=False, elem_id="amf-reason-detail")
        send_reason = gr.Button(t("reason_send"), size="sm", visible=False, elem_id="amf-reason-send")
    question = gr.Textbox(label=t("question_label"), show_label=False, placeholder=t("placeholder"),
                          max_length=settings.max_question_chars, lines=1, max_lines=6,
                          submit_btn=True, elem_id="amf-question")
    with gr.Column(elem_classes="amf-suggestions") as suggestion_row:
        suggestion_label = gr.Markdown(t("examples"), elem_classes="amf-suggestions-label")
        with gr.Row():
            suggestion_buttons = [gr.Button("", size="sm", variant="secondary", scale=0, min_width=260, visible=False)
                                  for _ in range(SUGGESTIONS)]
    with gr.Row(elem_classes="amf-bottom"):
        gr.Markdown(t("footer"), elem_classes="amf-footer")
        clear = gr.Button(t("clear"), size="sm", variant="secondary", scale=0, min_width=180, elem_id="amf-clear")
    return _Page(chatbot, turns, language, switch, question, suggestion_row, suggestion_label, suggestion_buttons,
                 clear, feedback, feedback_text, reason, detail, send_reason, voted)


def _wire_chat(gr, app, page: _Page, chat: Chat) -> None:
    """Questions typed, examples and suggestions clicked, thumbs and their reasons, clearing, the language switch;
    none of it is a public API."""

    def views(text: str, current: list[Turn]) -> Iterator[tuple]:
        try:
            for view in chat.respond(text, current):
                language = view.turns[-1].answer.language if view.turns else "en"
                label = page_text(language).suggestions
                yield (view.messages, view.turns, "", gr.update(visible=False),
                       *suggestion_updates(gr, view.suggestions, label))
        except BotError as exc:  # no reply at all rather than one without its sources and notice
            raise gr.Error(str(exc)) from None

    def on_load(request: gr.Request) -> tuple:
        language = page_language(request.query_params.get("lang"), request.headers.get("accept-language"))
        return (gr.update(value=language), language,
                *suggestion_updates(gr, example_questions(language), page_text(language).examples))

    def on_like(current: list[Turn], liked: gr.LikeData) -> tuple:
        stored = chat.vote(current, liked.index, liked.liked)
        words = page_text(answer_language(current, liked.index))
        down = stored and liked.liked is False
        choices = [(getattr(words, field), key) for key, field in REASONS.items()]
        return (gr.update(visible=stored), words.thanks,
                gr.update(visible=down, choices=choices, value=None, label=words.reason_prompt),
                gr.update(visible=down, value="", label=words.reason_detail),
                gr.update(visible=down, value=words.reason_send), liked.index if down else None)

    def on_reason(current: list[Turn], index, reason: str | None, detail: str) -> tuple:
        said = f"{reason or 'other'}: {detail}" if (detail or "").strip() else (reason or "")
        if index is None or not said or not chat.vote(current, index, False, reason=said):
            return gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), index
        words = page_text(answer_language(current, index))
        hidden = gr.update(visible=False)
        return gr.update(visible=True), words.reason_thanks, hidden, hidden, hidden, None

    def reset(language: str) -> tuple:
        return ([], [], "", gr.update(visible=False),
                *suggestion_updates(gr, example_questions(language), page_text(language).examples))

    private = {"api_visibility": "private"}
    answering = {**private, "concurrency_id": ANSWERING}
    app.load(on_load, None, [page.switch, page.language, page.suggestion_row, page.suggestion_label,
                             *page.suggestion_buttons], queue=False, **private)
    # The switch reloads the page in the chosen language (Gradio reads the language once, at start).
    page.switch.input(None, page.switch, None, js=SWITCH_JS, **private)
    page.question.submit(views, [page.question, page.turns], page.outputs, **answering)
    for button in page.suggestion_buttons:
        button.click(views, [button, page.turns], page.outputs, **answering)
    page.chatbot.like(on_like, [page.turns], page.feedback_outputs, **private)
    page.send_reason.click(on_reason, [page.turns, page.voted, page.reason, page.detail], page.feedback_outputs,
                           **private)
    page.clear.click(reset, page.language, page.outputs, queue=False, **private)
    page.chatbot.clear(reset, page.language, page.outputs, queue=False, **private)


SWITCH_JS = """(language) => {
  if (!language || language === document.documentElement.lang) return language;  // tabbing through changes nothing
  const url = new URL(window.location.href);
  url.searchParams.set("lang", language);
  window.location.assign(url.href);
  return language;
}"""


def _add_ask_endpoint(gr, chat: Chat) -> None:
    def ask(question: str = "", history: list[str] | None = None) -> dict:
        """Answer a question about AMF's international action; `history` holds earlier questions (oldest first).

        Returns the same JSON object as `amf-bot ask --json`: answer, citations, notice, language, status…
        """
        return chat.api_answer(question, history)  # never raises: failures come back as status 'error'


    gr.api(ask, api_name="ask", concurrency_id=ANSWERING)


def suggestion_updates(gr, suggestions: list[str], label: str = "") -> list:
    """Updates for the suggestion row, its label and its buttons: shown with a question each, or hidden."""
    buttons = [gr.update(value=q, visible=True) if q else gr.update(value="", visible=False)
               for q in (suggestions + [""] * SUGGESTIONS)[:SUGGESTIONS]]
    return [gr.update(visible=bool(suggestions)), gr.update(value=label), *buttons]


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
