"""Machine drafts of validated answers' missing translations, for staff to review; their section of the staff page.

The configured language model translates an answer's French text into a language visitors asked it
in (`StaffDesk.languages_lacking`) or one staff chose; the result is kept as a draft
(`bot.ingest.validated_drafts`), labelled "machine draft — review before publishing" on the staff
page and never served. Staff edit it, then approve it (it becomes the answer's text in that
language, served from then on) or discard it. Drafting is idempotent: a language that already has
a text or a draft is not sent to the model again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bot.core.errors import BotError, ConfigurationError, KnowledgeError
from bot.core.health import HEALTH, Health
from bot.core.models import ValidatedAnswer
from bot.ingest.validated import ORIGINAL_LANGUAGE, load_validated
from bot.ingest.validated_drafts import MachineDraft, approve_draft, read_drafts, remove_draft, save_draft
from bot.language.supported import SUPPORTED

logger = logging.getLogger(__name__)

TARGETS = [code for code in SUPPORTED if code != ORIGINAL_LANGUAGE]
NO_MODEL = ("drafting translations needs a language model: set AMF_BOT_LLM_PROVIDER (ollama or openai), "
            "AMF_BOT_LLM_MODEL and AMF_BOT_LLM_BASE_URL (see docs/llm.md)")

# The staff page's words for drafts (merged into `bot.web.staff.WORDS`).
DRAFT_WORDS = {
    "en": {
        "drafts": ("Answer", "Language", "Status", "Drafted on", "Model", "Draft"),
        "draft_label": "Machine draft — review before publishing",
        "draft_stale": "Machine draft — review before publishing (the French text changed since)",
        "draft_no_model": "Drafting translations needs a language model: set AMF_BOT_LLM_PROVIDER (ollama or "
                          "openai), AMF_BOT_LLM_MODEL and AMF_BOT_LLM_BASE_URL (see docs/llm.md).",
        "draft_none_needed": "Nothing to draft for {id}: every language asked for has a text or a draft already.",
        "drafted": "Drafted for {id}: {languages}. Review each draft below before publishing it.",
        "draft_pick": "Choose a validated answer.",
        "draft_approved": "Approved: {id} is now served in {language}.",
        "draft_discarded": "Discarded: the draft of {id} in {language}.",
        "draft_gone": "There is no longer a draft of {id} in {language}.",
        "draft_all": "all languages asked for without a text",
    },
    "fr": {
        "drafts": ("Réponse", "Langue", "Statut", "Rédigé le", "Modèle", "Brouillon"),
        "draft_label": "Brouillon automatique — à relire",
        "draft_stale": "Brouillon automatique — à relire (le texte français a changé depuis)",
        "draft_no_model": "La rédaction de traductions demande un modèle de langue : réglez AMF_BOT_LLM_PROVIDER "
                          "(ollama ou openai), AMF_BOT_LLM_MODEL et AMF_BOT_LLM_BASE_URL (voir docs/llm.md).",
        "draft_none_needed": "Rien à rédiger pour {id} : chaque langue demandée a déjà un texte ou un brouillon.",
        "drafted": "Brouillons rédigés pour {id} : {languages}. Relisez chacun ci-dessous avant de le publier.",
        "draft_pick": "Choisissez une réponse validée.",
        "draft_approved": "Approuvé : {id} est désormais servie en {language}.",
        "draft_discarded": "Écarté : le brouillon de {id} en {language}.",
        "draft_gone": "Il n'y a plus de brouillon de {id} en {language}.",
        "draft_all": "toutes les langues demandées sans texte",
    },
}

PART = "validated drafts"


class AnswerDrafts:
    """The drafts of the validated answers of `folder`; `translate(french text, language)` is the model's
    translation (None: no language model configured)."""

    def __init__(self, folder: Path, translate: Callable[[str, str], str] | None,
                 lacking: Callable[[], dict[str, dict[str, int]]], model_name: str = "", health: Health = HEALTH):
        self.folder = Path(folder)
        self.translate = translate
        self.lacking = lacking
        self.model_name = model_name
        self.health = health

    @property
    def model_configured(self) -> bool:
        return self.translate is not None

    def draft(self, answer_id: str, languages: list[str] | None = None) -> list[str]:
        """Draft `answer_id` into `languages` (None: the languages visitors asked it in without a text);
        the languages drafted now. Those with a text or a draft already are skipped; BotError says why
        nothing could be drafted (no model, unknown answer or language, the model failed)."""
        if self.translate is None:
            raise ConfigurationError(NO_MODEL)
        answer = self._answer(answer_id)
        wanted = [code for code in self.lacking().get(answer.answer_id, {}) if code in TARGETS] \
            if languages is None else list(languages)
        unknown = [code for code in wanted if code not in TARGETS]
        if unknown:
            raise KnowledgeError(f"cannot draft into {', '.join(unknown)}: choose among {', '.join(TARGETS)}")
        existing = self.drafts_of(answer.answer_id)
        drafted = []
        for language in dict.fromkeys(wanted):
            if language in answer.texts or language in existing:
                continue
            french = answer.texts[ORIGINAL_LANGUAGE]
            try:
                text = self.translate(french, language)
            except BotError as exc:
                done = f" (drafted before it: {', '.join(drafted)})" if drafted else ""
                raise type(exc)(f"{exc}{done}") from exc
            save_draft(self.folder, answer.answer_id, MachineDraft(language, text, french, self.model_name,
                                                                    date.today().isoformat()))
            logger.info("machine draft of validated answer %s in %s written for review", answer.answer_id, language)
            drafted.append(language)
        return drafted

    def drafts_of(self, answer_id: str) -> dict[str, MachineDraft]:
        """The drafts of one answer (none when its drafts file is damaged: `pending` reports it)."""
        try:
            return read_drafts(self.folder, answer_id)
        except KnowledgeError:
            return {}

    def pending(self) -> list[tuple[ValidatedAnswer, MachineDraft]]:
        """Every draft waiting for review with its answer, by answer then language (drafts of a language
        the answer has a text for meanwhile are left out); damaged drafts files go to the staff warnings."""
        found, damaged = [], []
        for answer in load_validated(self.folder):
            try:
                drafts = read_drafts(self.folder, answer.answer_id)
            except KnowledgeError as exc:
                damaged.append(str(exc))
                continue
            found += [(answer, d) for _, d in sorted(drafts.items()) if d.language not in answer.texts]
        self.health.report(PART, f"{'; '.join(damaged)} (replaced by the next draft written)" if damaged else None)
        return found

    def approve(self, answer_id: str, language: str, text: str) -> ValidatedAnswer:
        """The reviewed `text` becomes the answer's text in `language` (served from now on); the draft goes."""
        if language not in self.drafts_of(answer_id):
            raise KnowledgeError(f"no draft of {answer_id!r} in {language!r}")
        return approve_draft(self.folder, answer_id, language, text)

    def discard(self, answer_id: str, language: str) -> bool:
        return remove_draft(self.folder, answer_id, language)

    def answers(self) -> list[ValidatedAnswer]:
        return load_validated(self.folder)

    def _answer(self, answer_id: str) -> ValidatedAnswer:
        found = next((a for a in self.answers() if a.answer_id == answer_id), None)
        if found is None:
            raise KnowledgeError(f"no validated answer {answer_id!r}")
        return found


