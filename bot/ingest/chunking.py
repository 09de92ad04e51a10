"""Chunk stage: cut documents into citable passages, keeping provenance and alignment.

A passage is a paragraph, a list item, or — for a long paragraph — a run of consecutive
sentences of at most `max_chars` characters. Headings are never passages: the heading path a
paragraph sits under is embedded with each of its passages as context (and cited as its
location), like the line introducing a list. Translations are cut at the same sentence
boundaries, so each passage carries its aligned translations; where a translated
paragraph does not have the same number of sentences, the whole translated paragraph
stands for each of its pieces. The line that introduces a list ("L'AMF a également reçu :")
is not a passage: it is the context embedded with each item.
"""

from __future__ import annotations

from bot.ingest.knowledge import Document, SourceText
from bot.core.models import Passage, Version
from bot.core.text import Span, sentences

MAX_PASSAGE_CHARS = 400


def chunk_documents(documents: list[Document], max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    return [p for doc in documents for p in chunk_document(doc, max_chars)]


def chunk_document(doc: Document, max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    texts = [doc.original, *doc.translations.values()]
    passages = []
    for index, paragraph in enumerate(doc.original.paragraphs):
        if _introduces_list(doc.original.paragraphs, index):
            continue
        parts = sentences(paragraph.text, paragraph.start)
        groups = _sentence_groups(parts, max_chars)
        for first, last in groups:
            versions = [_version(text, index, first, last, len(parts)) for text in texts]
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


def _version(text: SourceText, index: int, first: int, last: int, original_count: int) -> Version:
    paragraph = text.paragraphs[index]
    span = paragraph
    parts = sentences(paragraph.text, paragraph.start)
    if len(parts) == original_count and (first, last) != (0, original_count):
        start, end = parts[first].start, parts[last - 1].end
        span = Span(paragraph.text[start - paragraph.start:end - paragraph.start], start, end)
    heading = text.headings[index] if text.headings else ""
    context = "\n".join(part for part in (heading, _list_context(text.paragraphs, index)) if part)
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
