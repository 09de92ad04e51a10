"""Chunk stage: cut documents into citable passages, keeping provenance and alignment.

A passage is a paragraph, a list item, or — for a long paragraph — a run of consecutive
sentences of at most `max_chars` characters. Headings are never passages: the heading path a
paragraph sits under is embedded with each of its passages as context (and cited as its
location), like the line introducing a list. Translations are cut at the same sentence
boundaries, so each passage carries its aligned translations; where a translated
paragraph does not have the same number of sentences, the whole translated paragraph
stands for each of its pieces. The line that introduces a list ("L'AMF a également reçu :")
is not a passage: it is the context embedded with each item.

In a dropped file, whose paragraphs come from its layout, a passage that goes on from the sentence
before it ("Deux mille personnes, dont six cents maires, ont assisté aux débats." after "… le
Sommet Africités 2003.") would be found without its subject. A passage whose original names
nothing of its own (no capitalised word but the first of a sentence), or whose first sentence opens with a
pronoun standing for what the sentence before names ("Elles ont réuni 220 participants. Le président des
CVUC…": the language pack's `CONTINUING_PRONOUNS`), is taken to go on from what precedes it: it carries as context, after its heading, the sentences just before it in the same
section (the same paragraph, or the paragraph before under the same heading; not across a list),
at most `context_chars` characters, each version from its own text. A passage naming its own
subject carries none: the sentences before would only blur it, and make the passage that follows
a fact outrank the one stating it. Context is embedded and searched with the passage, never cited
or shown as its text: the passage's text, offsets and id are those of its own sentences. The
folder format's paragraphs, written one per line to stand alone, carry none (measured: with them
the seed's evaluation lost questions).
"""

from __future__ import annotations

import re

from bot.ingest.knowledge import Document, SourceText
from bot.core.models import Passage, Version
from bot.core.text import Span, sentences
from bot.language.patterns import opens_with_pronoun

MAX_PASSAGE_CHARS = 400
# The sentences before a passage carried as its context, at most this many characters. Measured on the
# real-documents set (tests/eval/realdocs, extraction cache emptied): 74/121 gold passages cited, 66/121
# facts with it; 73/121 and 64/121 without, and the continuing sentences of tests/integration/test_flip_book.py
# are found only with it. It costs one German question on an untranslated PDF (docs/calibration.md).
CONTEXT_CHARS = 200


def chunk_documents(documents: list[Document], max_chars: int = MAX_PASSAGE_CHARS,
                    context_chars: int = CONTEXT_CHARS) -> list[Passage]:
    return [p for doc in documents for p in chunk_document(doc, max_chars, context_chars)]


def chunk_document(doc: Document, max_chars: int = MAX_PASSAGE_CHARS, context_chars: int = CONTEXT_CHARS) -> list[Passage]:
    texts = [doc.original, *doc.translations.values()]
    passages = []
    for index, paragraph in enumerate(doc.original.paragraphs):
        if _introduces_list(doc.original.paragraphs, index):
            continue
        parts = sentences(paragraph.text, paragraph.start)
        groups = _sentence_groups(parts, max_chars)
        for first, last in groups:
            goes_on = context_chars > 0 and doc.sentences_before and _goes_on(parts[first:last], doc.original.language)
            sections = doc.original.headings if goes_on else None
            versions = [_version(text, index, first, last, len(parts), sections, context_chars) for text in texts]
            suffix = f"-s{first + 1}-{last}" if len(groups) > 1 else ""
            passages.append(Passage(
                passage_id=f"{doc.doc_id}/p{index + 1:03d}{suffix}",
                doc_id=doc.doc_id,
                source=doc.source,
                paragraph=index + 1,
                original=versions[0],
                translations={v.language: v for v in versions[1:]},
            ))
    return passages


def _introduces_list(spans: list[Span], index: int) -> bool:
    following = spans[index + 1] if index + 1 < len(spans) else None
    return spans[index].text.rstrip().endswith(":") and following is not None and _is_list_item(following.text)


