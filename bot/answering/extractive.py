"""Answer stage: the extractive, grounded answerer (the embedded default) behind the `Answerer` seam.

It never writes a fact of its own: it selects the passages that answer the question, gives
them in the question's language when an aligned translation exists (else quotes the original
with a lead-in in the question's language), and puts a citation marker after every sentence.
When the sources do not answer — off-topic questions, things the documents never mention,
attempts to make it drop its rules — it says so (status `not_found`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable, Iterator

from bot.answering.calibration import ACCEPT_ALL, GATE_DEPTH, Calibration, speaks
from bot.answering.grounding import (YEAR, asked_kinds, asked_years, names_asked, states_what_is_asked, states_year,
                                     unknown_entities, what_the_answer_states)
from bot.core.contracts import CitedPassage, Draft
from bot.language.countries import countries_in
from bot.language.regions import countries_of, regions_in
from bot.language.vocabulary import Vocabulary
from bot.language.messages import COUNTRIES_NAMED, country_name, not_found_text, not_stated_text, quote_original
from bot.language.patterns import COUNTRY_NOUN, MANIPULATION, SEVERAL, without_exclusions
from bot.language.supported import for_language
from bot.core.models import ScoredPassage
from bot.core.text import sentences, tokenize


def is_manipulation(question: str) -> bool:
    return bool(MANIPULATION.search(question))


@dataclass
class ExtractiveAnswerer:
    """Selects and quotes source passages.

    `calibration` gives the refusal threshold derived from the knowledge base at index time
    (see `calibration`; without one, every retrieved passage counts as relevant — tests only).
    The margins are in units of the retriever's standardised score. `vocabulary` gives what the
    knowledge base mentions, to refuse questions about things it never names (see `grounding`).
    """

    calibration: Callable[[], Calibration] | None = None
    close_margin: float = 1.2
    list_margin: float = 2.0
    max_passages: int = 3
    max_list_passages: int = 6
    vocabulary: Callable[[], Vocabulary] | None = None

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft:
        if not hits or not self.answerable(question, language, hits):
            return Draft("not_found", not_found_text(language))
        chosen = self.select(question, language, hits)
        # "How many", "when", "who": the passage stating it — and naming what the question names — first.
        kinds = asked_kinds(question, language)
        names = names_asked(question, language, self._vocabulary()) if self.vocabulary and kinds else set()
        needed = what_the_answer_states(question, language, names)
        # What a passage's document names (its title, the other passages found in it) the passage speaks of.
        documents: dict[str, set[str]] = {}
        for hit in hits:
            documents.setdefault(hit.passage.doc_id, set()).update(_tokens(hit.passage))

        def named(hit: ScoredPassage) -> bool:
            return names <= documents.get(hit.passage.doc_id, set()) | _tokens(hit.passage)

        # A year the question names ("the budget in 2020") is part of what it asks: the passage, its heading or
        # its document's title states it, or the passage answers for another year.
        years = asked_years(question, language)

        def dated(hit: ScoredPassage) -> bool:
            return not years or any(states_year(year, _dated_texts(hit.passage)) for year in years)

        def answers(hit: ScoredPassage) -> bool:
            return states_what_is_asked(needed, _texts(hit, language)) and named(hit) and dated(hit)

        chosen.sort(key=lambda hit: not answers(hit))
        if (needed or years) and not answers(chosen[0]):
            # The passage stating it may be a little further down ("the budget in 2023": the passage on the
            # 2023 budget after two on the 2023 activities).
            gate = self._gate()
            stating = next((hit for hit in hits if hit not in chosen and answers(hit) and gate.relevant(hit, language)
                            and hit.score >= hits[0].score - self.list_margin), None)
            if stating:
                chosen = [stating, *chosen[: self.max_passages - 1]]
        if (needed or years) and not answers(chosen[0]):
            # What the documents do not give, and the nearest passage on what the question names.
            related = next((hit for hit in chosen if named(hit) and dated(hit)),
                           next((hit for hit in chosen if named(hit)), chosen[0]))
            missing = next((k for k, states in zip(kinds, needed)
                            if not states_what_is_asked([states], _texts(related, language))), None)
            if missing is None and (not kinds or years and not dated(related)):
                lead = not_stated_text(language, "year", year=years[0])
            else:
                lead = not_stated_text(language, missing or kinds[0])
            cited = [self._cited(related, language)]
            return Draft("not_found", f"{lead}\n{self.render(cited[0], 1, language, question)}", cited)
        listing = asks_for_countries(question, language)
        if listing:  # passages further down that name other countries complete the list
            gate = self._gate()
            chosen += [hit for hit in hits if hit not in chosen and gate.relevant(hit, language)
                       and _countries_named(question, language, [hit.passage]) - _countries_named(
                           question, language, [h.passage for h in chosen])][: self.max_list_passages - len(chosen)]
        cited = [self._cited(hit, language) for hit in chosen]
        parts = [self.render(c, n, language, question) for n, c in enumerate(cited, 1)]
        if {"date", "founding"} & set(kinds) and (dated := _dated_heading(cited[0], language)):
            parts[0] = f"{parts[0]} ({dated} [1])"  # "ce mardi 22 novembre": the year is in the dated heading
        if listing:
            listed = self.countries_listed(question, cited, language)
            if not listed:
                return Draft("not_found", f"{not_stated_text(language, 'countries')}\n{parts[0]}", cited[:1])
            parts.insert(0, listed)
        return Draft("answered", "\n".join(parts), cited)

    @staticmethod
    def _cited(hit: ScoredPassage, language: str) -> CitedPassage:
        return CitedPassage(hit.passage, language if language in hit.passage.translations else None)

    @staticmethod
    def countries_listed(question: str, cited: list[CitedPassage], language: str) -> str:
        """The countries the cited passages name, in the visitor's language, each with the first passage
        naming it; the publisher's own country (named in its source, France for AMF) and the countries
        the question sets aside left out. Empty when they name none."""
        first: dict[str, int] = {}
        for n, c in enumerate(cited, 1):
            for code in sorted(_countries_named(question, language, [c.passage])):
                first.setdefault(code, n)
        if not first:
            return ""
        lines = [f"- {country_name(code, language)} [{n}]" for code, n in first.items()]
        return "\n".join([for_language(COUNTRIES_NAMED, language), *lines])

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[Draft]:
        """The whole answer at once: selecting passages is instant, there is nothing to preview."""
        yield self.answer(question, language, hits)

    def _vocabulary(self) -> Vocabulary | None:
        return self.vocabulary() if self.vocabulary else None

    def _gate(self) -> Calibration:
        return self.calibration() if self.calibration else ACCEPT_ALL

    def answerable(self, question: str, language: str, hits: list[ScoredPassage]) -> bool:
        if is_manipulation(question) or not self._gate().accepts(question, hits, self._vocabulary(), language):
            return False
        return not (self.vocabulary and unknown_entities(question, language, self.vocabulary(),
                                                         judge_names=all(speaks(hit, language) for hit in hits[:GATE_DEPTH])))

    def select(self, question: str, language: str, hits: list[ScoredPassage]) -> list[ScoredPassage]:
        many = asks_for_several(question, language)
        margin = self.list_margin if many else self.close_margin
        limit = self.max_list_passages if many else self.max_passages
        gate = self._gate()
        on_country = on_the_countries_asked(hits) if any(hit.on_country for hit in hits) else in_the_regions_asked(hits)
        if len(on_country) < len(hits):  # the country says what is relevant: each passage on it is
            return [hit for hit in on_country[:limit] if gate.relevant(hit, language)] or on_country[:1]
        # The best passage first: it is the one that answers; the others complete it.
        chosen = [hit for hit in hits[:limit] if hit.score >= hits[0].score - margin and gate.relevant(hit, language)]
        chosen = chosen or hits[:1]
        if not any(hit.holds_key for hit in chosen):  # the question's most specific term is in a passage further down
            holder = next((hit for hit in hits if hit.holds_key and gate.relevant(hit, language)
                           and hit.score >= hits[0].score - self.list_margin), None)
            if holder:
                chosen = [*chosen[: limit - 1], holder]
        return chosen

    def render(self, cited: CitedPassage, n: int, language: str, question: str = "") -> str:
        version = cited.shown
        text = _with_context(version.text, version.lead_in)
        marked = " ".join(f"{s.text} [{n}]" for s in sentences(text))
        if version.language == language:
            return marked
        return f"{quote_original(language, version.language)} « {_nested_quotes(marked)} »"


def _nested_quotes(text: str) -> str:
    """Quotation marks inside a quote, as typography nests them: « … “ … ” … ». Guillemets of the quoted text
    left as they are would close the quote early, and a reader (or a program) would take the rest of the
    original for the answer's own words."""
    return re.sub(r"«\s*", "“", re.sub(r"\s*»", "”", text))


