"""Extract the text of a dropped file: one pure function per format, path → `Extracted`.

Every extractor returns blocks in reading order — headings, paragraphs, list items ("- " first),
table rows — each with where it stands: the page (PDF, 1-based) or the heading path (DOCX, HTML,
Markdown). The extracted text is the blocks joined by newlines; offsets point into it. A file that
cannot be read (truncated, encrypted, no text layer, wrong encoding) raises `KnowledgeError`
with the reason, never anything else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.errors import KnowledgeError
from bot.ingest.formats.reflow import join_lines  # noqa: F401 - the readers' one way of joining lines

HEADING_SEPARATOR = " › "
VERSION = "2"  # bump when an extractor's output changes: cached extractions are then redone


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


def extract(path: Path, pdf_parser: str = "pdfium") -> Extracted:
    """The blocks of `path`, by its extension (see SUPPORTED)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if pdf_parser == "pymupdf4llm":
            from bot.ingest.formats.pdf_hq import extract_pdf_hq

            return _clean(extract_pdf_hq(path))
        from bot.ingest.formats.pdf import extract_pdf

        return _clean(extract_pdf(path))
    if suffix == ".docx":
        from bot.ingest.formats.docx import extract_docx

        return _clean(extract_docx(path))
    if suffix in (".html", ".htm"):
        from bot.ingest.formats.html import extract_html

        return _clean(extract_html(path))
    if suffix in (".md", ".markdown"):
        from bot.ingest.formats.markdown import extract_markdown

        return _clean(extract_markdown(path))
    if suffix == ".txt":
        from bot.ingest.formats.text import extract_text

        return _clean(extract_text(path))
    raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")


SUPPORTED = (".pdf", ".docx", ".html", ".htm", ".md", ".markdown", ".txt")


def _clean(extracted: Extracted) -> Extracted:
    blocks = []
    for block in extracted.blocks:
        text = normalise(block.text)
        if text and re.search(r"\w", text):
            blocks.append(Block(text, block.page, tuple(normalise(h) for h in block.headings), block.is_heading))
    if not any(not b.is_heading for b in blocks):
        raise UnreadableFile("no text found")
    return Extracted(blocks, normalise(extracted.title), extracted.language, extracted.notes)


def read_text_file(path: Path) -> str:
    """A text file's content in whatever encoding it was saved in (UTF-8 with or without BOM, cp1252…)."""
    raw = path.read_bytes()
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
