"""Follow-up questions without a language model."""

from __future__ import annotations


class FollowUpCondenser:
    """Without a language model: a short follow-up ("Who leads it?") is read with the question before it."""

    max_words = 8

    def condense(self, question: str, history: list[str], language: str) -> str:
        if not history or len(question.split()) > self.max_words or language in ("ja", "ko") and len(question) > 25:
            return question
        return f"{history[-1]} {question}"
