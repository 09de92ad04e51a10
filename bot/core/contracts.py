"""The seams between the stages: what the store gives retrieval, what a retriever, an answerer and a
follow-up condenser promise, and the draft an answerer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Protocol, runtime_checkable

from bot.core.models import Passage, PassageTable, ScoredPassage, Status, Version
from bot.core.settings import Settings

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class CitedPassage:
    """A passage an answer relies on, and the language of the translation shown (None: the original)."""

    passage: Passage
    translation_language: str | None = None

    @property
    def shown(self) -> Version:
        """The version the answer quotes: the translation, or the original."""
        return self.passage.version(self.translation_language) if self.translation_language else self.passage.original


@dataclass
class Draft:
    """An answer before the pipeline adds the notice and timings; `[n]` refers to `cited[n-1]`."""

    status: Status
    text: str
    cited: list[CitedPassage] = field(default_factory=list)
    mode: str = "extractive"
    model: str | None = None
    note: str | None = None
    validated: dict | None = None  # set by the validated-answer path: {"id", "date", "label"}


@dataclass(frozen=True)
class StoredEntry:
    passage_id: str
    language: str
    is_original: bool
    text: str  # the version's text, led by its list context if any


@dataclass
class StoredCorpus:
    passages: list[Passage]
    entries: list[StoredEntry]
    vectors: np.ndarray  # one row per entry, L2-normalised


@runtime_checkable
class PassageSource(Protocol):
    """What retrieval reads from the store: its content fingerprint, the whole corpus, the nearest vectors,
    and the files derived from the corpus that were saved with it (None when there are none)."""

    settings: Settings

    def version(self) -> str: ...

    def load_corpus(self) -> StoredCorpus: ...

    def dense_search(self, vector: list[float], n: int) -> dict[str, float]: ...

    def saved_file(self, name: str) -> Path | None: ...


class DerivedFile(Protocol):
    """A file computed from the stored corpus when indexing and saved with it (the local index writes
    it into each new generation before publishing it), so that readers need not compute it."""

    name: str

    def write(self, corpus: StoredCorpus, version: str, path: Path) -> None: ...

    def current(self, path: Path) -> bool:
        """Whether `path` holds this file as this code writes it (an earlier format is written again)."""
        ...


class LoadedPassages(Protocol):
    passages: PassageTable

    def current(self) -> LoadedPassages: ...


class Retriever(Protocol):
    """The passages that may answer a question, best first; `index` holds every passage loaded."""

    index: LoadedPassages

    def search(self, question: str, language: str | None = None) -> list[ScoredPassage]: ...


class Answerer(Protocol):
    """Writes the answer from the retrieved passages.

    `stream` yields the text as it is produced (zero or more `str` chunks, a preview) and then
    the `Draft`, always last, which is what counts; `answer` gives the Draft alone.
    """

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft: ...

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[str | Draft]: ...


class Condenser(Protocol):
    def condense(self, question: str, history: list[str], language: str) -> str: ...
