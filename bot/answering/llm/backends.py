"""Answer backends, chosen in one factory. 'none' is the extractive answerer (the default).

'ollama' and 'openai' (any OpenAI-compatible server) put a language model behind the same
`Answerer` seam. The model only writes: the extractive answerer still decides whether the
documents answer at all, the citations are parsed and checked against the passages given,
the answer's language is checked, and on any fault the visitor gets the extractive answer
with a one-line note while the operator gets a one-line log message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import replace
from typing import TYPE_CHECKING

from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableLambda

from bot.answering.extractive import is_manipulation
from bot.answering.followups import FollowUpCondenser
from bot.core.contracts import Answerer, CitedPassage, Condenser, Draft
from bot.answering.llm.citations import (
    answer_language,
    clean_reply,
    cut_after_last_citation,
    preview,
    renumber_citations,
    says_not_found,
    standalone_question,
    written_in,
)
from bot.answering.llm.faults import Server, UnusableReply, diagnose, visitor_note
from bot.answering.llm.prompt import ANSWER_PROMPT, CONDENSE_PROMPT, answer_inputs, condense_inputs
from bot.language.messages import not_found_text
from bot.core.models import ScoredPassage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


logger = logging.getLogger(__name__)

MAX_PASSAGES = 6  # passages given to the model
CONDENSE_MAX_TOKENS = 64  # a rewritten follow-up is one short question
CHARS_PER_TOKEN = 8  # generous: about 4 in English, fewer in Korean or Japanese


def answer_max_tokens(configured: int, passages: int) -> int:
    """The answer's output cap: `configured`, or (0) room for a sentence or two per passage given."""
    return configured or 100 + 80 * passages


def answer_max_chars(configured: int, max_tokens: int) -> int:
    """The most of a reply read from the server (`configured`, or (0) from the token cap), whatever it does
    with the token cap it is sent."""
    return configured or CHARS_PER_TOKEN * max_tokens



# --- Answering ---------------------------------------------------------------------------------

def answer_chain(model: BaseChatModel | Runnable) -> Runnable:
    """{"question", "language", "hits", "firm"} → prompt with numbered passages → model → reply text."""
    return ANSWER_MESSAGES | model | StrOutputParser()


# {"question", "language", "hits", "firm"} → the messages for the model.
ANSWER_MESSAGES = RunnableLambda(answer_inputs) | ANSWER_PROMPT


class LLMAnswerer:
    """A language model writes the answer from the retrieved passages, in the question's language.

    The extractive answerer is both the gate (when it finds no answer the model is not asked)
    and the fallback (timeouts, server errors, uncited or wrong-language replies).
    """

    def __init__(self, model: BaseChatModel, extractive: Answerer, server: Server, max_passages: int = MAX_PASSAGES,
                 max_chars: int = answer_max_chars(0, answer_max_tokens(0, MAX_PASSAGES))):
        self.extractive = extractive
        self.server = server
        self.max_passages = max_passages
        self.max_chars = max_chars
        # Always streamed, even when nobody watches: the deadline is checked as the words come, and
        # closing the stream on time-out closes the connection, which stops the server's generation.
        # (The model is streamed directly: closing a LangChain sequence's stream reads the rest of it.)
        self._model = model

    @property
    def model_name(self) -> str:
        return self.server.model

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft:
        """The validated Draft (the reply streamed in full, within the deadline)."""
        [draft] = self._drafting(question, language, hits, streaming=False)
        return draft

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[str | Draft]:
        """Text chunks of the reply as the model writes it, then the validated Draft (which is what counts)."""
        return self._drafting(question, language, hits, streaming=True)

    def _drafting(self, question: str, language: str, hits: list[ScoredPassage],
                  streaming: bool) -> Generator[str | Draft, None, None]:
        extractive = self.extractive.answer(question, language, hits)
        if extractive.status != "answered":
            yield extractive  # same refusal as without a model, and no call
            return
        passages = hits[: self.max_passages]
        try:
            if streaming:
                reply = yield from self._streamed_reply(question, language, passages)
            else:
                reply = self._reply(question, language, passages, firm=False)
            draft = self._validated(reply, question, language, passages)
        except Exception as exc:  # noqa: BLE001 - whatever failed, the visitor gets the passages
            draft = self._fallback(extractive, exc, language)
        yield draft

    def _reply(self, question: str, language: str, passages: list[ScoredPassage], firm: bool) -> str:
        chunks = self._streamed_reply(question, language, passages, firm)
        while True:
            try:
                next(chunks)
            except StopIteration as done:
                return done.value

    def _streamed_reply(self, question: str, language: str, passages: list[ScoredPassage],
                        firm: bool = False) -> Generator[str, None, str]:
        """Yields the displayable new text as it arrives; returns the whole reply.

        Past the deadline, or past `max_chars` (a server that ignores the token cap), the stream is closed
        (by `closing`), which drops the connection; a reply cut at the cap ends after its last citation.
        """
        deadline = time.monotonic() + self.server.timeout_s
        reply, shown = "", ""
        messages = ANSWER_MESSAGES.invoke(_request(question, language, passages, firm))
        with closing(self._model.stream(messages)) as chunks:
            for chunk in chunks:
                reply += chunk.text
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the streamed answer took longer than {self.server.timeout_s:g} s")
                if len(reply) > self.max_chars:
                    logger.warning("LLM %r wrote past %d characters (its server ignores the output cap): reply cut "
                                   "there, connection closed", self.model_name, self.max_chars)
                    return cut_after_last_citation(reply[: self.max_chars])
                visible = preview(reply)
                if len(visible) > len(shown) and visible.startswith(shown):
                    yield visible[len(shown):]
                    shown = visible
        return reply

    def _validated(self, reply: str, question: str, language: str, passages: list[ScoredPassage]) -> Draft:
        """The reply as a Draft; a reply in another language is asked for again once, more firmly."""
        draft = self._draft(reply, language, passages)
        if _in_language(draft, language):
            return draft
        logger.warning("LLM %r answered in %s instead of %s; asking again more firmly",
                       self.model_name, answer_language(draft.text, language), language)
        draft = self._draft(self._reply(question, language, passages, firm=True), language, passages)
        if _in_language(draft, language):
            return draft
        raise UnusableReply(f"answered in {answer_language(draft.text, language)} instead of {language}, twice")

    def _draft(self, reply: str, language: str, passages: list[ScoredPassage]) -> Draft:
        reply = clean_reply(reply)
        if not reply:
            raise UnusableReply("empty reply")
        if says_not_found(reply):
            return Draft("not_found", not_found_text(language), mode="llm", model=self.model_name)
        cited = renumber_citations(reply, len(passages))
        if not cited.sources:
            raise UnusableReply(f"no citation of the {len(passages)} passages given")
        sources = [cited_passage(passages[n - 1], language) for n in cited.sources]
        return Draft("answered", cited.text, sources, mode="llm", model=self.model_name)

    def _fallback(self, extractive: Draft, exc: Exception, language: str) -> Draft:
        fault = diagnose(exc, self.server)
        logger.warning("LLM answer replaced by the passages: %s", fault.log_line)
        logger.debug("LLM failure", exc_info=exc)
        return replace(extractive, note=visitor_note(fault.kind, language))


