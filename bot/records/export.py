"""Writing records out for staff: CSV for a spreadsheet, or JSON lines.

Visitors type what they like, so a CSV cell that a spreadsheet would run as a formula
(`=HYPERLINK(…)`, `+`, `-`, `@`, a tab or a carriage return first) is written as text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Literal, TextIO

ExportFormat = Literal["csv", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
