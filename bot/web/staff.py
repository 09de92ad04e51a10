"""The staff page (/staff): what visitors ask, the queue to fix, frequent questions, validated answers,
machine translations of documents to review.

Served only when `AMF_BOT_STAFF_AUTH` is set, behind its own login (see `bot.web.server`).
Every handler is private (no public API); tables show text only, and status lines are escaped.
(No `from __future__ import annotations`: Gradio reads handler annotations at run time.)
"""

import secrets
import threading
import time
from datetime import date
from typing import TYPE_CHECKING

from bot.core.errors import BotError
from bot.language.messages import MESSAGES
from bot.records.questions import QuestionFilter
from bot.web.html import escape_text
from bot.web.staff_desk import (
    DOCUMENT_COLUMNS,
    FREQUENT_COLUMNS,
    QUESTION_COLUMNS,
    VALIDATED_COLUMNS,
    StaffDesk,
    parse_other_languages,
)

if TYPE_CHECKING:
    import gradio as gr

STAFF_TEXT = {
    "en": {
        "title": "AMF assistant — staff workspace",
        "intro": "What visitors ask and what they fail to get; fix a recurring enquiry once with a validated answer.",
        "questions_tab": "Questions", "frequent_tab": "Most frequent", "validated_tab": "Validated answers",
        "language": "Language", "status": "Status", "since": "From (YYYY-MM-DD)", "until": "To (YYYY-MM-DD)",
        "queue_only": "Queue only (not found or thumbs-down)", "refresh": "Refresh", "export": "Export CSV",
        "download": "Download the CSV (once)",
        "new_answer": "Write a validated answer", "french_text": "Answer in French (required)",
        "other_texts": "Other languages, one per line (en: …, it: …)",
        "wordings": "Question wordings it covers, one per line (any language)",
        "search": "Search the documents for supporting passages", "search_button": "Search",
        "passages": "Passages to cite (at least one)", "save": "Save the validated answer",
        "remove_id": "Id of the answer to remove", "remove": "Remove",
        "saved": "Saved", "removed": "Removed", "not_found": "No such answer",
        "translations_tab": "Translations",
        "translations_intro": "A language model writes an unofficial translation of a document, aligned paragraph by "
                              "paragraph; visitors see it labelled \"machine translation (unofficial)\" until you "
                              "review it (see docs/staff.md). Translating takes a while.",
        "no_model": "No language model is configured: translating needs AMF_BOT_LLM_PROVIDER (ollama or openai), "
                    "AMF_BOT_LLM_MODEL and AMF_BOT_LLM_BASE_URL.",
        "document": "Document", "target_languages": "Translate into", "translate": "Translate",
    },
    "fr": {
        "title": "Assistant AMF — espace des équipes",
        "intro": "Ce que demandent les visiteurs et ce qu'ils n'obtiennent pas ; corrigez une fois pour toutes une demande "
                 "récurrente par une réponse validée.",
        "questions_tab": "Questions", "frequent_tab": "Les plus fréquentes", "validated_tab": "Réponses validées",
        "language": "Langue", "status": "Statut", "since": "Du (AAAA-MM-JJ)", "until": "Au (AAAA-MM-JJ)",
        "queue_only": "File à traiter seulement (non trouvé ou pouce baissé)", "refresh": "Actualiser",
        "export": "Exporter en CSV", "download": "Télécharger le CSV (une fois)",
        "new_answer": "Rédiger une réponse validée", "french_text": "Réponse en français (obligatoire)",
        "other_texts": "Autres langues, une par ligne (en: …, it: …)",
        "wordings": "Formulations de la question couvertes, une par ligne (toute langue)",
        "search": "Chercher dans les documents les passages à l'appui", "search_button": "Chercher",
        "passages": "Passages à citer (au moins un)", "save": "Enregistrer la réponse validée",
        "remove_id": "Identifiant de la réponse à retirer", "remove": "Retirer",
        "saved": "Enregistrée", "removed": "Retirée", "not_found": "Réponse inconnue",
        "translations_tab": "Traductions",
        "translations_intro": "Un modèle de langue rédige une traduction non officielle d'un document, alignée "
                              "paragraphe par paragraphe ; les visiteurs la voient marquée « traduction automatique "
                              "(non officielle) » jusqu'à votre relecture (voir docs/staff.md). La traduction prend "
                              "du temps.",
        "no_model": "Aucun modèle de langue n'est configuré : la traduction demande AMF_BOT_LLM_PROVIDER (ollama ou "
                    "openai), AMF_BOT_LLM_MODEL et AMF_BOT_LLM_BASE_URL.",
        "document": "Document", "target_languages": "Traduire en", "translate": "Traduire",
    },
}

