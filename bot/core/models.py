"""Data passed between the pipeline stages. Provenance travels with every passage."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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
    context: str = ""  # heading path, sentences just before, lead-in line of a list: embedded and searched, never cited
    page: int | None = None  # 1-based page of a PDF
    heading: str = ""  # heading path ("Section › Sub-section") in documents that have headings
    machine: bool = False  # a translation written by a language model, not reviewed by AMF

    @property
    def lead_in(self) -> str:
        """The line introducing a list item ("L'AMF a également reçu :"), read with the item; "" otherwise.

        It is the last line of the context; the rest of the context (heading, sentences before) is
        only embedded and searched, never shown as part of the passage."""
        last = self.context.rsplit("\n", 1)[-1]
        is_item = self.text.startswith(("- ", "– ", "• ", "* "))
        return last if is_item and last.rstrip().endswith(":") and last != self.heading else ""


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

    @property
    def subject(self) -> str:
        """Its document's source and titles in one line: the words that say which document it is."""
        return " ".join([self.source, self.original.title, *(v.title for v in self.translations.values())])


class PassageTable(Mapping[str, Passage]):
    """Passage id → passage, in index order, with what is asked of many passages at once: a passage's
    document, the `subject`s of a document's passages, the passages that have translations.

    This one holds passages at hand; a saved index's (`bot.retrieval.saved`) builds each passage when it
    is first asked for, so that a load and a question cost what their few passages cost, not 100,000.
    """

    def __init__(self, passages: Iterable[Passage] = ()):
        self._passages = {p.passage_id: p for p in passages}
        self._subjects: dict[str, set[str]] | None = None

    def __getitem__(self, passage_id: str) -> Passage:
        return self._passages[passage_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._passages)

    def __len__(self) -> int:
        return len(self._passages)

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._passages

    def document(self, passage_id: str) -> str:
        return self[passage_id].doc_id

    def subjects(self, doc_id: str) -> set[str]:
        """The `subject` of each passage of the document `doc_id`."""
        if self._subjects is None:
            grouped: dict[str, set[str]] = {}
            for p in self.values():
                grouped.setdefault(p.doc_id, set()).add(p.subject)
            self._subjects = grouped  # one assignment: safe with questions answered at once
        return self._subjects.get(doc_id, set())

    def translated(self) -> Iterator[Passage]:
        """The passages that have translations, in index order."""
        return (p for p in self.values() if p.translations)


@dataclass(frozen=True)
class ScoredPassage:
    passage: Passage
    score: float  # fused score used for ranking
    dense: float  # mean cosine similarity over the passage's versions
    lexical: float  # best BM25 score over the passage's versions (0 if no term matched)
    closest: float = 0.0  # highest cosine similarity of one version: the relevance gate's signal
    held: float = 0.0  # idf-weighted share of the question's terms the passage holds: the gate's other signal
    on_country: float = 0.0  # share of the question's countries it names (itself or its document's title)
    holds_key: bool = True  # holds the question's most specific term (see `PassageTerms.key_term`)
    on_region: float = 0.0  # 1 when it names a country of the question's regions that few passages name


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
    validated: dict | None = None  # {"id", "date", "label"} when the answer is one AMF validated

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
        if self.validated:
            data["validated"] = self.validated
        return data


@dataclass(frozen=True)
class ValidatedAnswer:
    """An answer written and signed off by AMF staff for a recurring enquiry.

    `texts` maps a language to the answer in it (French at least); `wordings` are the questions
    it covers, in any language; `passage_ids` are the passages that support it, cited in order.
    """

    answer_id: str
    validated_on: str  # ISO date
    texts: dict[str, str]
    wordings: tuple[str, ...]
    passage_ids: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.answer_id, "validated_on": self.validated_on, "texts": dict(self.texts),
                "wordings": list(self.wordings), "passages": list(self.passage_ids)}
