"""Lexical ranking: Okapi BM25 over folded tokens, good with French names, acronyms and numbers.

Tokens are accent-folded and lower-cased words; long words are cut to a 6-character stem so
that "camerounais" meets "Cameroun" and "délégations" meets "délégation"; runs of CJK or
Hangul characters become overlapping character pairs, since those scripts do not separate words.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping

import numpy as np

from bot.core.text import fold, tokenize


class BM25:
    """BM25 over a fixed list of (key, text) entries; `scores` returns the best score per key.

    Entries may carry a tag (a language): `scores(query, tags=...)` then only counts those.
    Postings are numpy arrays, so a query costs a few vector operations per query token
    rather than a Python loop over every entry holding it. `arrays()` gives the whole index as a
    few flat arrays and `from_arrays` takes it back without reading a text again: the index is
    built once when indexing and saved with the index (see `bot.retrieval.saved`).
    """

    def __init__(self, entries: list[tuple[str, str]], k1: float = 1.2, b: float = 0.75,
                 tags: list[str] | None = None):
        self.k1 = k1
        self.key_names: list[str] = list(dict.fromkeys(key for key, _ in entries))
        self.key_index = {key: i for i, key in enumerate(self.key_names)}
        self.entry_key = np.array([self.key_index[key] for key, _ in entries], dtype=np.int64)
        self.tag_names = sorted(set(tags)) if tags is not None else []
        self.entry_tag = (np.array([self.tag_names.index(t) for t in tags], dtype=np.int64)
                          if tags is not None else None)
        postings: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        lengths = np.zeros(len(entries))
        for index, (_, text) in enumerate(entries):
            counts = Counter(tokenize(text))
            lengths[index] = sum(counts.values())
            for token, tf in counts.items():
                postings[token][0].append(index)
                postings[token][1].append(tf)
        self.n = len(entries)
        self.postings = {t: (np.array(i, dtype=np.int64), np.array(f, dtype=np.float64)) for t, (i, f) in postings.items()}
        average = lengths.mean() if self.n else 1.0
        self.norm = k1 * (1 - b + b * lengths / (average or 1.0))
        self.tag_masks: dict[frozenset[str], np.ndarray] = {}  # tags → which entries carry one (`_tagged`)

    def arrays(self) -> dict[str, np.ndarray]:
        """The index as flat arrays: the postings of every token one after the other (CSR)."""
        tokens = list(self.postings)
        sizes = np.fromiter((len(self.postings[t][0]) for t in tokens), dtype=np.int64, count=len(tokens))
        empty = np.zeros(0)
        return {
            "k1": np.array([self.k1]),
            "norm": self.norm,
            "entry_key": self.entry_key,
            "entry_tag": self.entry_tag if self.entry_tag is not None else np.zeros(0, dtype=np.int64),
            "has_tags": np.array([self.entry_tag is not None]),
            "key_names": _strings(self.key_names),
            "tag_names": _strings(self.tag_names),
            "tokens": _strings(tokens),
            "offsets": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            "entries": np.concatenate([self.postings[t][0] for t in tokens] or [empty]).astype(np.int32),
            "frequencies": np.concatenate([self.postings[t][1] for t in tokens] or [empty]).astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, arrays) -> "BM25":
        """The index `arrays()` gave, with the same scores."""
        index = cls.__new__(cls)
        index.k1 = float(arrays["k1"][0])
        index.norm = np.asarray(arrays["norm"], dtype=np.float64)
        index.n = len(index.norm)
        index.key_names = _unstrings(arrays["key_names"])
        index.key_index = {key: i for i, key in enumerate(index.key_names)}
        index.entry_key = np.asarray(arrays["entry_key"], dtype=np.int64)
        index.tag_names = _unstrings(arrays["tag_names"])
        index.entry_tag = np.asarray(arrays["entry_tag"], dtype=np.int64) if bool(arrays["has_tags"][0]) else None
        index.postings = _Postings(_unstrings(arrays["tokens"]), arrays["offsets"].tolist(), arrays["entries"],
                                   arrays["frequencies"])
        index.tag_masks = {}
        return index

    def _tagged(self, tags: set[str]) -> np.ndarray:
        """Whether each entry carries one of `tags`; the same few sets of tags come back with every question."""
        key = frozenset(tags)
        found = self.tag_masks.get(key)
        if found is None:
            found = np.isin(self.entry_tag, [i for i, name in enumerate(self.tag_names) if name in tags])
            self.tag_masks[key] = found  # one dictionary assignment: safe with questions answered at once
        return found

    def tag_frequency(self, token: str) -> dict[str, int]:
        """How many entries of each tag hold `token`."""
        if token not in self.postings or self.entry_tag is None:
            return {"": len(self.postings[token][0])} if token in self.postings else {}
        counts = np.bincount(self.entry_tag[self.postings[token][0]], minlength=len(self.tag_names))
        return {self.tag_names[i]: int(c) for i, c in enumerate(counts) if c}

    def tag_sizes(self) -> dict[str, int]:
        if self.entry_tag is None:
            return {"": self.n}
        return {self.tag_names[i]: int(c) for i, c in enumerate(np.bincount(self.entry_tag, minlength=len(self.tag_names)))}

    def idf(self, token: str) -> float:
        df = len(self.postings[token][0]) if token in self.postings else 0
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def scores(self, query: str, tags: set[str] | None = None) -> dict[str, float]:
        """The best score per key, for every key with a positive score."""
        return self.rank(query, tags).as_dict()

    def rank(self, query: str, tags: set[str] | None = None) -> "KeyScores":
        """The best score per key, kept as an array: cheap to query for a few keys or the top ones."""
        totals = np.zeros(self.n)
        for token in set(tokenize(query)):
            if token in self.postings:
                index, tf = self.postings[token]
                totals[index] += self.idf(token) * tf * (self.k1 + 1) / (tf + self.norm[index])
        hit = np.nonzero(totals)[0]
        if tags is not None and self.entry_tag is not None:
            hit = hit[self._tagged(tags)[hit]]
        best = np.zeros(len(self.key_names))
        np.maximum.at(best, self.entry_key[hit], totals[hit])
        return KeyScores(self.key_names, self.key_index, best)


class _Postings(Mapping):
    """Token → (entries, frequencies) as `BM25.__init__` makes them, each token's read from the flat arrays
    when first asked for: a query reads a few tokens, and converting every posting at load took most of a
    second at 100,000 passages."""

    def __init__(self, tokens: list[str], offsets: list[int], entries: np.ndarray, frequencies: np.ndarray):
        self.position = {token: i for i, token in enumerate(tokens)}
        self.offsets, self.entries, self.frequencies = offsets, entries, frequencies
        self.read: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __getitem__(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        found = self.read.get(token)
        if found is None:
            i = self.position[token]
            start, end = self.offsets[i], self.offsets[i + 1]
            found = (self.entries[start:end].astype(np.int64), self.frequencies[start:end].astype(np.float64))
            self.read[token] = found  # one dictionary assignment: safe with questions answered at once
        return found

    def __contains__(self, token: object) -> bool:
        return token in self.position

    def __iter__(self):
        return iter(self.position)

    def __len__(self) -> int:
        return len(self.position)


class KeyScores:
    """Scores of all keys of a BM25 index for one query."""

    def __init__(self, names: list[str], index: dict[str, int], values: np.ndarray):
        self.names, self.index, self.values = names, index, values

    def get(self, key: str, default: float = 0.0) -> float:
        i = self.index.get(key)
        return float(self.values[i]) if i is not None else default

    def top(self, n: int) -> list[str]:
        """The keys of the `n` best positive scores, best first."""
        n = min(n, int(np.count_nonzero(self.values)))
        if n <= 0:
            return []
        best = np.argpartition(-self.values, n - 1)[:n]
        return [self.names[i] for i in best[np.argsort(-self.values[best], kind="stable")]]

    def as_dict(self) -> dict[str, float]:
        return {self.names[i]: float(self.values[i]) for i in np.nonzero(self.values)[0]}


def _strings(values: list[str]) -> np.ndarray:
    """Strings as one UTF-8 byte array (NUL-separated): compact, and no pickling to read them back."""
    return np.frombuffer("\0".join(values).encode("utf-8"), dtype=np.uint8) if values else np.zeros(0, np.uint8)


def _unstrings(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\0") if len(array) else []
