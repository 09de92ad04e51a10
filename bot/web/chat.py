"""The chat's behaviour, without Gradio: the conversation, streaming, follow-ups, suggestions, votes, the API.

`bot.web.page` lays the page out and wires its events to a `Chat`; tests drive a `Chat` directly.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from bot.web.html import answer_html, partial_answer_html, question_html
from bot.records.feedback import FeedbackStore, reason_text
from bot.records.questions import QuestionLog
from bot.language.messages import MESSAGES, messages
from bot.core.models import Answer
from bot.core.text import clean_text

SUGGESTIONS = 3


class AskingAssistant(Protocol):
    """What the chat needs of the assistant (`bot.answering.assistant.Assistant`)."""

    def ask(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
            language: str | None = None) -> Answer: ...

    def stream(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
               language: str | None = None) -> Iterator[str | Answer]: ...


@dataclass
class Turn:
    """One exchange: the visitor's question as typed, and the assistant's answer."""

    question: str
    answer: Answer
    answer_id: str = field(default_factory=lambda: uuid.uuid4().hex)  # votes on one answer count once
    log_id: int | None = None  # its entry in the question log, which the visitor's thumbs update


Messages = list[dict[str, str]]


@dataclass
class ChatView:
    """What the page shows after each step of a reply."""

    messages: Messages
    turns: list[Turn]
    suggestions: list[str]


class Chat:
    """The chat's behaviour: answering with the conversation, streaming, suggestions, votes, the API."""

    def __init__(self, assistant: AskingAssistant, feedback: FeedbackStore, questions: QuestionLog | None = None):
        self.assistant = assistant
        self.feedback = feedback
        self.questions = questions

    def respond(self, question: str, turns: list[Turn]) -> Iterator[ChatView]:
        """Show the question, then the answer growing chunk by chunk; the last view carries sources and notice."""
        turns = list(turns or [])
        question = clean_text(question or "")  # a lone surrogate would break the page's event stream
        shown = messages_for(turns)
        yield ChatView([*shown, user_message(question)], turns, [])
        preview, answer = "", None
        # The assistant keeps a short follow-up in the conversation's language; rejected questions are no context.
        earlier = [t.question for t in turns if t.answer.status != "rejected"]
        for item in self.assistant.stream(question, history=earlier):
            if isinstance(item, Answer):
                answer = item
                break
            # A language model is writing: show its words as they come (sources arrive with the Answer).
            preview += item
            yield ChatView([*shown, user_message(question), assistant_message(partial_answer_html(preview))], turns, [])
        turns = [*turns, Turn(answer.question, answer, log_id=self._log(answer))]  # as read (an oversized one cut)
        yield ChatView(messages_for(turns), turns, suggested_questions(turns))

    def vote(self, turns: list[Turn], message_index: int | tuple | list, liked: bool | str | None,
             reason: str | None = None) -> bool:
        """Store a thumbs up/down on the answer at `message_index` of the chat, a thumbs-down with its `reason`
        ("incomplete: …", see `bot.records.feedback.REASONS`) when given; False when there is nothing to store."""
        vote = {True: 1, False: -1}.get(liked) if isinstance(liked, bool) else None
        index = message_index[0] if isinstance(message_index, (tuple, list)) else message_index
        if vote is None or not isinstance(index, int) or not 0 <= index // 2 < len(turns or []):
            return False
        turn = turns[index // 2]
        answer = turn.answer
        self.feedback.record(question=turn.question, answer=answer.answer,
                             citations=[c.to_dict() for c in answer.citations],
                             language=answer.language, status=answer.status, vote=vote,
                             answer_id=turn.answer_id, reason=reason)
        if self.questions:
            self.questions.attach_vote(turn.log_id, vote, reason_text(reason))
        return True

    def api_answer(self, question: object, history: object = None, language: str | None = None,
                   id: object = None) -> dict:  # noqa: A002
        """The same JSON object as `amf-bot ask --json`; the assistant checks and bounds what it is given.
        `language` forces the answer's language (one of `SUPPORTED`), `id` is echoed back."""
        answer = self.assistant.ask(question, id=id, history=history, language=language)
        self._log(answer)
        return answer.to_dict()

    def api_refusal(self, reason: str, language: str | None = None) -> dict:
        """The API's reply to a request it cannot read: the same object, status 'rejected', the message that
        says so in `language` (the assistant's default when None), AMF's notice, and `error`: `reason`."""
        answer = self.assistant.ask(None, language=language).to_dict()
        return {**answer, "status": "rejected", "answer": messages(answer["language"]).bad_request, "error": reason}

    def _log(self, answer: Answer) -> int | None:
        return self.questions.record(answer) if self.questions else None


def user_message(question: str) -> dict[str, str]:
    return {"role": "user", "content": question_html(question)}


def assistant_message(content: str) -> dict[str, str]:
    return {"role": "assistant", "content": content}


def messages_for(turns: list[Turn]) -> Messages:
    """The chat as shown: each question followed by its full answer (two messages per turn, in order)."""
    messages: Messages = []
    for turn in turns:
        messages += [user_message(turn.question), assistant_message(answer_html(turn.answer))]
    return messages


def suggested_questions(turns: list[Turn], limit: int = SUGGESTIONS) -> list[str]:
    """Example questions of the knowledge base in the visitor's language that were not asked yet."""
    if not turns:
        return []
    asked = {_comparable(t.question) for t in turns}
    examples = messages(turns[-1].answer.language).examples
    return [q for q in examples if _comparable(q) not in asked][:limit]


def _comparable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def example_questions(language: str, limit: int = SUGGESTIONS) -> list[str]:
    """The questions offered on the empty chat, in the page's language."""
    return list(messages(language if language in MESSAGES else "en").examples[:limit])


def answer_language(turns: list[Turn], index: int | tuple | list) -> str:
    """The language of the answer at chat message `index` (the visitor's), English when there is none."""
    index = index[0] if isinstance(index, (tuple, list)) else index
    if isinstance(index, int) and 0 <= index // 2 < len(turns or []):
        return turns[index // 2].answer.language
    return "en"
