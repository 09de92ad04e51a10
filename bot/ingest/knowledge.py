"""Load stage: read the documents of the knowledge folder.

Layout: one sub-folder per document, holding `document.json` (metadata) and text files with
one paragraph per line: the original, kept verbatim, and optional unofficial translations
aligned paragraph by paragraph. The copyright notice is metadata: when the original (or a
translation) ends with it, that paragraph is kept in the file but never answered from.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.text import Span, paragraphs
from bot.ingest.validated import VALIDATED_FOLDER

METADATA_FILE = "document.json"


@dataclass(frozen=True)
class SourceText:
    """One file of a document: the original or a translation."""

    language: str
    title: str
    source_file: str  # relative to the knowledge folder
    paragraphs: list[Span]  # content paragraphs, the notice excluded
    notice: str
    is_original: bool
    sha256: str


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    url: str
    context: str
    original: SourceText
    translations: dict[str, SourceText] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Hash of everything the index is built from: metadata and every text file."""
        parts = [self.source, self.url, self.original.sha256, self.original.title, self.original.notice]
        for lang in sorted(self.translations):
            t = self.translations[lang]
            parts += [lang, t.sha256, t.title, t.notice]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def load_knowledge(knowledge_dir: Path) -> list[Document]:
    """Every document under `knowledge_dir`, sorted by id (the validated answers' folder is not a document)."""
    if not knowledge_dir.is_dir():
        raise KnowledgeError(f"knowledge folder not found: {knowledge_dir}")
    folders = sorted(p.parent for p in knowledge_dir.glob(f"*/{METADATA_FILE}") if p.parent.name != VALIDATED_FOLDER)
    return [load_document(folder, knowledge_dir) for folder in folders]


def load_document(folder: Path, knowledge_dir: Path) -> Document:
    meta_path = folder / METADATA_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read {meta_path}: {exc}") from exc
    for key in ("title", "source", "language", "original", "notice"):
        if not meta.get(key):
            raise KnowledgeError(f"{meta_path}: missing '{key}'")

    notice = meta["notice"].strip()
    original_spans, original_hash = _read_paragraphs(folder / meta["original"])
    notice_in_file = original_spans[-1].text == notice
    if notice_in_file:
        original_spans = original_spans[:-1]
    original = SourceText(meta["language"], meta["title"], _relative(folder / meta["original"], knowledge_dir),
                          original_spans, notice, True, original_hash)

    translations = {}
    for lang, spec in sorted((meta.get("translations") or {}).items()):
        path = folder / spec["file"]
        if lang == original.language:
            raise KnowledgeError(f"{meta_path}: translation into the original's own language '{lang}'")
        spans, sha = _read_paragraphs(path)
        # A translation translates every paragraph of the original file, the notice included.
        translated_notice = spans.pop().text if notice_in_file and len(spans) == len(original_spans) + 1 else ""
        if len(spans) != len(original_spans):
            raise KnowledgeError(
                f"{path}: {len(spans)} content paragraphs, the original has {len(original_spans)}; "
                "translations must be aligned paragraph by paragraph"
            )
        translations[lang] = SourceText(lang, spec.get("title") or meta["title"], _relative(path, knowledge_dir),
                                        spans, translated_notice, False, sha)
    return Document(
        doc_id=folder.name,
        source=meta["source"],
        url=meta.get("url", ""),
        context=meta.get("context", ""),
        original=original,
        translations=translations,
    )


def _read_paragraphs(path: Path) -> tuple[list[Span], str]:
    try:
        raw = path.read_bytes()
        spans = paragraphs(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc
    if not spans:
        raise KnowledgeError(f"{path}: no text")
    return spans, hashlib.sha256(raw).hexdigest()


def _relative(path: Path, knowledge_dir: Path) -> str:
    return path.relative_to(knowledge_dir).as_posix()
