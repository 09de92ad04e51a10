"""The chat's behaviour, without Gradio: the conversation, streaming, follow-ups, suggestions, votes, the API.

`bot.web.page` lays the page out and wires its events to a `Chat`; tests drive a `Chat` directly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator, Protocol

from bot.web.html import answer_html, partial_answer_html, question_html
from bot.records.feedback import FeedbackStore
from bot.language.detection import detect_language
from bot.language.messages import MESSAGES, message
from bot.core.models import Answer

SHORT_FOLLOW_UP_WORDS = 4  # below this, a follow-up keeps the language of the turn before it
SUGGESTIONS = 3
EXAMPLE_LANGUAGES = ("fr", "en", "it", "es", "de", "ko", "ja", "ru")

_SCRIPTS = {"ko": "hangul", "ja": "cjk", "ru": "cyrillic", "uk": "cyrillic"}


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


Messages = list[dict[str, str]]


@dataclass
class ChatView:
    """What the page shows after each step of a reply."""

    messages: Messages
    turns: list[Turn]
    suggestions: list[str]


class Chat:
    """The chat's behaviour: answering with the conversation, streaming, suggestions, votes, the API."""

    def __init__(self, assistant: AskingAssistant, feedback: FeedbackStore):
        self.assistant = assistant
        self.feedback = feedback

    def respond(self, question: str, turns: list[Turn]) -> Iterator[ChatView]:
        """Show the question, then the answer growing chunk by chunk; the last view carries sources and notice."""
        turns = list(turns or [])
        question = question or ""
        shown = messages_for(turns)
        yield ChatView([*shown, user_message(question)], turns, [])
        preview, answer = "", None
        for item in self.assistant.stream(question, history=[t.question for t in turns],
                                          language=follow_up_language(question, turns)):
            if isinstance(item, Answer):
                answer = item
                break
            # A language model is writing: show its words as they come (sources arrive with the Answer).
            preview += item
            yield ChatView([*shown, user_message(question), assistant_message(partial_answer_html(preview))], turns, [])
        turns = [*turns, Turn(question, answer)]
        yield ChatView(messages_for(turns), turns, suggested_questions(turns))

    def vote(self, turns: list[Turn], message_index: int | tuple | list, liked: bool | str | None) -> bool:
        """Store a thumbs up/down on the answer at `message_index` of the chat; False when there is nothing to store."""
        vote = {True: 1, False: -1}.get(liked) if isinstance(liked, bool) else None
        index = message_index[0] if isinstance(message_index, (tuple, list)) else message_index
        if vote is None or not isinstance(index, int) or not 0 <= index // 2 < len(turns or []):
            return False
        turn = turns[index // 2]
        answer = turn.answer
        self.feedback.record(question=turn.question, answer=answer.answer,
                             citations=[c.to_dict() for c in answer.citations],
                             language=answer.language, status=answer.status, vote=vote)
        return True

    def api_answer(self, question: str, history: list[str] | None = None) -> dict:
        """The same JSON object as `amf-bot ask --json`."""
        return self.assistant.ask(question, history=[h for h in history or [] if isinstance(h, str)]).to_dict()


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


def follow_up_language(question: str, turns: list[Turn]) -> str | None:
    """The previous turn's language for a very short follow-up that seems to be in another language.

    Language identification guesses poorly on two or three words ("Et en 2004 ?"), so a short
    follow-up keeps the visitor's language; a switch of script (to Japanese, say) is taken as meant.
    """
    if not turns or len(question.split()) >= SHORT_FOLLOW_UP_WORDS or not question.strip():
        return None
    previous = turns[-1].answer.language
    detected = detect_language(question, default=previous)
    if detected != previous and _script(detected) == _script(previous):
        return previous
    return None


def _script(language: str) -> str:
    return _SCRIPTS.get(language, "latin")


def suggested_questions(turns: list[Turn], limit: int = SUGGESTIONS) -> list[str]:
    """Example questions of the knowledge base in the visitor's language that were not asked yet."""
    if not turns:
        return []
    asked = {_comparable(t.question) for t in turns}
    examples = [str(q) for q in message(turns[-1].answer.language, "examples")]
    return [q for q in examples if _comparable(q) not in asked][:limit]


def _comparable(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def example_messages() -> list[dict[str, str]]:
    """One clickable example per language on the empty chat."""
    examples = []
    for language in EXAMPLE_LANGUAGES:
        question = str(MESSAGES[language]["examples"][0])
        examples.append({"text": question, "display_text": f"{language.upper()} · {question}"})
    return examples
