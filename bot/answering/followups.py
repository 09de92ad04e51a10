"""Follow-up questions without a language model."""

from __future__ import annotations

import re

from bot.core.text import tokenize
from bot.language.countries import countries_in
from bot.language.patterns import BACK_REFERENCE, FRAMING_WORDS
from bot.language.supported import COUNTED_IN_CHARACTERS, for_language

_NAME = re.compile(r"(?<=\s)[^\W\d_][^\W\d_]+")


class FollowUpCondenser:
    """Without a language model: a short follow-up ("Who leads it?") is read with the question before it.

    Only a question that leans on the one before is a follow-up: it opens with "and", points back
    ("it", "ses", "dort", "그것"), or has no word of its own beyond the words that frame a question
    ("Pourquoi ?"). Any other question stands on its own, however short: "Which countries has AMF
    cooperated with?" after a question on the working group would otherwise be answered with the
    working group's passage. A follow-up that names its own subject — a country ("Et avec le
    Cameroun ?") or a proper name past its first word — stands alone too.
    """

    max_words = 8

    def condense(self, question: str, history: list[str], language: str) -> str:
        if not history or len(question.split()) > self.max_words or language in COUNTED_IN_CHARACTERS and len(question) > 25:
            return question
        if names_its_subject(question) or not leans_on_earlier(question, language):
            return question
        return f"{history[-1]} {question}"


def names_its_subject(question: str) -> bool:
    return bool(countries_in(question)) or any(w[0].isupper() and not w.isupper() for w in _NAME.findall(question))


def leans_on_earlier(question: str, language: str) -> bool:
    """The question points back to what was asked before, or holds nothing of its own to look up."""
    asked = question.strip().lower()
    if re.search(for_language(BACK_REFERENCE, language, fallback="en"), asked):
        return True
    framing = set(tokenize(for_language(FRAMING_WORDS, language, fallback="en")))
    return not set(tokenize(asked)) - framing
