"""Load stage: read the documents of the knowledge folder.

Layout: one sub-folder per document, holding `document.json` (metadata) and text files with
one paragraph per line: the original, kept verbatim, and optional unofficial translations
aligned paragraph by paragraph. The copyright notice is metadata: when the original (or a
translation) ends with it, that paragraph is kept in the file but never answered from.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.text import Span, paragraphs
from bot.language.supported import SUPPORTED

logger = logging.getLogger(__name__)

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
    """Every document under `knowledge_dir`, sorted by id."""
    if not knowledge_dir.is_dir():
        raise KnowledgeError(f"knowledge folder not found: {knowledge_dir}")
    folders = sorted(p.parent for p in knowledge_dir.glob(f"*/{METADATA_FILE}"))
    return [load_document(folder, knowledge_dir) for folder in folders]


def load_document(folder: Path, knowledge_dir: Path) -> Document:
    meta_path = folder / METADATA_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read {meta_path}: {exc}") from exc
    if not isinstance(meta, dict):
        raise KnowledgeError(f"{meta_path}: expected a JSON object, found a {type(meta).__name__}")
    for key in ("title", "source", "language", "original", "notice"):
        if not meta.get(key) or not isinstance(meta[key], str):
            raise KnowledgeError(f"{meta_path}: missing '{key}' (a text)")
    if meta["language"] not in SUPPORTED:
        raise KnowledgeError(f"{meta_path}: unknown language {meta['language']!r}; allowed: {', '.join(SUPPORTED)}")
    specs = meta.get("translations") or {}
    if not isinstance(specs, dict):
        raise KnowledgeError(f"{meta_path}: 'translations' must map language codes to {{\"file\": ...}} objects")

    notice = meta["notice"].strip()
    original_path = _inside(folder, meta["original"], knowledge_dir, meta_path)
    original_spans, original_hash = _read_paragraphs(original_path)
    notice_in_file = original_spans[-1].text == notice
    if notice_in_file:
        original_spans = original_spans[:-1]
    original = SourceText(meta["language"], meta["title"], _relative(original_path, knowledge_dir),
                          original_spans, notice, True, original_hash)

    translations = {}
    for lang, spec in sorted(specs.items()):
        try:
            translations[lang] = _translation(lang, spec, original, notice_in_file, folder, knowledge_dir, meta_path)
        except KnowledgeError as exc:  # one bad translation does not keep the document out of the index
            logger.warning("translation refused, the rest of the document is indexed: %s", exc)
    return Document(
        doc_id=folder.name,
        source=meta["source"],
        url=meta.get("url", ""),
        context=meta.get("context", ""),
        original=original,
        translations=translations,
    )


def _translation(lang: str, spec: object, original: SourceText, notice_in_file: bool, folder: Path,
                 knowledge_dir: Path, meta_path: Path) -> SourceText:
    if lang not in SUPPORTED:
        raise KnowledgeError(f"{meta_path}: unknown translation language {lang!r}; allowed: {', '.join(SUPPORTED)}")
    if lang == original.language:
        raise KnowledgeError(f"{meta_path}: translation into the original's own language '{lang}'")
    if not isinstance(spec, dict) or not isinstance(spec.get("file"), str) or not spec["file"]:
        raise KnowledgeError(f"{meta_path}: translation '{lang}' needs a \"file\"")
    path = _inside(folder, spec["file"], knowledge_dir, meta_path)
    spans, sha = _read_paragraphs(path)
    # A translation translates every paragraph of the original file, the notice line included.
    expected = len(original.paragraphs) + (1 if notice_in_file else 0)
    if len(spans) != expected:
        raise KnowledgeError(
            f"{_relative(path, knowledge_dir)}: {len(spans)} paragraphs, the original "
            f"{original.source_file} has {expected}; translations must be aligned paragraph by paragraph"
        )
    translated_notice = spans.pop().text if notice_in_file else ""
    title = spec.get("title") if isinstance(spec.get("title"), str) and spec.get("title") else original.title
    return SourceText(lang, title, _relative(path, knowledge_dir), spans, translated_notice, False, sha)


def _inside(folder: Path, name: str, knowledge_dir: Path, meta_path: Path) -> Path:
    """`folder / name`, refused when it leads outside the knowledge folder (`..`, absolute paths, links)."""
    path = (folder / name).resolve()
    if not path.is_relative_to(knowledge_dir.resolve()):
        raise KnowledgeError(f"{meta_path}: {name!r} is outside the knowledge folder; only files inside it are read")
    return path


def _read_paragraphs(path: Path) -> tuple[list[Span], str]:
    try:
        raw = path.read_bytes()
        spans = paragraphs(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc
    if not spans:
        raise KnowledgeError(f"{path}: no text")
    return spans, hashlib.sha256(raw).hexdigest()


def _relative(path: Path, knowledge_dir: Path) -> str:
    return path.relative_to(knowledge_dir.resolve()).as_posix()
