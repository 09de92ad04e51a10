"""Language centring: comparing a question and a passage on what they say, not on the language they say it in.

A multilingual embedder places every text near the others of its language: a Korean question sits
closer to any Korean text than to the French passage that answers it. Each language thus adds an
offset of its own to every vector. Subtracting it (Libovický et al., "On the Language Neutrality of
Pre-trained Multilingual Representations", 2020) leaves what the texts mean, so a French-only
document competes with the translated ones for a question in any language.

The offsets are measured on the knowledge base itself, on the passages that exist in several
languages (the same meaning in each): a language's offset is the mean, over those passages, of
the difference between the passage's version in that language and the mean of all its versions.
A language without such versions gets no offset (its texts compare as before). A knowledge base
without translations, or with every passage in every language, is not centred at all: nothing then
competes across languages, and in a small corpus of like passages (a template repeated with other
numbers) the offsets would take out what the passages share, not their language.
"""

from __future__ import annotations

import numpy as np

MIN_ALIGNED = 3  # passages in a language and at least one other before its offset is trusted


class LanguageCentring:
    """The offset of each language, and vectors compared with it taken out."""

    def __init__(self, shifts: dict[str, np.ndarray] | None = None):
        self.shifts = shifts or {}

    @classmethod
    def measure(cls, vectors: dict[str, np.ndarray], row_languages: dict[str, list[str]]) -> "LanguageCentring":
        corpus_languages = set().union(*map(set, row_languages.values())) if row_languages else set()
        if all(set(languages) == corpus_languages for languages in row_languages.values()):
            return cls()
        sums: dict[str, np.ndarray] = {}
        counts: dict[str, int] = {}
        for pid, languages in row_languages.items():
            if len(set(languages)) < 2:
                continue
            rows = np.asarray(vectors[pid], dtype=np.float32)
            differences = rows - rows.mean(axis=0)
            for language, difference in zip(languages, differences):
                sums[language] = sums.get(language, 0.0) + difference
                counts[language] = counts.get(language, 0) + 1
        return cls({language: (total / counts[language]).astype(np.float32) for language, total in sums.items()
                    if counts[language] >= MIN_ALIGNED})

    def question(self, vector: np.ndarray, language: str | None) -> np.ndarray:
        """The question's vector without its language's offset (unit length)."""
        return _unit(vector - self.shifts[language]) if language in self.shifts else vector

    def toward(self, vector: np.ndarray, language: str | None, target: str) -> np.ndarray:
        """The question's vector moved into `target`'s region: to find `target` texts by their meaning with a
        nearest-neighbour search over the raw vectors."""
        if language == target or language not in self.shifts or target not in self.shifts:
            return vector
        return _unit(vector - self.shifts[language] + self.shifts[target])

    def rows(self, rows: np.ndarray, languages: list[str]) -> np.ndarray:
        """A passage's version vectors, each without its language's offset (unit length)."""
        if not self.shifts:
            return rows
        zero = np.zeros(rows.shape[1], dtype=np.float32)
        return _unit(rows - np.stack([self.shifts.get(language, zero) for language in languages]))


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
