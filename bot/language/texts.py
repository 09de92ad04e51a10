"""The typed forms of what the assistant says in a language: its messages, its notes, its page's words
(each language's own in its pack, bot/language/packs/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Messages:
    quote_original: str
    """Leads a quote of the original when no translation in the visitor's language exists; `{language}`
    is the original's language, named in the visitor's language (see `quote_original`)."""
    not_found: str
    empty: str
    too_long: str
    """With `{limit}`, the longest question accepted."""
    bad_request: str
    """A request that cannot be read (not text, a bad id or history, a malformed line)."""
    failed: str
    """The service failed while answering: try again."""
    unofficial: str
    machine_translation: str
    """Labels a translation written by a language model that no one at AMF has reviewed."""
    validated: str
    """With `{date}`, the label of an answer AMF staff validated."""
    validated_original: str
    """Leads the French text of a validated answer when staff wrote none in the visitor's language."""
    sources: str
    examples: tuple[str, ...]
    """Questions the knowledge base answers: suggestions, and the examples of the not-found reply."""


@dataclass(frozen=True)
class ModelNotes:
    """The note above the passages when the language model could not give the answer."""

    late: str
    unavailable: str
    unusable: str


@dataclass(frozen=True)
class PageText:
    title: str
    intro: str
    chat_label: str
    empty_chat: str
    placeholder: str
    question_label: str
    send: str
    clear: str
    examples: str
    suggestions: str
    footer: str
    language: str
    copy: str
    copied: str
    like: str
    dislike: str
    thanks: str
    reason_prompt: str
    reason_wrong: str
    reason_incomplete: str
    reason_language: str
    reason_other: str
    reason_detail: str
    reason_send: str
    reason_thanks: str
    question: str
    answer: str
    open_source: str
    context: str
    download: str
