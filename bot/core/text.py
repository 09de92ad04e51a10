"""Text utilities shared by the chunker, the lexical index and the answerer.

Pure functions, no I/O: paragraph and sentence segmentation with character offsets,
accent folding, tokenization, and spelling keys that meet a name across scripts.
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass

# A sentence ends at . ! ? (or their CJK forms) followed by white space, or right after
# a CJK full stop. A period after a single capital letter ("M. Bruno JONCOUR") or after a
# known abbreviation does not end a sentence.
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”’)]*\s+|[。！？]+[」』）]*\s*")
_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "dr", "st", "ste", "mr", "mrs", "ms", "prof",
    "etc", "cf", "p", "n", "no", "vol", "sig", "sr", "sra", "hr", "fr", "dott", "ing",
    "г", "гг", "им", "ул", "вул", "ім",
}


@dataclass(frozen=True)
class Span:
    """A piece of text with its [start, end) character offsets in the text it came from."""

    text: str
    start: int
    end: int


def clean_text(text: str) -> str:
    """`text` with lone surrogates (which no encoding can carry) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines of `text`, stripped, with their offsets (one paragraph per line)."""
    spans, offset = [], 0
    # Lines end at "\n" only: str.splitlines would also cut at form feeds and other separators
    # inside a paragraph, and the paragraph counts of a document's files would no longer match.
    for line in text.split("\n"):
        line += "\n"
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = offset + (len(body) - len(body.lstrip()))
            spans.append(Span(stripped, start, start + len(stripped)))
        offset += len(line)
    return spans


def sentences(text: str, base: int = 0) -> list[Span]:
    """Split `text` into sentences; offsets are relative to `base`."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end >= len(text):
            break
        if match.group().strip()[:1] == "." and ends_with_abbreviation(text[start:match.start() + 1]):
            continue
        piece = text[start:end].rstrip()
        if piece:
            spans.append(Span(piece, base + start, base + start + len(piece)))
        start = end
    tail = text[start:].strip()
    if tail:
        lead = len(text[start:]) - len(text[start:].lstrip())
        spans.append(Span(tail, base + start + lead, base + start + lead + len(tail)))
    return spans


def ends_with_abbreviation(text: str) -> bool:
    """`text` ends with a period that does not end a sentence: after a single capital letter ("M. Bruno") or a
    known abbreviation ("Mme", "Dr", "etc")."""
    found = re.search(r"(\w+)\.$", text.rstrip())
    return bool(found) and (len(word := found.group(1)) == 1 and word.isupper() or word.lower() in _ABBREVIATIONS)


@lru_cache(maxsize=8192)  # the same passages and questions are folded again by each stage of an answer
def fold(text: str) -> str:
    """Lower-case, strip accents, unify apostrophes and dashes (for matching, never for display)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    return unicodedata.normalize("NFC", text).lower()


# Kana, CJK ideographs and Hangul syllables: the scripts read character by character (defined here once).
CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"

_WORD = re.compile(f"[{CJK_CHARS}]+|[^\\W_{CJK_CHARS}]+")

CJK = re.compile(f"[{CJK_CHARS}]")

STEM = 6


# An ordinal is its number, however it is written: "35e", "35ème", "35th", "97è", "1er", "35º", "35-й",
# "al 35-lea"; a Roman one with an ordinal ending too ("XXIe siècle", "Ve République").
_ORDINAL_ENDING = (r"(?:ers?|ères?|res?|èmes?|emes?|es?|è|nd|st|rd|th|[°ºª]|\.[ºª]|-lea|-a|"
                   r"-?(?:й|я|е|го|му|м|х|ій|ий|ый|ая|ое|ого|ому|ої|та|те|ту))")
ORDINAL = re.compile(r"(?<![\w.,])(\d+)" + _ORDINAL_ENDING + r"(?!\w)")
_ROMAN_ORDINAL = re.compile(r"(?<!\w)([IVXLC]{2,}|[IVX])(?:er|ère|e|ème|è|th|st|nd|rd)(?!\w)")
_ROMAN = re.compile(r"^(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def plain_ordinals(text: str) -> str:
    """`text` with every ordinal written as its bare number: "le 35ème congrès" → "le 35 congrès"."""
    text = _ROMAN_ORDINAL.sub(lambda m: str(_roman(m.group(1)) or m.group()), text)
    return ORDINAL.sub(r"\1", text)


def _roman(numeral: str) -> int | None:
    if not _ROMAN.match(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def tokenize(text: str) -> list[str]:
    tokens = []
    for word in _WORD.findall(fold(plain_ordinals(text))):
        if CJK.match(word):
            tokens.extend(word[i:i + 2] for i in range(max(1, len(word) - 1)))
        else:
            tokens.append(word[:STEM])
    return tokens



def latin_letters(word: str) -> str:
    """`word` in plain lower-case Latin letters, whatever its script ("Тамба" → "tamba", "Höffel" → "hoffel")."""
    from anyascii import anyascii

    return re.sub(r"[^a-z]", "", anyascii(word).lower())


SPELLING_KEY = 6


def spelling_key(token: str) -> str:
    """A token's letters written in Latin, doubled letters once, cut to `SPELLING_KEY` letters.

    The same name transcribed into different scripts or by different conventions comes close:
    Хёффель, Хоффель and Höffel give "khefel", "khofel" and "hofel".
    """
    letters = re.sub(r"chzh|dzh|dj", "j", latin_letters(token))  # one sound, several transcriptions: Чжу, Джу, Dju, Ju
    return re.sub(r"(.)\1+", r"\1", letters)[:SPELLING_KEY]


def spelling_neighbours(key: str) -> set[str]:
    """The key and the key missing one letter: two keys share one when they differ by a letter
    changed, added, dropped or two letters swapped (Mkhatshwa, Mkahtshwa)."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


MIN_SKELETON = 4


def consonant_skeleton(word: str) -> str:
    """A name's consonants written in Latin, for names transcribed from another script, whose vowels
    vary most: Рокбрюн and Roquebrune both give "rkbrn". Too short (under `MIN_SKELETON`) to tell: ""."""
    letters = latin_letters(word)
    for written, sound in (("qu", "k"), ("ck", "k"), ("ph", "f"), ("c", "k"), ("w", "v"), ("x", "ks"),
                           ("zh", "j"), ("dzh", "j"), ("kh", "h")):
        letters = letters.replace(written, sound)
    skeleton = re.sub(r"(.)\1+", r"\1", letters[:1] + re.sub(r"[aeiouy]", "", letters[1:]))
    return skeleton if len(skeleton) >= MIN_SKELETON else ""


# A word with a capital letter in it, as names are written (Latin and Cyrillic scripts).
CAPITALISED_WORD = r"\b[^\W\d_]*[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][^\W\d_]+"
