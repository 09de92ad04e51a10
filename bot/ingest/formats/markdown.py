"""Markdown with markdown-it-py: YAML front matter stripped (its `title` and `lang` kept as hints),
headings give the heading path, list items and table rows are blocks of their own. The lines of a
paragraph are joined as in every reader (`reflow.join_lines`); in a file cut into lines inside its
sentences (`reflow.is_line_broken`), running lines are dropped and each paragraph is reflowed, the
headings found in its flow nesting under the Markdown ones."""

from __future__ import annotations

import re
from pathlib import Path

from bot.core.settings import DEFAULT_LIMITS, ReadingLimits
from bot.ingest.formats import Block, Extracted, check_paragraph_count, read_text_file
from bot.ingest.formats.reflow import compounds, is_line_broken, join_lines, reflow, without_running_lines

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def extract_markdown(path: Path, limits: ReadingLimits = DEFAULT_LIMITS) -> Extracted:
    text = read_text_file(path, limits)
    check_paragraph_count(text, limits)
    return markdown_document(text)


def markdown_document(text: str) -> Extracted:
    hints: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            hints[key.strip().lower()] = value.strip().strip("'\"")
        text = text[match.end():]
    blocks = markdown_blocks(text)
    title = hints.get("title") or next((b.text for b in blocks if b.is_heading), "")
    return Extracted(blocks, title, hints.get("lang") or hints.get("language", ""))


def markdown_blocks(text: str, page: int | None = None) -> list[Block]:
    from markdown_it import MarkdownIt

    broken = is_line_broken(text.splitlines())
    if broken:
        text = "\n".join(without_running_lines(text.splitlines()))
    known = compounds(text)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    path: list[tuple[int, str]] = []  # (level, heading text)
    list_depth, row, in_heading, level = 0, [], False, 0
    header: list[str] = []
    in_head = in_cell = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            in_heading, level = True, int(token.tag[1])
        elif kind == "heading_close":
            in_heading = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind in ("th_open", "td_open", "th_close", "td_close"):
            in_cell = kind.endswith("open")
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if in_head:
                header = row
            elif any(row):
                blocks.append(Block(table_row(header, row), page, tuple(h for _, h in path)))
        elif kind == "inline":
            content = inline_text(token, known)
            if broken and not (in_heading or in_cell or list_depth):
                for piece in reflow(inline_lines(token), known):  # headings found in the flow: below the Markdown ones
                    if piece.level:
                        path = [(l, h) for l, h in path if l < 6 + piece.level]
                    blocks.append(Block(piece.text, page, tuple(h for _, h in path), is_heading=bool(piece.level)))
                    if piece.level:
                        path.append((6 + piece.level, piece.text))
            elif in_heading:
                path = [(l, h) for l, h in path if l < level] + [(level, content)]
                blocks.append(Block(content, page, tuple(h for _, h in path[:-1]), is_heading=True))
            elif in_cell:
                row.append(content)
            elif content:
                prefix = "- " if list_depth else ""
                blocks.append(Block(prefix + content, page, tuple(h for _, h in path)))
        elif kind in ("fence", "code_block") and token.content.strip():
            blocks.append(Block(" ".join(token.content.split()), page, tuple(h for _, h in path)))
    return blocks


def inline_lines(token) -> list[str]:
    """The text of an inline token, line by line as written (soft and hard breaks end a line)."""
    lines, parts = [], []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            lines.append(" ".join("".join(parts).split()))
            parts = []
        elif child.type == "image":
            parts.append(child.content)
    return [*lines, " ".join("".join(parts).split())]


def inline_text(token, known: frozenset[str] = frozenset()) -> str:
    return join_lines(inline_lines(token), known)


def table_row(header: list[str], row: list[str]) -> str:
    """A table row as a readable line: "Column: value; Column: value" when there is a header."""
    if header and len(header) == len(row):
        return "; ".join(f"{h}: {v}" if h else v for h, v in zip(header, row) if v)
    return " | ".join(c for c in row if c)
