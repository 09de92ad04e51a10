"""Which passages an answer cites, and in which order, on a real Chroma index with the hash embedder.

The hash embedder's similarities mean little, so what these tests check comes from the rules
(countries named, the key term), not from the model.
"""

import pytest


@pytest.fixture
def assistant(hash_assistant):
    return hash_assistant


@pytest.mark.parametrize("question", [
    "Welche Vertreter aus Korea hat die AMF empfangen?",
    "Кого из Кореи принимала AMF?",
    "AMF는 어떤 한국 시장 협회 회장을 맞이했습니까?",
])
def test_a_country_question_cites_only_the_passages_on_that_country(assistant, question):
    answer = assistant.ask(question)
    assert answer.status == "answered"
    assert answer.citations and all("coré" in c.passage for c in answer.citations)
    assert any("Kim Wan Joo" in c.passage for c in answer.citations)


def test_the_country_passages_come_first_even_outside_the_nearest(assistant):
    hits = assistant.retriever.search("Sunt primar în România: ce a făcut AMF cu țara mea?", "ro")
    assert "franco-roumaine" in hits[0].passage.original.text


def test_the_key_term_is_the_questions_rarest_word_beyond_the_documents_subject():
    """Terms of the document's title and source pick the document; its rarest other term picks the passage."""
    from bot.retrieval.hybrid import PassageTerms

    from bot.core.text import tokenize

    def tokens(text: str) -> frozenset[str]:
        return frozenset(tokenize(text))

    versions = {"eau/p1": {"original": tokens("Le syndicat du Val de Brenne distribue l'eau.")},
                "eau/p2": {"original": tokens("Le rendement du réseau atteint 82 %.")}}
    subject = {pid: tokens("Syndicat des eaux du Val de Brenne") for pid in versions}
    rarity = {t: r for word, r in [("rendement", 5.0), ("réseau", 3.0), ("syndicat", 6.0), ("Brenne", 7.0),
                                   ("Val", 6.5), ("eau", 2.0)] for t in tokenize(word)}
    terms = PassageTerms(versions, subject, idf=lambda t: rarity.get(t, 0.1), known=lambda t: t in rarity)
    question = "Quel est le rendement du réseau d'eau du syndicat du Val de Brenne ?"
    key = terms.key_term(question, "eau/p1")
    assert key == tokenize("rendement")[0]
    assert terms.holds(key, "fr", "eau/p2") and not terms.holds(key, "fr", "eau/p1")


@pytest.mark.parametrize("question", [
    "Apart from the Koreans, delegations of which nationalities did the AMF host?",
    "Кроме корейцев, какие делегации принимала AMF?",
    "한국 외에 AMF는 어떤 대표단을 맞이했습니까?",
])
def test_a_country_the_question_sets_aside_does_not_lead_the_answer(assistant, question):
    answer = assistant.ask(question)
    assert answer.status == "answered"
    assert "coré" not in answer.citations[0].passage


def test_what_the_question_sets_aside_is_not_judged_unknown(assistant):
    assert assistant.ask("Outre le Brésil, avec quels pays l'AMF a-t-elle coopéré ?").status == "answered"


def test_a_country_inside_a_longer_set_aside_phrase_still_counts(assistant):
    """"neben dem Vorsitz des kamerunischen Städteverbands" sets aside a role, not Cameroon."""
    question = "Welche Ämter hatte Emile Andzé Andzé neben dem Vorsitz des kamerunischen Städteverbands?"
    assert "Andzé" in assistant.ask(question).citations[0].passage
