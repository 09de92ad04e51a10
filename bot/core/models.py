"""Data passed between the pipeline stages. Provenance travels with every passage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["answered", "not_found", "rejected", "error"]


@dataclass(frozen=True)
class Version:
    """The text of a passage in one language, with where it stands in its file."""

    language: str
    text: str
    source_file: str  # relative to the knowledge folder
    start: int
    end: int
    title: str
    notice: str
    is_original: bool
    context: str = ""  # lead-in line of a list, embedded with the item but never cited


@dataclass(frozen=True)
class Passage:
    """A citable unit of a document (a paragraph, a list item or a group of sentences)."""

    passage_id: str
    doc_id: str
    source: str
    paragraph: int
    original: Version
    translations: dict[str, Version] = field(default_factory=dict)

    def version(self, language: str) -> Version | None:
        if language == self.original.language:
            return self.original
        return self.translations.get(language)

    @property
    def versions(self) -> list[Version]:
        return [self.original, *self.translations.values()]


@dataclass(frozen=True)
class ScoredPassage:
    passage: Passage
    score: float  # fused score used for ranking
    dense: float  # mean cosine similarity over the passage's versions
    lexical: float  # best BM25 score over the passage's versions (0 if no term matched)
    closest: float = 0.0  # highest cosine similarity of one version: the relevance gate's signal


@dataclass(frozen=True)
class Citation:
    n: int
    source: str
    title: str
    passage: str
    translation: str | None
    location: dict

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "passage": self.passage,
            "translation": self.translation,
            "location": self.location,
        }


@dataclass
class Answer:
    question: str
    language: str
    status: Status
    answer: str
    citations: list[Citation]
    notice: str
    timings_ms: dict[str, float]
    id: object = None
    mode: str = "extractive"
    model: str | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        data = {
            "id": self.id,
            "question": self.question,
            "language": self.language,
            "status": self.status,
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "notice": self.notice,
            "timings_ms": self.timings_ms,
            "mode": self.mode,
            "model": self.model,
        }
        if self.note:
            data["note"] = self.note
        return data
