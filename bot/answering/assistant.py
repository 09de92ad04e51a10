"""The assistant: question → language → retrieval → answer → cited answer with AMF's notice.

`Assistant.ask` is the one boundary every channel (CLI, chat, API) goes through: it bounds what it
is given (question, earlier questions, request id), never raises, and answers every failure with a
short message in the visitor's language and AMF's notice (the operator gets one log line).
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

from bot.answering.followups import FollowUpCondenser
from bot.answering.validated import ValidatedAnswers
from bot.core.contracts import Answerer, Condenser, Draft, Retriever
from bot.core.health import HEALTH
from bot.core.models import Answer, Citation, Passage, PassageTable
from bot.core.text import CJK_CHARS, clean_text
from bot.language.detection import DEFAULT, conversation_language
from bot.language.messages import messages, not_found_text, translation_label

logger = logging.getLogger(__name__)
_VALIDATED_MATCHING = "validated-answer matching"

# A word: a run of 2 to 50 letters of an alphabet, or any character of a script written without spaces.
# Longer runs ("xxxx…" typed for a test) are not words of any language the assistant speaks.
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{2,50}(?![^\W\d_])|[" + CJK_CHARS + "]")


@dataclass(frozen=True)
class Limits:
    """What one request may hold; longer or more is rejected (question, id) or left out (history)."""

    question_chars: int = 1000
    history_items: int = 10
    id_chars: int = 200


class Assistant:
    def __init__(self, retriever: Retriever, answerer: Answerer, max_question_chars: int = 1000,
                 condenser: Condenser | None = None, validated: ValidatedAnswers | None = None,
                 limits: Limits | None = None):
        self.retriever = retriever
        self.answerer = answerer
        self.limits = limits or Limits(question_chars=max_question_chars)
        self.condenser = condenser or FollowUpCondenser()
        self.validated = validated  # answers AMF staff wrote; a matching question gets one first
        # Per loaded index: (its passages, one of them with a notice, AMF's notices with their translations)
        self._notices: tuple | None = None

    def ask(self, question: object, id: object = None, history: object = None,  # noqa: A002
            language: str | None = None) -> Answer:
        """Answer `question`; `history` holds the visitor's earlier questions (oldest first).

        `language` forces the answer language; by default it is the question's, a short follow-up
        keeping the conversation's. The answer is the last item of the same path `stream` takes,
        written in one request. Never raises: a failure is answered with status 'error'.
        """
        *_, answer = self._answering(question, id, history, language, live=False)
        return answer

    def stream(self, question: object, id: object = None, history: object = None,  # noqa: A002
               language: str | None = None) -> Iterator[str | Answer]:
        """The answer as it is written: text chunks (a preview, when the answerer writes progressively),
        then the finished `Answer`, always last. Same arguments as `ask`."""
        return self._answering(question, id, history, language, live=True)

    def _answering(self, question: object, id: object, history: object,  # noqa: A002
                   language: str | None, live: bool) -> Iterator[str | Answer]:
        started = time.perf_counter()
        text = clean_text(question) if isinstance(question, str) else ""
        earlier = self._earlier_questions(history)
        sample = text[: self.limits.question_chars]  # enough to tell the language of an oversized question
        language = language or (conversation_language(sample, earlier or []) if sample.strip() else DEFAULT)
        request_id, id_ok = self._request_id(id)
        rejection = self._rejection(question, language) or (
            None if id_ok and earlier is not None else messages(language).bad_request)
        if rejection:  # an oversized question is not echoed in full
            shown = text if len(text) <= self.limits.question_chars else sample + "…"
            yield self._finish(Draft("rejected", rejection), shown, language, request_id, started, started)
            return
        if not _WORD.search(text):  # "??? !!!": nothing to look up
            yield self._finish(Draft("not_found", not_found_text(language)), text, language, request_id,
                               started, started)
            return
        try:
            standalone = self.condenser.condense(text, earlier, language)
            validated = self._validated_draft(standalone, language)
            if validated:
                yield self._finish(validated, text, language, request_id, started, time.perf_counter())
                return
            hits = self.retriever.search(standalone, language)
            retrieved = time.perf_counter()
            items = (self.answerer.stream(standalone, language, hits) if live
                     else [self.answerer.answer(standalone, language, hits)])
            for item in items:
                if isinstance(item, Draft):
                    yield self._finish(item, text, language, request_id, started, retrieved)
                    return
                yield item
            raise RuntimeError("the answerer ended without a draft")
        except BaseException as exc:  # noqa: BLE001 - whatever failed, the visitor gets a message and the notice
            if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                raise  # KeyboardInterrupt, SystemExit, a closed generator: not failures of the question
            logger.error("question not answered: %s: %s", type(exc).__name__, _first_line(exc))
            yield self._finish(Draft("error", messages(language).failed), text, language, request_id,
                               started, started)

    def _validated_draft(self, question: str, language: str) -> Draft | None:
        """The validated answer to `question`, if any; a failure there costs only the validated answer."""
        if not self.validated:
            return None
        try:
            draft = self.validated.draft(question, language)
            HEALTH.report(_VALIDATED_MATCHING, None)
            return draft
        except Exception as exc:  # noqa: BLE001 - the documents still answer
            HEALTH.report(_VALIDATED_MATCHING, f"{type(exc).__name__}: {_first_line(exc)}")
            return None

    def warm_up(self) -> None:
        """Load the index and the embedding model now, so that the first visitor does not wait for them."""
        self.retriever.search("AMF")

    def _earlier_questions(self, history: object) -> list[str] | None:
        """The most recent earlier questions within the limits; None when `history` is not a list of them."""
        if history is None:
            return []
        if not isinstance(history, (list, tuple)):
            return None
        kept = [clean_text(h) for h in history if isinstance(h, str) and h.strip()]
        kept = [h for h in kept if len(h) <= self.limits.question_chars]
        return kept[-self.limits.history_items:] if self.limits.history_items else []

    def _request_id(self, value: object) -> tuple[object, bool]:
        """The id to echo back, and whether it is acceptable (a short string, a finite number or null)."""
        if value is None or isinstance(value, bool):
            return value, True
        if isinstance(value, int):
            return (value, True) if abs(value) < 2**63 else (None, False)
        if isinstance(value, float):
            return (value, True) if math.isfinite(value) else (None, False)
        if isinstance(value, str):
            return (clean_text(value), True) if len(value) <= self.limits.id_chars else (None, False)
        return None, False

    def _rejection(self, question: object, language: str) -> str | None:
        if not isinstance(question, str) or not question.strip():
            return messages(language).empty
        if len(question) > self.limits.question_chars:
            return messages(language).too_long.format(limit=self.limits.question_chars)
        return None

    def _finish(self, draft: Draft, question: str, language: str, id: object, started: float, retrieved: float) -> Answer:
        citations = [_citation(n, c.passage, c.translation_language) for n, c in enumerate(draft.cited, 1)]
        passages = [c.passage for c in draft.cited] or self._any_passage()
        done = time.perf_counter()
        return Answer(
            id=id,
            question=question,
            language=language,
            status=draft.status,
            answer=draft.text,
            citations=citations,
            notice=self._notice(passages, language),
            timings_ms={
                "retrieve": round((retrieved - started) * 1000, 1),
                "answer": round((done - retrieved) * 1000, 1),
                "total": round((done - started) * 1000, 1),
            },
            mode=draft.mode,
            model=draft.model,
            note=draft.note,
            validated=draft.validated,
        )

    def _notice(self, passages: list[Passage], language: str) -> str:
        """The notice of the cited passages with its translation; a passage indexed without one is never
        served without AMF's (taken from a passage of the index that carries it)."""
        loaded = getattr(getattr(self.retriever, "index", None), "passages", None) or PassageTable()
        if self._notices is None or self._notices[0] is not loaded:  # computed once per loaded index
            noticed = next((p for p in loaded.values() if p.original.notice), None)
            self._notices = (loaded, [noticed] if noticed else [], notice_translations(loaded.translated()))
        _, noticed, known = self._notices
        return notice_for(passages, language, known) or notice_for(noticed, language, known)

    def _any_passage(self) -> list[Passage]:
        """A passage to take the notice from; the last loaded ones when the store cannot be read now."""
        index = self.retriever.index
        try:
            passages = index.current().passages
        except Exception as exc:  # noqa: BLE001 - the notice still comes from what was loaded before
            logger.error("index not readable for the notice: %s: %s", type(exc).__name__, _first_line(exc))
            passages = index.passages
        return [next(iter(passages.values()))] if passages else []


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""


