"""What the knowledge base says, in all its languages: its lexical tokens and the countries it names."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Callable, Iterable

from bot.core.text import tokenize
from bot.language.countries import countries_in

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


class Vocabulary:
    """What the knowledge base says, in all its languages: its lexical tokens and the countries it names.

    `frequency(token)` gives, per group of texts (a language), how many texts hold the token;
    `group_sizes` how many texts each group has.
    """

    def __init__(self, tokens: Iterable[str], countries: set[str],
                 frequency: Callable[[str], dict[str, int]], group_sizes: dict[str, int]):
        self.tokens = sorted(tokens)
        self._token_set = set(self.tokens)
        self.countries = countries
        self.frequency = frequency
        self.group_sizes = group_sizes

    @classmethod
    def from_texts(cls, texts: list[str], languages: list[str] | None = None) -> "Vocabulary":
        languages = languages or ["" for _ in texts]
        counts: dict[str, Counter] = {}
        for text, language in zip(texts, languages):
            for token in set(tokenize(text)):
                counts.setdefault(token, Counter())[language] += 1
        countries = set().union(*(countries_in(text) for text in texts)) if texts else set()
        return cls(counts, countries, lambda token: counts.get(token, {}), Counter(languages))

    def knows_token(self, token: str) -> bool:
        return token in self._token_set

    def is_common(self, token: str) -> bool:
        """In more than a fifth of the texts of a language: a function word, or what every text is about ("AMF")."""
        return any(count > self.group_sizes[group] / 5 for group, count in self.frequency(token).items())

    def knows_word(self, word: str) -> bool:
        """The word, or a word of the same stem (4+ letters in common), occurs in the knowledge base."""
        stems = tokenize(word)
        return bool(stems) and all(self._knows_stem(s) for s in stems)

    def _knows_stem(self, stem: str) -> bool:
        if stem in self._token_set or _CJK.match(stem):
            return stem in self._token_set
        if len(stem) < 4:
            return False
        # Same stem: 4 letters in common for a 5-letter word (inflections: Эмиль/Эмиля), else 5.
        shared = stem[: max(4, min(5, len(stem) - 1))]
        i = bisect.bisect_left(self.tokens, stem[:4])
        while i < len(self.tokens) and self.tokens[i].startswith(stem[:4]):
            token = self.tokens[i]
            if token.startswith(shared) or stem.startswith(token):
                return True
            i += 1
        return False