def on_the_countries_asked(hits: list[ScoredPassage]) -> list[ScoredPassage]:
    """A question about a country cites only the passages on that country, when some are among the hits.

    The retriever says which passages name the question's countries (`on_country`), in any of
    their versions or in their document's title; the order of the hits is kept, so the best of
    those passages comes first.
    """
    return [hit for hit in hits if hit.on_country > 0] or hits


def in_the_regions_asked(hits: list[ScoredPassage]) -> list[ScoredPassage]:
    """A question about a region as a place ("élus d'Amérique latine") cites only the passages naming its
    countries, when the best passage does.

    Otherwise the region word means something else ("instances européennes", European bodies): the
    best passage is on those institutions, not on a country, and the answer is chosen as for any question.
    """
    if hits and hits[0].on_region > 0:
        return [hit for hit in hits if hit.on_region > 0]
    return hits


def _texts(hit: ScoredPassage, language: str) -> list[str]:
    """The passage as the answer can give it: its original and its version in the question's language."""
    passage = hit.passage
    translated = passage.translations.get(language)
    return [passage.original.text, *([translated.text] if translated else [])]


def _dated_heading(cited: CitedPassage, language: str) -> str:
    """The part of the passage's heading giving a year ("Paris, le 22 novembre 2022"), when the passage gives none:
    a press release's "ce mardi 22 novembre", a newsletter's "hier, 20 novembre" are dated by it. Quoted as the
    passage is when in another language than the visitor's."""
    version = cited.shown
    if YEAR.search(version.text):
        return ""
    dated = next((part.strip() for part in reversed(version.heading.split("›")) if YEAR.search(part)), "")
    return f"« {_nested_quotes(dated)} »" if dated and version.language != language else dated


