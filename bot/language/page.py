"""The chat page's own words (title, introduction, labels, feedback), typed, in the eleven languages.

The answers speak the visitor's language on their own; these are the page around them. Gradio's
`I18n` picks the browser's language (or the page's language switch); `GRADIO_KEYS` also replaces
the words of Gradio's own chat buttons so that no control stays in English.
"""

from __future__ import annotations

from dataclasses import asdict

from bot.language.supported import SUPPORTED
from bot.language.packs import gathered
from bot.language.texts import PageText

# Gradio's own chat words, replaced by ours (its keys, our fields).
GRADIO_KEYS = {
    "chatbot.copy_message": "copy", "chatbot.copied_message": "copied", "chatbot.like": "like",
    "chatbot.dislike": "dislike", "chatbot.clear": "clear", "chatbot.submit": "send",
}

# Why a visitor gave a thumbs-down: stored key → the field naming it.
REASONS = {"wrong": "reason_wrong", "incomplete": "reason_incomplete", "language": "reason_language",
           "other": "reason_other"}


PAGE_TEXT: dict[str, PageText] = gathered("PAGE_TEXT")

PAGE_LANGUAGES = tuple(SUPPORTED)


def page_text(language: str | None) -> PageText:
    """The page's words in `language`, English for any other."""
    return PAGE_TEXT.get(language or "", PAGE_TEXT["en"])


def translations() -> dict[str, dict[str, str]]:
    """Every language's words for Gradio's `I18n`: our keys, and Gradio's own chat keys."""
    result = {}
    for language, text in PAGE_TEXT.items():
        words = asdict(text)
        result[language] = {**words, **{key: words[field] for key, field in GRADIO_KEYS.items()}}
    return result
