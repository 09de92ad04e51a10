"""The languages the assistant speaks, and the one way to read a per-language table.

Every table of this package covers every supported language (a unit test checks it). A language
outside them is an explicit choice of the caller: `for_language` raises `UnsupportedLanguage`
unless it is given the fallback to use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

SUPPORTED = ("fr", "en", "it", "es", "de", "pt", "ro", "ko", "ja", "ru", "uk")
DEFAULT = "fr"
"""The knowledge base's own language: the answer language when a question has no words to detect."""

Script = Literal["latin", "hangul", "cjk", "cyrillic"]

SCRIPTS: dict[str, Script] = {
    "fr": "latin", "en": "latin", "it": "latin", "es": "latin", "de": "latin", "pt": "latin", "ro": "latin",
    "ko": "hangul", "ja": "cjk", "ru": "cyrillic", "uk": "cyrillic",
}

ENGLISH_NAMES: dict[str, str] = {
    "fr": "French", "en": "English", "it": "Italian", "es": "Spanish", "de": "German", "pt": "Portuguese",
    "ro": "Romanian", "ko": "Korean", "ja": "Japanese", "ru": "Russian", "uk": "Ukrainian",
}

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