def _citation(n: int, passage: Passage, translation_language: str | None) -> Citation:
    original = passage.original
    translated = passage.translations.get(translation_language) if translation_language else None
    location = {
        "file": original.source_file,
        "paragraph": passage.paragraph,
        "start": original.start,
        "end": original.end,
        "passage_id": passage.passage_id,
    }
    if original.page:
        location["page"] = original.page
    if original.heading:
        location["heading"] = original.heading
    if translated:
        location["translation"] = {"language": translated.language, "file": translated.source_file,
                                   "start": translated.start, "end": translated.end,
                                   "status": translation_label(translated.language, translated.machine)}
    return Citation(n=n, source=passage.source, title=original.title, passage=original.text,
                    translation=translated.text if translated else None, location=location)


def notice_translations(passages) -> dict[str, dict[str, tuple[str, bool]]]:
    """Each notice (spaces normalised) → language → (its translation, machine-made), from the documents that carry
    one: a dropped file with AMF's notice gets the translation a translated document gives it."""
    known: dict[str, dict[str, tuple[str, bool]]] = {}
    for passage in passages:
        if not passage.original.notice:
            continue
        for language, version in passage.translations.items():
            if version.notice:
                found = known.setdefault(" ".join(passage.original.notice.split()), {})
                if language not in found or found[language][1] and not version.machine:  # a human one first
                    found[language] = (version.notice, version.machine)
    return known


def notice_for(passages: list[Passage], language: str,
               known: dict[str, dict[str, tuple[str, bool]]] | None = None) -> str:
    """Each distinct notice of the cited documents, verbatim, with its translation when there is one (the
    document's own, else the one another document gives the same notice: `notice_translations`)."""
    blocks: list[str] = []
    for passage in passages:
        block = passage.original.notice
        translated = passage.translations.get(language)
        if translated and translated.notice:
            text, machine = translated.notice, translated.machine
        else:
            text, machine = (known or {}).get(" ".join(block.split()), {}).get(language, ("", False))
        if language != passage.original.language and text:
            block = f"{block}\n\n{text} ({translation_label(language, machine)})"
        if block and block not in blocks:
            blocks.append(block)
    return "\n\n".join(blocks)


