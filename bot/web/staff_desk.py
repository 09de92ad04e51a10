"""What the staff page does, without Gradio: the question log, frequent questions, validated answers (and
the machine drafts of their missing translations, `staff_drafts.py`), machine translations of documents.

`bot.web.staff` lays the page out and wires it to a `StaffDesk`; tests drive a `StaffDesk` directly.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answering.validated import ValidatedAnswers
from bot.core.errors import BotError
from bot.core.health import HEALTH
from bot.core.models import Passage, ScoredPassage, ValidatedAnswer
from bot.ingest.validated import load_validated, new_validated, remove_validated, save_validated
from bot.records.questions import QuestionFilter, QuestionLog
from bot.web.index_runs import LastRun, read_last_run
from bot.web.staff_drafts import AnswerDrafts

QUESTION_COLUMNS = ("time", "language", "status", "mode", "vote", "question", "passages")
FREQUENT_COLUMNS = ("count", "question", "languages", "statuses")
VALIDATED_COLUMNS = ("id", "validated_on", "languages", "wordings", "passages", "served")
DOCUMENT_COLUMNS = ("document", "language", "translations", "machine translations (to review)")


class Searcher:
    """What the desk needs of the assistant: the passages a query retrieves."""

    def search(self, query: str, language: str) -> list[ScoredPassage]: ...


@dataclass
class FrequentQuestion:
    count: int
    question: str
    languages: list[str]
    statuses: list[str]


class StaffDesk:
    def __init__(self, log: QuestionLog, validated: ValidatedAnswers, folder: Path, searcher: Searcher,
                 translations: DocumentTranslations | None = None, index_dir: Path | None = None,
                 translate_answer: Callable[[str, str], str] | None = None, model_name: str = ""):
        """`translate_answer(French text, language)`: the configured model's translation, for the drafts of
        validated answers' missing languages (None: no language model)."""
        self.log = log
        self.index_dir = index_dir
        self.validated = validated
        self.folder = Path(folder)
        self.searcher = searcher
        self.translations = translations
        self.drafts = AnswerDrafts(self.folder, translate_answer, self.languages_lacking, model_name)

    # --- the question log ---------------------------------------------------------------------

    def entries(self, where: QuestionFilter) -> list[dict]:
        """The logged questions (`QuestionLog.rows`), newest first."""
        return self._rows(where)

    def last_run(self) -> LastRun | None:
        """The last index run recorded in the index folder, None when there is none."""
        return read_last_run(self.index_dir)

    def questions(self, where: QuestionFilter) -> list[list]:
        """Table rows (QUESTION_COLUMNS), newest first (none when the log cannot be read: see `warnings`)."""
        return [[row["time"], row["language"], row["status"], row["mode"], _vote(row["vote"]), row["question"],
                 " ".join(p for p in row["passages"] if p)] for row in self._rows(where)]

    def frequent(self, where: QuestionFilter, limit: int = 20) -> list[FrequentQuestion]:
        """Questions grouped by meaning across languages (the validated-answer matcher's similarity), most asked first.

        Questions not embedded yet (a background thread does it, so that visitors never wait for the
        staff page) are grouped by their text until a later refresh.
        """
        rows = [r for r in self._rows(QuestionFilter(**{**where.__dict__, "limit": 2000})) if r["question"].strip()]
        if not rows:
            return []
        threshold = self.validated.threshold if self.validated.threshold is not None else 0.999  # uncalibrated: identical questions only
        vectors = self.validated.known_vectors(list(dict.fromkeys(r["question"] for r in rows)))
        groups: list[tuple[np.ndarray | None, str, list[dict]]] = []
        for row in rows:
            vector, text = vectors.get(row["question"]), " ".join(row["question"].casefold().split())
            for centre, key, members in groups:
                if (float(centre @ vector) >= threshold if vector is not None and centre is not None else key == text):
                    members.append(row)
                    break
            else:
                groups.append((vector, text, [row]))
        result = [FrequentQuestion(len(members), members[-1]["question"],
                                   sorted({m["language"] for m in members}), sorted({m["status"] for m in members}))
                  for _, _, members in groups]
        return sorted(result, key=lambda f: -f.count)[:limit]

    def warnings(self) -> list[str]:
        """What staff should know: side stores that cannot be written or read, validated files skipped."""
        pending = self.validated.pending()
        return HEALTH.warnings() + ([f"{pending} question(s) still being grouped by meaning"] if pending else [])

    def _rows(self, where: QuestionFilter) -> list[dict]:
        try:
            return self.log.rows(where)
        except BotError as exc:
            HEALTH.report(self.log.PART, str(exc))
            return []

    def export(self, where: QuestionFilter, fmt: str = "csv") -> str:
        out = io.StringIO()
        self.log.export(out, fmt, QuestionFilter(**{**where.__dict__, "limit": 1_000_000}))
        return out.getvalue()

    # --- validated answers ---------------------------------------------------------------------

    def search_passages(self, query: str, language: str = "fr") -> list[tuple[str, str]]:
        """(passage id, its original text) for the passages a query retrieves."""
        if not query.strip():
            return []
        return [(p.passage_id, p.original.text) for p in self.find_passages(query, language)]

    def find_passages(self, query: str, language: str = "fr") -> list[Passage]:
        """The passages a query retrieves, best first."""
        if not query.strip():
            return []
        return [hit.passage for hit in self.searcher.search(query, language)]

    def save(self, texts: dict[str, str], wordings: list[str], passage_ids: list[str],
             answer_id: str | None = None) -> ValidatedAnswer:
        """Check and write a validated answer (KnowledgeError says what is missing); unknown passages are refused."""
        from bot.core.errors import KnowledgeError

        answer = new_validated(texts, wordings, passage_ids, answer_id or None)
        missing = self.validated.missing_passages(answer)
        if missing:
            raise KnowledgeError(f"unknown passage(s): {', '.join(missing)}")
        save_validated(self.folder, answer)
        return answer

    def languages_lacking(self) -> dict[str, dict[str, int]]:
        """For each validated answer, the languages visitors asked it in that it has no text for, with how often
        (from the question log): where a translation by staff would serve them."""
        texts = {answer.answer_id: set(answer.texts) for answer in load_validated(self.folder)}
        lacking: dict[str, dict[str, int]] = {}
        for row in self.log.rows(QuestionFilter(limit=100_000)):
            served = row.get("validated")
            if served in texts and row["language"] not in texts[served]:
                counts = lacking.setdefault(served, {})
                counts[row["language"]] = counts.get(row["language"], 0) + 1
        return lacking

    def remove(self, answer_id: str) -> bool:
        return remove_validated(self.folder, answer_id)

    def answers(self) -> list[list]:
        """Table rows (VALIDATED_COLUMNS); `served` says no, with the missing passages, for a stale answer."""
        rows = []
        for answer in load_validated(self.folder):
            missing = self.validated.missing_passages(answer)
            served = "yes" if not missing else "NO — missing passage(s): " + ", ".join(missing)
            rows.append([answer.answer_id, answer.validated_on, " ".join(sorted(answer.texts)),
                         " | ".join(answer.wordings), " ".join(answer.passage_ids), served])
        return rows


