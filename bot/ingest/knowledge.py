"""Load stage: read the documents of the knowledge folder.

Two ways to add a document:
- a folder holding `document.json` (metadata) and text files with one paragraph per line: the
  original, kept verbatim, and optional unofficial translations aligned paragraph by paragraph
  (the way to add human translations);
- any PDF, DOCX, HTML, Markdown or text file dropped anywhere else in the folder, read by
  `bot.ingest.formats`. Its source, language and notice come from `_defaults.json` at the top of
  the knowledge folder, overridden by an optional sidecar `<file name>.json` (title, source, url,
  date, language, notice); a language given by neither is detected from the text. Its
  translations are sidecars `<file name>.<language>.json` (see `bot.ingest.translations`), used
  only while they match the file's current paragraphs.

The copyright notice is metadata: when the original (or a translation) ends with it, that
paragraph is kept in the file but never answered from. Loading never stops at a bad file: the
`LoadReport` names each one with its reason, lists unsupported files as skipped and content
found twice as duplicates. Only files inside the knowledge folder are read (links leading out
of it are refused), each within the reading limits (`ReadingLimits`: sizes are checked before
reading, a notice or a metadata value longer than its limit is refused with the reason).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.core.text import Span, fold, paragraphs
from bot.ingest.formats import SUPPORTED, VERSION, Block, Extracted, check_size, extract, megabytes
from bot.ingest.run_report import printable
from bot.ingest.translations import content_hash, read_sidecar, sidecar_path, translated_file
from bot.ingest.validated import VALIDATED_FOLDER
from bot.language.detection import SUPPORTED as LANGUAGES
from bot.language.detection import detect_language

METADATA_FILE = "document.json"
DEFAULTS_FILE = "_defaults.json"
SIDECAR_SUFFIX = ".json"
SIDECAR_KEYS = ("title", "source", "url", "date", "language", "notice")
MAX_FIELD_CHARS = 1000  # a metadata value other than the notice (title, source, url, date, context)


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
    pages: tuple[int | None, ...] = ()  # per paragraph, for PDFs
    headings: tuple[str, ...] = ()  # per paragraph: the heading path it sits under
    machine: bool = False  # a machine translation not reviewed yet


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str
    url: str
    context: str
    original: SourceText
    translations: dict[str, SourceText] = field(default_factory=dict)
    date: str = ""
    stale: tuple[str, ...] = ()  # translation files left out: their original changed since
    # Passages carry the sentences before them as context: dropped files, whose paragraphs come from
    # their layout (a sentence may go on from the paragraph before); not the folder format, whose
    # paragraphs AMF wrote one per line.
    sentences_before: bool = False

    @property
    def sha256(self) -> str:
        """Hash of everything the index is built from: metadata and every text file."""
        parts = [self.source, self.url, self.original.sha256, self.original.title, self.original.notice]
        for lang in sorted(self.translations):
            t = self.translations[lang]
            parts += [lang, t.sha256, t.title, t.notice, str(t.machine)]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class LoadReport:
    """What a load found: the documents, and every file it could not or would not use."""

    documents: list[Document] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file or folder, reason)
    skipped: list[str] = field(default_factory=list)  # unsupported file types
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the document it repeats)
    stale: list[str] = field(default_factory=list)  # translation files whose original changed since

    @property
    def ok(self) -> bool:
        return bool(self.documents) and not self.failed

    def failed_doc_ids(self) -> set[str]:
        return {name for name, _ in self.failed}

    def lines(self) -> list[str]:
        """What went wrong, one line each (names escaped: a newline in a file name cannot forge a line)."""
        lines = [f"Not indexed: {printable(name)}: {printable(reason)}" for name, reason in self.failed]
        lines += [f"Skipped (unsupported file type): {printable(name)}" for name in self.skipped]
        lines += [f"Indexed once: {printable(name)} has the same content as {printable(first)}"
                  for name, first in self.duplicates]
        lines += [f"Translation not used: {printable(name)} no longer matches its original, which changed "
                  "(run `amf-bot translate` again or update it)" for name in self.stale]
        if not self.documents:
            lines.append(f"No document to index: {self.why_empty()}")
        return lines

    def why_empty(self) -> str:
        if self.failed:
            return f"{len(self.failed)} file(s) could not be read (see above)"
        if self.skipped:
            return f"only unsupported files; supported: {', '.join(SUPPORTED)} or a folder with {METADATA_FILE}"
        return f"the knowledge folder is empty; add {', '.join(SUPPORTED)} files or a folder with {METADATA_FILE}"


def load_knowledge(knowledge_dir: Path) -> list[Document]:
    """Every document under `knowledge_dir`, sorted by id; the first unreadable one raises."""
    report = load_folder(knowledge_dir)
    if report.failed:
        name, reason = report.failed[0]
        raise KnowledgeError(f"{name}: {reason}")
    return report.documents


def load_folder(knowledge_dir: Path, pdf_parser: str = "pdfium", cache_dir: Path | None = None,
                limits: ReadingLimits = DEFAULT_LIMITS) -> LoadReport:
    """Every document under `knowledge_dir` (folders first, then dropped files, each sorted), with what failed."""
    if not knowledge_dir.is_dir():
        raise KnowledgeError(f"knowledge folder not found: {knowledge_dir}")
    report = LoadReport()
    root = knowledge_dir.resolve()
    defaults = _defaults(knowledge_dir, report, limits)  # None: unreadable, the dropped files it governs are not read
    folders, files = _walk(knowledge_dir, report)
    seen: dict[str, str] = {}
    for folder in folders:
        name = _relative(folder, knowledge_dir)
        try:
            _add_once(load_document(folder, knowledge_dir, limits), name, report, seen)
        except KnowledgeError as exc:
            report.failed.append((name, _reason(exc, folder)))
    for path in files:
        name = _relative(path, knowledge_dir)
        try:
            if not path.resolve().is_relative_to(root):
                raise KnowledgeError("links outside the knowledge folder are not read")
            if defaults is None:  # without them the file would go out without its source and AMF's notice
                raise KnowledgeError(f"not re-read while {DEFAULTS_FILE} cannot be read (see above); "
                                     "its previously indexed passages are kept")
            _add_once(load_file(path, knowledge_dir, defaults, pdf_parser, cache_dir, limits), name, report, seen)
        except KnowledgeError as exc:
            report.failed.append((name, _reason(exc, path)))
        except Exception as exc:  # noqa: BLE001 - a parser's own error on a malformed file: name it, go on
            report.failed.append((name, f"unreadable ({type(exc).__name__}: {str(exc)[:120]})"))
    return report


def _reason(exc: Exception, path: Path) -> str:
    return str(exc).replace(f"{path}: ", "")


def _add_once(doc: Document, name: str, report: LoadReport, seen: dict[str, str]) -> None:
    """Same text twice (a copied file, one text as both PDF and DOCX): the first one only."""
    key = hashlib.sha256(re.sub(r"\W+", "", fold(" ".join(p.text for p in doc.original.paragraphs))).encode()).hexdigest()
    if key in seen:
        report.duplicates.append((name, seen[key]))
        return
    seen[key] = name
    report.documents.append(doc)
    report.stale.extend(doc.stale)


def _walk(knowledge_dir: Path, report: LoadReport) -> tuple[list[Path], list[Path]]:
    """Document folders (holding document.json, read as a whole) and the other files, sorted; links not followed."""
    folders, files = [], []
    for current, dirs, names in os.walk(knowledge_dir):
        here = Path(current)
        # Hidden folders, and knowledge/validated/: the answers staff validated are not documents.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here == knowledge_dir and d == VALIDATED_FOLDER))
        if here != knowledge_dir and METADATA_FILE in names:
            folders.append(here)
            dirs[:] = []
            continue
        for name in sorted(names):
            path = here / name
            if name.startswith((".", "~$")) or (here == knowledge_dir and name == DEFAULTS_FILE):
                continue  # system and editor lock files; the defaults file
            if name.lower().endswith(SIDECAR_SUFFIX) and ((here / name[: -len(SIDECAR_SUFFIX)]).exists()
                                                          or translated_file(path) is not None):
                continue  # a sidecar (metadata or a translation): read with its file
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                report.skipped.append(_relative(path, knowledge_dir))
    return folders, files


def read_defaults(knowledge_dir: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> dict:
    """What `_defaults.json` gives every dropped file (empty without one); KnowledgeError if unreadable."""
    path = knowledge_dir / DEFAULTS_FILE
    return _metadata_file(path, limits) if path.exists() else {}


def _defaults(knowledge_dir: Path, report: LoadReport, limits: ReadingLimits) -> dict | None:
    """The defaults (empty without the file); None, with the failure reported, when the file is broken."""
    path = knowledge_dir / DEFAULTS_FILE
    if not path.exists():
        return {}
    try:
        return _metadata_file(path, limits)
    except KnowledgeError as exc:
        report.failed.append((DEFAULTS_FILE, _reason(exc, path)))
        return None


def _json_object(path: Path, label: str, limits: ReadingLimits) -> dict:
    """The JSON object in `path` (a byte-order mark accepted); `label` names the file in the messages.
    Its size is checked first: a metadata file holds a notice and a few short values."""
    largest = 4 * (limits.max_notice_chars + 16 * MAX_FIELD_CHARS)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise KnowledgeError(f"cannot read {label}: {exc}") from None
    if size > largest:
        raise KnowledgeError(f"{label}: too large for a metadata file ({megabytes(size)}, at most {megabytes(largest)}; "
                             "the notice may hold up to AMF_BOT_MAX_NOTICE_CHARS characters)")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"cannot read {label}: {exc}") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{label}: expected a JSON object, found a {type(data).__name__}")
    return data


def _metadata_file(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> dict:
    data = _json_object(path, path.name, limits)
    unknown = sorted(set(data) - set(SIDECAR_KEYS))
    if unknown:
        raise KnowledgeError(f"{path.name}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(SIDECAR_KEYS)}")
    language = data.get("language")
    if language and language not in LANGUAGES:
        raise KnowledgeError(f"{path.name}: unknown language {language!r}; allowed: {', '.join(LANGUAGES)}")
    values = {k: str(v).strip() for k, v in data.items() if v}
    _check_lengths(path.name, values, limits)
    return values


def _check_lengths(label: str, values: dict, limits: ReadingLimits) -> None:
    """A notice travels with every answer citing the file, a title with every citation: both stay short."""
    for key, value in values.items():
        if not isinstance(value, str):
            continue
        longest = limits.max_notice_chars if key == "notice" else MAX_FIELD_CHARS
        if len(value) > longest:
            setting = " (AMF_BOT_MAX_NOTICE_CHARS)" if key == "notice" else ""
            raise KnowledgeError(f"{label}: '{key}' too long ({len(value):,} characters, at most {longest:,}{setting})")


def load_file(path: Path, knowledge_dir: Path, defaults: dict | None = None, pdf_parser: str = "pdfium",
              cache_dir: Path | None = None, limits: ReadingLimits = DEFAULT_LIMITS) -> Document:
    """A dropped file as a document without translations: metadata from the sidecar, then the defaults."""
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    defaults = dict(defaults or {})
    fallback_language = defaults.pop("language", "")  # the defaults' language only breaks detection ties
    meta = {**defaults, **(_metadata_file(sidecar, limits) if sidecar.exists() else {})}
    extracted, detected = _extract_cached(path, pdf_parser, fallback_language, cache_dir, limits)
    text = extracted.text
    notice = meta.get("notice", "")
    spans, pages, headings, offset = [], [], [], 0
    for block, labelled in zip(extracted.blocks, labels_as_headings(extracted.blocks)):
        if not block.is_heading and block.text != notice and labelled is not None:
            spans.append(Span(block.text, offset, offset + len(block.text)))
            pages.append(block.page)
            headings.append(labelled.heading)
        offset += len(block.text) + 1
    if not spans:
        raise KnowledgeError("no text besides the notice")
    language = meta.get("language") or detected
    title = meta.get("title") or extracted.title or _title_from_name(path)
    name = _relative(path, knowledge_dir)
    original = SourceText(language, title, name, spans, notice, True,
                          hashlib.sha256(text.encode()).hexdigest(), tuple(pages), tuple(headings))
    translations, stale = _sidecar_translations(path, original, knowledge_dir, limits)
    return Document(doc_id=name, source=meta.get("source", ""), url=meta.get("url", ""), context="",
                    original=original, translations=translations, date=meta.get("date", ""), stale=stale,
                    sentences_before=True)


_SENTENCE_END = re.compile(r"[.!?…:;»”\"')\]]\s*$")
LABEL_WORDS = 16  # a headline's length: longer lines without a sentence end are cut prose, not labels


def is_label(text: str) -> bool:
    """A line that labels what follows rather than saying something: a dateline ("Paris, le 22 novembre 2022"),
    a newsletter's edition line or item title, a service's byline ("Service international — 15 avril 2024").
    One line, no sentence end, a few words, not a list item."""
    text = text.strip()
    return ("\n" not in text and not _SENTENCE_END.search(text) and len(re.findall(r"\w+", text)) <= LABEL_WORDS
            and not text.startswith(("- ", "– ", "• ", "* ")))


def labels_as_headings(blocks: list[Block]) -> list[Block | None]:
    """Each block as a paragraph under its headings and the labels above it; None for a label itself.

    A label is not a passage: a question on the edition's date or the newsletter's subject is answered by
    the paragraphs it heads, which carry it as context (embedded, searched, shown in the sources as their
    heading, never quoted as their text). The labels before the first paragraph (a dateline, a byline)
    head the whole document; a later label heads the paragraphs after it. The last block stays a
    paragraph even when it reads like a label: nothing follows it to carry it.
    """
    document: list[str] = []  # the labels before the first paragraph
    current: list[str] = []  # the labels of the group read last
    in_labels = seen_paragraph = False
    out: list[Block | None] = []
    for i, block in enumerate(blocks):
        if block.is_heading:
            current, in_labels = [], False
            out.append(block)
            continue
        if is_label(block.text) and i + 1 < len(blocks):
            if seen_paragraph and not in_labels:
                current = []
            (current if seen_paragraph else document).append(block.text.strip())
            in_labels = True
            out.append(None)
            continue
        in_labels, seen_paragraph = False, True
        out.append(Block(block.text, block.page, block.headings + tuple(dict.fromkeys([*document, *current])), False))
    return out


def _sidecar_translations(path: Path, original: SourceText, knowledge_dir: Path,
                          limits: ReadingLimits) -> tuple[dict[str, SourceText], tuple[str, ...]]:
    """The translations of a dropped file that still match its paragraphs, and those that no longer do."""
    translations, stale = {}, []
    expected = content_hash([span.text for span in original.paragraphs])
    for language in LANGUAGES:
        sidecar = sidecar_path(path, language)
        if language == original.language or not sidecar.is_file():
            continue
        if sidecar.stat().st_size > limits.max_file_bytes:
            raise KnowledgeError(f"{sidecar.name}: too large ({megabytes(sidecar.stat().st_size)}, "
                                 f"the limit is {megabytes(limits.max_file_bytes)}, AMF_BOT_MAX_FILE_MB)")
        translation = read_sidecar(sidecar)
        _check_lengths(sidecar.name, {"title": translation.title, "notice": translation.notice}, limits)
        name = _relative(sidecar, knowledge_dir)
        if translation.language != language:
            raise KnowledgeError(f"{sidecar.name} holds a translation into {translation.language!r}, not {language!r}")
        if translation.source_sha256 != expected or len(translation.paragraphs) != len(original.paragraphs):
            stale.append(name)
            continue
        spans, offset = [], 0
        for text in translation.paragraphs:
            spans.append(Span(text, offset, offset + len(text)))
            offset += len(text) + 1
        translations[language] = SourceText(language, translation.title or original.title, name, spans,
                                            translation.notice, False, hashlib.sha256(sidecar.read_bytes()).hexdigest(),
                                            machine=translation.machine)
    return translations, tuple(stale)


def _extract_cached(path: Path, pdf_parser: str, fallback: str, cache_dir: Path | None,
                    limits: ReadingLimits = DEFAULT_LIMITS) -> tuple[Extracted, str]:
    """The file's extraction and detected language, reused while its bytes are unchanged (re-indexing an
    unchanged folder then reads each file once and parses none)."""
    if cache_dir is None:
        extracted = extract(path, pdf_parser, limits)
        return extracted, _language_of(extracted, fallback)
    check_size(path, limits)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for piece in iter(lambda: stream.read(2**20), b""):
                digest.update(piece)
    except OSError as exc:
        raise KnowledgeError(f"cannot read the file: {exc}") from None
    digest.update(f"\x1f{VERSION}\x1f{pdf_parser}\x1f{fallback}\x1f{limits}".encode())
    key = digest.hexdigest()
    cached = cache_dir / f"{key}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        blocks = [Block(b["text"], b.get("page"), tuple(b.get("headings", ())), b.get("is_heading", False))
                  for b in data["blocks"]]
        return Extracted(blocks, data["title"], data["language"]), data["detected"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    extracted = extract(path, pdf_parser, limits)
    detected = _language_of(extracted, fallback)
    data = {"title": extracted.title, "language": extracted.language, "detected": detected,
            "blocks": [{"text": b.text, "page": b.page, "headings": list(b.headings), "is_heading": b.is_heading}
                       for b in extracted.blocks]}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return extracted, detected


def _language_of(extracted: Extracted, fallback: str) -> str:
    sample = " ".join(b.text for b in extracted.blocks if not b.is_heading)[:3000]
    declared = extracted.language if extracted.language in LANGUAGES else ""
    return detect_language(sample, default=declared or fallback or "fr")


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_\s-]+", " ", path.stem).strip().capitalize()


def load_document(folder: Path, knowledge_dir: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Document:
    meta_path = folder / METADATA_FILE
    meta = _json_object(meta_path, str(meta_path), limits)
    for key in ("title", "source", "language", "original", "notice"):
        if not meta.get(key) or not isinstance(meta[key], str):
            raise KnowledgeError(f"{meta_path}: missing '{key}' (a text)")
    if meta["language"] not in LANGUAGES:
        raise KnowledgeError(f"{meta_path}: unknown language {meta['language']!r}; allowed: {', '.join(LANGUAGES)}")
    specs = meta.get("translations") or {}
    if not isinstance(specs, dict):
        raise KnowledgeError(f"{meta_path}: 'translations' must map language codes to {{\"file\": ...}} objects")

    _check_lengths(str(meta_path), {key: meta[key] for key in ("title", "source", "notice")}, limits)
    notice = meta["notice"].strip()
    original_spans, original_hash = _read_paragraphs(folder / meta["original"], knowledge_dir, limits)
    notice_in_file = original_spans[-1].text == notice
    if notice_in_file:
        original_spans = original_spans[:-1]
    original = SourceText(meta["language"], meta["title"], _relative(folder / meta["original"], knowledge_dir),
                          original_spans, notice, True, original_hash)
    # A bad translation fails the whole document: the index keeps its previous version until it is fixed.
    translations = {lang: _translation(lang, spec, original, notice_in_file, folder, knowledge_dir, meta_path, limits)
                    for lang, spec in sorted(specs.items())}
    return Document(
        doc_id=folder.name,
        source=meta["source"],
        url=meta.get("url", ""),
        context=meta.get("context", ""),
        original=original,
        translations=translations,
    )


def _translation(lang: str, spec: object, original: SourceText, notice_in_file: bool, folder: Path,
                 knowledge_dir: Path, meta_path: Path, limits: ReadingLimits) -> SourceText:
    if lang not in LANGUAGES:
        raise KnowledgeError(f"{meta_path}: unknown translation language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    if lang == original.language:
        raise KnowledgeError(f"{meta_path}: translation into the original's own language '{lang}'")
    if not isinstance(spec, dict) or not isinstance(spec.get("file"), str) or not spec["file"]:
        raise KnowledgeError(f"{meta_path}: translation '{lang}' needs a \"file\"")
    path = folder / spec["file"]
    spans, sha = _read_paragraphs(path, knowledge_dir, limits)
    # A translation translates every paragraph of the original file, the notice line included.
    expected = len(original.paragraphs) + (1 if notice_in_file else 0)
    if len(spans) != expected:
        raise KnowledgeError(
            f"translation {_relative(path, knowledge_dir)} has {len(spans)} paragraphs, the original "
            f"{original.source_file} has {expected}; translations must be aligned paragraph by paragraph"
        )
    translated_notice = spans.pop().text if notice_in_file else ""
    title = spec.get("title") if isinstance(spec.get("title"), str) and spec.get("title") else original.title
    return SourceText(lang, title, _relative(path, knowledge_dir), spans, translated_notice, False, sha,
                      machine=spec.get("machine") is True)


def _read_paragraphs(path: Path, knowledge_dir: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> tuple[list[Span], str]:
    if not path.resolve().is_relative_to(knowledge_dir.resolve()):
        raise KnowledgeError(f"{path}: outside the knowledge folder; only files inside it are read")
    try:
        if path.stat().st_size > min(limits.max_file_bytes, 4 * limits.max_chars):
            raise KnowledgeError(f"{_relative(path, knowledge_dir)}: too large ({megabytes(path.stat().st_size)}; "
                                 f"limits: AMF_BOT_MAX_FILE_MB, AMF_BOT_MAX_TEXT_CHARS)")
        raw = path.read_bytes()
        spans = paragraphs(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc
    if not spans:
        raise KnowledgeError(f"{path}: no text")
    if len(spans) > limits.max_paragraphs or spans[-1].end > limits.max_chars:
        raise KnowledgeError(f"{_relative(path, knowledge_dir)}: over the limits of {limits.max_paragraphs:,} paragraphs "
                             f"and {limits.max_chars:,} characters (AMF_BOT_MAX_PARAGRAPHS, AMF_BOT_MAX_TEXT_CHARS)")
    return spans, hashlib.sha256(raw).hexdigest()


def _relative(path: Path, knowledge_dir: Path) -> str:
    return path.relative_to(knowledge_dir).as_posix()
