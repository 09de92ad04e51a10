"""What the assistant says in its own words, in each language it speaks (typed: one `Messages` per language)."""

from __future__ import annotations

from bot.language.supported import for_language
from bot.language.packs import gathered
from bot.language.texts import Messages, ModelNotes

MESSAGES: dict[str, Messages] = gathered("MESSAGES")

MODEL_NOTES: dict[str, ModelNotes] = gathered("MODEL_NOTES")


def messages(language: str, fallback: str | None = None) -> Messages:
    """The assistant's words in `language`; an unsupported language raises unless a `fallback` is chosen."""
    return for_language(MESSAGES, language, fallback)


def quote_original(language: str, original_language: str) -> str:
    """The lead-in of a quoted original, naming its language (from the Unicode CLDR) in `language`."""
    from babel import Locale

    name = Locale.parse(language).languages.get(original_language, original_language)
    return messages(language).quote_original.format(language=name)


def translation_label(language: str, machine: bool) -> str:
    """How a translation is labelled in `language`: unofficial, or machine-made and unofficial."""
    said = messages(language)
    return said.machine_translation if machine else said.unofficial


def model_notes(language: str) -> ModelNotes:
    return for_language(MODEL_NOTES, language)


def not_found_text(language: str) -> str:
    said = messages(language)
    examples = "\n".join(f"- {q}" for q in said.examples)
    return f"{said.not_found}\n{examples}"


# When the passages found do not state what the question asks (a number, a date, an amount, a name, the
# countries of a list): what the documents do not give, then the nearest passage they do give, cited.
NOT_STATED: dict[str, str] = gathered("NOT_STATED")
ASKED_KINDS: dict[str, dict[str, str]] = gathered("ASKED_KINDS")
# Leads the countries a list question asks for, named in the visitor's language, each with its citation.
COUNTRIES_NAMED: dict[str, str] = gathered("COUNTRIES_NAMED")


def not_stated_text(language: str, kind: str, year: str = "") -> str:
    """The lead of a reply whose passages do not state the `kind` asked ("quantity", "date", "money", "person",
    "name", "expansion", "population", "names", "people", "founding", "countries"), or do not speak of the `year` asked (kind "year")."""
    return for_language(NOT_STATED, language).format(what=for_language(ASKED_KINDS, language)[kind].format(year=year))


def country_name(code: str, language: str) -> str:
    """The country's name in `language` (Unicode CLDR)."""
    from babel import Locale

    return Locale.parse(language).territories.get(code, code)
