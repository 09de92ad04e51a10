"""Extract the text of a dropped file: one pure function per format, path → `Extracted`.

Every extractor returns blocks in reading order — headings, paragraphs, list items ("- " first),
table rows — each with where it stands: the page (PDF, 1-based) or the heading path (DOCX, HTML,
Markdown). The extracted text is the blocks joined by newlines; offsets point into it. A file that
cannot be read (truncated, encrypted, no text layer, wrong encoding) raises `KnowledgeError`
with the reason, never anything else.

Every file is read within `ReadingLimits` (the settings' `reading` view): its size is checked before
it is read, a PDF's pages are counted before any text is extracted, a DOCX's paragraphs and text
are counted while it is still packed, and extraction stops at the limits; a file over one raises
`OverLimit`, naming the limit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.ingest.formats.reflow import join_lines  # noqa: F401 - the readers' one way of joining lines
from bot.core.settings import DEFAULT_LIMITS, ReadingLimits

HEADING_SEPARATOR = " › "
VERSION = "9"  # bump when an extractor's output or the language detection changes: cached extractions (and their detected language) are then redone


@dataclass(frozen=True)
class Block:
    text: str
    page: int | None = None  # 1-based, PDFs only
    headings: tuple[str, ...] = ()  # the headings it sits under, outermost first
    is_heading: bool = False

    @property
    def heading(self) -> str:
        return HEADING_SEPARATOR.join(self.headings)


@dataclass(frozen=True)
class Extracted:
    blocks: list[Block]
    title: str = ""  # from the file itself (PDF/DOCX properties, HTML <title>, front matter, first heading)
    language: str = ""  # declared by the file (<html lang>, DOCX language, front matter), if any
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


class UnreadableFile(KnowledgeError):
    """A file that cannot be extracted; the message is the reason, for the index report."""


class OverLimit(UnreadableFile):
    """A file over one of the reading limits: not indexed, the reason names the limit and its setting."""


def check_size(path: Path, limits: ReadingLimits) -> int:
    """The file's size in bytes, checked against the limit before anything reads it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file ({exc.strerror or exc})") from None
    if size > limits.max_file_bytes:
        raise OverLimit(f"too large: {megabytes(size)}, the limit is {megabytes(limits.max_file_bytes)} (AMF_BOT_MAX_FILE_MB)")
    return size


def megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 / 10 else f"{size:,} bytes"


def too_many_chars(limits: ReadingLimits) -> OverLimit:
    return OverLimit(f"over the limit: more than {limits.max_chars:,} characters of text (AMF_BOT_MAX_TEXT_CHARS)")


def too_many_paragraphs(limits: ReadingLimits) -> OverLimit:
    return OverLimit(f"over the limit: more than {limits.max_paragraphs:,} paragraphs (AMF_BOT_MAX_PARAGRAPHS)")


def too_many_pages(pages: int, limits: ReadingLimits) -> OverLimit:
    return OverLimit(f"over the limit: {pages:,} pages, the limit is {limits.max_pages:,} (AMF_BOT_MAX_PDF_PAGES)")


# Ligatures (U+FB00–FB06) become their letters; Word's private-use bullet (U+F0B7) and other
# bullets become a list dash; soft hyphens and zero-width characters go; odd spaces become spaces.
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
_BULLET = re.compile(r"^\s*[\uf0b7\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7▪■◦●]\s*")


def normalise(text: str) -> str:
    """One paragraph's text as it will be indexed and quoted: ligatures, bullets and spacing cleaned."""
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = text.translate(_INVISIBLE)
    text = _SPACES.sub(" ", text)
    text = _BULLET.sub("- ", text)
    text = text.replace("\uf0b7", "")
    return re.sub(r" {2,}", " ", unicodedata.normalize("NFC", text)).strip()


def extract(path: Path, pdf_parser: str = "pdfium", limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    """The blocks of `path`, by its extension (see SUPPORTED), within `limits`."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")
    size = check_size(path, limits)
    if suffix in _TEXT_SUFFIXES and size > 4 * limits.max_chars:  # at most 4 bytes a character, whatever the encoding
        raise too_many_chars(limits)
    if suffix == ".pdf":
        if pdf_parser == "pymupdf4llm":
            from bot.ingest.formats.pdf_hq import extract_pdf_hq

            return _clean(extract_pdf_hq(path, limits), limits)
        from bot.ingest.formats.pdf import extract_pdf

        return _clean(extract_pdf(path, limits), limits)
    if suffix == ".docx":
        from bot.ingest.formats.docx import extract_docx

        return _clean(extract_docx(path, limits), limits)
    if suffix in (".html", ".htm"):
        from bot.ingest.formats.html import extract_html

        return _clean(extract_html(path, limits), limits)
    if suffix in (".md", ".markdown"):
        from bot.ingest.formats.markdown import extract_markdown

        return _clean(extract_markdown(path, limits), limits)
    from bot.ingest.formats.text import extract_text

    return _clean(extract_text(path, limits), limits)


SUPPORTED = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")
_TEXT_SUFFIXES = (".md", ".markdown", ".txt")


_GAP = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_LINE = re.compile(r"^[ \t]*\S", re.M)
_ITEM = re.compile(r"^[ \t]*(?:[-*+•–]|\d{1,9}[.)])[ \t]+\S", re.M)


def check_paragraph_count(text: str, limits: ReadingLimits, lines_are_paragraphs: bool = False) -> None:
    """The paragraph limit on a text before it is parsed (a parser builds several objects per paragraph):
    what it will at least give, counted in one pass — its blank-line separated chunks, or its lines when
    lines are paragraphs and there is no blank line, and its list items."""
    chunks = sum(1 for _ in _GAP.finditer(text.strip())) + 1
    if lines_are_paragraphs and chunks == 1:
        chunks = sum(1 for _ in _LINE.finditer(text))
    if max(chunks, sum(1 for _ in _ITEM.finditer(text))) > limits.max_paragraphs:
        raise too_many_paragraphs(limits)


def check_blocks(blocks: list[Block], limits: ReadingLimits) -> None:
    """The paragraph and character limits, on what an extractor found."""
    if len(blocks) > limits.max_paragraphs:
        raise too_many_paragraphs(limits)
    if sum(len(b.text) for b in blocks) > limits.max_chars:
        raise too_many_chars(limits)


def _clean(extracted: Extracted, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    check_blocks(extracted.blocks, limits)
    blocks = []
    for block in extracted.blocks:
        text = normalise(block.text)
        if text and re.search(r"\w", text):
            blocks.append(Block(text, block.page, tuple(normalise(h) for h in block.headings), block.is_heading))
    if not any(not b.is_heading for b in blocks):
        raise UnreadableFile("no text found")
    return Extracted(blocks, normalise(extracted.title), extracted.language, extracted.notes)


def read_text_file(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> str:
    """A text file's content in whatever encoding it was saved in (UTF-8 with or without BOM, cp1252…),
    within the character limit (the caller checked the size)."""
    text = _decoded(path.read_bytes())
    if len(text) > limits.max_chars:
        raise too_many_chars(limits)
    return text


def _decoded(raw: bytes) -> str:
    if not raw.strip():
        raise UnreadableFile("empty file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        raise UnreadableFile("not a text file (unknown encoding)")
    # Short texts often fit several code pages equally well: Windows' Western one is the likeliest here.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(next((m for m in tied if m.encoding == "cp1252"), best))
