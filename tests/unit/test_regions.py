"""World regions named in questions and passages, in every supported language, and what they change."""

import pytest

from bot.answering.extractive import ExtractiveAnswerer, in_the_regions_asked
from bot.answering.grounding import unknown_entities
from bot.core.models import Passage, ScoredPassage, Version
from bot.language import regions as regions_module
from bot.language.countries import countries_in
from bot.language.regions import CONTINENTS, MEMBERS, countries_of, regions_in
from bot.language.supported import SUPPORTED
from bot.language.vocabulary import Vocabulary

# M49 regions the CLDR names in every language and that the module reads (Northern America 021 and
# the Pacific sub-regions are left out: people say North America, Oceania).
CLDR_REGIONS = ("002 015 011 017 014 018 202 019 419 003 013 029 005 009 053 "
                "142 143 030 034 035 145 150 151 154 155 039").split()
NAMED_EVERYWHERE = ("maghreb", "middle-east", "balkans", "scandinavia", "029", "202", "030", "053")


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_has_words_for_every_region(language):
    assert set(regions_module._CONTINENT_STEMS[language]) == set(CONTINENTS)
    directions = {d for _, ds in regions_module._SUBREGIONS for d in ds}
    assert set(regions_module._DIRECTION_STEMS[language]) >= directions
    assert set(regions_module._NAMED[language]) >= set(NAMED_EVERYWHERE)


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_cldr_region_names_are_read_in_every_language(language):
    from babel import Locale

    names = Locale.parse(language).territories
    assert {code: regions_in(names[code]) for code in CLDR_REGIONS} == {code: {code} for code in CLDR_REGIONS}


@pytest.mark.parametrize("text,expected", [
    ("d'approfondissement de la construction européenne", {"150"}),
    ("Quels élus ou représentants d'Amérique latine l'AMF a-t-elle reçus ?", {"419"}),
    ("¿Qué delegaciones africanas recibió la AMF?", {"002"}),
    ("Which Asian mayors came to AMF?", {"142"}),
    ("Has AMF worked with Eastern European associations?", {"151"}),
    ("Did AMF receive anyone from Oceania?", {"009"}),
    ("un alcalde americano", {"019"}),
    ("des élus sud-américains", {"005"}),
    ("Hat die AMF mit Osteuropa gearbeitet?", {"151"}),
    ("делегации латиноамериканских стран", {"419"}),
    ("Кого из Восточной Европы принимала AMF?", {"151"}),
    ("Латинської Америки", {"419"}),
    ("AMF는 동유럽 협회와 일했습니까?", {"151"}),
    ("東ヨーロッパの市長", {"151"}),
    ("中南米の代表", {"419"}),
    ("L'Europe de l'Est et l'Asie du Sud-Est", {"151", "035"}),
    ("Afrique subsaharienne", {"202"}),  # the sub-region, not all Africa
    ("le Moyen-Orient et le Maghreb", {"middle-east", "maghreb"}),
    ("L'AMF a participé à Africités III", {"002"}),
])
def test_regions_named_by_name_or_adjective(text, expected):
    assert regions_in(text) == expected


@pytest.mark.parametrize("text", [
    "La señora asiste a la reunión",  # "asiste" is a verb, not Asia
    "un asiento libre",
    "l'océan Atlantique, un climat océanique",
    "Australia",  # a country, not Australasia nor South Asia
    "Hoeffel a reçu le maire",
])
def test_ordinary_words_are_no_region(text):
    assert regions_in(text) == set()


@pytest.mark.parametrize("text,expected", [
    ("l'AMF est européenne", {"150"}),  # "est" the verb: no Eastern Europe
    ("sur l'Afrique", {"002"}),  # "sur" the preposition: no South
    ("Europa esta semana", {"150"}),
    ("Europa de este modo", {"150"}),  # Spanish "este" is East only after "del"
    ("AMF에서 아프리카", {"002"}),  # the particle 에서 ends in 서 (west)
    ("l'Europe, est-ce utile ?", {"150"}),
])
def test_everyday_words_next_to_a_continent_make_no_subregion(text, expected):
    assert regions_in(text) == expected


def test_a_passage_keeps_every_region_it_names():
    assert regions_in("les collectivités africaines et sud africaines", most_specific=False) == {"002", "018"}
    assert countries_of({"419"}) >= {"CL", "MX", "PE"} and "FR" not in countries_of({"419"})
    assert MEMBERS["035"] < MEMBERS["142"]


def test_common_words_no_longer_name_countries():
    assert countries_in("il n'a jamais refusé les services de libération") == set()
    assert countries_in("il servizio relazioni internazionali") == set()
    assert countries_in("Jamaïque, Serbie, Liberia") == {"JM", "RS", "LR"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.from_texts([
        "l'AMF a reçu des délégations d'élus locaux chiliens, mexicains, japonais et camerounais",
        "représenter leurs intérêts dans les instances européennes",
    ])


@pytest.mark.parametrize("question,language", [
    ("Did AMF receive anyone from Oceania?", "en"),
    ("¿Ha cooperado la AMF con municipios escandinavos?", "es"),
    ("Hat die AMF Bürgermeister aus Zentralasien empfangen?", "de"),
    ("AMF는 중동 지역 시장들을 초청한 적이 있습니까?", "ko"),
])
def test_a_region_the_knowledge_base_never_names_is_refused(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary)


@pytest.mark.parametrize("question,language", [
    ("Quels élus d'Amérique latine l'AMF a-t-elle reçus ?", "fr"),
    ("Which East Asian mayors came to AMF?", "en"),  # "East" is part of the region, not an unknown name
    ("¿Qué delegaciones africanas recibió la AMF?", "es"),
    ("How does AMF represent its members in European bodies?", "en"),
])
def test_a_region_the_knowledge_base_names_is_not_refused(vocabulary, question, language):
    assert unknown_entities(question, language, vocabulary) == []


def _hit(text: str, score: float, on_region: float) -> ScoredPassage:
    version = Version("fr", text, "f.txt", 0, len(text), "t", "notice", True)
    return ScoredPassage(Passage(f"p{score}", "doc", "src", 1, version, {}), score, 0.8, 1.0, 0.8, 0.5, on_region=on_region)


def test_a_region_as_a_place_cites_only_its_passages():
    hits = [_hit("le Chili", 5.0, 1.0), _hit("les instances", 4.9, 0.0), _hit("le Pérou", 1.0, 1.0)]
    assert [h.passage.original.text for h in in_the_regions_asked(hits)] == ["le Chili", "le Pérou"]
    chosen = ExtractiveAnswerer().select("Quels élus d'Amérique latine ?", "fr", hits)
    assert [h.passage.original.text for h in chosen] == ["le Chili", "le Pérou"]


def test_a_region_word_meaning_institutions_does_not_restrict_citing():
    hits = [_hit("les instances européennes", 5.0, 0.0), _hit("60 maires italiens", 4.5, 1.0)]
    assert in_the_regions_asked(hits) == hits
