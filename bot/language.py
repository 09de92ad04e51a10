"""Offline language identification of questions, restricted to the languages the assistant speaks."""

from __future__ import annotations

import re

SUPPORTED = ("fr", "en", "it", "es", "de", "pt", "ro", "ko", "ja", "ru", "uk")
DEFAULT = "fr"

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_ROMANIAN_ONLY = re.compile(r"[șțȘȚşţ]")

_identifiers: dict[tuple[str, ...], object] = {}


def detect_language(text: str, default: str = DEFAULT) -> str:
    """ISO 639-1 code of `text` among SUPPORTED; scripts decide first, py3langid decides the rest."""
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text) or _HAN.search(text):
        return "ja"
    if _CYRILLIC.search(text):
        if _UKRAINIAN_ONLY.search(text) and not _RUSSIAN_ONLY.search(text):
            return "uk"
        if _RUSSIAN_ONLY.search(text) and not _UKRAINIAN_ONLY.search(text):
            return "ru"
        return _classify(text, ("ru", "uk")) or "ru"
    if _ROMANIAN_ONLY.search(text):
        return "ro"
    if not re.search(r"[^\W\d_]{2,}", text):
        return default
    return _classify(text, tuple(l for l in SUPPORTED if l not in ("ko", "ja", "ru", "uk"))) or default


def _classify(text: str, languages: tuple[str, ...]) -> str | None:
    identifier = _identifiers.get(languages)
    if identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
        identifier.set_languages(list(languages))
        _identifiers[languages] = identifier
    language, _ = identifier.classify(text)
    return language
