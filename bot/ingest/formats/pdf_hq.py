"""PDFs with pymupdf4llm (AGPL-3, optional extra `[pdf-hq]`, chosen with AMF_BOT_PDF_PARSER=pymupdf4llm):
each page as Markdown without its header and footer, then read like a Markdown file."""

from __future__ import annotations

from pathlib import Path

from bot.core.errors import ConfigurationError
from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Block, Extracted, UnreadableFile, too_many_pages
from bot.ingest.formats.markdown import markdown_blocks


def extract_pdf_hq(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    try:
        import pymupdf
        import pymupdf4llm
    except ImportError:
        raise ConfigurationError("the PDF parser 'pymupdf4llm' is not installed: pip install -e '.[pdf-hq]' "
                                 "(AGPL-3), or set AMF_BOT_PDF_PARSER=pdfium") from None
    try:
        document = pymupdf.open(str(path))
    except Exception as exc:  # noqa: BLE001 - PyMuPDF's own errors for damaged files
        raise UnreadableFile(f"damaged or truncated PDF ({exc})") from None
    if document.needs_pass:
        raise UnreadableFile("encrypted (password-protected) PDF")
    if document.page_count > limits.max_pages:
        raise too_many_pages(document.page_count, limits)
    pages = pymupdf4llm.to_markdown(document, page_chunks=True, header=False, footer=False)
    blocks: list[Block] = []
    headings: tuple[str, ...] = ()
    for number, page in enumerate(pages, start=1):
        for block in markdown_blocks(page["text"], page=number):
            # A heading path runs on from one page to the next.
            block = Block(block.text, number, block.headings or headings, block.is_heading)
            headings = (*block.headings, block.text) if block.is_heading else block.headings
            blocks.append(block)
    if not any(not b.is_heading for b in blocks):
        raise UnreadableFile("no text layer (a scanned document? it needs OCR first)")
    return Extracted(blocks, (document.metadata or {}).get("title", ""))