def draft_rows(pending: list[tuple[ValidatedAnswer, MachineDraft]], words: dict) -> list[list[str]]:
    """Table rows (`DRAFT_WORDS[…]["drafts"]`): each draft labelled as one, marked when its French text changed."""
    return [[answer.answer_id, draft.language, words["draft_stale" if draft.stale(answer) else "draft_label"],
             draft.drafted_on, draft.model, draft.text] for answer, draft in pending]


def draft_key(answer_id: str, language: str) -> str:
    """How a draft is chosen in the staff page's list: "answer-id · ko"."""
    return f"{answer_id} · {language}"


def parse_draft_key(key: str | None) -> tuple[str, str]:
    answer_id, _, language = (key or "").partition(" · ")
    return answer_id.strip(), language.strip()


# --- the staff page's section (Gradio, laid out inside the validated-answers tab by `bot.web.staff`) -------------

DRAFT_TEXT = {
    "en": {
        "drafts_heading": "Translations to review",
        "drafts_intro": "The language model drafts an answer's missing translations from its French text. A draft "
                        "is labelled \"Machine draft — review before publishing\" and is never shown to visitors: "
                        "edit it, then approve it (it is served from then on) or discard it.",
        "draft_answer": "Validated answer", "draft_language": "Language to draft",
        "draft_button": "Draft the translation", "draft_choose": "Draft to review",
        "draft_text": "Machine draft — review before publishing", "approve": "Approve and publish",
        "discard": "Discard",
    },
    "fr": {
        "drafts_heading": "Traductions à relire",
        "drafts_intro": "Le modèle de langue rédige les traductions manquantes d'une réponse à partir de son texte "
                        "français. Un brouillon est marqué « Brouillon automatique — à relire » et n'est jamais "
                        "montré aux visiteurs : corrigez-le, puis approuvez-le (il est servi dès lors) ou écartez-le.",
        "draft_answer": "Réponse validée", "draft_language": "Langue à rédiger",
        "draft_button": "Rédiger la traduction", "draft_choose": "Brouillon à relire",
        "draft_text": "Brouillon automatique — à relire", "approve": "Approuver et publier", "discard": "Écarter",
    },
}
ALL_LACKING = ""  # the language choice "every language asked for without a text"


