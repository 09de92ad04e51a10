"""Offline language identification of questions, restricted to the languages the assistant speaks."""

from __future__ import annotations

import re
import threading

from bot.language.patterns import LATIN_LANGUAGES, QUESTION_WORDS
from bot.language.supported import DEFAULT, SCRIPTS, SUPPORTED

__all__ = ["DEFAULT", "SUPPORTED", "conversation_language", "detect_language"]

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_ROMANIAN_ONLY = re.compile(r"[șțȘȚşţ]")

_identifiers: dict[tuple[str, ...], object] = {}
_loading = threading.Lock()  # a start may load it in the background (see `bot.assembly`): load it once


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
        ranked = _rank(text, ("ru", "uk"))
        return max(ranked, key=ranked.get)
    if _ROMANIAN_ONLY.search(text):
        return "ro"
    if not re.search(r"[^\W\d_]{2,}", text):
        return default
    words = _without_names(text)
    probabilities = _rank(words, LATIN_LANGUAGES)
    # Short questions give the classifier little to go on; words only one language uses decide ties.
    for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", words.lower()):
        for language, markers in QUESTION_WORDS.items():
            if word in markers:
                probabilities[language] = probabilities.get(language, 0.0) + 0.3
    return max(probabilities, key=probabilities.get) if probabilities else default


def _without_names(text: str) -> str:
    """The question without its names ("Qui est Smangaliso Mkahtshwa ?" reads as Italian otherwise).

    Capitalised words after the first, and acronyms, say nothing of the language; they are
    dropped unless nothing would be left.
    """
    words = text.split()
    kept = [w for i, w in enumerate(words) if i == 0 or not (w[:1].isupper() or w.isupper())]
    return " ".join(kept) if re.search(r"[^\W\d_]{2,}", " ".join(kept)) else text


def _rank(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """py3langid's probability for each of `languages`."""
    identifier = _identifiers.get(languages)
    if identifier is None:
        with _loading:
            identifier = _identifiers.get(languages) or _load_identifier(languages)
    return {language: float(p) for language, p in identifier.rank(text)}


def _load_identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    _identifiers[languages] = identifier
    return identifier


SHORT_FOLLOW_UP_WORDS = 4  # below this, a follow-up keeps the language of the conversation


def conversation_language(question: str, history: list[str]) -> str:
    """The language to answer `question` in, after the visitor's earlier questions `history` (oldest first).

    Language identification guesses poorly on two or three words ("Et lui ?" reads as Romanian),
    so a very short follow-up keeps the conversation's language; a switch of script (to Japanese,
    say) is taken as meant.
    """
    language = None
    for text in [*history, question]:
        language = _turn_language(text, language)
    return language or DEFAULT


def _turn_language(text: str, previous: str | None) -> str:
    detected = detect_language(text, default=previous or DEFAULT)
    short = len(text.split()) < SHORT_FOLLOW_UP_WORDS
    if previous and short and detected != previous and SCRIPTS[detected] == SCRIPTS[previous]:
        return previous
    return detected
