"""Plain text: paragraphs are separated by blank lines (lines inside one are joined), or, in a
file without blank lines, one paragraph per line (the knowledge folder's own format)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Block, Extracted, check_paragraph_count, join_lines, read_text_file


def extract_text(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    text = read_text_file(path, limits)
    check_paragraph_count(text, limits, lines_are_paragraphs=True)
    return Extracted(text_blocks(text))


def text_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    if not any(not l.strip() for l in lines[1:-1]):
        return [Block(line.strip()) for line in lines if line.strip()]
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = []
    for chunk in chunks:
        chunk_lines = chunk.split("\n")
        # A chunk made of list items keeps one block per item.
        if all(re.match(r"\s*([-*•–]|\d+[.)])\s", l) for l in chunk_lines if l.strip()):
            blocks += [Block(l.strip()) for l in chunk_lines if l.strip()]
        else:
            blocks.append(Block(join_lines(chunk_lines)))
    return [b for b in blocks if b.text]