def _dated_texts(passage) -> list[str]:
    """Where a passage can state the year it speaks of: its versions, their context and heading, its document's
    title and file."""
    return [passage.source, *(f"{v.source_file} {v.title} {v.heading} {v.context} {v.text}" for v in passage.versions)]


def _tokens(passage) -> set[str]:
    """The tokens of every version of the passage, with its document's title and source."""
    texts = [passage.source, *(f"{v.title} {v.context} {v.text}" for v in passage.versions)]
    return set().union(*map(_text_tokens, texts))


@lru_cache(maxsize=16384)
def _text_tokens(text: str) -> frozenset[str]:
    """Tokenised once: the same passages come back question after question (11 ms a question when redone)."""
    return frozenset(tokenize(text))


def _countries_named(question: str, language: str, passages) -> set[str]:
    """The countries the passages name, but their publisher's own (named in its source: France for AMF) and
    those the question sets aside ("außer Frankreich")."""
    asked = without_exclusions(question, language)
    aside = countries_in(question) - countries_in(asked)
    named: set[str] = set()
    for passage in passages:
        named |= countries_in(passage.original.text) - countries_in(passage.source)
    regions = regions_in(asked)
    return (named & countries_of(regions) if regions else named) - aside


def asks_for_countries(question: str, language: str) -> bool:
    """A question asking which countries ("Which countries has AMF cooperated with?", "Quels pays…")."""
    return bool(re.search(for_language(COUNTRY_NOUN, language), question))


def _with_context(text: str, context: str) -> str:
    """A list item reads as a sentence of its own when its introducing line leads it."""
    item = re.sub(r"^[-–•*]\s+", "", text)
    if not context:
        return item
    return f"{context.rstrip()} {item}"


def asks_for_several(question: str, language: str) -> bool:
    return bool(re.search(for_language(SEVERAL, language), question.lower()))
