"""The languages the assistant speaks, and the one way to read a per-language table.

Every table of this package covers every supported language (a unit test checks it): each language's entries
are its language pack's (bot/language/packs/<code>.py), gathered by table. A language
outside them is an explicit choice of the caller: `for_language` raises `UnsupportedLanguage`
unless it is given the fallback to use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

from bot.language.packs import CODES, gathered

SUPPORTED = CODES  # one language pack each (bot/language/packs/)
DEFAULT = "fr"
"""The knowledge base's own language: the answer language when a question has no words to detect."""

Script = Literal["latin", "hangul", "cjk", "cyrillic"]

SCRIPTS: dict[str, Script] = gathered("SCRIPT")

ENGLISH_NAMES: dict[str, str] = gathered("ENGLISH_NAME")

COUNTED_IN_CHARACTERS: frozenset[str] = frozenset(code for code, yes in gathered("COUNTED_IN_CHARACTERS").items() if yes)
"""A length is counted in characters, not in space-separated words."""
HEAD_FINAL: frozenset[str] = frozenset(code for code, yes in gathered("HEAD_FINAL").items() if yes)
"""What a phrase governs comes before it ("한국 외에": the excluded words precede "외에")."""
CAPITALISES_NOUNS: frozenset[str] = frozenset(code for code, yes in gathered("CAPITALISES_NOUNS").items() if yes)
"""Common nouns take a capital: a capital letter says nothing about a name."""

T = TypeVar("T")


class UnsupportedLanguage(ValueError):
    """A per-language table was asked for a language it does not cover, with no fallback chosen."""


def for_language(table: Mapping[str, T], language: str, fallback: str | None = None) -> T:
    """`table[language]`; for another language, `table[fallback]` if the caller chose one, else an error."""
    if language in table:
        return table[language]
    if fallback is not None:
        return table[fallback]
    raise UnsupportedLanguage(f"unsupported language {language!r}; supported: {', '.join(SUPPORTED)}")


def english_name(language: str) -> str:
    """The language's English name for the model's instructions.

    A document may hold a version in a language the assistant does not speak: its code stands for its name.
    """
    return ENGLISH_NAMES.get(language, language)
