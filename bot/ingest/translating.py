"""`amf-bot translate`: find a document, check the languages asked for, translate it and write the files.

The translation itself is a function given by the caller (the composition root passes a language
model's); this module only knows the documents and their files (`bot.ingest.translations`). Each
language is translated completely in memory before its files are written, so a failure part-way
leaves the languages already finished and nothing of the one that failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.errors import BackendError, BotError, KnowledgeError
from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.core.text import paragraphs
from bot.ingest.formats import SUPPORTED as FORMATS
from bot.ingest.knowledge import METADATA_FILE, Document, load_document, load_file, read_defaults
from bot.ingest.translations import sidecar_path, sidecar_text, write_atomically, write_folder_translation
from bot.language.supported import SUPPORTED as LANGUAGES

Translate = Callable[[list[str], str, str], list[str]]
"""(paragraphs, source language, target language) → the paragraphs translated, aligned one for one."""


@dataclass(frozen=True)
class Target:
    """A document to translate: where it lives and what the loader makes of it."""

    document: Document
    path: Path  # its folder (folder format) or its file (a dropped file)

    @property
    def is_folder(self) -> bool:
        return self.path.is_dir()


def parse_languages(value: str | list[str]) -> list[str]:
    """`it,es` (or a list) as checked language codes, in order, once each."""
    items = value.split(",") if isinstance(value, str) else value
    languages = list(dict.fromkeys(code.strip().lower() for code in items if code.strip()))
    unknown = [code for code in languages if code not in LANGUAGES]
    if unknown or not languages:
        raise BotError(f"unsupported target language(s): {', '.join(unknown) or '(none given)'}; "
                       f"allowed: {', '.join(LANGUAGES)}")
    return languages


def find_document(knowledge_dir: Path, reference: str, pdf_parser: str = "pdfium",
                  cache_dir: Path | None = None, limits: ReadingLimits = DEFAULT_LIMITS) -> Target:
    """The document `reference` names: its id, its folder or file (relative to the knowledge folder or not)."""
    root = knowledge_dir.resolve()
    path = _located(knowledge_dir, reference)
    if path is None or not path.resolve().is_relative_to(root):
        raise KnowledgeError(f"no document {reference!r} in {knowledge_dir}: give a document id "
                             f"(a folder's name, or a dropped file's path inside the knowledge folder)")
    if path.is_dir():
        return Target(load_document(path, knowledge_dir, limits), path)
    if path.suffix.lower() not in FORMATS:
        raise KnowledgeError(f"{reference}: not a document (supported: {', '.join(FORMATS)} or a folder with {METADATA_FILE})")
    return Target(load_file(path, knowledge_dir, read_defaults(knowledge_dir, limits), pdf_parser, cache_dir, limits), path)


def _located(knowledge_dir: Path, reference: str) -> Path | None:
    for candidate in (Path(reference), knowledge_dir / reference):
        if candidate.is_file() or (candidate / METADATA_FILE).is_file():
            return candidate
    folders = [m.parent for m in sorted(knowledge_dir.rglob(METADATA_FILE)) if m.parent.name == reference]
    return folders[0] if folders else None


def check_languages(document: Document, languages: list[str]) -> None:
    """Refuse the document's own language and languages with a human (or reviewed) translation."""
    if document.original.language in languages:
        raise BotError(f"{document.doc_id} is written in {document.original.language}: choose other languages")
    reviewed = [code for code in languages
                if code in document.translations and not document.translations[code].machine]
    if reviewed:
        raise BotError(f"{document.doc_id} already has a human or reviewed translation into {', '.join(reviewed)} "
                       f"({', '.join(document.translations[c].source_file for c in reviewed)}); it is not replaced")


def translate_target(target: Target, knowledge_dir: Path, languages: list[str], translate: Translate,
                     progress: Callable[[str], None] | None = None) -> list[Path]:
    """Translate the document into each language and write its files; the paths written, in order.

    A BackendError names the languages finished before the failure (their files stay).
    """
    check_languages(target.document, languages)
    written: list[Path] = []
    for language in languages:
        try:
            written.append(_translate_one(target, knowledge_dir, language, translate))
        except BackendError as exc:
            done = f" (written before it: {', '.join(str(p) for p in written)})" if written else ""
            raise BackendError(f"{exc}{done}") from exc
        if progress:
            progress(f"{language}: {written[-1]}")
    return written


def _translate_one(target: Target, knowledge_dir: Path, language: str, translate: Translate) -> Path:
    original = target.document.original
    if target.is_folder:
        # Every line of the original file, its notice line included, as the folder format aligns them.
        lines = [span.text for span in paragraphs((knowledge_dir / original.source_file).read_text(encoding="utf-8-sig"))]
        title, *translated = _translated([original.title, *lines], original.language, language, translate)
        return write_folder_translation(target.path, METADATA_FILE, language, title, translated)
    originals = [span.text for span in original.paragraphs]
    items = [original.title, *originals, *([original.notice] if original.notice else [])]
    title, *translated = _translated(items, original.language, language, translate)
    notice = translated.pop() if original.notice else ""
    path = sidecar_path(target.path, language)
    write_atomically(path, sidecar_text(language, title, notice, originals, translated))
    return path


def _translated(items: list[str], source: str, language: str, translate: Translate) -> list[str]:
    out = translate(items, source, language)
    if len(out) != len(items):  # the translator checks this already; a file is never written misaligned
        raise BackendError(f"{len(out)} paragraphs translated into {language} for {len(items)}")
    return out
