"""Is the question about something the knowledge base knows at all?

Retrieval always returns the nearest passages, even for "Has AMF signed an agreement with
Brazilian cities?": the passages about Romania and Cameroon are near. What gives such a question
away is a specific entity the documents never mention — a country, a name, a number. This module
finds those:

- countries, in any of the supported languages (names from the Unicode CLDR through Babel), also
  as nationality adjectives sharing the name's stem ("brésiliennes" → Brésil), when the knowledge
  base names none of the question's countries, in any language;
- world regions (Amérique latine, Oceania, 동유럽…), when the knowledge base names none of their
  countries and never uses the region's own word: "Did AMF receive anyone from Oceania?" is
  refused as a question on an unknown country is;
- capitalised words past the start of a sentence (names of people, cities, organisations) in
  languages that do not capitalise common nouns, unknown to the knowledge base in every language;
- numbers of two digits or more (years, counts) that the knowledge base never states.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from bot.language.cities import cities_in
from bot.language.countries import countries_in, is_country_qualifier
from bot.language.regions import MEMBERS, contains, regions_in
from bot.core.text import ORDINAL, tokenize
from bot.language.patterns import (COST, HOW_MANY, NUMBER_WORDS, TEXT2NUM_LANGUAGES, NUM2WORDS_LANGUAGES, WHEN, WHO,
                                   NAME_ASKED, blanked,
                                   self_introductions, without_exclusions)
from bot.language.supported import SUPPORTED, for_language
from bot.language.vocabulary import Vocabulary

_SENTENCE_MARKS = frozenset('.!?;:¿¡«"“(')
_LETTERS = r"[^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
_WORD = re.compile(f"{_LETTERS}+(?:['’-]{_LETTERS}+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]\d)")
# Languages whose common nouns are capitalised: a capital letter says nothing about a name there.
_CAPITALISED_NOUNS = {"de"}


def unknown_entities(question: str, language: str, vocabulary: Vocabulary, judge_names: bool = True) -> list[str]:
    """The specific things the question names that the knowledge base never mentions.

    What the question sets aside ("Apart from Brazil, which countries…") is not asked about. Capitalised
    words are judged only when `judge_names`: a question whose best passages have no version in its
    language may name in its own words what an untranslated document names in French ("Ассизы" for
    "Assises", "Всесвітній конгрес" for "Congrès mondial"): unknown to the documents, yet not unknown things.
    """
    question = without_exclusions(question, language)
    asked = countries_in(question)
    regions = regions_in(question)
    # "I am a mayor in Portugal: did AMF receive anyone from Cameroon?" asks about Cameroon: the
    # question is refused for its places (countries, regions) only when the documents name none of them.
    known = asked & vocabulary.countries or any(_known_region(r, vocabulary) for r in regions)
    found = [] if known else sorted(asked) + sorted(regions)
    found += [n for n in _NUMBER.findall(question) if not vocabulary.knows_token(n)]
    # The places a visitor names when introducing themselves ("je suis maire d'une commune de Vendée")
    # are theirs, not what they ask about.
    own = self_introductions(question, language)
    theirs_aside = blanked(question, own)
    asked_cities = cities_in(theirs_aside)
    if asked_cities and not asked_cities & vocabulary.cities:  # judged like countries, in every script
        found += sorted(city.split("/")[1].replace("_", " ") for city in asked_cities)
    found += [name for name in _cjk_city_names(theirs_aside, language) if not vocabulary.knows_word(name)]
    if judge_names and language not in _CAPITALISED_NOUNS:
        found += [w for start, w in _capitalised_words(question)
                  if not any(a <= start < b for a, b in own)
                  and not countries_in(w) and not cities_in(w)  # judged above
                  and not _names_region(w, question, regions)
                  and not _known_name(w, vocabulary)]
    return list(dict.fromkeys(found))


def _known_region(region: str, vocabulary: Vocabulary) -> bool:
    """The knowledge base names one of the region's countries, or uses its word or a sub-region's."""
    return bool(MEMBERS[region] & vocabulary.countries) or any(contains(region, w) for w in vocabulary.regions)


def _names_region(word: str, question: str, regions: set[str]) -> bool:
    """The word is part of the question's naming of a region ("East" in "East Asian mayors")."""
    return bool(regions) and regions_in(question.replace(word, " ")) != regions


