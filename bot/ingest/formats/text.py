"""Plain text. A file cut into lines inside its sentences (a flip-book or PDF text dump, a
hard-wrapped file) is reflowed into paragraphs under the headings found in its flow
(`bot.ingest.formats.reflow`, whose rule decides which files are). Any other file reads as before:
paragraphs separated by blank lines (lines inside one are joined), or, in a file without blank
lines, one paragraph per line (the knowledge folder's own format)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Block, Extracted, check_paragraph_count, read_text_file
from bot.ingest.formats.reflow import compounds, heading_paths, is_line_broken, join_lines, reflow


def extract_text(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    text = read_text_file(path, limits)
    check_paragraph_count(text, limits, lines_are_paragraphs=True)
    return Extracted(text_blocks(text))


def text_blocks(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    lines = text.splitlines()
    if is_line_broken(lines):
        return [Block(t, None, path, heading) for t, path, heading in heading_paths(reflow(lines))]
    if not any(not l.strip() for l in lines[1:-1]):
        return [Block(line.strip()) for line in lines if line.strip()]
    known = compounds(text)
    blocks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk_lines = chunk.split("\n")
        # A chunk made of list items keeps one block per item.
        if all(re.match(r"\s*([-*•–]|\d+[.)])\s", l) for l in chunk_lines if l.strip()):
            blocks += [Block(l.strip()) for l in chunk_lines if l.strip()]
        else:
            blocks.append(Block(join_lines(chunk_lines, known)))
    return [b for b in blocks if b.text]
