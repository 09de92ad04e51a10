"""Word documents with python-docx, in body order: headings give the heading path, list
paragraphs become "- " items, each table row one readable line ("Column: value; …")."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import (Block, Extracted, OverLimit, UnreadableFile, megabytes, too_many_chars,
                                too_many_paragraphs)
from bot.ingest.formats.markdown import table_row


def extract_docx(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        _check_package(path, limits)
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise UnreadableFile(f"not a readable Word document ({_reason(exc)})") from None
    blocks: list[Block] = []
    path_: list[tuple[int, str]] = []
    title = ""
    # Numbered and bulleted paragraphs, read from the body's XML in the same order iter_inner_content() walks it.
    numbered = [element.tag == qn("w:p") and bool(element.xpath("./w:pPr/w:numPr"))
                for element in document.element.body.iterchildren() if element.tag in (qn("w:p"), qn("w:tbl"))]
    for item, is_numbered in zip(document.iter_inner_content(), numbered):
        headings = tuple(h for _, h in path_)
        if isinstance(item, Table):
            rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in item.rows]
            header = rows[0] if len(rows) > 1 else []
            blocks += [Block(table_row(header, row), None, headings) for row in (rows[1:] if header else rows) if any(row)]
            continue
        assert isinstance(item, Paragraph)
        text = " ".join(item.text.split())
        if not text:
            continue
        level = _heading_level(item)
        if level is not None:
            title = title or text
            if level == 0:  # the "Title" style
                continue
            path_ = [(l, h) for l, h in path_ if l < level] + [(level, text)]
            blocks.append(Block(text, None, tuple(h for _, h in path_[:-1]), is_heading=True))
        elif is_numbered or _is_list_item(item):
            blocks.append(Block(f"- {text}", None, headings))
        else:
            blocks.append(Block(text, None, headings))
    props = document.core_properties
    return Extracted(blocks, props.title or title, (props.language or "")[:2].lower())


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_package(path: Path, limits: ReadingLimits) -> None:
    """The limits, checked on the packed file before python-docx builds the document (3 million tiny
    paragraphs pack into a few hundred KB): the unpacked size, then the body's paragraphs and text,
    counted while streaming it, stopping at the first limit passed."""
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > limits.max_file_bytes:
            raise OverLimit(f"too large once unpacked: {megabytes(unpacked)}, the limit is "
                            f"{megabytes(limits.max_file_bytes)} (AMF_BOT_MAX_FILE_MB)")
        if "word/document.xml" not in package.namelist():
            return  # python-docx says what is wrong
        paragraphs = chars = 0
        with package.open("word/document.xml") as body:
            for _, element in etree.iterparse(body, events=("end",), tag=(f"{_W}p", f"{_W}t"),
                                              resolve_entities=False, no_network=True):
                if element.tag == f"{_W}t":
                    chars += len(element.text or "")
                    if chars > limits.max_chars:
                        raise too_many_chars(limits)
                else:
                    paragraphs += 1
                    if paragraphs > limits.max_paragraphs:
                        raise too_many_paragraphs(limits)
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]


def _heading_level(paragraph) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 0
    if name.startswith("Heading"):
        digits = name.removeprefix("Heading").strip()
        return int(digits) if digits.isdigit() else 1
    return None


def _is_list_item(paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith("List")


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