def build_drafts_section(gr, t, drafts: AnswerDrafts, lang, words_of: Callable[[str | None], dict],
                         answers, answers_table: Callable[[str], dict]):
    """The drafts' controls (inside a `gr.Blocks`). Returns the refresh function with its inputs and outputs, to
    chain after the events that change the answers (`lang` is the staff language's state), and `wire()`, which
    registers the controls' events (called after the page's own, whose event numbers stay as they were)."""
    from bot.web.html import escape_text

    private = {"api_visibility": "private"}
    gr.Markdown("## " + t("drafts_heading"))
    gr.Markdown(t("drafts_intro"))
    with gr.Row():
        answer_choice = gr.Dropdown([], label=t("draft_answer"), elem_id="staff-draft-answer")
        language_choice = gr.Dropdown([("★ toutes manquantes / all lacking", ALL_LACKING), *TARGETS], value=ALL_LACKING,
                                      label=t("draft_language"), elem_id="staff-draft-language")
        draft_button = gr.Button(t("draft_button"), scale=0, elem_id="staff-draft")
    drafted = gr.HTML(elem_id="staff-drafted")
    table = gr.Dataframe(headers=list(DRAFT_WORDS["en"]["drafts"]), datatype="str", interactive=False, wrap=True,
                         elem_id="staff-drafts")
    chosen = gr.Dropdown([], label=t("draft_choose"), elem_id="staff-draft-choice")
    text = gr.Textbox(label=t("draft_text"), lines=4, max_lines=16, max_length=20000, elem_id="staff-draft-text")
    with gr.Row():
        approve = gr.Button(t("approve"), variant="primary", elem_id="staff-approve")
        discard = gr.Button(t("discard"), variant="stop", elem_id="staff-discard")
    reviewed = gr.HTML(elem_id="staff-reviewed")

    def status(message: str, error: bool = False) -> str:
        return f'<div class="{"staff-error" if error else "staff-ok"}">{escape_text(message)}</div>'

    def refresh(words_language, current=None):
        """The drafts' table and choices; the draft being reviewed (`current`) stays chosen, with staff's edits,
        while it is still there."""
        words = words_of(words_language)
        pending = drafts.pending()
        headers = list(words["drafts"])
        keys = [draft_key(a.answer_id, d.language) for a, d in pending]
        return ({"headers": headers, "data": draft_rows(pending, words) or [[""] * len(headers)]},
                gr.update(choices=[a.answer_id for a in drafts.answers()]),
                gr.update(choices=keys) if current in keys else gr.update(choices=keys, value=None))

    inputs, shown = [lang, chosen], [table, answer_choice, chosen]

    def run(words_language, current, answer_id, language):
        words = words_of(words_language)
        if not drafts.model_configured:
            return status(words["draft_no_model"], error=True), *refresh(words_language, current)
        if not answer_id:
            return status(words["draft_pick"], error=True), *refresh(words_language, current)
        try:
            done = drafts.draft(answer_id, None if language == ALL_LACKING else [language])
        except BotError as exc:
            logger.warning("machine draft of validated answer %s failed: %s", answer_id, exc)
            return status(str(exc), error=True), *refresh(words_language, current)
        message = words["drafted"].format(id=answer_id, languages=", ".join(done)) if done else \
            words["draft_none_needed"].format(id=answer_id)
        return status("✔ " + message), *refresh(words_language, current)

    def pick(key):
        answer_id, language = parse_draft_key(key)
        found = drafts.drafts_of(answer_id).get(language) if answer_id else None
        return found.text if found else ""

    def review(words_language, key, edited, approving: bool):
        words = words_of(words_language)
        answer_id, language = parse_draft_key(key)
        try:
            if approving:
                drafts.approve(answer_id, language, edited or "")
                message = "✔ " + words["draft_approved"].format(id=answer_id, language=language)
            elif drafts.discard(answer_id, language):
                message = "✔ " + words["draft_discarded"].format(id=answer_id, language=language)
            else:
                raise KnowledgeError(words["draft_gone"].format(id=answer_id, language=language))
        except BotError as exc:  # the draft stays chosen, with staff's edits
            return status(str(exc), error=True), gr.update(), answers_table(words_language), \
                *refresh(words_language, key)
        return status(message), "", answers_table(words_language), *refresh(words_language)

    def approve_clicked(words_language, key, edited):
        return review(words_language, key, edited, approving=True)

    def discard_clicked(words_language, key, edited):
        return review(words_language, key, edited, approving=False)

    def wire():
        draft_button.click(run, [*inputs, answer_choice, language_choice], [drafted, *shown], **private)
        chosen.change(pick, chosen, text, **private)
        approve.click(approve_clicked, [lang, chosen, text], [reviewed, text, answers, *shown], **private)
        discard.click(discard_clicked, [lang, chosen, text], [reviewed, text, answers, *shown], **private)

    return refresh, inputs, shown, wire