def _is_list_item(text: str) -> bool:
    return text.startswith(("- ", "– ", "• ", "* "))


def _list_context(spans: list[Span], index: int) -> str:
    """The introducing line of the list that paragraph `index` belongs to, if any."""
    if not _is_list_item(spans[index].text):
        return ""
    for back in range(index - 1, -1, -1):
        if not _is_list_item(spans[back].text):
            return spans[back].text if spans[back].text.rstrip().endswith(":") else ""
    return ""


def _sentence_groups(parts: list[Span], max_chars: int) -> list[tuple[int, int]]:
    """Greedy runs [first, last) of consecutive sentences whose total length fits `max_chars`."""
    groups, first, size = [], 0, 0
    for i, part in enumerate(parts):
        if i > first and size + 1 + len(part.text) > max_chars:
            groups.append((first, i))
            first, size = i, 0
        size += len(part.text) + (1 if size else 0)
    groups.append((first, len(parts)))
    return groups


def _version(text: SourceText, index: int, first: int, last: int, original_count: int,
             sections: tuple[str, ...] | None, context_chars: int = CONTEXT_CHARS) -> Version:
    """`sections`: the original's heading per paragraph when passages carry the sentences before them, else None."""
    paragraph = text.paragraphs[index]
    span = paragraph
    parts = sentences(paragraph.text, paragraph.start)
    if len(parts) == original_count and (first, last) != (0, original_count):
        start, end = parts[first].start, parts[last - 1].end
        span = Span(paragraph.text[start - paragraph.start:end - paragraph.start], start, end)
    heading = text.headings[index] if text.headings else ""
    lead_in = _list_context(text.paragraphs, index)
    before = "" if sections is None or _is_list_item(paragraph.text) else _sentences_before(text, index, span.start, sections, context_chars)
    context = "\n".join(part for part in (heading, before, lead_in) if part)
    return Version(
        language=text.language,
        text=span.text,
        source_file=text.source_file,
        start=span.start,
        end=span.end,
        title=text.title,
        notice=text.notice,
        is_original=text.is_original,
        context=context,
        page=text.pages[index] if text.pages else None,
        heading=heading,
        machine=text.machine,
    )


def _goes_on(parts: list[Span], language: str) -> bool:
    """The sentences go on from the one before them: they name nothing of their own, or the first opens with a
    pronoun standing for what that sentence names ("Elles ont réuni 220 participants. Le président des CVUC…")."""
    return not _names_its_subject(parts) or opens_with_pronoun(parts[0].text, language)


def _names_its_subject(parts: list[Span]) -> bool:
    """Whether the sentences name something of their own: a capitalised word other than a sentence's first."""
    return any(word[:1].isupper() for part in parts for word in re.findall(r"\w[\w'’-]*", part.text)[1:])


def _sentences_before(text: SourceText, index: int, start: int, sections: tuple[str, ...], budget: int) -> str:
    """The sentences before offset `start` in paragraph `index` or, at its start, in the paragraph before
    under the same heading of the original (not a list), within `budget` characters; the last one cut to its end
    if too long."""
    paragraph = text.paragraphs[index]
    earlier = [s.text for s in sentences(paragraph.text, paragraph.start) if s.end <= start]
    if not earlier and index > 0:
        previous = text.paragraphs[index - 1]
        same_section = not sections or sections[index - 1] == sections[index]
        if same_section and not _is_list_item(previous.text):
            earlier = [s.text for s in sentences(previous.text, previous.start)]
    chosen: list[str] = []
    for sentence in reversed(earlier):
        if sum(len(s) + 1 for s in chosen) + len(sentence) > budget:
            if not chosen:
                tail = sentence[-budget:]
                chosen.append("…" + tail[tail.find(" ") + 1:] if " " in tail else tail)
            break
        chosen.insert(0, sentence)
    return " ".join(chosen)
