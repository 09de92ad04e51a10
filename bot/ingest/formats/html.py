"""Saved web pages with trafilatura: the main content only (navigation, header, footer, cookie
banners, scripts and styles dropped), as Markdown, then read like a Markdown file. Precision is
favoured; a page where that finds nothing is read again favouring recall."""

from __future__ import annotations

import re
from pathlib import Path

from bot.ingest.formats import Extracted, UnreadableFile
from bot.ingest.formats.markdown import markdown_blocks


def extract_html(path: Path) -> Extracted:
    import trafilatura

    raw = path.read_bytes()
    if not raw.strip():
        raise UnreadableFile("empty file")
    options = dict(output_format="markdown", include_tables=True, include_comments=False,
                   include_images=False, include_links=False, deduplicate=False)
    content = (trafilatura.extract(raw, favor_precision=True, **options)
               or trafilatura.extract(raw, favor_recall=True, **options))
    if not content:
        raise UnreadableFile("no article text found in the page")
    metadata = trafilatura.extract_metadata(raw)
    title = (metadata.title if metadata else "") or ""
    return Extracted(markdown_blocks(content), title, _declared_language(raw))


def _declared_language(raw: bytes) -> str:
    match = re.search(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2})", raw[:4000], re.I)
    return match.group(1).decode().lower() if match else ""
