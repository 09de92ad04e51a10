"""Saved web pages with trafilatura: the main content only (navigation, header, footer, cookie
banners, scripts and styles dropped), as Markdown, then read like a Markdown file. Precision is
favoured; a page where that finds nothing is read again favouring recall."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Extracted, UnreadableFile, too_many_chars, too_many_paragraphs
from bot.ingest.formats.markdown import markdown_blocks


def extract_html(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    import trafilatura

    raw = path.read_bytes()
    if not raw.strip():
        raise UnreadableFile("empty file")
    # Counted before trafilatura reads the page (about a millisecond per element).
    if sum(1 for _ in _BLOCK_ELEMENT.finditer(raw)) > limits.max_paragraphs:
        raise too_many_paragraphs(limits)
    options = dict(output_format="markdown", include_tables=True, include_comments=False,
                   include_images=False, include_links=False, deduplicate=False)
    content = (trafilatura.extract(raw, favor_precision=True, **options)
               or trafilatura.extract(raw, favor_recall=True, **options))
    if not content:
        raise UnreadableFile("no article text found in the page")
    if len(content) > limits.max_chars:
        raise too_many_chars(limits)
    metadata = trafilatura.extract_metadata(raw)
    title = (metadata.title if metadata else "") or ""
    return Extracted(markdown_blocks(content), title, _declared_language(raw))


_BLOCK_ELEMENT = re.compile(rb"<(?:p|li|tr|dt|dd|h[1-6]|div|blockquote|pre)[\s>/]", re.I)


def _declared_language(raw: bytes) -> str:
    match = re.search(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2})", raw[:4000], re.I)
    return match.group(1).decode().lower() if match else ""