# The CSV export: kept in memory under a random name until it is downloaded once (or for 10 minutes),
# served by `add_download_route` under /staff only, so behind the staff login; never written to a file.
DOWNLOAD_ROUTE = r"/export/[\w-]{32}\.csv"
DOWNLOAD_TTL_S = 600
DOWNLOADS_KEPT = 20


class Downloads:
    """Exports waiting to be downloaded, each once."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self._waiting: dict[str, tuple[float, bytes]] = {}
        self._lock = threading.Lock()

    def put(self, content: bytes) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            now = self.clock()
            self._waiting = {t: w for t, w in self._waiting.items() if w[0] > now}
            while len(self._waiting) >= DOWNLOADS_KEPT:
                self._waiting.pop(next(iter(self._waiting)))
            self._waiting[token] = (now + DOWNLOAD_TTL_S, content)
        return token

    def take(self, token: str) -> bytes | None:
        with self._lock:
            expires, content = self._waiting.pop(token, (0.0, None))
        return content if expires > self.clock() else None


def add_download_route(server, staff_app) -> None:
    """GET /staff/export/<token>.csv on `server` (before the staff page is mounted): the export, once."""
    from fastapi.responses import JSONResponse, Response

    downloads: Downloads = staff_app.staff_downloads

    async def download(token: str):
        content = downloads.take(token)
        if content is None:
            return JSONResponse({"detail": "Not found."}, status_code=404)
        name = f"amf-questions-{date.today().isoformat()}.csv"
        return Response(content, media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})

    server.add_api_route("/staff/export/{token}.csv", download, methods=["GET"], include_in_schema=False)


LANGUAGES = ["", *MESSAGES]
STATUSES = ["", "answered", "not_found", "rejected"]


def build_staff_app(desk: StaffDesk) -> "gr.Blocks":
    import gradio as gr

    t = gr.I18n(**STAFF_TEXT)
    private = {"api_visibility": "private"}
    downloads = Downloads()
    with gr.Blocks(title="AMF — staff", analytics_enabled=False) as app:
        gr.Markdown("# " + t("title"))
        gr.Markdown(t("intro"))
        with gr.Row():
            language = gr.Dropdown(LANGUAGES, value="", label=t("language"))
            status = gr.Dropdown(STATUSES, value="", label=t("status"))
            since = gr.Textbox(label=t("since"), max_length=10)
            until = gr.Textbox(label=t("until"), max_length=10)
            queue_only = gr.Checkbox(value=True, label=t("queue_only"), elem_id="staff-queue-only")
        with gr.Row():
            refresh = gr.Button(t("refresh"), variant="primary", elem_id="staff-refresh")
            export = gr.Button(t("export"))
            exported = gr.HTML(elem_id="staff-export")
        with gr.Tab(t("questions_tab")):
            questions = gr.Dataframe(headers=list(QUESTION_COLUMNS), datatype="str", interactive=False,
                                     elem_id="staff-questions", wrap=True)
        with gr.Tab(t("frequent_tab")):
            frequent = gr.Dataframe(headers=list(FREQUENT_COLUMNS), datatype="str", interactive=False, wrap=True)
        with gr.Tab(t("validated_tab")):
            answers = gr.Dataframe(headers=list(VALIDATED_COLUMNS), datatype="str", interactive=False,
                                   elem_id="staff-answers", wrap=True)
            gr.Markdown("## " + t("new_answer"))
            french = gr.Textbox(label=t("french_text"), lines=3, max_lines=12, max_length=4000, elem_id="staff-french")
            others = gr.Textbox(label=t("other_texts"), lines=2, max_lines=12, max_length=20000)
            wordings = gr.Textbox(label=t("wordings"), lines=3, max_lines=12, max_length=4000, elem_id="staff-wordings")
            with gr.Row():
                query = gr.Textbox(label=t("search"), max_length=500, elem_id="staff-search")
                search = gr.Button(t("search_button"), scale=0, elem_id="staff-search-button")
            passages = gr.CheckboxGroup([], label=t("passages"), elem_id="staff-passages")
            save = gr.Button(t("save"), variant="primary", elem_id="staff-save")
            with gr.Row():
                remove_id = gr.Textbox(label=t("remove_id"), max_length=80)
                remove = gr.Button(t("remove"), scale=0)
            result = gr.HTML(elem_id="staff-result")
        translations = desk.translations
        if translations is not None:
            with gr.Tab(t("translations_tab")):
                gr.Markdown(t("translations_intro"))
                if not translations.model_configured:
                    gr.Markdown("**" + t("no_model") + "**", elem_id="staff-no-model")
                documents = gr.Dataframe(headers=list(DOCUMENT_COLUMNS), datatype="str", interactive=False,
                                         elem_id="staff-documents", wrap=True)
                with gr.Row():
                    document = gr.Dropdown([], label=t("document"), elem_id="staff-document")
                    targets = gr.CheckboxGroup([code for code in MESSAGES], label=t("target_languages"),
                                               elem_id="staff-target-languages")
                translate = gr.Button(t("translate"), variant="primary", elem_id="staff-translate")
                translated = gr.HTML(elem_id="staff-translated")

        filters = [language, status, since, until, queue_only]

        def where(lang: str, stat: str, start: str, end: str, queue: bool) -> QuestionFilter:
            return QuestionFilter(language=lang or "", status=stat or "", since=(start or "").strip(),
                                  until=(end or "").strip(), queue_only=bool(queue))

        def show(lang, stat, start, end, queue):
            chosen = where(lang, stat, start, end, queue)
            top = [[f.count, f.question, " ".join(f.languages), " ".join(f.statuses)]
                   for f in desk.frequent(QuestionFilter(**{**chosen.__dict__, "queue_only": False}))]
            return desk.questions(chosen) or [[""] * len(QUESTION_COLUMNS)], top or [[""] * 4], \
                desk.answers() or [[""] * len(VALIDATED_COLUMNS)]

        def export_csv(lang, stat, start, end, queue):
            label = escape_text(f"{STAFF_TEXT['fr']['download']} / {STAFF_TEXT['en']['download']}")
            token = downloads.put(desk.export(where(lang, stat, start, end, queue)).encode("utf-8"))
            # Relative to the page (/staff/): the download route checks the staff session.
            return f'<a class="staff-download" href="export/{token}.csv" download>{label}</a>'

        def find(text: str):
            found = desk.search_passages(text or "")
            return gr.update(choices=[(f"{pid} — {passage[:160]}", pid) for pid, passage in found], value=[])

        def store(french_text, other_texts, wording_lines, chosen):
            try:
                texts = {**parse_other_languages(other_texts or ""), "fr": french_text or ""}
                answer = desk.save(texts, (wording_lines or "").splitlines(), list(chosen or []))
            except BotError as exc:
                return _status(str(exc), error=True), gr.update()
            return _status(f"✔ {answer.answer_id} ({answer.validated_on})"), desk.answers()

        def drop(answer_id):
            done = desk.remove((answer_id or "").strip())
            return _status(("✔ " if done else "✘ ") + (answer_id or ""), error=not done), \
                desk.answers() or [[""] * len(VALIDATED_COLUMNS)]

        if translations is not None:
            def list_documents():
                rows = translations.rows()
                return rows or [[""] * len(DOCUMENT_COLUMNS)], gr.update(choices=[row[0] for row in rows])

            def run_translation(doc_id, languages):
                if not translations.model_configured:  # said in both of the page's languages
                    return _status(f"{STAFF_TEXT['fr']['no_model']} / {STAFF_TEXT['en']['no_model']}", error=True), \
                        gr.update()
                try:
                    written = translations.translate(doc_id or "", list(languages or []))
                except BotError as exc:
                    return _status(str(exc), error=True), gr.update()
                return _status("✔ " + ", ".join(str(path) for path in written)), list_documents()[0]

            app.load(list_documents, None, [documents, document], **private)
            translate.click(run_translation, [document, targets], [translated, documents], **private)
        app.load(show, filters, [questions, frequent, answers], **private)
        refresh.click(show, filters, [questions, frequent, answers], **private)
        export.click(export_csv, filters, exported, **private)
        search.click(find, query, passages, **private)
        query.submit(find, query, passages, **private)
        save.click(store, [french, others, wordings, passages], [result, answers], **private)
        remove.click(drop, remove_id, [result, answers], **private)
    app.staff_i18n = t
    app.staff_downloads = downloads
    return app


def _status(text: str, error: bool = False) -> str:
    kind = "staff-error" if error else "staff-ok"
    return f'<div class="{kind}">{escape_text(text)}</div>'
