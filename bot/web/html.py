"""How questions and cited answers look in the chat: small HTML fragments where every text is escaped.

Visitor text and document text are always shown as text. Each fragment is a single line of
HTML wrapped in one block element, so the chat's Markdown renderer passes it through as an
HTML block; characters that mean something to Markdown are written as entities all the same,
in case a fragment is ever read as Markdown.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from bot.language.messages import messages
from bot.language.page import page_text
from bot.core.models import Answer, Citation

# One pass, so that no entity is escaped twice: HTML's special characters, then Markdown's.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~$:="})

# "characters" in each language the assistant speaks (the other source labels come from messages.py).
_CHARACTERS = {
    "fr": "caractères", "en": "characters", "it": "caratteri", "es": "caracteres", "de": "Zeichen",
    "pt": "caracteres", "ro": "caractere", "ko": "문자", "ja": "文字", "ru": "символы", "uk": "символи",
}
# The page abbreviation before a PDF page number ("p. 3").
_PAGE = {
    "fr": "p.", "en": "p.", "it": "p.", "es": "p.", "de": "S.", "pt": "p.", "ro": "p.", "ko": "p.", "ja": "p.",
    "ru": "с.", "uk": "с.",
}


def escape_text(text: str) -> str:
    """`text` as inert HTML: no tag, no entity, no Markdown syntax survives; line breaks become <br>."""
    escaped = text.translate(_ENTITIES)
    return "<br>".join(escaped.splitlines())


def question_html(question: str) -> str:
    return f'<div class="amf-question">{escape_text(question.strip())}</div>'


def partial_answer_html(text: str) -> str:
    """The answer while it streams in: text only, the sources and notice come with the last chunk."""
    return f'<div class="amf-answer">{escape_text(text)}</div>'


def answer_html(answer: Answer) -> str:
    """The whole reply: answer text with its [n] markers (links to their source), collapsible sources, then AMF's
    notice."""
    cited = {int(c.n) for c in answer.citations}
    text = _MARKER.sub(lambda m: _marker_link(int(m.group(1))) if int(m.group(1)) in cited else m.group(0),
                       escape_text(answer.answer))
    parts = [f'<div class="amf-answer">{text}</div>']
    if answer.validated:
        parts.append(f'<div class="amf-validated">✔ {escape_text(str(answer.validated.get("label", "")))}</div>')
    if answer.note:  # e.g. the language model failed and the passages are given instead
        parts.append(f'<div class="amf-note">{escape_text(answer.note)}</div>')
    if answer.citations:
        parts.append(sources_html(answer.citations, answer.language))
    parts.append(notice_html(answer.notice))
    return "".join(parts)


# Where a cited passage opens in context and its original file is downloaded (`bot.web.sources`).
SOURCES_PATH = "/sources"


def passage_url(passage_id: str, language: str) -> str:
    return f"{SOURCES_PATH}/passage/{quote(passage_id, safe='/')}?lang={quote(language)}"


# A citation marker once escaped: "&#91;2&#93;".
_MARKER = re.compile(r"&#91;(\d{1,3})&#93;")


def _marker_link(n: int) -> str:
    """[n] as a link to the n-th source of the same reply (the page's script opens the sources there)."""
    return f'<a class="amf-ref" href="#amf-source-{n}">&#91;{n}&#93;</a>'


def sources_html(citations: list[Citation], language: str) -> str:
    items = "".join(citation_html(c, language) for c in citations)
    title = escape_text(f"{messages(language).sources} ({len(citations)})")
    return f'<details class="amf-sources"><summary>{title}</summary><ul class="amf-citations">{items}</ul></details>'


def citation_html(citation: Citation, language: str) -> str:
    location = citation.location
    where = location_text(location["file"], location["paragraph"], location["start"], location["end"], language,
                          page=location.get("page"), heading=location.get("heading", ""))
    parts = [
        f'<li class="amf-citation amf-source-{int(citation.n)}">',
        f'<span class="amf-citation-title">[{int(citation.n)}] {escape_text(citation.title)}</span> ',
        f'<span class="amf-location">{escape_text(where)}</span>',
        f'<blockquote class="amf-passage">{escape_text(citation.passage)}</blockquote>',
    ]
    if location.get("passage_id"):  # the passage among its neighbours, and the original file
        url = escape_text(passage_url(str(location["passage_id"]), language))
        parts.append(f'<a class="amf-open" href="{url}" target="_blank" rel="noopener">'
                     f'{escape_text(page_text(language).open_source)}</a>')
    if citation.translation:
        parts.append(translation_html(citation.translation, location.get("translation") or {}, language))
    parts.append("</li>")
    return "".join(parts)


def translation_html(text: str, where: dict, language: str) -> str:
    label = str(where.get("status") or messages(language).unofficial)
    if where.get("file"):
        label += " — " + location_text(where["file"], None, where.get("start"), where.get("end"), language)
    return (f'<div class="amf-translation"><span class="amf-translation-label">{escape_text(label)}</span>'
            f'<blockquote class="amf-passage">{escape_text(text)}</blockquote></div>')


def location_text(file: str, paragraph: int | None, start: int | None, end: int | None, language: str,
                  page: int | None = None, heading: str = "") -> str:
    parts = [str(file)]
    if page:
        parts.append(f"{_PAGE.get(language, _PAGE['en'])} {int(page)}")
    if heading:
        parts.append(str(heading))
    if paragraph is not None:
        parts.append(f"§ {paragraph}")
    if start is not None and end is not None:
        parts.append(f"{_CHARACTERS.get(language, _CHARACTERS['en'])} {start}–{end}")
    return ", ".join(parts)


def notice_html(notice: str) -> str:
    return f'<div class="amf-notice">© {escape_text(notice)}</div>'
