"""Is the question about something the knowledge base knows at all?

Retrieval always returns the nearest passages, even for "Has AMF signed an agreement with
Brazilian cities?": the passages about Romania and Cameroon are near. What gives such a question
away is a specific entity the documents never mention — a country, a name, a number. This module
finds those:

- countries, in any of the supported languages (names from the Unicode CLDR through Babel), also
  as nationality adjectives sharing the name's stem ("brésiliennes" → Brésil), when no name of that
  country, in any language, occurs in the knowledge base;
- capitalised words past the start of a sentence (names of people, cities, organisations) in
  languages that do not capitalise common nouns, unknown to the knowledge base in every language;
- numbers of two digits or more (years, counts) that the knowledge base never states.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Iterable

from .lexical import tokenize
from .text import fold

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENTENCE_START = re.compile(r"(^|[.!?;:¿¡«\"“(]\s*)$")
_LETTERS = r"[^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
_WORD = re.compile(f"{_LETTERS}+(?:['’-]{_LETTERS}+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]\d)")
# Languages whose common nouns are capitalised: a capital letter says nothing about a name there.
_CAPITALISED_NOUNS = {"de"}


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


def unknown_entities(question: str, language: str, vocabulary: Vocabulary) -> list[str]:
    """The specific things the question names that the knowledge base never mentions."""
    found = [country for country in countries_in(question) if country not in vocabulary.countries]
    found += [n for n in _NUMBER.findall(question) if n not in vocabulary._token_set]
    if language not in _CAPITALISED_NOUNS:
        found += [w for w in _capitalised_words(question) if not vocabulary.knows_word(w)]
    return list(dict.fromkeys(found))


def _capitalised_words(question: str) -> list[str]:
    words = []
    for match in _WORD.finditer(question):
        word = match.group()
        if len(word) < 3 or not word[0].isupper() or _SENTENCE_START.search(question[:match.start()]):
            continue
        words.append(word)
    return words


def countries_in(text: str) -> set[str]:
    """ISO codes of the countries `text` names, by name or by an adjective of the same stem."""
    folded = fold(text)
    exact, by_prefix, cjk_names = _country_lookup()
    found: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", folded):
        if word in _LOOKALIKES:
            continue
        found |= exact.get(word, set())
        if len(word) >= 5:
            found |= by_prefix.get(word[:5], set())
    if _CJK.search(folded):
        found |= {code for name, code in cjk_names if name in folded}
    return found


@lru_cache(maxsize=1)
def _country_lookup() -> tuple[dict[str, set[str]], dict[str, set[str]], tuple[tuple[str, str], ...]]:
    """Country names arranged for a look-up per word: short names whole, longer ones by prefix."""
    exact: dict[str, set[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    cjk_names = []
    for code, names in _country_names().items():
        for name in names:
            if _CJK.search(name):
                cjk_names.append((name, code))
            elif len(name) <= 4:
                exact.setdefault(name, set()).add(code)
            else:
                by_prefix.setdefault(_name_prefix(name), set()).add(code)
    return exact, by_prefix, tuple(cjk_names)


def _name_prefix(name: str) -> str:
    """Enough of a country name to recognise its adjectives too: "Brésil" → "brési" (brésiliennes)."""
    return name[:5]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, ...]]:
    """Folded one-word country names (multi-word names are too ambiguous word by word)."""
    from babel import Locale

    from .language import SUPPORTED

    names: dict[str, set[str]] = {}
    for language in SUPPORTED:
        for code, name in Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            folded = fold(name)
            if _CJK.search(folded) or re.fullmatch(r"[^\W\d_]{4,}", folded):
                names.setdefault(code, set()).add(folded)
    return {code: tuple(sorted(v)) for code, v in names.items()}


# Common words that look like a country's name or stem: Russian/Ukrainian "того" (Togo),
# Portuguese "câmara" (Camarões), "domínio" (Dominica).
_LOOKALIKES = {"того", "camara", "camaras", "dominio", "dominios"}

# Groupings and pseudo-territories of the CLDR, not countries one cooperates with.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
