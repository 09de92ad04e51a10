"""What the knowledge base says, in all its languages: its lexical tokens, the countries and regions it names."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Callable, Iterable, Iterator

from bot.core.text import spelling_key, spelling_neighbours, tokenize
from bot.language.countries import countries_in
from bot.language.regions import regions_in

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
MIN_FUZZY_KEY = 5  # a shorter spelling key within one letter of some word means nothing


class Vocabulary:
    """What the knowledge base says, in all its languages: its lexical tokens, the countries it names and
    the regions whose own word it uses ("Amérique latine", "européennes").

    `frequency(token)` gives, per group of texts (a language), how many texts hold the token;
    `group_sizes` how many texts each group has.
    """

    def __init__(self, tokens: Iterable[str], countries: set[str],
                 frequency: Callable[[str], dict[str, int]], group_sizes: dict[str, int],
                 regions: set[str] | None = None):
        self.tokens = sorted(tokens)
        self._token_set = set(self.tokens)
        self.countries = countries
        self.regions = regions or set()
        self.frequency = frequency
        self.group_sizes = group_sizes
        self._spelling_index: tuple[set[str], set[str]] | None = None

    @classmethod
    def from_texts(cls, texts: list[str], languages: list[str] | None = None) -> "Vocabulary":
        languages = languages or ["" for _ in texts]
        counts: dict[str, Counter] = {}
        for text, language in zip(texts, languages):
            for token in set(tokenize(text)):
                counts.setdefault(token, Counter())[language] += 1
        countries = set().union(*(countries_in(text) for text in texts)) if texts else set()
        regions = set().union(*(regions_in(text, most_specific=False) for text in texts)) if texts else set()
        return cls(counts, countries, lambda token: counts.get(token, {}), Counter(languages), regions)

    def knows_token(self, token: str) -> bool:
        return token in self._token_set

    def is_common(self, token: str) -> bool:
        """In more than a fifth of the texts of a language: a function word, or what every text is about ("AMF")."""
        return any(count > self.group_sizes[group] / 5 for group, count in self.frequency(token).items())

    def knows_word(self, word: str) -> bool:
        """The word, or a word of the same stem (4+ letters in common), occurs in the knowledge base."""
        stems = tokenize(word)
        return bool(stems) and all(self._knows_stem(s) for s in stems)

    def knows_spelling(self, word: str) -> bool:
        """A name the knowledge base holds in another transcription or script (Хоффель for Хёффель,
        Höffel for Hoeffel, Mkhatshwa for Mkahtshwa): every stem of the word within one letter of a
        stem of the knowledge base, written in Latin. Short keys must match exactly."""
        stems = [s for s in tokenize(word) if not _CJK.match(s)]
        return bool(stems) and all(self._near_spelling(spelling_key(s)) for s in stems)

    def _near_spelling(self, key: str) -> bool:
        if len(key) < MIN_FUZZY_KEY:
            return key in self._spellings()[0]
        return bool(spelling_neighbours(key) & self._spellings()[1])

    def _spellings(self) -> tuple[set[str], set[str]]:
        if self._spelling_index is None:
            keys = {spelling_key(t) for t in self.tokens if not _CJK.match(t)}
            self._spelling_index = (keys, set().union(*map(spelling_neighbours, keys)) if keys else set())
        return self._spelling_index

    def _knows_stem(self, stem: str) -> bool:
        if stem in self._token_set or _CJK.match(stem):
            return stem in self._token_set
        if len(stem) < 4:  # a short name known only inflected (Жак in "Жака Оксиетта")
            return any(len(token) == len(stem) + 1 for token in self._starting_with(stem))
        # Same stem: 4 letters in common for a 5-letter word (inflections: Эмиль/Эмиля), else 5.
        shared = stem[: max(4, min(5, len(stem) - 1))]
        return any(token.startswith(shared) or stem.startswith(token) for token in self._starting_with(stem[:4]))

    def _starting_with(self, prefix: str) -> Iterator[str]:
        i = bisect.bisect_left(self.tokens, prefix)
        while i < len(self.tokens) and self.tokens[i].startswith(prefix):
            yield self.tokens[i]
            i += 1


