"""Text PDFs with pypdfium2 (BSD/Apache), read from the characters' positions, not the stream order.

Per page, characters are grouped into line segments (a wide gap, such as a column gutter, ends a
segment, so text written row by row across both columns is separated again). A vertical gutter
crossed by almost no segment splits the page into columns; segments crossing it (a full-width
title) separate bands read top to bottom, each band left column first. Lines repeated at the top
or bottom of most pages (running headers, footers, page numbers) are dropped. Lines become
paragraphs at vertical gaps, indents and font-size changes; a paragraph that runs on into the
next column or page is joined again, and lines are joined as in every reader (`reflow.join_lines`:
hyphenated words, split ordinals). Lines in a larger font than the body are headings, and so is a
paragraph of one capitalised or title line followed by a sentence (`reflow.heading_line`).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Block, Extracted, UnreadableFile, too_many_chars, too_many_pages
from bot.ingest.formats.reflow import compounds, heading_level, join_lines

_PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.|seite|pagina|página)?\s*\d{1,4}(?:\s*(?:/|sur|of|de|von)\s*\d{1,4})?\W*$", re.I)
_MARGIN = 0.12  # top and bottom share of the page where running headers and footers live
_SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float
    page: int


def extract_pdf(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(_load_reason(str(exc))) from None
    try:
        if len(pdf) > limits.max_pages:  # counted before any page is read
            raise too_many_pages(len(pdf), limits)
        pages, chars = [], 0
        for i in range(len(pdf)):
            pages.append(_page_lines(pdf, i))
            chars += sum(len(line.text) for line in pages[-1])
            if chars > limits.max_chars:
                raise too_many_chars(limits)
        title = (pdf.get_metadata_value("Title") or "").strip()
        heights = [pdf.get_page_size(i)[1] for i in range(len(pdf))]
    finally:
        pdf.close()
    if not any(pages):
        raise UnreadableFile("no text layer (a scanned document? it needs OCR first)")
    pages = _without_running_lines(pages, heights)
    blocks = _paragraphs([line for page in pages for line in page])
    return Extracted(blocks, title)


def _load_reason(message: str) -> str:
    if "password" in message.lower():
        return "encrypted (password-protected) PDF"
    if "format" in message.lower() or "file" in message.lower():
        return "damaged or truncated PDF"
    return f"unreadable PDF ({message})"


def _page_lines(pdf, index: int) -> list[Line]:
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        handle = textpage.raw
        segments, current, last = [], [], None
        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(handle, i)
            code = ord("-") if code == 2 else code  # pdfium's mark of a hyphen at a line end: joined by `join_lines`
            if code in (10, 13, 0xFFFE, 0xFFFF) or raw.FPDFText_IsGenerated(handle, i) == 1:
                continue
            ch = chr(code)
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = raw.FPDFText_GetFontSize(handle, i) or (top - bottom) or 10.0
            if ch.isspace():
                if current:
                    current.append((" ", right, bottom, right, top, size))
                continue
            if last is not None:
                same_line = abs(bottom - last[2]) < 0.5 * size or (min(top, last[4]) - max(bottom, last[2])) > 0.5 * (top - bottom)
                gap = left - last[3]
                if not same_line or gap > 1.5 * size or gap < -2 * size:
                    segments.append(current)
                    current = []
                elif gap > 0.2 * size and current[-1][0] != " ":
                    current.append((" ", last[3], bottom, left, top, size))
            current.append((ch, left, bottom, right, top, size))
            last = current[-1]
        if current:
            segments.append(current)
        textpage.close()
    finally:
        page.close()
    lines = []
    for chars in segments:
        text = "".join(c[0] for c in chars).strip()
        if not text:
            continue
        inked = [c for c in chars if c[0] != " "]
        lines.append(Line(text, min(c[1] for c in inked), max(c[3] for c in inked),
                          height - max(c[4] for c in inked), height - min(c[2] for c in inked),
                          statistics.median(c[5] for c in inked), index + 1))
    return _reading_order(lines, width)


def _reading_order(lines: list[Line], width: float) -> list[Line]:
    gutter = _gutter(lines, width)
    lines = sorted(lines, key=lambda l: (round(l.top, 1), l.x0))
    if gutter is None:
        return lines
    ordered, band = [], []
    for line in lines:
        if line.x0 < gutter < line.x1:  # crosses the gutter: closes the band above it
            ordered += _band(band, gutter) + [line]
            band = []
        else:
            band.append(line)
    return ordered + _band(band, gutter)


def _band(lines: list[Line], gutter: float) -> list[Line]:
    return [l for l in lines if l.x1 <= gutter] + [l for l in lines if l.x0 >= gutter]


def _gutter(lines: list[Line], width: float) -> float | None:
    """The middle of the widest vertical strip, in the middle half of the page, that (almost) no line crosses."""
    if len(lines) < 6:
        return None
    step = 2.0
    cells = int(width / step) + 1
    coverage = [0] * cells
    for line in lines:
        for c in range(int(line.x0 / step), min(cells, int(line.x1 / step) + 1)):
            coverage[c] += 1
    allowed = max(1, len(lines) // 20)
    lo, hi = int(0.25 * width / step), int(0.75 * width / step)
    best, run_start = (0, None), None
    for c in range(lo, hi + 1):
        if coverage[c] <= allowed:
            run_start = c if run_start is None else run_start
            if c - run_start + 1 > best[0]:
                best = (c - run_start + 1, run_start)
        else:
            run_start = None
    length, start = best
    if start is None or length * step < 8:
        return None
    middle = (start + length / 2) * step
    left = sum(1 for l in lines if l.x1 <= middle)
    right = sum(1 for l in lines if l.x0 >= middle)
    return middle if min(left, right) >= 3 else None


def _without_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop page numbers and lines repeated in the top or bottom margin of most pages."""
    def in_margin(line: Line) -> bool:
        height = heights[line.page - 1]
        return line.bottom < _MARGIN * height or line.top > (1 - _MARGIN) * height

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    seen = Counter(k for page in pages for k in {key(l) for l in page if in_margin(l)})
    repeated = {k for k, n in seen.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    return [[l for l in page if not (in_margin(l) and (key(l) in repeated or _PAGE_NUMBER.match(l.text)))]
            for page in pages]


def _paragraphs(lines: list[Line]) -> list[Block]:
    if not lines:
        return []
    body = statistics.median(l.size for l in lines)
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])
               if a.page == b.page and 0 < b.top - a.top < 3 * body and abs(a.size - body) < 0.5 and abs(b.size - body) < 0.5]
    pitch = statistics.median(pitches) if pitches else 1.2 * body
    blocks: list[Block] = []
    current: list[Line] = []
    path: list[tuple[int, str]] = []  # (level, heading): 0 a larger font, then `reflow.heading_level`'s levels
    known = compounds("\n".join(l.text for l in lines))
    widths = sorted(l.x1 - l.x0 for l in lines)
    usual = widths[len(widths) * 4 // 5]

    def flush(level: int | None = None) -> None:
        nonlocal path
        if not current:
            return
        text = join_lines([l.text for l in current], known)
        if level is None and _is_heading(current, body):
            level = 0
        if level is not None:
            path = [(l, h) for l, h in path if l < level]
            blocks.append(Block(text, current[0].page, tuple(h for _, h in path), is_heading=True))
            path.append((level, text))
        else:
            blocks.append(Block(text, current[0].page, tuple(h for _, h in path)))
        current.clear()

    for i, line in enumerate(lines):
        starts = not current or _starts_paragraph(current[-1], line, pitch, body, current)
        after = lines[i + 1].text if i + 1 < len(lines) else ""
        # A line in the body's font standing as a heading: capitalised, or a title line narrower than the text.
        level = heading_level(line.text, after) if starts or _SENTENCE_END.search(current[-1].text) else 0
        if level == 2 and line.x1 - line.x0 > 0.7 * usual:
            level = 0
        if starts or level:
            flush()
        current.append(line)
        if level:
            flush(level)
    flush()
    return _joined_across_breaks(blocks, known)


def _starts_paragraph(prev: Line, line: Line, pitch: float, body: float, current: list[Line]) -> bool:
    if (prev.size > 1.15 * body) != (line.size > 1.15 * body):
        return True
    if _is_item(line.text):
        return True
    same_column = line.page == prev.page and 0 < line.top - prev.top < 2.5 * pitch and abs(line.x0 - current[0].x0) < 0.5 * (prev.x1 - prev.x0 + 1)
    if not same_column:
        return True  # a new column or page: joined again afterwards if the sentence runs on
    if line.top - prev.top > 1.4 * pitch:
        return True
    if _is_item(current[0].text):  # a list item's lines hang under its text; the next one starts further left
        return line.x0 < prev.x0 - 0.8 * body if len(current) > 1 else line.x0 < prev.x0 - 0.8 * body + 0.01
    if line.x0 - prev.x0 > 0.8 * body:  # first-line indent of the next paragraph
        return True
    # A short last line followed by a line starting a sentence.
    return prev.x1 < max(l.x1 for l in current) - 4 * body and bool(_SENTENCE_END.search(prev.text))


def _is_item(text: str) -> bool:
    return bool(re.match(r"^([-–•\uf0b7▪■●◦*]|\d+[.)])\s", text))


def _is_heading(lines: list[Line], body: float) -> bool:
    text = " ".join(l.text for l in lines)
    return all(l.size > 1.15 * body for l in lines) and len(text) < 200 and not _SENTENCE_END.search(text.rstrip(":") or ".")


def _joined_across_breaks(blocks: list[Block], known: frozenset[str]) -> list[Block]:
    """A paragraph cut by a column or page break (no sentence end, next one starting lower-case) is one paragraph."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (prev and not prev.is_heading and not block.is_heading and not _SENTENCE_END.search(prev.text)
                and block.text[:1].islower() and not _is_item(block.text)):
            out[-1] = Block(join_lines([prev.text, block.text], known), prev.page, prev.headings)
        else:
            out.append(block)
    return out
