"""Follow-up questions without a language model."""

from __future__ import annotations

import re

from bot.language.countries import countries_in

_NAME = re.compile(r"(?<=\s)[^\W\d_][^\W\d_]+")


class FollowUpCondenser:
    """Without a language model: a short follow-up ("Who leads it?") is read with the question before it.

    A follow-up that names its own subject — a country ("Et avec le Cameroun ?") or a proper
    name past its first word — stands alone: joining the earlier question would bring back
    passages on the earlier subject.
    """

    max_words = 8

    def condense(self, question: str, history: list[str], language: str) -> str:
        if not history or len(question.split()) > self.max_words or language in ("ja", "ko") and len(question) > 25:
            return question
        if names_its_subject(question):
            return question
        return f"{history[-1]} {question}"


def names_its_subject(question: str) -> bool:
    return bool(countries_in(question)) or any(w[0].isupper() and not w.isupper() for w in _NAME.findall(question))