class DocumentTranslations:
    """The staff page's translate button: machine-translate a document, then refresh the index so visitors get it.

    `translate(document id, languages)` writes the files (or raises a BotError saying why, e.g. that
    no language model is configured); `reindex()` brings the index in line with the knowledge folder.
    """

    def __init__(self, documents: Callable[[], list], translate: Callable[[str, list[str]], list[Path]],
                 reindex: Callable[[], object], model_configured: bool):
        self._documents = documents
        self._translate = translate
        self._reindex = reindex
        self.model_configured = model_configured

    def rows(self) -> list[list[str]]:
        """Table rows (DOCUMENT_COLUMNS): each document, its human and its machine translations."""
        rows = []
        for doc in self._documents():
            human = sorted(lang for lang, t in doc.translations.items() if not t.machine)
            machine = sorted(f"{lang} ({t.source_file})" for lang, t in doc.translations.items() if t.machine)
            rows.append([doc.doc_id, doc.original.language, " ".join(human), " ".join(machine)])
        return rows

    def translate(self, doc_id: str, languages: list[str]) -> list[Path]:
        """The files written; the index is refreshed once they are all in place."""
        written = self._translate(doc_id, languages)
        self._reindex()
        return written


def parse_other_languages(text: str) -> dict[str, str]:
    """`en: text` lines (one language per line) as a mapping; lines without a known prefix are ignored."""
    from bot.language.messages import MESSAGES

    texts = {}
    for line in text.splitlines():
        language, _, answer = line.partition(":")
        language = language.strip().lower()
        if language in MESSAGES and answer.strip():
            texts[language] = answer.strip()
    return texts


def _vote(vote: int | None) -> str:
    return {1: "👍", -1: "👎"}.get(vote, "")
