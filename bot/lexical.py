"""Lexical ranking: Okapi BM25 over folded tokens, good with French names, acronyms and numbers.

Tokens are accent-folded and lower-cased words; long words are cut to a 6-character stem so
that "camerounais" meets "Cameroun" and "délégations" meets "délégation"; runs of CJK or
Hangul characters become overlapping character pairs, since those scripts do not separate words.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .text import fold

_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_WORD = re.compile(f"[{_CJK_CHARS}]+|[^\\W_{_CJK_CHARS}]+")
_CJK = re.compile(f"[{_CJK_CHARS}]")
STEM = 6


def tokenize(text: str) -> list[str]:
    tokens = []
    for word in _WORD.findall(fold(text)):
        if _CJK.match(word):
            tokens.extend(word[i:i + 2] for i in range(max(1, len(word) - 1)))
        else:
            tokens.append(word[:STEM])
    return tokens


class BM25:
    """BM25 over a fixed list of (key, text) entries; `scores` returns the best score per key.

    Entries may carry a tag (a language): `scores(query, tags=...)` then only counts those.
    """

    def __init__(self, entries: list[tuple[str, str]], k1: float = 1.2, b: float = 0.75,
                 tags: list[str] | None = None):
        self.k1, self.b = k1, b
        self.keys = [key for key, _ in entries]
        self.tags = tags
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.lengths = []
        for index, (_, text) in enumerate(entries):
            counts = Counter(tokenize(text))
            self.lengths.append(sum(counts.values()))
            for token, tf in counts.items():
                self.postings[token].append((index, tf))
        self.n = len(entries)
        self.avg_length = (sum(self.lengths) / self.n) if self.n else 0.0

    def idf(self, token: str) -> float:
        df = len(self.postings.get(token, ()))
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def scores(self, query: str, tags: set[str] | None = None) -> dict[str, float]:
        totals: dict[int, float] = defaultdict(float)
        for token in set(tokenize(query)):
            idf = self.idf(token)
            for index, tf in self.postings.get(token, ()):
                if tags is not None and self.tags is not None and self.tags[index] not in tags:
                    continue
                norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.avg_length)
                totals[index] += idf * tf * (self.k1 + 1) / (tf + norm)
        best: dict[str, float] = {}
        for index, score in totals.items():
            key = self.keys[index]
            if score > best.get(key, 0.0):
                best[key] = score
        return best
