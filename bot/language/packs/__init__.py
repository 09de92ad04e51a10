"""One language pack per supported language: `bot/language/packs/<code>.py` holds every word, pattern
and message the assistant needs to read and speak that language — its script, its question patterns, its
number words, its region names, its messages and its page's words. The tables of `bot.language` gather
them (`gathered`): `patterns.HOW_MANY["de"]` is `packs.de.HOW_MANY`.

A twelfth language is data: a new pack (a copy of one, its values translated) and its code in
`supported.SUPPORTED`; tests/unit/test_language_tables.py checks that every pack defines the names the
French one does (only the Latin-script question words are left out of that check, by name; a table a language
has no use for is defined empty, as the city suffixes of all but Japanese and Korean).
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

# The languages with a pack, in the order the tables list them (`supported.SUPPORTED` is this tuple).
CODES = ("fr", "en", "it", "es", "de", "pt", "ro", "ko", "ja", "ru", "uk")


@cache
def pack(code: str) -> ModuleType:
    """The language pack of `code`."""
    return importlib.import_module(f"{__name__}.{code}")


def gathered(name: str) -> dict:
    """The table `name`: each pack's value of `name`, by language code (packs without one left out)."""
    return {code: getattr(pack(code), name) for code in CODES if hasattr(pack(code), name)}
