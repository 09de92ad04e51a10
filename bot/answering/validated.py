"""Validated answers take precedence: a question that means the same as one of an answer's wordings gets it.

Matching compares the embedding of the visitor's question with those of the wordings staff
listed (any language: the embedder is multilingual) by cosine similarity, after subtracting from
each embedding the mean embedding of reference questions in its language (the example questions
of messages.py): embedding models put every question of a language in a narrow cone of its own,
and this centring removes what is merely "a question in Italian" (on the calibration data it
halves the missed matches at the same false-match rate). The threshold depends
on the embedder and is calibrated on labelled questions by `benchmarks/calibrate_validated.py`
(method and measured error rates in docs/staff.md); `AMF_BOT_VALIDATED_THRESHOLD` overrides it.
An answer whose cited passages are not all in the index is never served.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

from bot.core.contracts import CitedPassage, Draft
from bot.core.models import Passage, ValidatedAnswer
from bot.core.text import fold
from bot.language.detection import detect_language
from bot.language.messages import MESSAGES, messages

# Similarity at or above which a question is taken as one of the wordings, per embedder
# (`AMF_BOT_EMBEDDING_MODEL`). Produced by benchmarks/calibrate_validated.py; see docs/staff.md.
CALIBRATED_THRESHOLDS = {"e5-small": 0.58, "e5-small-torch": 0.616, "hash": 0.652}
ORIGINAL_LANGUAGE = "fr"
_MARKER = re.compile(r"\[(\d+)\]")


def reference_questions() -> dict[str, list[str]]:
    """Per language, questions that stand for 'a question about AMF': their mean is the centre removed."""
    return {language: list(texts.examples) for language, texts in MESSAGES.items()}


def calibrated_threshold(embedding_model: str, override: float = 0.0) -> float | None:
    """The threshold to use; None when the embedder was never calibrated (then only exact wordings match)."""
    return override or CALIBRATED_THRESHOLDS.get(embedding_model)


@dataclass(frozen=True)
class Match:
    answer: ValidatedAnswer
    similarity: float
    wording: str


class ValidatedAnswers:
    """Finds the validated answer a question asks for and turns it into a cited draft."""

    def __init__(self, embedder: Embeddings, answers: Callable[[], list[ValidatedAnswer]],
                 passages: Callable[[], dict[str, Passage]], threshold: float | None,
                 reference: dict[str, list[str]] | None = None):
        self.embedder = embedder
        self.answers = answers
        self.passages = passages
        self.threshold = threshold
        self.reference = reference_questions() if reference is None else reference
        self._centres: dict[str, np.ndarray] | None = None
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()  # held only to read or store vectors, never while embedding
        self._centres_lock = threading.Lock()
        self._pending: dict[str, None] = {}  # questions the background worker is to embed, in order
        self._worker: threading.Thread | None = None

    def missing_passages(self, answer: ValidatedAnswer) -> list[str]:
        """The cited passage ids no longer in the index (the answer is then flagged, never served)."""
        known = self.passages()
        return [pid for pid in answer.passage_ids if pid not in known]

    def servable(self) -> list[ValidatedAnswer]:
        return [a for a in self.answers() if not self.missing_passages(a)]

    def match(self, question: str, language: str | None = None) -> Match | None:
        """The servable answer whose wording is closest to `question`, if close enough."""
        candidates = self.servable()
        if not candidates or not question.strip():
            return None
        folded = fold(question).strip()
        for answer in candidates:  # the exact wording always matches, whatever the embedder
            for wording in answer.wordings:
                if fold(wording).strip() == folded:
                    return Match(answer, 1.0, wording)
        if self.threshold is None:
            return None
        wordings = [(answer, w) for answer in candidates for w in answer.wordings]
        vectors = self.question_vectors([w for _, w in wordings])
        query = self._vector(question, language)
        similarities = vectors @ query
        best = int(np.argmax(similarities))
        if similarities[best] < self.threshold:
            return None
        answer, wording = wordings[best]
        return Match(answer, float(similarities[best]), wording)

    def similarity(self, question: str, wording: str) -> float:
        """Cosine similarity of two questions as the matcher sees them (for calibration)."""
        return float(self.question_vectors([wording])[0] @ self.question_vectors([question])[0])

    def question_vectors(self, wordings: list[str]) -> np.ndarray:
        """Centred vectors of questions whose language is detected (wordings, logged questions), cached.

        Embedding happens outside the lock: a long list (calibration) never holds up a visitor's match.
        """
        with self._lock:
            missing = [w for w in dict.fromkeys(wordings) if w not in self._vectors]
        fresh = {w: self._centred(self.embedder.embed_query(w), detect_language(w)) for w in missing}
        with self._lock:
            self._vectors.update(fresh)
            return np.stack([self._vectors[w] for w in wordings])

    def known_vectors(self, questions: list[str], budget: int = 32) -> dict[str, np.ndarray]:
        """The vectors of `questions` computed so far, `budget` new ones embedded now (outside the lock that
        visitors' matches take); the others are embedded by a background thread, a few at a time, and
        are there at a later call: the staff page never makes a visitor wait."""
        with self._lock:
            missing = [q for q in dict.fromkeys(questions) if q not in self._vectors]
        if budget > 0 and missing:
            self.question_vectors(missing[:budget])
        with self._lock:
            known = {q: self._vectors[q] for q in questions if q in self._vectors}
            for question in questions:
                if question not in known:
                    self._pending[question] = None
            start = bool(self._pending) and (self._worker is None or not self._worker.is_alive())
            if start:
                self._worker = threading.Thread(target=self._embed_pending, name="validated-vectors", daemon=True)
                self._worker.start()
        return known

    def pending(self) -> int:
        """How many questions still wait for their vector (shown by the staff page)."""
        return len(self._pending)

    def _embed_pending(self, batch: int = 8) -> None:
        while True:
            with self._lock:
                chosen = list(self._pending)[:batch]
                if not chosen:
                    self._worker = None
                    return
            try:
                fresh = {q: self._centred(self.embedder.embed_query(q), detect_language(q)) for q in chosen}
            except Exception:  # noqa: BLE001 - the embedder failed: the questions stay grouped by their text
                with self._lock:
                    for question in chosen:
                        self._pending.pop(question, None)
                continue
            with self._lock:
                self._vectors.update(fresh)
                for question in chosen:
                    self._pending.pop(question, None)

    def _vector(self, question: str, language: str | None) -> np.ndarray:
        return self._centred(self.embedder.embed_query(question), language or detect_language(question))

    def _centred(self, raw: list[float], language: str) -> np.ndarray:
        if self._centres is None:
            with self._centres_lock:
                if self._centres is None:
                    self._centres = {lang: np.mean([_unit(self.embedder.embed_query(q)) for q in questions], axis=0)
                                     for lang, questions in self.reference.items() if questions}
        centre = self._centres.get(language)
        if centre is None:  # a language without reference questions: the mean of all the centres
            centre = np.mean(list(self._centres.values()), axis=0) if self._centres else np.zeros(len(raw))
        return _unit(_unit(raw) - centre)

    def draft(self, question: str, language: str) -> Draft | None:
        """The validated answer as a draft in `language` (else the French text with a lead-in), or None."""
        found = self.match(question, language)
        return validated_draft(found.answer, language, self.passages()) if found else None


def validated_draft(answer: ValidatedAnswer, language: str, passages: dict[str, Passage]) -> Draft:
    cited = [_cited(passages[pid], language) for pid in answer.passage_ids]
    if answer.texts.get(language):
        text = answer.texts[language]
    else:
        text = f"{messages(language).validated_original}\n{answer.texts[ORIGINAL_LANGUAGE]}"
    if not _MARKER.search(text):  # staff need not number their sentences: the sources follow the text
        text = f"{text} {' '.join(f'[{n}]' for n in range(1, len(cited) + 1))}"
    label = messages(language).validated.format(date=answer.validated_on)
    return Draft("answered", text, cited, mode="validated",
                 validated={"id": answer.answer_id, "date": answer.validated_on, "label": label})


def _cited(passage: Passage, language: str) -> CitedPassage:
    version = passage.version(language)
    return CitedPassage(passage, language if version and not version.is_original else None)


def _unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array