# Japanese and Korean mark a city by a suffix (横浜市, 부산시): the name before it is a place the
# question asks about. Not 都市 / 도시 ("city" itself), nor a Korean 시 meaning "when" (필요시).
_CJK_CITY = {
    "ja": re.compile(r"([\u4e00-\u9fff]{2,3}|[\u30a0-\u30ff]{2,8})(?<!都)市(?![長町村民議場区役])"),
    "ko": re.compile(r"(?<![가-힣])([가-힣]{2,4})(?<!도)시(?=\s|$|[의와과에는가를로도,.?!])"),
}
_KOREAN_NOT_CITIES = {"필요", "요청", "비상", "유사", "발생", "방문", "당", "동", "임"}


def _cjk_city_names(question: str, language: str) -> list[str]:
    pattern = _CJK_CITY.get(language)
    if not pattern:
        return []
    return [m.group(1) for m in pattern.finditer(question) if m.group(1) not in _KOREAN_NOT_CITIES]


def _known_name(word: str, vocabulary: Vocabulary) -> bool:
    """Known to the knowledge base; a compound name also when all but its first part are.

    A name transcribed otherwise (Хоффель, Höffel for Hoeffel) is known too (`knows_spelling`).
    Exonyms differ mostly by their first part (Nouvelle-Delhi, Neu-Delhi for New Delhi), while
    the distinctive part stays: "Nouvelle-Calédonie" or "Saint-Pétersbourg" remain unknown.
    """
    if vocabulary.knows_word(word) or vocabulary.knows_transcribed(word) or vocabulary.knows_acronym(word):
        return True
    parts = re.split(r"['’-]", word)
    return len(parts) > 1 and all(vocabulary.knows_word(part) for part in parts[1:])


def _capitalised_words(question: str) -> list[tuple[int, str]]:
    words = []
    for match in _WORD.finditer(question):
        word = match.group()
        if len(word) < 3 or not word[0].isupper() or _starts_sentence(question, match.start()):
            continue
        words.append((match.start(), word))
    return words


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only white space stands between `start` and the text's start or a sentence mark.

    Looks back over the white space only, so scanning all the words of a text stays linear in its length.
    """
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_MARKS


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
# "Yaoundé 1er", "the 3rd congress", "1-й округ": a rank, not a quantity.
_ORDINAL = re.compile(r"\d+\s*(?:er|ère|re|e|ème|nd|st|rd|th|º|ª|°|-?[йяего]{1,3}|-?[иі]й)\b", re.IGNORECASE)
_CJK_DATE = re.compile(r"\d+\s*[年月日년월일]")


def asks_what_no_passage_states(question: str, language: str, texts: list[str]) -> bool:
    """A question asking how much money, how many or when, while none of the passages `texts` (one text
    each) states an amount, a quantity or a date."""
    needed = what_the_answer_states(question, language)
    return bool(needed) and not any(states_what_is_asked(needed, [text]) for text in texts)


def states_what_is_asked(needed: list[Callable[[str], bool]], versions: list[str]) -> bool:
    """One passage, in one of its `versions`, states each thing `needed` (see `what_the_answer_states`)."""
    return all(any(map(states, versions)) for states in needed)


def what_the_answer_states(question: str, language: str) -> list[Callable[[str], bool]]:
    """What a passage must state to answer the question: an amount of money, a quantity, a date, a person."""
    return [_STATES[kind] for kind in asked_kinds(question, language)]


def asked_kinds(question: str, language: str) -> list[str]:
    """The kinds of answer the question asks for: "money", "quantity", "date", "person" (a name or a title),
    "name" (see `_STATES`)."""
    asked = question.lower()
    kinds = (("money", COST), ("quantity", HOW_MANY), ("date", WHEN), ("name", NAME_ASKED), ("person", WHO))
    found = [kind for kind, table in kinds if re.search(for_language(table, language), asked)]
    # A name asked is a person asked; an amount asked ("wie viel … gekostet") is the quantity asked.
    return [kind for kind in found if (kind != "person" or "name" not in found)
            and (kind != "quantity" or "money" not in found)]


_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_LOWER = "a-zß-öø-ÿа-яёіїєґ"
_NAME = (
    rf"(?<!\w)(?:M\.|MM\.|Mmes?|Mlle|Mrs?\.?|Ms\.?|Dr\.?|Sig\.(?:ra)?|Sra?\.|Hr\.|г-н|г-жа|пан|пані)\s+[{_UPPER}]"
    rf"|[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?\s+[{_UPPER}]{{2,}}(?![{_LOWER}])"
    rf"|(?<![.!?]\s)(?<=\s)[{_UPPER}][{_LOWER}]+\s+[{_UPPER}][{_LOWER}]{{2,}}(?!\w)")
_PERSON_NAME = re.compile(_NAME)
# A person is also named by a title written as a name ("en présence du Président de l'Association…").
_PERSON = re.compile(_NAME + r"|(?<!\w)(?:Présidente?|Président|Maire|Secrétaire|Directeur|Directrice|Ministre|Ambassadeur|Ambassadrice|"
    r"Préfète?|President|Mayor|Chair(?:man|woman|person)?|Director|Minister|Ambassador|Presidente|Sindac[oa]|"
    r"Alcalde(?:sa)?|Prefeit[oa]|Bürgermeister(?:in)?|Präsident(?:in)?|Primar(?:ul)?|Președinte(?:le)?|"
    r"Президент|Мэр|Голова|Мер)(?!\w)")


def states_name(text: str) -> bool:
    """A person's name (see `states_person`), not a title alone."""
    return bool(_PERSON_NAME.search(text))


