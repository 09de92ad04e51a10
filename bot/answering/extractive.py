"""Answer stage: the extractive, grounded answerer (the embedded default) behind the `Answerer` seam.

It never writes a fact of its own: it selects the passages that answer the question, gives
them in the question's language when an aligned translation exists (else quotes the original
with a lead-in in the question's language), and puts a citation marker after every sentence.
When the sources do not answer — off-topic questions, things the documents never mention,
attempts to make it drop its rules — it says so (status `not_found`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from bot.answering.calibration import ACCEPT_ALL, Calibration
from bot.answering.grounding import states_what_is_asked, unknown_entities, what_the_answer_states
from bot.core.contracts import CitedPassage, Draft
from bot.language.countries import countries_in
from bot.language.regions import contains, countries_of, regions_in
from bot.language.vocabulary import Vocabulary
from bot.language.messages import not_found_text, quote_original
from bot.language.patterns import MANIPULATION, SEVERAL
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
        needed = what_the_answer_states(question, language)  # "how many", "when": the passage stating it first
        chosen.sort(key=lambda hit: not states_what_is_asked(needed, _texts(hit, language)))
        if needed and not states_what_is_asked(needed, _texts(chosen[0], language)):
            return Draft("not_found", not_found_text(language))
        cited = [CitedPassage(hit.passage, language if language in hit.passage.translations else None)
                 for hit in chosen]
        parts = [self.render(c, n, language, question) for n, c in enumerate(cited, 1)]
        return Draft("answered", "\n".join(parts), cited)

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
        return not (self.vocabulary and unknown_entities(question, language, self.vocabulary()))

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

    def relevant_sentences(self, text: str, question: str) -> list[str]:
        """The passage's sentences that share a distinctive word, a country or a region with the question.

        A passage may hold a sentence on something else ("Likewise, the AMF took part in
        Africités III" after the Franco-Romanian conferences): it is left out when another
        sentence of the passage does match; when none does, the whole passage is given.
        """
        parts = [s.text for s in sentences(text)]
        if len(parts) < 2 or self.vocabulary is None:
            return parts
        vocabulary = self.vocabulary()
        wanted = {t for t in tokenize(question) if not vocabulary.is_common(t)}
        countries = countries_in(question)
        regions = regions_in(question)
        countries_of_regions = countries_of(regions)
        matching = [p for p in parts if wanted & set(tokenize(p)) or (countries | countries_of_regions) & countries_in(p)
                    or any(contains(r, w) for r in regions for w in regions_in(p, most_specific=False))]
        return matching or parts

    def render(self, cited: CitedPassage, n: int, language: str, question: str = "") -> str:
        passage = cited.passage
        version = passage.version(cited.translation_language) if cited.translation_language else passage.original
        text = _with_context(version.text, version.context)
        marked = " ".join(f"{s} [{n}]" for s in self.relevant_sentences(text, question))
        if version.language == language:
            return marked
        return f"{quote_original(language, version.language)} « {marked} »"


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


def _with_context(text: str, context: str) -> str:
    """A list item reads as a sentence of its own when its introducing line leads it."""
    item = re.sub(r"^[-–•*]\s+", "", text)
    if not context:
        return item
    return f"{context.rstrip()} {item}"


def asks_for_several(question: str, language: str) -> bool:
    return bool(re.search(for_language(SEVERAL, language), question.lower()))
