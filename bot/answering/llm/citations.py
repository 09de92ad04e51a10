"""What a model wrote, checked as data: citation markers, the NOT_FOUND reply, the answer's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.detection import detect_language
from bot.answering.llm.prompt import NOT_FOUND

# A run of markers: [1], [1, 2], [1][2], [1] [2]; runs are renumbered as one group.
_MARKER_RUN = re.compile(r"[ \t]*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\][ \t]*)+")
_NUMBER = re.compile(r"\d+")
_THINKING = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL)
_NOT_FOUND = re.compile(rf"\b{NOT_FOUND}\b")
_OPENS_NOT_FOUND = re.compile(r"\W*NOT[ _]FOUND\b")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|「[^」]*」|『[^』]*』")
_LETTER = re.compile(r"[^\W\d_]")
_DROPPED = "\x00"
MIN_LETTERS_TO_JUDGE = 20  # shorter prose is too little to tell a language reliably


@dataclass(frozen=True)
class CitedReply:
    """A reply whose markers are renumbered 1..k; `sources[k-1]` is the passage number [k] stood for."""

    text: str
    sources: list[int]


def clean_reply(reply: str) -> str:
    """The reply without the thinking some models write before answering."""
    return _THINKING.sub("", reply).strip()


def says_not_found(reply: str) -> bool:
    """The model said the passages do not answer: the reply opens with the token, or has it and cites nothing."""
    if _OPENS_NOT_FOUND.match(reply):
        return True
    return bool(_NOT_FOUND.search(reply)) and not _MARKER_RUN.search(reply)


def renumber_citations(reply: str, provided: int) -> CitedReply:
    """Drop markers of passages that were not provided and renumber the others by first use."""
    order: list[int] = []

    def renumbered(match: re.Match) -> str:
        kept: list[int] = []
        for number in map(int, _NUMBER.findall(match.group())):
            if not 1 <= number <= provided:
                continue
            if number not in order:
                order.append(number)
            if order.index(number) + 1 not in kept:
                kept.append(order.index(number) + 1)
        if not kept:
            return _DROPPED
        run = match.group()
        lead, trail = run[: len(run) - len(run.lstrip())], run[len(run.rstrip()):]
        return lead + "".join(f"[{k}]" for k in sorted(kept)) + trail

    text = _without_dropped(_MARKER_RUN.sub(renumbered, reply))
    if order:
        text = _NOT_FOUND.sub("", text).strip()
    return CitedReply(text, order)


def _without_dropped(text: str) -> str:
    """Removes the places of dropped markers without leaving a space before punctuation or a line end."""
    text = re.sub(rf"[ \t]*{_DROPPED}[ \t]*(?=[.,;:!?。、)]|$)", "", text, flags=re.MULTILINE)
    text = re.sub(rf"^[ \t]*{_DROPPED}[ \t]*", "", text, flags=re.MULTILINE)
    return re.sub(rf"[ \t]*{_DROPPED}[ \t]*", " ", text).strip()


def cut_after_last_citation(reply: str) -> str:
    """A reply cut short, ending after its last citation marker (and the sentence's end mark, if any):
    what follows is cited by nothing."""
    last = None
    for last in _MARKER_RUN.finditer(reply):
        pass
    if last is None:
        return ""
    end = last.end()
    while end < len(reply) and reply[end] in ".!?。！？":
        end += 1
    return reply[:end].rstrip()


def standalone_question(reply: str) -> str:
    """The condenser's question: its first line, without a label, list mark or quotes around it."""
    lines = [line.strip() for line in clean_reply(reply).splitlines() if line.strip()]
    if not lines:
        return ""
    line = re.sub(r"^(standalone question|question)\s*:\s*", "", lines[0], flags=re.IGNORECASE)
    return line.strip(" -*`\"'«»“”„「」").strip()


def prose(text: str) -> str:
    """The answer's own words: without citation markers and without quoted text."""
    return _QUOTED.sub(" ", _MARKER_RUN.sub(" ", text))


def written_in(text: str, language: str) -> bool:
    """Whether the answer is in `language`; too little prose to judge counts as yes."""
    words = prose(text)
    if len(_LETTER.findall(words)) < MIN_LETTERS_TO_JUDGE:
        return True
    return detect_language(words, default=language) == language


def answer_language(text: str, default: str) -> str:
    return detect_language(prose(text), default=default)


def preview(partial: str) -> str:
    """What of a reply still being written may be shown: no thinking, nothing that may become NOT_FOUND."""
    text = clean_reply(partial)
    head = text.lstrip(" *`\"'_").upper()
    if _OPENS_NOT_FOUND.match(head) or any(token.startswith(head) for token in (NOT_FOUND, "NOT FOUND", "<THINK>")):
        return ""
    return text
