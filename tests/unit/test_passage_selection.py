"""Which of the retrieved passages the extractive answer cites (rules only: no model, no index)."""

from bot.answering.extractive import ExtractiveAnswerer
from bot.core.models import Passage, ScoredPassage, Version


def hit(n: int, score: float, holds_key: bool) -> ScoredPassage:
    text = f"Passage {n}."
    version = Version("fr", text, "doc/fr.txt", 0, len(text), "Doc", "", True)
    passage = Passage(passage_id=f"doc/p{n:03d}", doc_id="doc", source="", paragraph=n, original=version,
                      translations={})
    return ScoredPassage(passage, score, 0.8, 1.0, holds_key=holds_key)


def cited(hits, question="Quel est le rendement du réseau ?"):
    return [h.passage.paragraph for h in ExtractiveAnswerer().select(question, "fr", hits)]


def test_the_passage_holding_the_questions_most_specific_term_is_cited_when_the_closest_ones_lack_it():
    """The syndicate's first passage names the syndicate; the fourth holds "rendement", what is asked."""
    hits = [hit(1, 7.3, False), hit(2, 6.5, False), hit(3, 6.4, False), hit(4, 5.5, True), hit(5, 1.0, False)]
    assert cited(hits) == [1, 2, 4]


def test_no_passage_is_added_when_a_cited_one_holds_the_term_or_the_holder_is_far_behind():
    assert cited([hit(1, 7.3, True), hit(2, 5.0, True), hit(3, 4.0, False)]) == [1]
    assert cited([hit(1, 7.3, False), hit(2, 1.0, True)]) == [1]


def passage_hit(n: int, text: str, score: float) -> ScoredPassage:
    version = Version("fr", text, "doc/fr.txt", 0, len(text), "Doc", "", True)
    passage = Passage(passage_id=f"doc/p{n:03d}", doc_id="doc", source="", paragraph=n, original=version,
                      translations={})
    return ScoredPassage(passage, score, 0.8, 1.0)


def test_a_how_many_question_leads_with_the_passage_stating_a_quantity():
    hits = [passage_hit(1, "L'AMF a participé aux congrès des maires italiens.", 5.0),
            passage_hit(2, "Près de 60 maires italiens ont été reçus.", 4.5)]
    draft = ExtractiveAnswerer().answer("Combien de maires italiens l'AMF a-t-elle reçus ?", "fr", hits)
    assert [c.passage.paragraph for c in draft.cited] == [2, 1]


def test_a_when_question_no_cited_passage_dates_is_not_answered():
    hits = [passage_hit(1, "Le président a reçu le maire de Pretoria.", 5.0)]
    assert ExtractiveAnswerer().answer("Quand le président a-t-il reçu le maire de Pretoria ?", "fr", hits).status == "not_found"
