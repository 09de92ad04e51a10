"""The staff page (/staff): what visitors ask, the queue to fix, frequent questions, validated answers (and the
machine drafts of their missing translations, `staff_drafts.py`), machine translations of documents to review.

Served only when `AMF_BOT_STAFF_AUTH` is set, behind its own login (see `bot.web.server`).
Every handler is private (no public API); tables show text only, and status lines are escaped.
(No `from __future__ import annotations`: Gradio reads handler annotations at run time.)
"""

import secrets
import threading
import time
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from bot.core.errors import BotError
from bot.language.messages import MESSAGES
from bot.records.questions import QuestionFilter
from bot.ingest.validated import new_validated
from bot.web.html import escape_text
from bot.web.index_runs import STATUSES as STATUSES_OF_FILES
from bot.web.index_runs import LastRun
from bot.web.staff_desk import DOCUMENT_COLUMNS, StaffDesk, parse_other_languages
from bot.web.staff_drafts import DRAFT_TEXT, DRAFT_WORDS, build_drafts_section

if TYPE_CHECKING:
    import gradio as gr

STAFF_TEXT = {
    "en": {
        "title": "AMF assistant — staff workspace",
        "intro": "What visitors ask and what they fail to get; fix a recurring enquiry once with a validated answer.",
        "questions_tab": "Questions", "frequent_tab": "Most frequent", "validated_tab": "Validated answers",
        "language": "Language", "status_filter": "Result", "since": "From (YYYY-MM-DD)", "until": "To (YYYY-MM-DD)",
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
        "index_tab": "Index", "index_refresh": "Show the last run",
        **DRAFT_TEXT["en"],
    },
    "fr": {
        "title": "Assistant AMF — espace des équipes",
        "intro": "Ce que demandent les visiteurs et ce qu'ils n'obtiennent pas ; corrigez une fois pour toutes une demande "
                 "récurrente par une réponse validée.",
        "questions_tab": "Questions", "frequent_tab": "Les plus fréquentes", "validated_tab": "Réponses validées",
        "language": "Langue", "status_filter": "Résultat", "since": "Du (AAAA-MM-JJ)", "until": "Au (AAAA-MM-JJ)",
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
        "index_tab": "Index", "index_refresh": "Afficher la dernière indexation",
        **DRAFT_TEXT["fr"],
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


# What the tables and messages say, in the staff's language (the page's chrome is in STAFF_TEXT).
WORDS = {
    "en": {
        "questions": ("Date", "Language", "Result", "Mode", "Thumbs", "Reason", "Question", "Cited passages"),
        "frequent": ("Times asked", "Question", "Languages", "Results"),
        "validated": ("Id", "Validated on", "Languages", "Asked in, without a text", "Wordings", "Passages",
                      "Served"),
        "index": ("File", "Outcome", "Reason", "Passages"),
        "status": {"answered": "answered", "not_found": "not found", "rejected": "rejected", "error": "failed"},
        "mode": {"extractive": "quoted", "llm": "language model", "validated": "validated answer"},
        "vote": {1: "👍 helpful", -1: "👎 not helpful"},
        "reason": {"wrong": "wrong", "incomplete": "incomplete", "language": "wrong language", "other": "other"},
        "outcome": {"added": "added", "updated": "updated", "unchanged": "unchanged", "removed": "removed",
                    "failed": "failed", "skipped": "skipped"},
        "served_yes": "yes", "served_no": "no — passage(s) gone: {missing}",
        "bad_date": "“{value}” is not a date: write it as YYYY-MM-DD, for example 2026-12-03.",
        "french_missing": "Write the answer in French.",
        "wordings_missing": "Give at least one wording of the question.",
        "passages_missing": "Search the documents and tick at least one passage.",
        "unknown_passages": "These passages are no longer in the documents: {missing}.",
        "saved": "Saved: {id} (validated on {date}). The form is ready for the next answer.",
        "no_run": "No index run recorded yet.",
        "run": "Last run: started {started}, finished {finished} — {result}. {counts}",
        "run_ok": "completed", "run_failed": "some files failed",
        "run_unreadable": "The record of the last run cannot be read: {problem}",
        **DRAFT_WORDS["en"],
    },
    "fr": {
        "questions": ("Date", "Langue", "Résultat", "Mode", "Avis", "Motif", "Question", "Passages cités"),
        "frequent": ("Nombre", "Question", "Langues", "Résultats"),
        "validated": ("Identifiant", "Validée le", "Langues", "Demandée en, sans texte", "Formulations", "Passages",
                      "Servie"),
        "index": ("Fichier", "Résultat", "Motif", "Passages"),
        "status": {"answered": "répondue", "not_found": "non trouvée", "rejected": "refusée", "error": "en échec"},
        "mode": {"extractive": "citation", "llm": "modèle de langue", "validated": "réponse validée"},
        "vote": {1: "👍 utile", -1: "👎 inutile"},
        "reason": {"wrong": "fausse", "incomplete": "incomplète", "language": "mauvaise langue", "other": "autre"},
        "outcome": {"added": "ajouté", "updated": "mis à jour", "unchanged": "inchangé", "removed": "retiré",
                    "failed": "en échec", "skipped": "ignoré"},
        "served_yes": "oui", "served_no": "non — passage(s) disparu(s) : {missing}",
        "bad_date": "« {value} » n'est pas une date : écrivez-la AAAA-MM-JJ, par exemple 2026-12-03.",
        "french_missing": "Rédigez la réponse en français.",
        "wordings_missing": "Donnez au moins une formulation de la question.",
        "passages_missing": "Cherchez dans les documents et cochez au moins un passage.",
        "unknown_passages": "Ces passages ne sont plus dans les documents : {missing}.",
        "saved": "Enregistrée : {id} (validée le {date}). Le formulaire est prêt pour la réponse suivante.",
        "no_run": "Aucune indexation enregistrée pour l'instant.",
        "run": "Dernière indexation : commencée le {started}, terminée le {finished} — {result}. {counts}",
        "run_ok": "réussie", "run_failed": "des fichiers ont échoué",
        "run_unreadable": "L'enregistrement de la dernière indexation est illisible : {problem}",
        **DRAFT_WORDS["fr"],
    },
}

# The login form's heading: whose page this is (and no more: what lies behind stays unsaid before login).
STAFF_LOGIN = "<strong>Association des Maires de France</strong><br>Assistant AMF · AMF assistant"

LANGUAGES = ["", *MESSAGES]
STATUSES = ["", "answered", "not_found", "rejected"]


def build_staff_app(desk: StaffDesk) -> "gr.Blocks":
    import gradio as gr

    t = gr.I18n(**STAFF_TEXT)
    private = {"api_visibility": "private"}
    downloads = Downloads()
    with gr.Blocks(title="AMF — staff", analytics_enabled=False) as app:
        lang = gr.State("en")
        gr.Markdown("# " + t("title"))
        gr.Markdown(t("intro"))
        # Side stores that cannot be written or read, validated files skipped: said first, in plain words.
        warnings = gr.Markdown(elem_id="staff-warnings")
        with gr.Row():
            language = gr.Dropdown(LANGUAGES, value="", label=t("language"))
            # (not "status": a key of Gradio's own words, whose value is a table)
            status = gr.Dropdown(STATUSES, value="", label=t("status_filter"), elem_id="staff-status")
            with gr.Column(min_width=160):
                since = gr.Textbox(label=t("since"), max_length=10, elem_id="staff-since")
                since_error = gr.Markdown(elem_id="staff-since-error", elem_classes="staff-field-error")
            with gr.Column(min_width=160):
                until = gr.Textbox(label=t("until"), max_length=10, elem_id="staff-until")
                until_error = gr.Markdown(elem_id="staff-until-error", elem_classes="staff-field-error")
            queue_only = gr.Checkbox(value=True, label=t("queue_only"), elem_id="staff-queue-only")
        with gr.Row():
            refresh = gr.Button(t("refresh"), variant="primary", elem_id="staff-refresh")
            export = gr.Button(t("export"))
            exported = gr.HTML(elem_id="staff-export")
        with gr.Tab(t("questions_tab")):
            questions = gr.Dataframe(headers=list(WORDS["en"]["questions"]), datatype="str", interactive=False,
                                     elem_id="staff-questions", wrap=True)
        with gr.Tab(t("frequent_tab")):
            frequent = gr.Dataframe(headers=list(WORDS["en"]["frequent"]), datatype="str", interactive=False,
                                    wrap=True, elem_id="staff-frequent")
        with gr.Tab(t("validated_tab")):
            answers = gr.Dataframe(headers=list(WORDS["en"]["validated"]), datatype="str", interactive=False,
                                   elem_id="staff-answers", wrap=True)
            gr.Markdown("## " + t("new_answer"))
            french = gr.Textbox(label=t("french_text"), lines=3, max_lines=12, max_length=4000, elem_id="staff-french")
            french_error = gr.Markdown(elem_id="staff-french-error", elem_classes="staff-field-error")
            others = gr.Textbox(label=t("other_texts"), lines=2, max_lines=12, max_length=20000, elem_id="staff-others")
            wordings = gr.Textbox(label=t("wordings"), lines=3, max_lines=12, max_length=4000, elem_id="staff-wordings")
            wordings_error = gr.Markdown(elem_id="staff-wordings-error", elem_classes="staff-field-error")
            with gr.Row():
                query = gr.Textbox(label=t("search"), max_length=500, elem_id="staff-search")
                search = gr.Button(t("search_button"), scale=0, elem_id="staff-search-button")
            passages = gr.CheckboxGroup([], label=t("passages"), elem_id="staff-passages")
            passages_error = gr.Markdown(elem_id="staff-passages-error", elem_classes="staff-field-error")
            save = gr.Button(t("save"), variant="primary", elem_id="staff-save")
            result = gr.HTML(elem_id="staff-result")
            with gr.Row():
                remove_id = gr.Textbox(label=t("remove_id"), max_length=80)
                remove = gr.Button(t("remove"), scale=0)
            removed = gr.HTML(elem_id="staff-removed")
            refresh_drafts, drafts_inputs, drafts_shown, wire_drafts = build_drafts_section(
                gr, t, desk.drafts, lang, _words, answers, lambda words_language: answers_table(words_language))
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
        with gr.Tab(t("index_tab"), elem_id="staff-index-tab"):
            index_summary = gr.Markdown(elem_id="staff-index-summary")
            index_files = gr.Dataframe(headers=list(WORDS["en"]["index"]), datatype="str", interactive=False,
                                       elem_id="staff-index", wrap=True)
            index_refresh = gr.Button(t("index_refresh"), elem_id="staff-index-refresh")

        filters = [language, status, since, until, queue_only]

        def answers_table(words_language: str) -> dict:
            return table(validated_rows(desk.answers(), words_language, desk.languages_lacking()), "validated",
                         words_language)

        def where(lang_: str, stat: str, start: str, end: str, queue: bool) -> tuple[QuestionFilter, str, str]:
            start, start_error = check_date(start, lang_)
            end, end_error = check_date(end, lang_)
            return QuestionFilter(language=lang_ or "", status=stat or "", since=start, until=end,
                                  queue_only=bool(queue)), start_error, end_error

        def show(words_language, lang_, stat, start, end, queue, request: gr.Request = None):
            if request is not None and words_language is None:
                words_language = staff_language(request.headers.get("accept-language"))
            chosen, start_error, end_error = where(lang_, stat, start, end, queue)
            top = desk.frequent(QuestionFilter(**{**chosen.__dict__, "queue_only": False}))
            return (words_language or "en", table(question_rows(desk.entries(chosen), words_language), "questions",
                                                  words_language),
                    table(frequent_rows(top, words_language), "frequent", words_language),
                    answers_table(words_language),
                    start_error, end_error, *index_view(desk.last_run(), words_language),
                    warnings_text(desk.warnings()))

        def first_show(lang_, stat, start, end, queue, request: gr.Request):
            return show(None, lang_, stat, start, end, queue, request)

        def export_csv(lang, stat, start, end, queue):
            label = escape_text(f"{STAFF_TEXT['fr']['download']} / {STAFF_TEXT['en']['download']}")
            token = downloads.put(desk.export(where(lang, stat, start, end, queue)[0]).encode("utf-8"))
            # Relative to the page (/staff/): the download route checks the staff session.
            return f'<a class="staff-download" href="export/{token}.csv" download>{label}</a>'

        def find(text: str, words_language: str):
            found = desk.find_passages(text or "")
            return gr.update(choices=[passage_choice(p) for p in found], value=[])

        def store(words_language, french_text, other_texts, wording_lines, chosen):
            words = WORDS.get(words_language, WORDS["en"])
            texts = {**parse_other_languages(other_texts or ""), "fr": (french_text or "").strip()}
            lines = [line.strip() for line in (wording_lines or "").splitlines() if line.strip()]
            chosen = list(chosen or [])
            problems = form_problems(texts["fr"], lines, chosen, words_language)
            try:
                missing = [] if problems else desk.validated.missing_passages(new_validated(texts, lines, chosen))
            except BotError as exc:  # what the form does not check itself
                problems, missing = {"french": str(exc)}, []
            if missing:
                problems["passages"] = words["unknown_passages"].format(missing=", ".join(missing))
            keep = gr.update()
            if problems:
                return (problems.get("french", ""), problems.get("wordings", ""), problems.get("passages", ""), "",
                        keep, keep, keep, keep, keep, keep)
            try:
                answer = desk.save(texts, lines, chosen)
            except BotError as exc:  # e.g. the folder cannot be written
                return "", "", "", _status(str(exc), error=True), keep, keep, keep, keep, keep, keep
            done = words["saved"].format(id=answer.answer_id, date=local_date(answer.validated_on, words_language))
            return ("", "", "", _status("✔ " + done), "", "", "", "", gr.update(choices=[], value=[]),
                    answers_table(words_language))

        def drop(words_language, answer_id):
            done = desk.remove((answer_id or "").strip())
            return _status(("✔ " if done else "✘ ") + (answer_id or ""), error=not done), \
                answers_table(words_language)

        def show_index(words_language):
            return index_view(desk.last_run(), words_language)

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
        shown = [lang, questions, frequent, answers, since_error, until_error, index_summary, index_files, warnings]
        drafts_again = {"fn": refresh_drafts, "inputs": drafts_inputs, "outputs": drafts_shown, **private}
        app.load(first_show, filters, shown, **private).then(**drafts_again)
        refresh.click(show, [lang, *filters], shown, **private).then(**drafts_again)
        export.click(export_csv, filters, exported, **private)
        for box, error in ((since, since_error), (until, until_error)):  # said as soon as the field is left
            box.blur(lambda value, words_language: check_date(value, words_language)[1], [box, lang], error, **private)
        search.click(find, [query, lang], passages, **private)
        query.submit(find, [query, lang], passages, **private)
        save.click(store, [lang, french, others, wordings, passages],
                   [french_error, wordings_error, passages_error, result, french, others, wordings, query, passages,
                    answers], **private).then(**drafts_again)
        remove.click(drop, [lang, remove_id], [removed, answers], **private).then(**drafts_again)
        index_refresh.click(show_index, lang, [index_summary, index_files], **private)
        wire_drafts()
    app.staff_i18n = t
    app.staff_downloads = downloads
    return app


def warnings_text(warnings: list[str]) -> str:
    """The staff page's warnings as Markdown (empty when all is well)."""
    return "\n".join(f"⚠ {escape_text(w)}" + "  " for w in warnings)


def _status(text: str, error: bool = False) -> str:
    kind = "staff-error" if error else "staff-ok"
    return f'<div class="{kind}">{escape_text(text)}</div>'


# --- what the tables say, without Gradio ---------------------------------------------------------------------------

def staff_language(accept_language: str | None) -> str:
    """French or English, the first of the browser's languages the staff page speaks (English otherwise)."""
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in WORDS:
            return code
    return "en"


def _words(language: str | None) -> dict:
    return WORDS.get(language or "", WORDS["en"])


def table(rows: list[list[str]], kind: str, language: str | None) -> dict:
    """A Dataframe value with the headers in the staff's language (one empty row rather than none)."""
    headers = list(_words(language)[kind])
    return {"headers": headers, "data": rows or [[""] * len(headers)]}


def local_time(iso: str, language: str | None) -> str:
    """An ISO time (UTC in the log) in the server's time zone and the staff's format ("03/12/2026 10:15")."""
    from babel.dates import format_datetime

    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_datetime(moment.astimezone(), "short", locale=language or "en")


def local_date(iso: str, language: str | None) -> str:
    from babel.dates import format_date

    try:
        return format_date(date.fromisoformat(iso), "short", locale=language or "en")
    except (TypeError, ValueError):
        return iso or ""


def check_date(value: str | None, language: str | None) -> tuple[str, str]:
    """(the ISO date, "") for a date filter, ("", what is wrong) for one that is not YYYY-MM-DD, ("", "") for none."""
    value = (value or "").strip()
    if not value:
        return "", ""
    try:
        return date.fromisoformat(value).isoformat(), ""
    except ValueError:
        return "", _words(language)["bad_date"].format(value=value)


def reason_words(reason: str | None, language: str | None) -> str:
    """A stored thumbs-down reason ("incomplete: the dates") in words ("incomplete — the dates")."""
    if not reason:
        return ""
    kind, _, said = reason.partition(":")
    name = _words(language)["reason"].get(kind.strip(), kind.strip())
    return f"{name} — {said.strip()}" if said.strip() else name


def question_rows(entries: list[dict], language: str | None) -> list[list[str]]:
    words = _words(language)
    return [[local_time(e["time"], language), e["language"], words["status"].get(e["status"], e["status"]),
             words["mode"].get(e["mode"], e["mode"]), words["vote"].get(e["vote"], ""),
             reason_words(e.get("reason"), language), e["question"], " ".join(p for p in e["passages"] if p)]
            for e in entries]


def frequent_rows(frequent: list, language: str | None) -> list[list]:
    words = _words(language)
    return [[f.count, f.question, " ".join(f.languages), ", ".join(words["status"].get(s, s) for s in f.statuses)]
            for f in frequent]


def validated_rows(rows: list[list], language: str | None,
                   lacking: dict[str, dict[str, int]] | None = None) -> list[list]:
    """`StaffDesk.answers` rows with the date and the served column in words, and the languages visitors asked
    each answer in without a text in them (`StaffDesk.languages_lacking`: "it ×3, ja ×1")."""
    words = _words(language)
    readable = []
    for answer_id, validated_on, languages, wordings, passages, served in rows:
        served = words["served_yes"] if served == "yes" else \
            words["served_no"].format(missing=served.partition(": ")[2])
        asked = ", ".join(f"{code} ×{count}" for code, count in
                          sorted((lacking or {}).get(answer_id, {}).items(), key=lambda item: -item[1]))
        readable.append([answer_id, local_date(validated_on, language), languages, asked, wordings, passages, served])
    return readable


def cut(text: str, limit: int = 160) -> str:
    """`text` cut at a word boundary before `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return head.rstrip(" ,;:.—-") + "…"


def passage_choice(passage) -> tuple[str, str]:
    """(label, passage id) of a passage to tick: its document, where it stands, and its beginning."""
    original = passage.original
    where = [original.source_file]
    if original.page:
        where.append(f"p. {original.page}")
    if original.heading:
        where.append(original.heading)
    where.append(f"§ {passage.paragraph}")
    return f"{original.title} — {', '.join(where)} — « {cut(original.text)} »", passage.passage_id


def form_problems(french: str, wordings: list[str], passages: list[str], language: str | None) -> dict[str, str]:
    """What is missing from a validated answer, by field, in plain words."""
    words = _words(language)
    problems = {}
    if not french.strip():
        problems["french"] = words["french_missing"]
    if not wordings:
        problems["wordings"] = words["wordings_missing"]
    if not passages:
        problems["passages"] = words["passages_missing"]
    return problems


def index_view(run: LastRun | None, language: str | None) -> tuple[str, dict]:
    """The Index tab: a sentence on the last run, and its files with what happened to each."""
    words = _words(language)
    if run is None:
        return words["no_run"], table([], "index", language)
    if run.problem:
        return words["run_unreadable"].format(problem=run.problem), table([], "index", language)
    counts = ", ".join(f"{run.count(s)} {words['outcome'][s]}" for s in STATUSES_OF_FILES if run.count(s))
    result = words["run_ok"] if run.ok else words["run_failed"] if run.ok is False else "?"
    summary = words["run"].format(started=local_time(run.started, language),
                                  finished=local_time(run.finished, language), result=result, counts=counts)
    rows = [[f.file, words["outcome"].get(f.status, f.status), f.reason, "" if f.passages is None else f.passages]
            for f in sorted(run.files, key=lambda f: (STATUSES_OF_FILES.index(f.status)
                                                       if f.status in STATUSES_OF_FILES else 9, f.file))]
    return summary, table(rows, "index", language)