def cited_passage(hit: ScoredPassage, language: str) -> CitedPassage:
    """The passage, with the translation the visitor reads when one exists (as the extractive answerer cites)."""
    version = hit.passage.version(language)
    return CitedPassage(hit.passage, language if version and not version.is_original else None)


def _request(question: str, language: str, passages: list[ScoredPassage], firm: bool) -> dict:
    return {"question": question, "language": language, "hits": passages, "firm": firm}


def _in_language(draft: Draft, language: str) -> bool:
    return draft.status == "not_found" or written_in(draft.text, language)



def read_capped(model: BaseChatModel, messages, max_chars: int, timeout_s: float) -> str:
    """The model's reply, streamed and read up to `max_chars` and `timeout_s`; the stream is then closed."""
    deadline = time.monotonic() + timeout_s
    reply = ""
    with closing(model.stream(messages)) as chunks:
        for chunk in chunks:
            reply += chunk.text
            if time.monotonic() > deadline:
                raise TimeoutError(f"the reply took longer than {timeout_s:g} s")
            if len(reply) >= max_chars:
                return reply[:max_chars]
    return reply


# --- Follow-ups --------------------------------------------------------------------------------

class LLMCondenser:
    """A language model rewrites a follow-up as a standalone question; on any failure the rule-based condenser does."""

    def __init__(self, model: BaseChatModel, server: Server, fallback: Condenser | None = None, max_history: int = 3):
        self.server = server
        self.fallback = fallback or FollowUpCondenser()
        self.max_history = max_history
        self._messages = RunnableLambda(condense_inputs) | CONDENSE_PROMPT
        self._model = model

    def condense(self, question: str, history: list[str], language: str) -> str:
        # A manipulation attempt must reach the answerer's gate as the visitor wrote it, not reworded.
        if not history or is_manipulation(question):
            return self.fallback.condense(question, history, language)
        earlier = history[-self.max_history:]
        try:
            messages = self._messages.invoke({"question": question, "history": earlier, "language": language})
            standalone = standalone_question(read_capped(self._model, messages, CONDENSE_MAX_TOKENS * CHARS_PER_TOKEN,
                                                         self.server.timeout_s))
            if not self._plausible(standalone, question, earlier, language):
                raise UnusableReply(f"not a standalone question in {language}: {standalone[:80]!r}")
        except Exception as exc:  # noqa: BLE001 - the rule-based condenser always works
            logger.warning("Follow-up condensed without the LLM: %s", diagnose(exc, self.server).log_line)
            return self.fallback.condense(question, history, language)
        return standalone

    @staticmethod
    def _plausible(standalone: str, question: str, history: list[str], language: str) -> bool:
        """A question, not an answer: not empty, not much longer than what it condenses, in the visitor's language."""
        limit = len(question) + sum(len(h) for h in history) + 40
        return bool(standalone) and len(standalone) <= limit and written_in(standalone, language)
