"""How often each language uses a word, from wordfreq's word lists (shipped inside the package, read offline).

A character-n-gram classifier has little to go on in a short question: "O que significa a sigla X?" is
nearly as Spanish as Portuguese to py3langid. Its words say more: "o" is Portugal's and Brazil's
commonest word and a rare one in Spanish. `log_likelihoods` gives, for each language, the log of how
likely the question's words are in it (a unigram model), which `detection` adds to py3langid's log
probability. A word a language's list lacks counts at `FLOOR`, below the lists' smallest frequency; a
word typed without its accents ("cooperacao", "quien") is read as its commonest accented form.

wordfreq's lists (about 400,000 words for the nine languages told apart by their words) take 0.8 s of
CPU and 80 MB as Python dictionaries. They are read once into one table — each word's 64-bit hash, sorted,
and its log frequency in each language — kept in the cache folder as two NumPy files and memory-mapped
at every start (a few milliseconds, a few MB); a question's words are looked up in one search.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from bot.core.files import save_arrays_atomically

FLOOR = 1e-7  # the frequency of a word a language's list lacks; wordfreq's 'small' lists stop near 1e-6
_LOG_FLOOR = math.log(FLOOR)
_FILES = ("hashes", "logs")


class _Table:
    """Log frequencies by word hash: `hashes` sorted (n,), `logs` (n, languages), float32."""

    def __init__(self, languages: tuple[str, ...], hashes: np.ndarray, logs: np.ndarray):
        self.languages = languages
        self.column = {language: i for i, language in enumerate(languages)}
        self.hashes = hashes
        self.logs = logs

    def rows(self, words: list[str]) -> np.ndarray:
        """The log frequencies of `words` (len(words), languages), `FLOOR`'s for a word no list has."""
        if not words:
            return np.zeros((0, len(self.languages)), dtype=np.float32)
        keys = np.array([word_hash(w) for w in words], dtype=np.uint64)
        at = np.minimum(np.searchsorted(self.hashes, keys), len(self.hashes) - 1)
        found = self.hashes[at] == keys
        rows = np.full((len(words), len(self.languages)), _LOG_FLOOR, dtype=np.float32)
        rows[found] = self.logs[at[found]]
        return rows


_tables: dict[tuple[str, ...], _Table] = {}
_loading = threading.Lock()


def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def log_likelihoods(words: Iterable[str], languages: Iterable[str]) -> dict[str, float]:
    """For each of `languages`, the sum of the log frequencies of `words` (lowercase) in it."""
    languages = tuple(languages)
    table = _table_for(languages)
    sums = table.rows(list(words)).sum(axis=0, dtype=np.float64)
    return {language: float(sums[table.column[language]]) for language in languages}


def load(languages: Iterable[str], cache: Path | None = None) -> None:
    """Read the word lists of `languages` now rather than at the first question. With `cache`, the table is kept
    there (written on first use, for this version of wordfreq) and memory-mapped from it at later starts."""
    languages = tuple(sorted(languages))
    with _loading:
        if _covering(languages) is None:  # checked again under the lock: another thread may have just loaded them
            _tables[languages] = _stored(cache, languages) if cache is not None else _read(languages)


def has_word_lists(languages: Iterable[str]) -> bool:
    return _covering(tuple(languages)) is not None


def _covering(languages: tuple[str, ...]) -> _Table | None:
    return next((table for covered, table in list(_tables.items()) if set(languages) <= set(covered)), None)


def _table_for(languages: tuple[str, ...]) -> _Table:
    """A loaded table covering `languages` (loaded now, without a cache, if none does)."""
    table = _covering(languages)
    if table is None:
        load(languages)
        table = _covering(languages)
    return table


def _read(languages: tuple[str, ...]) -> _Table:
    from wordfreq import get_frequency_dict  # imported on first use: it costs 0.15 s

    by_word: dict[str, np.ndarray] = {}
    for column, language in enumerate(languages):
        frequencies = get_frequency_dict(language, wordlist="small")
        table = dict(frequencies)
        for word, frequency in frequencies.items():
            bare = unaccented(word)
            if bare != word and frequency > table.get(bare, 0.0):
                table[bare] = frequency
        for word, frequency in table.items():
            row = by_word.get(word)
            if row is None:
                row = by_word[word] = np.full(len(languages), _LOG_FLOOR, dtype=np.float32)
            row[column] = math.log(frequency)
    hashes = np.array([word_hash(w) for w in by_word], dtype=np.uint64)
    order = np.argsort(hashes)
    logs = np.stack(list(by_word.values()))[order] if by_word else np.zeros((0, len(languages)), np.float32)
    return _Table(languages, hashes[order], logs)


def _folder(cache: Path, languages: tuple[str, ...]) -> Path:
    from importlib.metadata import version

    key = hashlib.sha256(f"{version('wordfreq')}|{','.join(languages)}".encode()).hexdigest()[:16]
    return cache / f"word-frequencies-{key}"


def _stored(cache: Path, languages: tuple[str, ...]) -> _Table:
    folder = _folder(cache, languages)
    try:
        hashes, logs = (np.load(folder / f"{name}.npy", mmap_mode="r") for name in _FILES)
        if logs.shape == (len(hashes), len(languages)):
            return _Table(languages, hashes, logs)
    except (OSError, ValueError):
        pass
    shutil.rmtree(folder, ignore_errors=True)  # missing or damaged: written again from wordfreq's lists
    table = _read(languages)
    save_arrays_atomically(folder, dict(zip(_FILES, (table.hashes, table.logs))))
    return table
