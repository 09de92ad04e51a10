"""The assistant: question → language → retrieval → answer → cited answer with AMF's notice."""

from __future__ import annotations

import time
from collections.abc import Iterator

from bot.answering.followups import FollowUpCondenser
from bot.answering.validated import ValidatedAnswers
from bot.core.contracts import Answerer, Condenser, Draft, Retriever
from bot.language.detection import DEFAULT, detect_language
from bot.language.messages import messages, translation_label
from bot.core.models import Answer, Citation, Passage


class Assistant:
    def __init__(self, retriever: Retriever, answerer: Answerer, max_question_chars: int = 1000,
                 condenser: Condenser | None = None, validated: ValidatedAnswers | None = None):
        self.retriever = retriever
        self.answerer = answerer
        self.max_question_chars = max_question_chars
        self.condenser = condenser or FollowUpCondenser()
        self.validated = validated  # answers AMF staff wrote; a matching question gets one first

    def ask(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
            language: str | None = None) -> Answer:
        """Answer `question`; `history` holds the visitor's earlier questions (oldest first).

        `language` forces the answer language (the chat keeps the visitor's language for
        one-word follow-ups); by default it is detected from the question. The answer is the
        last item of the same path `stream` takes, written in one request.
        """
        *_, answer = self._answering(question, id, history, language, live=False)
        return answer

    def stream(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
               language: str | None = None) -> Iterator[str | Answer]:
        """The answer as it is written: text chunks (a preview, when the answerer writes progressively),
        then the finished `Answer`, always last. Same arguments as `ask`."""
        return self._answering(question, id, history, language, live=True)

    def _answering(self, question: object, id: object, history: list[str] | None,  # noqa: A002
                   language: str | None, live: bool) -> Iterator[str | Answer]:
        started = time.perf_counter()
        text = question if isinstance(question, str) else ""
        language = language or (detect_language(text) if text.strip() else DEFAULT)
        rejection = self._rejection(question, language)
        if rejection:
            yield self._finish(Draft("rejected", rejection), text, language, id, started, started)
            return
        standalone = self.condenser.condense(text, [h for h in history or [] if h and h.strip()], language)
        validated = self.validated.draft(standalone, language) if self.validated else None
        if validated:
            yield self._finish(validated, text, language, id, started, time.perf_counter())
            return
        hits = self.retriever.search(standalone, language)
        retrieved = time.perf_counter()
        items = self.answerer.stream(standalone, language, hits) if live else [self.answerer.answer(standalone, language, hits)]
        for item in items:
            if isinstance(item, Draft):
                yield self._finish(item, text, language, id, started, retrieved)
                return
            yield item
        raise RuntimeError("the answerer ended without a draft")

    def _rejection(self, question: object, language: str) -> str | None:
        if not isinstance(question, str) or not question.strip():
            return messages(language).empty
        if len(question) > self.max_question_chars:
            return messages(language).too_long.format(limit=self.max_question_chars)
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
            notice=notice_for(passages, language),
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

    def _any_passage(self) -> list[Passage]:
        passages = self.retriever.index.current().passages
        return [next(iter(passages.values()))] if passages else []


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


def notice_for(passages: list[Passage], language: str) -> str:
    """Each distinct notice of the cited documents, verbatim, with its translation when there is one."""
    blocks: list[str] = []
    for passage in passages:
        block = passage.original.notice
        translated = passage.translations.get(language)
        if language != passage.original.language and translated and translated.notice:
            block = f"{block}\n\n{translated.notice} ({translation_label(language, translated.machine)})"
        if block and block not in blocks:
            blocks.append(block)
    return "\n\n".join(blocks)


