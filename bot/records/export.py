"""Writing records out for staff: CSV for a spreadsheet, or JSON lines.

Visitors type what they like, so a CSV cell that a spreadsheet would run as a formula
(`=HYPERLINK(…)`, `+`, `-`, `@`, a tab or a carriage return first) is written as text.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Literal, TextIO

ExportFormat = Literal["csv", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters (NUL, escape, …; tab and line feed kept) and the bidirectional overrides that
# make a text display other than it reads.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def stored_text(text: str) -> str:
    """What a record keeps of a visitor's text: control characters dropped, lone surrogates replaced."""
    text = _CONTROLS.sub("", text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def write_rows(out: TextIO, rows: Iterable[dict], columns: tuple[str, ...], fmt: str) -> int:
    """Write `rows` (CSV cells: text as is, anything else as JSON) to `out`; returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; allowed: {', '.join(FORMATS)}")
    count = 0
    writer = csv.DictWriter(out, fieldnames=columns) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for row in rows:
        if writer:
            writer.writerow({key: inert(_cell(row.get(key))) for key in columns})
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value: object) -> object:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def inert(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, kept as text (a leading apostrophe)."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_STARTS) else value
