"""A reply is `answered` only when its passages state what the question asks (a person, a number, a date, an
amount, the countries of a list); otherwise it says, in the visitor's language, what the documents do not
give and what they do say, citing it. A list of countries is answered with the countries, each cited."""

from __future__ import annotations

from bot.answering.extractive import ExtractiveAnswerer
from bot.answering.grounding import asked_kinds, names_asked, states_name, states_person
from bot.core.models import Passage, ScoredPassage, Version
from bot.language.vocabulary import Vocabulary

# French-only notes written for these tests.
CONVENTION = ("L'AMF et l'Union des villes et communes de Côte d'Ivoire (UVICOCI) ont signé une convention de "
              "partenariat à Abidjan.")
PRESIDENT = "Le Président de l'AMF, M. Daniel HOEFFEL, est intervenu au congrès mondial des pouvoirs locaux."
VISITS = "L'AMF a reçu des délégations d'élus roumains, sénégalais et japonais lors du Congrès."
GENERIC = "L'AMF entretient des relations de coopération avec ses associations homologues à l'étranger."
# Other passages of the knowledge base: a name is rare when few of its texts hold it.
OTHERS = [f"L'AMF a publié la note numéro {n} sur la gestion locale et l'action internationale." for n in range(12)]
TEXTS = [CONVENTION, PRESIDENT, VISITS, GENERIC, *OTHERS]


def hit(n: int, text: str, score: float, doc: str = "notes") -> ScoredPassage:
    version = Version("fr", text, f"{doc}.txt", 0, len(text), "Notes", "©", True)
    passage = Passage(passage_id=f"{doc}/p{n}", doc_id=f"{doc}{n}", source="Association des Maires de France (AMF)",
                      paragraph=n, original=version)
    return ScoredPassage(passage, score, 0.8, 1.0)


def answerer() -> ExtractiveAnswerer:
    vocabulary = Vocabulary.from_texts(TEXTS)
    return ExtractiveAnswerer(vocabulary=lambda: vocabulary)


def test_a_question_for_a_person_is_told_when_no_passage_on_its_subject_names_one():
    hits = [hit(1, PRESIDENT, 5.0), hit(2, CONVENTION, 4.8)]
    draft = answerer().answer("Qui est le président de l'UVICOCI ?", "fr", hits)
    assert draft.status == "not_found"
    assert draft.text.startswith("Les documents de l'AMF ne précisent pas ce nom.")
    assert [c.passage.original.text for c in draft.cited] == [CONVENTION]  # what they do say, cited
    assert "[1]" in draft.text


def test_the_reply_says_it_in_the_visitors_language():
    draft = answerer().answer("Who is the president of UVICOCI?", "en", [hit(1, PRESIDENT, 5.0), hit(2, CONVENTION, 4.8)])
    assert draft.status == "not_found" and draft.text.startswith("The AMF documents do not state this name.")


def test_a_person_question_is_answered_when_the_passage_names_one():
    draft = answerer().answer("Qui est le président de l'AMF ?", "fr", [hit(1, PRESIDENT, 5.0)])
    assert draft.status == "answered" and "HOEFFEL" in draft.text


def test_a_list_of_countries_comes_first_in_the_visitors_language_each_cited():
    hits = [hit(1, GENERIC, 5.0), hit(2, VISITS, 4.9)]
    draft = answerer().answer("Which countries has AMF cooperated with?", "en", hits)
    assert draft.status == "answered"
    lines = draft.text.splitlines()
    assert lines[0] == "Countries named in these passages:"
    assert lines[1:4] == ["- Japan [2]", "- Romania [2]", "- Senegal [2]"]
    assert "France" not in "\n".join(lines[:4])  # the publisher's own country is not a partner


def test_a_list_question_whose_passages_name_no_country_is_not_answered():
    draft = answerer().answer("Quels pays ont coopéré avec l'AMF ?", "fr", [hit(1, GENERIC, 5.0)])
    assert draft.status == "not_found" and draft.text.startswith("Les documents de l'AMF ne précisent pas ces pays.")
    assert len(draft.cited) == 1


def test_what_is_asked():
    assert asked_kinds("Qui dirige le groupe ?", "fr") == ["person"]
    assert asked_kinds("Les maires qui ont été reçus venaient d'où ?", "fr") == []
    assert asked_kinds("Wie heißt der Präsident?", "de") == ["name"]  # a title does not answer it
    assert asked_kinds("Як звали президента асоціації?", "uk") == ["name"]
    assert states_person("sous la responsabilité de M. Jacques AUXIETTE") and states_person("Mme Sophie Leclerc a")
    assert not states_person("La convention prévoit l'accueil d'agents territoriaux.")
    assert states_person("en présence du Président de l'Association") and not states_name("en présence du Président")


def test_the_names_a_question_asks_about_are_the_rare_ones_the_documents_use():
    vocabulary = Vocabulary.from_texts(TEXTS)
    assert names_asked("Qui est le président de l'UVICOCI ?", "fr", vocabulary) == {"uvicoc"}
    assert names_asked("Qui est le président de l'AMF ?", "fr", vocabulary) == set()  # in every text
