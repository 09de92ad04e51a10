"""What the knowledge base says, in all its languages: its lexical tokens, the countries, cities and regions it names."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Callable, Iterable, Iterator

from bot.core.text import (CAPITALISED_WORD, consonant_skeleton, fold, spelling_key, spelling_neighbours,
                           tokenize)
from bot.language.cities import cities_in
from bot.language.countries import countries_in
from bot.language.regions import regions_in
from bot.core.text import CJK

_ORDINAL_TOKEN = re.compile(r"(\d+)(?:e|è|ème|eme|er|ère|re|es|nd|nde|st|rd|th|º|ª|°|o|a)$")  # folded: 12º → 12o

MIN_FUZZY_KEY = 5  # a shorter spelling key within one letter of some word means nothing


# A name spelled out: quoted, or a run of capitalised words joined by short lower-case ones.
_QUOTED = re.compile(r'["«“„]\s*([^"»”“]{5,120}?)\s*["»”“]')
_CAPITALISED_RUN = re.compile(CAPITALISED_WORD + r"(?:[\s'’-]+(?:[^\W\d_]{1,3}[\s'’-]+)?"
                              r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][^\W\d_]+)+")
ACRONYM_LETTERS = (3, 6)


def acronyms_in(text: str) -> set[str]:
    """The acronyms of the names `text` spells out, folded: the initials of their words of more than
    three letters ("Cités et gouvernements locaux unis" → cglu; "United Cities and Local Governments" → uclg)."""
    found = set()
    for match in [*_QUOTED.finditer(text), *_CAPITALISED_RUN.finditer(text)]:
        name = match.group(match.lastindex or 0)
        words = [w for w in re.findall(r"[^\W\d_]+", name) if len(w) > 3]
        if ACRONYM_LETTERS[0] <= len(words) <= ACRONYM_LETTERS[1]:
            found.add(fold("".join(w[0] for w in words)))
    return found


def name_skeletons_in(text: str) -> set[str]:
    """The consonant skeletons of the capitalised words of `text` (names, mostly)."""
    return {k for w in re.findall(CAPITALISED_WORD, text) if (k := consonant_skeleton(w))}


class Vocabulary:
    """What the knowledge base says, in all its languages: its lexical tokens, the countries it names and
    the regions whose own word it uses ("Amérique latine", "européennes").

    `frequency(token)` gives, per group of texts (a language), how many texts hold the token;
    `group_sizes` how many texts each group has.
    """

    def __init__(self, tokens: Iterable[str], countries: set[str],
                 frequency: Callable[[str], dict[str, int]], group_sizes: dict[str, int],
                 acronyms: Iterable[str] = (), cities: Iterable[str] = (), name_skeletons: Iterable[str] = (),
                 regions: set[str] | None = None):
        self.tokens = sorted(tokens)
        self.acronyms = frozenset(acronyms)
        self.cities = frozenset(cities)  # time-zone ids of the CLDR cities it names (see `cities`)
        self.name_skeletons = frozenset(name_skeletons)  # of the capitalised words it holds (see `names_in`)
        # An ordinal ("12e", "1er", "97è") also states its number: "the 12th forum" asks about the 12e.
        self._token_set = set(self.tokens) | {m.group(1) for t in self.tokens if (m := _ORDINAL_TOKEN.match(t))}
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
        acronyms = set().union(*map(acronyms_in, texts)) if texts else set()
        cities = set().union(*map(cities_in, texts)) if texts else set()
        skeletons = set().union(*map(name_skeletons_in, texts)) if texts else set()
        regions = set().union(*(regions_in(text, most_specific=False) for text in texts)) if texts else set()
        return cls(counts, countries, lambda token: counts.get(token, {}), Counter(languages), acronyms, cities,
                   skeletons, regions)

    def knows_name_sound(self, word: str) -> bool:
        """A name transcribed from another script (Рокбрюн-ла-Валле for Roquebrune-la-Vallée): each of its
        parts long enough to tell has the consonants of a name the knowledge base holds, and one does."""
        skeletons = [consonant_skeleton(part) for part in re.split(r"[\s'’-]+", word)]
        telling = [s for s in skeletons if s]
        return bool(telling) and all(s in self.name_skeletons for s in telling)

    def knows_transcribed(self, word: str) -> bool:
        """A name the knowledge base holds written otherwise: by its sound or its spelling in Latin letters."""
        return self.knows_name_sound(word) or self.knows_spelling(word)

    def knows_acronym(self, word: str) -> bool:
        """An acronym of a name the knowledge base spells out (UCLG for "United Cities and Local Governments")."""
        return word.isupper() and fold(word) in self.acronyms

    def knows_token(self, token: str) -> bool:
        """In the knowledge base; an ordinal ("12th", "12º") when the documents state its number (as "12e")."""
        ordinal = _ORDINAL_TOKEN.match(token)
        return token in self._token_set or bool(ordinal and ordinal.group(1) in self._token_set)

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
        stems = [s for s in tokenize(word) if not CJK.match(s)]
        return bool(stems) and all(self._near_spelling(spelling_key(s)) for s in stems)

    def _near_spelling(self, key: str) -> bool:
        if len(key) < MIN_FUZZY_KEY:
            return key in self._spellings()[0]
        return bool(spelling_neighbours(key) & self._spellings()[1])

    def _spellings(self) -> tuple[set[str], set[str]]:
        if self._spelling_index is None:
            keys = {spelling_key(t) for t in self.tokens if not CJK.match(t)}
            self._spelling_index = (keys, set().union(*map(spelling_neighbours, keys)) if keys else set())
        return self._spelling_index

    def _knows_stem(self, stem: str) -> bool:
        if stem in self._token_set or CJK.match(stem):
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


