"""A scripted assistant for UI tests: canned `Answer`s, and a record of how it was asked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.core.models import Answer, Citation

NOTICE = ("La reproduction partielle ou totale des documents de ce site sans autorisation préalable de l'AMF "
          "est strictement interdite.\n\nReproducing this site's documents without AMF's prior permission is "
          "strictly forbidden. (unofficial translation)")

HOSTILE_PASSAGE = "L'AMF a reçu <img src=x onerror=alert(1)> et <script>alert(1)</script> à Paris."


def citation(n: int = 1, passage: str = "Le groupe de travail est présidé par M. Jacques AUXIETTE.",
             translation: str | None = "The working group is chaired by Mr Jacques AUXIETTE.") -> Citation:
    location = {"file": "amf-action-internationale/fr.txt", "paragraph": 2, "start": 120, "end": 180,
                "passage_id": f"amf-p{n:03d}"}
    if translation:
        location["translation"] = {"language": "en", "file": "amf-action-internationale/en.txt",
                                   "start": 100, "end": 152, "status": "unofficial translation"}
    return Citation(n=n, source="Association des Maires de France (AMF)", title="L'action internationale de l'AMF",
                    passage=passage, translation=translation, location=location)


def answer(question: str, language: str = "en", status: str = "answered", text: str | None = None,
           citations: list[Citation] | None = None) -> Answer:
    if text is None:
        text = "The working group is chaired by Mr Jacques AUXIETTE. [1] It has about sixty elected members. [1]"
    if citations is None:
        citations = [citation()] if status == "answered" else []
    return Answer(question=question, language=language, status=status, answer=text, citations=citations,
                  notice=NOTICE, timings_ms={"retrieve": 1.0, "answer": 1.0, "total": 2.0})


@dataclass
class Call:
    question: object
    history: list[str] | None
    language: str | None


@dataclass
class ScriptedAssistant:
    """Answers from `script` (question → Answer); anything else is not found; long questions are rejected."""

    script: dict[str, Answer] = field(default_factory=dict)
    language: str = "en"
    max_chars: int = 1000
    calls: list[Call] = field(default_factory=list)

    def ask(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
            language: str | None = None) -> Answer:
        self.calls.append(Call(question, history, language))
        text = question if isinstance(question, str) else ""
        reply_language = language or self.language
        if len(text) > self.max_chars:
            return answer(text, reply_language, "rejected", f"Your question is too long (at most {self.max_chars} characters).")
        if text in self.script:
            scripted = self.script[text]
            return Answer(**{**scripted.__dict__, "language": language or scripted.language})
        return answer(text, reply_language, "not_found", "I could not find the answer to this question in AMF's documents.")

    def stream(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
               language: str | None = None) -> Iterator[str | Answer]:
        """Like a language model writing: the answer's words one by one, then the Answer."""
        final = self.ask(question, id, history, language)
        if final.status == "answered":
            yield from re.findall(r"\S+\s*", final.answer)
        yield final


class BrokenAssistant:
    """An assistant whose backend fails on every question."""

    def ask(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
            language: str | None = None) -> Answer:
        from bot.core.errors import BackendError

        raise BackendError("the embedding model failed")

    def stream(self, question: object, id: object = None, history: list[str] | None = None,  # noqa: A002
               language: str | None = None) -> Iterator[Answer]:
        yield self.ask(question, id, history, language)
