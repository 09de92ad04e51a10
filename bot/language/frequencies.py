"""How often each language uses a word, from wordfreq's word lists (shipped inside the package, read offline).

A character-n-gram classifier has little to go on in a short question: "O que significa a sigla X?" is
nearly as Spanish as Portuguese to py3langid. Its words say more: "o" is Portugal's and Brazil's
commonest word and a rare one in Spanish. `log_likelihoods` gives, for each language, the log of how
likely the question's words are in it (a unigram model), which `detection` adds to py3langid's log
probability. A word a language's list lacks counts at `FLOOR`, below the lists' smallest frequency; a
word typed without its accents ("cooperacao", "quien") is read as its commonest accented form.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections.abc import Iterable

FLOOR = 1e-7  # the frequency of a word a language's list lacks; wordfreq's 'small' lists stop near 1e-6
_LOG_FLOOR = math.log(FLOOR)

_tables: dict[str, dict[str, float]] = {}
_loading = threading.Lock()


def unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def log_likelihoods(words: Iterable[str], languages: Iterable[str]) -> dict[str, float]:
    """For each of `languages`, the sum of the log frequencies of `words` (lowercase) in it."""
    words = list(words)
    scores = {}
    for language in languages:
        table = _table(language)
        scores[language] = sum(table.get(w, _LOG_FLOOR) for w in words)
    return scores


def load(languages: Iterable[str]) -> None:
    """Read the word lists of `languages` now (about 0.05 s each) rather than at the first question."""
    for language in languages:
        _table(language)


def _table(language: str) -> dict[str, float]:
    """The natural log of each word's frequency in `language`."""
    table = _tables.get(language)
    if table is None:
        with _loading:
            table = _tables.get(language) or _read(language)
            _tables[language] = table
    return table


def _read(language: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict  # imported on first use: it costs 0.15 s

    frequencies = get_frequency_dict(language, wordlist="small")
    table = dict(frequencies)
    for word, frequency in frequencies.items():
        bare = unaccented(word)
        if bare != word and frequency > table.get(bare, 0.0):
            table[bare] = frequency
    return {word: math.log(frequency) for word, frequency in table.items()}
