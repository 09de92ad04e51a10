"""Text laid out in lines read as prose: one function shared by the text, Markdown and PDF readers.

Files come as they were dumped from real documents: a flip-book page gives a line break every
few words, words hyphenated across lines ("étran-\\ngères"), superscript ordinals on a line of
their own ("Le 97\\nè\\nCongrès"), running headers and page numbers, and section titles in the flow.

- **Which files are reflowed** (`is_line_broken`): those where at least a fifth of the lines that
  have a next line stop without ending a sentence and go on in lower case (or with a split ordinal)
  on the next one. A file of long paragraphs, one per line (the knowledge folder's format, each
  line ending its sentence), never is: its lines are kept as they are.
- **Joining lines** (`join_lines`): a word hyphenated at a line end is joined without its hyphen
  when the next line goes on in lower case, unless the hyphenated form ("porte-parole") appears
  elsewhere in the text; before a capital or a digit ("Saint-\\nLouis", "2003-\\n2004") the hyphen
  is kept. A line holding only an ordinal or exponent ("è", "er", "e", "ème"… after a number or a
  Roman numeral; "2" or "3" after a unit of length) is attached to the line before it.
- **Running lines**: a line repeated at least three times (digits aside) at a page edge (next to a
  blank line, a form feed or the file's start or end), and a page number standing at a page edge,
  are dropped.
- **Paragraphs** end at a blank line (unless the text goes on in lower case or with a quotation after a page break), and after a line ending a sentence when the next line is
  indented or is a heading, or when that line is short (under 60 % of the file's usual line
  length) and the next one starts with a capital.
- **Headings**: a capitalised line ("COOPÉRATION DÉCENTRALISÉE", level 1) or a short title line
  ("Coopération avec le Sénégal", level 2: a capital first, at most 8 words and 60 characters, no
  comma or sentence end, not ending on a short lower-case word) that follows a sentence end, a
  blank line or the start, and is followed by a line starting a sentence (or by a blank line). A
  line standing alone between blank lines without a sentence end, short, is a title line too.
  Headings are never passage text: they become the heading path of the paragraphs under them.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from bot.core.text import ends_with_abbreviation

SENTENCE_END = re.compile(r"[.!?…:;»\"”)]$")
PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page|p\.|seite|pagina|página)?\s*\d{1,4}(?:\s*(?:/|sur|of|de|von)\s*\d{1,4})?[-–—\s]*$", re.I)
# An ordinal or exponent set as superscript, which a text dump puts on a line of its own.
_SUFFIX = re.compile(r"^(?:e|è|ème|eme|èmes|emes|er|ers|ère|ères|re|res|es|nd|nde|nds|ndes|st|rd|th|°|º|ª)$")
_ORDINAL_END = re.compile(r"(?<=\d)(?:e|è|ème|eme|èmes|emes|er|ers|ère|ères|re|res|es|nd|nde|nds|ndes|st|rd|th)\b")
_NUMBER_END = re.compile(r"(?:\d|\b[IVXLCDM]+)$")
_UNIT_END = re.compile(r"\b(?:m|km|cm|mm|dm)$")
_SUPERSCRIPT = {"2": "²", "3": "³"}
_ITEM = re.compile(r"^([-–•*▪■●◦]|\d+[.)])\s")
_NUMBERED = re.compile(r"^\d+[.)]\s")
_COMPOUND = re.compile(r"\w+(?:-\w+)+")
# A paragraph ending on a short word that is no acronym or number ("Le", "de la", "à", "l'") stops mid-sentence.
_DANGLING = re.compile(r"(?:^|\s)(?![A-Z]{2,}\b)[^\W\d_]{1,3}['’]?$|['’]$")
_BROKEN_SHARE = 0.2
_TITLE_WORDS, _TITLE_CHARS = 8, 60


@dataclass(frozen=True)
class Piece:
    """A paragraph (level 0) or a heading (1: capitalised line, 2: title line) of reflowed text."""

    text: str
    level: int = 0


def ends_sentence(line: str) -> bool:
    """The line ends a sentence: a closing mark, not the period of a title ("en présence de M." / "Olivier …")."""
    return bool(SENTENCE_END.search(line)) and not ends_with_abbreviation(line)


def compounds(text: str) -> frozenset[str]:
    """The hyphenated words written within a line ("porte-parole"), lower-cased: kept whole at a line end."""
    return frozenset(w.lower() for w in _COMPOUND.findall(text))


def _suffix_line(line: str, before: str) -> str | None:
    """`line` as the superscript of the text `before` it ("97" + "è"), or None."""
    if _SUFFIX.match(line) and _NUMBER_END.search(before):
        return line
    if line in _SUPERSCRIPT and _UNIT_END.search(before):
        return _SUPERSCRIPT[line]
    return None


def join_lines(lines: list[str], known: frozenset[str] = frozenset()) -> str:
    """Lines of one paragraph as one line: hyphenated words and split ordinals joined again.

    `known` holds the hyphenated words of the whole text (`compounds`): one of them cut at its
    hyphen keeps it."""
    out = ""
    for line in (l.strip() for l in lines):
        if not line:
            continue
        if not out:
            out = line
        elif (suffix := _suffix_line(line, out)) is not None:
            out += suffix
        elif (cut := re.search(r"(\w[\w-]*)-$", out)) and line[:1].isalnum():
            following = re.match(r"[\w-]+", line)
            whole = f"{cut.group(1)}-{following.group(0) if following else ''}".lower()
            keep = not line[:1].islower() or whole in known
            out = (out if keep else out[:-1]) + line
        else:
            out = f"{out} {line}"
    return out


def is_line_broken(lines: list[str]) -> bool:
    """Whether the text is cut into lines inside its sentences (see the module's rule)."""
    filled = [l.strip() for l in lines]
    pairs = [(a, b) for a, b in zip(filled, filled[1:]) if a and b]
    if not pairs:
        return False
    broken = sum(1 for a, b in pairs
                 if not ends_sentence(a) and (b[:1].islower() or _suffix_line(b, a) is not None))
    return broken >= _BROKEN_SHARE * len(pairs)


def _superscripts_inline(lines: list[str]) -> list[str]:
    """A superscript on a line of its own ("LE 100" / "e" / "CONGRÈS DES MAIRES") was set inside one line: the line
    before, the superscript and the line after are one line again, so that a title stays one title line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        suffix = _suffix_line(line.strip(), out[-1].strip()) if out and out[-1].strip() and line.strip() else None
        if suffix is None:
            out.append(line)
            i += 1
            continue
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        out[-1] = out[-1].rstrip() + suffix + (f" {after}" if after else "")
        i += 2 if after else 1
    return out


def _capitalised(line: str) -> bool:
    line = _ORDINAL_END.sub("", line)  # "LE 100e CONGRÈS": the ordinal's letters are no lower-case words
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(line) <= 100 and not _ITEM.match(line)


def _title_like(line: str) -> bool:
    words = line.split()
    return (line[:1].isupper() and len(words) <= _TITLE_WORDS and len(line) <= _TITLE_CHARS
            and not re.search(r"[,;:.!?…]|[-'’]$", line) and not _ITEM.match(line)
            and not (words[-1].islower() and len(words[-1]) <= 3))


def heading_level(line: str, after: str) -> int:
    """1 for a capitalised line, 2 for a title line, followed by a sentence start (or nothing); else 0.
    The caller checks that the line opens a paragraph (after a sentence end, a blank line or the start)."""
    if after and (not _starts_sentence(after) or _suffix_line(after, line) is not None):
        return 0
    return 1 if _capitalised(line) else 2 if _title_like(line) else 0


def _starts_sentence(line: str) -> bool:
    return bool(line) and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "«\"“(") or bool(_ITEM.match(line))


def without_running_lines(lines: list[str]) -> list[str]:
    """The lines, running headers, footers and page numbers blanked (see the module's rule)."""
    def at_edge(i: int) -> bool:
        return i == 0 or i == len(lines) - 1 or not lines[i - 1].strip() or not lines[i + 1].strip()

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    counts = Counter(key(l) for l in lines if l.strip())
    edges = Counter(key(l) for i, l in enumerate(lines) if l.strip() and at_edge(i))
    running = {k for k, n in counts.items() if n >= 3 and edges[k] >= 2 * n / 3 and len(k) <= 100}
    return ["" if l.strip() and at_edge(i) and (key(l) in running or PAGE_NUMBER.match(l)) else l
            for i, l in enumerate(lines)]


def reflow(lines: list[str], known: frozenset[str] | None = None) -> list[Piece]:
    """Line-broken text as paragraphs and headings (see the module's rule); `lines` may hold blank ones."""
    lines = _superscripts_inline(without_running_lines([l.rstrip() for l in lines]))
    known = compounds("\n".join(lines)) if known is None else known
    filled = [l for l in lines if l.strip()]
    usual = statistics.quantiles([len(l.strip()) for l in filled], n=5)[-1] if len(filled) >= 2 else 80
    pieces: list[Piece] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            pieces.append(Piece(join_lines(current, known)))
            current.clear()

    def heading(text: str, level: int, before: str) -> None:
        last = pieces[-1] if pieces else None
        if last and last.level == level == 1 and before and last.text.endswith(before):  # a capitalised title over two lines
            pieces[-1] = Piece(f"{last.text} {text}", level)
        else:
            pieces.append(Piece(text, level))

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            flush()
            continue
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        opens = not current or ends_sentence(current[-1].strip())
        alone = not before and not after
        level = heading_level(line, after) if opens else 0
        if opens and not level and alone and len(line) <= _TITLE_CHARS and not SENTENCE_END.search(line) \
                and not _ITEM.match(line):
            level = 2  # a short line standing alone between blank lines
        if level:
            flush()
            heading(line, level, before)
            continue
        if current and _ITEM.match(line) and not _continues(current[-1], line):
            flush()
        elif current and ends_sentence(current[-1].strip()) and (
                len(raw) - len(raw.lstrip()) > len(current[0]) - len(current[0].lstrip())
                or (len(current[-1].strip()) < 0.6 * usual and _starts_sentence(line))):
            flush()
        current.append(raw)
    flush()
    return _joined_across_breaks(pieces, known)


def _joined_across_breaks(pieces: list[Piece], known: frozenset[str]) -> list[Piece]:
    """A paragraph cut by a page break (no sentence end, the next one going on in lower case or with a quotation —
    "…sur le thème" / "« Les villes face au changement climatique »." — or after a word that cannot end a
    paragraph: "…communes moldaves. Le" / "CALM a été invité…") is one paragraph."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (prev and not prev.level and not piece.level and not ends_sentence(prev.text)
                and (piece.text[:1].islower() or piece.text[:1] in "«“"
                     or _suffix_line(piece.text.split()[0], prev.text) is not None
                     or _DANGLING.search(prev.text))):
            out[-1] = Piece(join_lines([prev.text, piece.text], known))
        else:
            out.append(piece)
    return out


def heading_paths(pieces: list[Piece], outer: tuple[str, ...] = ()) -> list[tuple[str, tuple[str, ...], bool]]:
    """Each piece as (text, the heading path it sits under, is a heading), headings nested by level under `outer`."""
    path: list[tuple[int, str]] = []
    out = []
    for piece in pieces:
        if piece.level:
            path = [(l, h) for l, h in path if l < piece.level]
            out.append((piece.text, (*outer, *(h for _, h in path)), True))
            path.append((piece.level, piece.text))
        else:
            out.append((piece.text, (*outer, *(h for _, h in path)), False))
    return out


def _continues(previous: str, line: str) -> bool:
    """A line starting with a number and a full stop continues the sentence of a line ending mid-sentence
    ("a été reporté à" / "2022. L'AMF a toutefois…"): a year ending a sentence, not a numbered item."""
    return bool(_NUMBERED.match(line)) and not re.search(r"[.:;!?…]\s*$", previous.strip())

