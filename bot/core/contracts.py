"""The seams between the stages: what an answerer and a follow-up condenser promise, and the draft they return."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Protocol

from bot.core.models import Passage, ScoredPassage, Status


@dataclass(frozen=True)
class CitedPassage:
    """A passage an answer relies on, and the language of the translation shown (None: the original)."""

    passage: Passage
    translation_language: str | None = None


@dataclass
class Draft:
    """An answer before the pipeline adds the notice and timings; `[n]` refers to `cited[n-1]`."""

    status: Status
    text: str
    cited: list[CitedPassage] = field(default_factory=list)
    mode: str = "extractive"
    model: str | None = None
    note: str | None = None


class Answerer(Protocol):
    """Writes the answer from the retrieved passages.

    `stream` yields the text as it is produced (zero or more `str` chunks, a preview) and then
    the `Draft`, always last, which is what counts; `answer` gives the Draft alone.
    """

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft: ...

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[str | Draft]: ...


class Condenser(Protocol):
    def condense(self, question: str, history: list[str], language: str) -> str: ...