def states_person(text: str) -> bool:
    """A person's name: after a title (M., Mme, Mr, пан), a first name and a surname in capitals (Jacques
    AUXIETTE), or two capitalised words within a sentence (Daniel Hoeffel)."""
    return bool(_PERSON.search(text))


def names_asked(question: str, language: str, vocabulary: Vocabulary) -> set[str]:
    """The tokens of the names the question asks about that the documents use, beyond what they all speak
    of ("UVICOCI", "Castelmarin"; not "AMF"): a passage answering the question names them too."""
    words = [m.group() for m in re.finditer(r"[^\W\d_]{3,}", question) if m.group()[0].isupper()
             and not _starts_sentence(question, m.start()) and (language not in _CAPITALISED_NOUNS or m.group().isupper())]
    countries, regions = countries_in(question), regions_in(question)
    # A word naming a place with others ("South" in "South Korean", "Latin" in "Latin America") is the place.
    places = {w for w in words if countries_in(question.replace(w, " ")) != countries
              or regions_in(question.replace(w, " ")) != regions or countries and is_country_qualifier(w)}
    return {t for w in words if w not in places for t in tokenize(w)
            if len(t) >= 3 and vocabulary.knows_token(t) and not vocabulary.is_common(t)}


_ACRONYM = re.compile(r"(?<![^\W\d_])[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![^\W\d_])")


def anchors(question: str, language: str, vocabulary: Vocabulary) -> set[str]:
    """The tokens of what the question names in a form every language shares — an acronym ("FACECO",
    "ACoR"), a number of two digits or more, a name ("Ionel Ciobanu") — that the documents use, beyond what
    they all speak of ("AMF"). A French-only passage can hold them whatever the question's language."""
    found = {t for w in _ACRONYM.findall(question) for t in tokenize(w)}
    found |= set(_NUMBER.findall(question))
    found = {t for t in found if vocabulary.knows_token(t) and not vocabulary.is_common(t)}
    return found | names_asked(question, language, vocabulary)


def states_quantity(text: str) -> bool:
    """A number other than a year or a rank, in digits or in words of any supported language ("deux mille",
    "une quinzaine", "дві тисячі")."""
    return bool(_has_number(text) or _number_words().search(text.lower()) or _spelled_quantity(text))


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", _ORDINAL.sub(" ", ORDINAL.sub(" ", _YEAR.sub(" ", _without_days(text))))))


def _without_days(text: str) -> str:
    """The text without the days of its dates ("le 22 novembre", "May 17"): a day is no quantity."""
    return _days_of_dates().sub(" ", text)


