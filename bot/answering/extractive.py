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

from bot.answering.grounding import unknown_entities
from bot.core.contracts import CitedPassage, Draft
from bot.language.countries import countries_in
from bot.language.vocabulary import Vocabulary
from bot.language.messages import message, not_found_text
from bot.core.models import ScoredPassage
from bot.core.text import sentences, tokenize


# Requests to drop the rules, reveal instructions or make things up, in the supported languages.
_MANIPULATION = re.compile("|".join([
    r"\bignor\w*\b.{0,40}\b(instruction|rule|document|source|prompt|consigne|r[eè]gle|istruzion|regol|instrucc|regla|anweisung|regel|instru[cç]|regra)",
    r"\b(disregard|forget|oublie\w*|dimentica\w*|olvida\w*|vergiss\w*|esque[cç]a\w*|uita\w*)\b",
    r"\b(system prompt|prompt syst[eè]me|jailbreak|DAN)\b",
    r"(developer mode|mode d[ée]veloppeur|modalit[àa] sviluppatore|modo (de )?desarrollador|entwicklermodus|modo (de )?desenvolvedor|"
    r"modul dezvoltator|режим разработчика|режим розробника|개발자 모드|開発者モード)",
    r"\b(dichiara|d[ée]clare|declara|erkl[äa]re|afirma|affirme|say|state|claim|write|[ée]cris|scrivi|escribe|schreibe?|escreva|scrie)\s+(che|que|that|dass|c[aă])\b",
    r"\b(pretend|fais comme si|imagine que|fai finta|finge|tu es maintenant|you are now|act as|roleplay)\b",
    r"\b(invent\w*|make up|made up|fabrique\w*|erfinde\w*|inventa\w*)\b",
    r"\b(joke|blague|barzelletta|chiste|witz|piada|glum[aă])\b",
    r"<\s*script|onerror\s*=|javascript:",
    r"игнорир\w*|забудь\w*|ігнор\w*|забудь|притворись|придумай|вигадай|анекдот|시스템 프롬프트|무시하|지어내|농담|無視し|システムプロンプト|冗談|でっち上げ",
]), re.IGNORECASE)


def is_manipulation(question: str) -> bool:
    return bool(_MANIPULATION.search(question))


@dataclass
class ExtractiveAnswerer:
    """Selects and quotes source passages.

    `min_dense` is for the multilingual e5 embedder (mean similarity of the question to a
    passage's versions); the margins are in units of the retriever's standardised score.
    `vocabulary` gives what the knowledge base mentions, to refuse questions about things
    it never names (see `grounding`).
    """

    min_dense: float = 0.765
    close_margin: float = 1.2
    list_margin: float = 2.0
    max_passages: int = 3
    max_list_passages: int = 6
    vocabulary: Callable[[], Vocabulary] | None = None

    def answer(self, question: str, language: str, hits: list[ScoredPassage]) -> Draft:
        if not hits or not self.answerable(question, language, hits[0]):
            return Draft("not_found", not_found_text(language))
        chosen = self.select(question, language, hits)
        cited = [CitedPassage(hit.passage, language if language in hit.passage.translations else None)
                 for hit in chosen]
        parts = [self.render(c, n, language, question) for n, c in enumerate(cited, 1)]
        return Draft("answered", "\n".join(parts), cited)

    def stream(self, question: str, language: str, hits: list[ScoredPassage]) -> Iterator[Draft]:
        """The whole answer at once: selecting passages is instant, there is nothing to preview."""
        yield self.answer(question, language, hits)

    def answerable(self, question: str, language: str, top: ScoredPassage) -> bool:
        if is_manipulation(question) or top.dense < self.min_dense:
            return False
        return not (self.vocabulary and unknown_entities(question, language, self.vocabulary()))

    def select(self, question: str, language: str, hits: list[ScoredPassage]) -> list[ScoredPassage]:
        many = asks_for_several(question, language)
        margin = self.list_margin if many else self.close_margin
        limit = self.max_list_passages if many else self.max_passages
        # The best passage first: it is the one that answers; the others complete it.
        chosen = [hit for hit in hits[:limit] if hit.score >= hits[0].score - margin and hit.dense >= self.min_dense]
        return chosen or hits[:1]

    def relevant_sentences(self, text: str, question: str) -> list[str]:
        """The passage's sentences that share a distinctive word or a country with the question.

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
        matching = [p for p in parts if wanted & set(tokenize(p)) or countries & countries_in(p)]
        return matching or parts

    def render(self, cited: CitedPassage, n: int, language: str, question: str = "") -> str:
        passage = cited.passage
        version = passage.version(cited.translation_language) if cited.translation_language else passage.original
        text = _with_context(version.text, version.context)
        marked = " ".join(f"{s} [{n}]" for s in self.relevant_sentences(text, question))
        if version.language == language:
            return marked
        return f"{message(language, 'quote_original')} « {marked} »"


def _with_context(text: str, context: str) -> str:
    """A list item reads as a sentence of its own when its introducing line leads it."""
    item = re.sub(r"^[-–•*]\s+", "", text)
    if not context:
        return item
    return f"{context.rstrip()} {item}"


_SEVERAL = {
    "fr": r"\b(quels|quelles|lesquel\w*|liste\w*|tous|toutes)\b",
    "en": r"\b(which|list|all)\b.*\b\w+s\b|\bwhat \w+s\b",
    "it": r"\b(quali|elenca\w*|tutti|tutte)\b",
    "es": r"\b(cu[aá]les|qu[eé] \w+s|lista\w*|todos|todas)\b",
    "de": r"\b(welche|liste\w*|alle)\b",
    "pt": r"\b(quais|que \w+s|lista\w*|todos|todas)\b",
    "ro": r"\b(care|ce \w+i|list\w*|toate|toți)\b",
    "ko": r"어떤|무엇|목록|모든|들[을은이]",
    "ja": r"どの|どんな|一覧|すべて|全て",
    "ru": r"(какие|каких|список|все)",
    "uk": r"(які|яких|список|всі|усі)",
}


def asks_for_several(question: str, language: str) -> bool:
    pattern = _SEVERAL.get(language)
    return bool(pattern and re.search(pattern, question.lower()))