@lru_cache(maxsize=1)
def _days_of_dates() -> re.Pattern:
    months = _month_names().pattern
    return re.compile(rf"{_DAY}(?:{_DAYS_JOINED}{_DAY})*\s+(?:de\s+)?{months}|{months}\s+\d{{1,2}}(?!\d)",
                      re.IGNORECASE)


_DAY = r"(?<!\d)\d{1,2}(?:er|st|nd|rd|th|\.)?"
# "du 19 au 21 novembre", "les 4 et 5 octobre", "10-14 October", "del 3 al 5 de mayo" (the joining words).
_DAYS_JOINED = r"\s*(?:[-–,]|\b(?:au|et|à|to|and|bis|und|al|y|e|și|и|і|до|по)\b)\s*"


def asked_years(question: str, language: str) -> list[str]:
    """The years a question asks about ("le budget en 2020"), those it sets aside left out."""
    return list(dict.fromkeys(_YEAR.findall(without_exclusions(question, language))))


def states_year(year: str, texts: list[str]) -> bool:
    return any(re.search(rf"(?<!\d){year}(?!\d)", text) for text in texts)


@lru_cache(maxsize=4096)
def _spelled_quantity(text: str) -> bool:
    """A cardinal of two or more spelled out in a language `text2num` reads ("six cents", "quindici")."""
    from text_to_num import alpha2digit

    for language in TEXT2NUM_LANGUAGES:
        digits = alpha2digit(text, language, threshold=0)
        if digits != text and any(int(n) >= 2 for n in re.findall(r"\d+", _ORDINAL.sub(" ", ORDINAL.sub(
                " ", _YEAR.sub(" ", digits)))) if n not in text):
            return True
    return False


_MONEY = re.compile(r"[€$£¥₩₽₴]|\b(euros?|dollars?|dólares|dolari|eur|usd|francs?|roubles?|рубл\w*|евро|доллар\w*|"
                    r"гривн\w*|гривень|євро|долар\w*|lei|yen|won)\b|円|ユーロ|ドル|유로|달러|원\b", re.IGNORECASE)


def states_money(text: str) -> bool:
    """An amount of money: a currency sign or name (a passage on the budget "in euros")."""
    return bool(_MONEY.search(text))


def states_date(text: str) -> bool:
    """A year, a month named in any supported language, or a Korean or Japanese date."""
    return bool(_YEAR.search(text) or _CJK_DATE.search(text) or _month_names().search(text.lower()))


@lru_cache(maxsize=1)
def _number_words() -> re.Pattern:
    from num2words import num2words

    values = [*range(2, 21), *range(30, 100, 10), *range(100, 1000, 100), 1000, 2000, 5000, 10**6, 2 * 10**6]
    spelled = {word for language in NUM2WORDS_LANGUAGES for n in values
               for word in num2words(n, lang=language).replace("-", " ").split()}
    # "un", "o" (a hundred: "o sută"), "один": one is no quantity
    spelled = {word for word in spelled if len(word) > 2 and word not in ("unu", "una", "один", "одна", "одне")}
    words = "|".join([*(f"(?:{NUMBER_WORDS[language]})" for language in SUPPORTED),
                      *map(re.escape, sorted(spelled, key=len, reverse=True))])
    return re.compile(f"(?<!\\w)(?:{words})(?!\\w)|{NUMBER_WORDS['ko']}|{NUMBER_WORDS['ja']}")


@lru_cache(maxsize=1)
def _month_names() -> re.Pattern:
    from babel import Locale

    names = {name.lower() for language in SUPPORTED for context in ("format", "stand-alone")
             for name in Locale.parse(language).months[context]["wide"].values() if not re.search(r"\d", name)}
    # Russian and Ukrainian months decline: "в мае", "у червні".
    names |= {name[:-1] + ending for name in names if re.match(r"[а-яіїєґ]", name) for ending in "еі"}
    return re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?!\w)")


_STATES: dict[str, Callable[[str], bool]] = {"money": states_money, "quantity": states_quantity, "date": states_date,
                                             "person": states_person, "name": states_name}
