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
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Callable

from bot.language.cities import cities_in
from bot.language.countries import countries_in, is_country_qualifier
from bot.language.regions import MEMBERS, contains, regions_in
from bot.core.text import CJK_CHARS, ORDINAL, fold, latin_letters, sentences, tokenize
from bot.language.patterns import (ARTICLES, CURRENCIES, HONORIFICS, SUFFIXED_CITY, POSITIONS, in_any_language, FOUNDING, FOUNDING_ASKED, PEOPLE, PEOPLE_COUNTED, COST, DURATION_UNITS, EXPANSION_ASKED, HEAD_ASKED, HOW_MANY, INHABITANTS, NAMES_LISTED, PLACE_ASKED,
                                   NUMBER_WORDS, POPULATION_ASKED, TEXT2NUM_LANGUAGES, NUM2WORDS_LANGUAGES, WHEN, WHO,
                                   NAME_ASKED, blanked,
                                   self_introductions, without_exclusions)
from bot.language.supported import CAPITALISES_NOUNS, SUPPORTED, for_language
from bot.language.vocabulary import Vocabulary

_SENTENCE_MARKS = frozenset('.!?;:¿¡«"“(')
_LETTERS = rf"[^\W\d_{CJK_CHARS}]"
_WORD = re.compile(f"{_LETTERS}+(?:['’-]{_LETTERS}+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]\d)")


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
    if judge_names and language not in CAPITALISES_NOUNS:
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


@lru_cache(maxsize=None)
def _suffixed_city(language: str) -> re.Pattern | None:
    pattern = SUFFIXED_CITY.get(language)
    return re.compile(pattern) if pattern else None


def _cjk_city_names(question: str, language: str) -> list[str]:
    """The names of the cities a question marks by a suffix (横浜市, 부산시: the language pack's `SUFFIXED_CITY`)."""
    pattern = _suffixed_city(language)
    return [m.group(1) for m in pattern.finditer(question)] if pattern else []


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


YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
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


@dataclass(frozen=True)
class Asked:
    """What the question itself gives, which therefore does not answer it: the folded words it is written with (the
    names it names, "Augustin Tamba"), its numbers ("les 29 villes"), its countries and cities; the acronym whose
    expansion it asks for; whether it counts in units of time ("combien d'années"); the tokens of the names it asks
    about (`names_asked`), next to which the name asked is given ("the mayor of Kisumu")."""

    words: frozenset[str] = frozenset()
    numbers: frozenset[int] = frozenset()
    places: frozenset[str] = frozenset()
    acronym: str = ""
    durations: bool = False
    near: frozenset[str] = frozenset()

    @classmethod
    def of(cls, question: str, language: str, near: frozenset[str] = frozenset(), places: bool = True) -> "Asked":
        numbers = {int(n) for n in re.findall(r"\d+", question)}
        if language in TEXT2NUM_LANGUAGES:
            from text_to_num import alpha2digit

            numbers |= {int(n) for n in re.findall(r"\d+", alpha2digit(question, language, threshold=0))}
        return cls(frozenset(_folded_words(question)), frozenset(numbers),
                   frozenset(countries_in(question) | cities_in(question) if places else ()),
                   _acronym_asked(question, language),
                   bool(re.search(for_language(DURATION_UNITS, language), question.lower())), frozenset(near))


NOTHING = Asked()


def _folded_words(text: str) -> list[str]:
    """The words of `text` in plain lower-case Latin letters, whatever their script ("Тамба" → "tamba")."""
    return [w for w in map(latin_letters, re.findall(r"[^\W\d_]+", text)) if w]


def what_the_answer_states(question: str, language: str, names: set[str] = frozenset()) -> list[Callable[[str], bool]]:
    """What a passage must state to answer the question (see `asked_kinds`) — other than what the question itself
    gives; a name asked next to the `names` the question asks about (`names_asked`)."""
    kinds = asked_kinds(question, language)
    asked = Asked.of(question, language, frozenset(names), places=bool({"names", "place"} & set(kinds))) if kinds else NOTHING
    return [partial(_STATES[kind], asked=asked) for kind in kinds]


def asked_kinds(question: str, language: str) -> list[str]:
    """The kinds of answer the question asks for: "money", "population", "people" (a number of people), "quantity",
    "date", "founding" (the date of a founding), "expansion" (what an acronym it names stands for), "names" (of
    several places), "name", "person" (a name or a title; see `_STATES`)."""
    asked = question.lower()
    kinds = (("money", COST), ("population", POPULATION_ASKED), ("people", PEOPLE_COUNTED), ("quantity", HOW_MANY),
             ("date", WHEN), ("expansion", EXPANSION_ASKED), ("names", NAMES_LISTED), ("place", PLACE_ASKED),
             ("name", NAME_ASKED), ("person", WHO))
    found = [kind for kind, table in kinds if re.search(for_language(table, language), asked)]
    # When something was founded: a date of its founding, not any date of the passage.
    if "date" in found and re.search(for_language(FOUNDING_ASKED, language), asked):
        found[found.index("date")] = "founding"
    if "expansion" in found and not _acronym_asked(question, language):
        found.remove("expansion")
    # Who holds a position ("Who heads the association?"): the position's title is no answer, only a name is. The
    # visitor's own position ("Я заступниця голови громади…") is not what is asked.
    theirs_aside = blanked(asked, self_introductions(asked, language))
    if "person" in found and re.search(for_language(HEAD_ASKED, language), theirs_aside):
        found = [kind for kind in found if kind != "person"] + ["name"] * ("name" not in found)
    # A name asked is a person asked, names asked a name; an amount, a population or people counted is the quantity
    # asked, a population the people counted.
    return [kind for kind in found if (kind != "person" or not {"name", "names", "place"} & set(found))
            and (kind != "name" or not {"names", "place"} & set(found)) and (kind != "place" or "names" not in found)
            and (kind != "quantity" or not {"money", "population", "people"} & set(found))
            and (kind != "people" or "population" not in found) and (kind != "population" or "money" not in found)]


def _acronym_asked(question: str, language: str) -> str:
    """The acronym next to the words asking what an acronym stands for ("Wofür steht die Abkürzung DAECT?",
    "DAECT는 무엇의 약자입니까?"), or ""."""
    asking = [m.span() for m in re.finditer(for_language(EXPANSION_ASKED, language), question.lower())]
    for m in _ACRONYM_ASKED.finditer(question):
        if any(max(start - m.end(), m.start() - end) <= _ACRONYM_NEAR for start, end in asking):
            return m.group()
    return ""


_ACRONYM_NEAR = 8  # characters between the acronym and the words asking for it ("DAECT는 무엇의 약자")


# An acronym in a question of any script ("DAECTは何の略ですか"): Latin letters, two capitals or more.
_ACRONYM_ASKED = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![A-Za-z])")
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ"
_LOWER = "a-zß-öø-ÿа-яёіїєґ"
_TITLED = re.compile(rf"(?<!\w)(?:{in_any_language(HONORIFICS)})\s+([{_UPPER}][\w'’-]*(?:\s+[{_UPPER}][\w'’-]*)*)")
_CAPITALS_SURNAME = re.compile(rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?\s+[{_UPPER}]{{2,}}(?![{_LOWER}])")
# Two capitalised words within a sentence (Daniel Hoeffel), looked for at every start.
_TWO_CAPITALISED = re.compile(rf"(?<![.!?]\s)(?<=\s)(?=([{_UPPER}][{_LOWER}]+\s+[{_UPPER}][{_LOWER}]{{2,}}(?!\w)))")
# An article or an ordinal before two capitalised words makes them an event or a body ("le 9e Sommet Africités",
# "the World Congress"), not a person.
_DETERMINER = re.compile(rf"(?:{in_any_language(ARTICLES)}|\d+\w*)", re.IGNORECASE)
# A person is also named by a title written as a name ("en présence du Président de l'Association…").
_TITLE = re.compile(rf"(?<!\w)(?:{in_any_language(POSITIONS)})(?!\w)")


def _names(text: str) -> list[str]:
    """The names of people in `text`: after a title (M., Mme, Mr, пан), a first name and a surname in capitals
    (Jacques AUXIETTE), two capitalised words within a sentence (Daniel Hoeffel) after no article or ordinal."""
    found = [m.group(1) for m in _TITLED.finditer(text)] + [m.group() for m in _CAPITALS_SURNAME.finditer(text)]
    for m in _TWO_CAPITALISED.finditer(text):
        before = re.search(r"(\S+)\s+$", text[:m.start()])
        if not (before and _DETERMINER.fullmatch(before.group(1).rstrip(",;"))):
            found.append(m.group(1))
    return found


def states_name(text: str, asked: Asked = NOTHING) -> bool:
    """A person's name (see `_names`), not a title alone, nor only a name the question itself gives ("Who was
    president before Augustin Tamba?" is not answered by a passage naming Augustin Tamba alone); in a sentence
    naming what the question asks about, when it names something ("the mayor of Kisumu": not the mayor of
    Bourgoin-Jallieu, leading a delegation to the summit in Kisumu)."""
    return any(not set(_folded_words(name)) <= asked.words for t in _next_to_what_is_named(text, asked)
               for name in _names(t))


def _next_to_what_is_named(text: str, asked: Asked) -> list[str]:
    """The sentences of `text` naming what the question names (`Asked.near`) — those of its names this version of
    the passage holds: a name written only in the question's language ("Mundial") is not looked for in French; a
    passage holding none of them is not about it ("the mayor of Kisumu": not a passage on the delegation to the
    summit, although its document names Kisumu)."""
    if not asked.near:
        return [text]
    near = asked.near & set(tokenize(text))
    # More than half of them: the sentence naming a delegation's leader names the union it comes from, the congress
    # it came to being named in the sentence before.
    return [s.text for s in sentences(text) if 2 * len(near & set(tokenize(s.text))) > len(near)] if near else []


def states_person(text: str, asked: Asked = NOTHING) -> bool:
    """A person's name (see `_names`) or a title written as a name ("en présence du Président de l'Association").
    "Who is Augustin Tamba?" is answered by what the passage says of him: the question's own names count here."""
    return bool(_names(text) or _TITLE.search(text))


def states_expansion(text: str, asked: Asked = NOTHING) -> bool:
    """The acronym the question asks about spelled out next to it: words whose initials (or first letters) spell
    it, right before it ("Union des villes et communes de Côte d'Ivoire (UVICOCI)") or right after ("AVU (Association
    des villes d'Ukraine)"); short inner words (de, et, of, für) may be left out."""
    letters = "".join(_folded_words(asked.acronym))
    if len(letters) < 2:
        return False
    for m in re.finditer(rf"(?<!\w){re.escape(asked.acronym)}(?!\w)", text):
        before = _folded_words(re.split(r"[.!?;]\s", text[max(0, m.start() - 300):m.start()])[-1])
        after = _folded_words(re.split(r"[.!?;)]", text[m.end():m.end() + 300])[0])
        limit = 3 * len(letters)
        if any(_spells(tuple(before[start:]), letters) for start in range(max(0, len(before) - limit), len(before) - 1)):
            return True
        if any(_spells(tuple(after[:end]), letters) for end in range(2, min(len(after), limit) + 1)):
            return True
        if text[m.start() - 1:m.start()] == "(" and _spelled_in_other_words(before, letters):
            return True
    return False


def _spelled_in_other_words(before: list[str], letters: str) -> bool:
    """The words before "(CERV)" spell the acronym in the document's own language ("Citoyens, égalité, droits et
    valeurs"): as many words as it has letters, give or take one (short ones not counted), the first one starting
    with its first letter — an acronym formed in another language (Citizens, Equality, Rights and Values)."""
    for start in range(len(before) - 1, max(-1, len(before) - 2 * len(letters) - 1), -1):
        words = [before[start], *(w for w in before[start + 1:] if len(w) > 3)]
        if before[start][:1] == letters[0] and len(words) >= 2 and abs(len(words) - len(letters)) <= 1:
            return True
    return False


@lru_cache(maxsize=4096)
def _spells(words: tuple[str, ...], letters: str) -> bool:
    """Every word gives the next letters of `letters` from its start, but short words after the first, which may
    give none, and one longer word after the first ("Fonds d'action extérieure des collectivités territoriales
    (FACECO)")."""

    @lru_cache(maxsize=None)
    def spells_from(i: int, j: int, skipped: bool) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        if i > 0 and (len(word) <= 4 and spells_from(i + 1, j, skipped) or not skipped and spells_from(i + 1, j, True)):
            return True
        k = 0
        while k < len(word) and j + k < len(letters) and word[k] == letters[j + k]:
            k += 1
            if spells_from(i + 1, j + k, skipped):
                return True
        return False

    return spells_from(0, 0, False)


def states_population(text: str, asked: Asked = NOTHING) -> bool:
    """A number of inhabitants: a quantity in a sentence speaking of inhabitants or population, in any language."""
    return any(_inhabitants().search(sentence.lower()) and states_quantity(sentence, asked)
               for sentence in (s.text for s in sentences(text)))


@lru_cache(maxsize=1)
def _inhabitants() -> re.Pattern:
    return re.compile(in_any_language(INHABITANTS))


def states_people(text: str, asked: Asked = NOTHING) -> bool:
    """A number of people: a quantity in the few words before a word for people, in any language ("65 élus",
    "deux mille personnes, dont six cents maires", "22人"), not "22 délégations, venues de 17 pays"."""
    return any(states_quantity(text[max(0, m.start() - _PEOPLE_WINDOW):m.start()], asked)
               for m in _people().finditer(text.lower()))


_PEOPLE_WINDOW = 24  # characters before the word for people: "une vingtaine d'", "2 000 "


@lru_cache(maxsize=1)
def _people() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{in_any_language(PEOPLE, False)})(?!\w)|(?<=\d)\s*(?:{in_any_language(PEOPLE, True)})")


def states_founding(text: str, asked: Asked = NOTHING) -> bool:
    """A date in a sentence on a founding, in any language ("lors du congrès fondateur de Paris en mai 2004")."""
    return any(_founding().search(sentence.text.lower()) and states_date(sentence.text, asked)
               for sentence in sentences(text))


@lru_cache(maxsize=1)
def _founding() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{in_any_language(FOUNDING, False)})|{in_any_language(FOUNDING, True)}")


def states_names(text: str, asked: Asked = NOTHING) -> bool:
    """Several names of places or other capitalised names, other than those the question gives: "Which are the 29
    Korean cities…?" is not answered by a passage saying "29 villes coréennes" (a country is not the places asked),
    nor "the names of the twelve communes" by a passage naming one town."""
    return len(_new_names(text, asked)) >= 2


def states_place(text: str, asked: Asked = NOTHING) -> bool:
    """A name of a place or another capitalised name, other than those the question gives: "In which city will the
    second seminar be held?" is answered by "… à Besançon", not by a passage naming only what the question names."""
    return len(_new_names(text, asked)) >= 1


def _new_names(text: str, asked: Asked) -> set[str]:
    places = {city.split("/")[-1].replace("_", " ") for city in cities_in(text) - asked.places}
    names = {word for _, word in _capitalised_words(text) if not word.isupper() and not countries_in(word)}
    # Compared in Latin letters, as the question's words are: "Яунде" in a Russian passage is the "Яунде" it names.
    return {" ".join(parts) for parts in map(_folded_words, places | names) if not set(parts) <= asked.words}


def names_asked(question: str, language: str, vocabulary: Vocabulary) -> set[str]:
    """The tokens of the names the question asks about that the documents use, beyond what they all speak
    of ("UVICOCI", "Castelmarin"; not "AMF"): a passage answering the question names them too."""
    words = [m.group() for m in re.finditer(r"[^\W\d_]{3,}", question) if m.group()[0].isupper()
             and not _starts_sentence(question, m.start()) and (language not in CAPITALISES_NOUNS or m.group().isupper())]
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


def states_quantity(text: str, asked: Asked = NOTHING) -> bool:
    """A number other than a year or a rank, in digits or in words of any supported language ("deux mille",
    "une quinzaine", "дві тисячі"); not a number the question gives ("les 29 villes"), nor a duration ("pour une
    durée de trois ans") unless the question counts in units of time."""
    if not asked.durations:
        text = _durations().sub(" ", text)
    text = _without_numbers(text, asked.numbers)
    return bool(_has_number(text) or _number_words().search(text.lower()) or _spelled_quantity(text, asked.numbers))


def _without_numbers(text: str, numbers: frozenset[int]) -> str:
    for n in numbers:
        text = re.sub(rf"(?<![\d.,]){n}(?![\d]|[.,]\d)", " ", text)
    return text


@lru_cache(maxsize=1)
def _durations() -> re.Pattern:
    """A number of units of time, in any supported language ("trois ans", "3 years", "3年間")."""
    spaced, unspaced = in_any_language(DURATION_UNITS, False), in_any_language(DURATION_UNITS, True)
    return re.compile(rf"(?<!\w)(?:\d+|[^\W\d_]+)\s+(?:{spaced})(?!\w)|\d+\s*(?:{unspaced})", re.IGNORECASE)


def _has_number(text: str) -> bool:
    return bool(re.search(r"\d", _ORDINAL.sub(" ", ORDINAL.sub(" ", YEAR.sub(" ", _without_days(text))))))


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
    return list(dict.fromkeys(YEAR.findall(without_exclusions(question, language))))


def states_year(year: str, texts: list[str]) -> bool:
    return any(re.search(rf"(?<!\d){year}(?!\d)", text) for text in texts)


@lru_cache(maxsize=4096)
def _spelled_quantity(text: str, given: frozenset[int] = frozenset()) -> bool:
    """A cardinal of two or more spelled out in a language `text2num` reads ("six cents", "quindici"), other than
    the numbers `given`."""
    from text_to_num import alpha2digit

    for language in TEXT2NUM_LANGUAGES:
        digits = alpha2digit(text, language, threshold=0)
        if digits != text and any(int(n) >= 2 and int(n) not in given for n in re.findall(r"\d+", _ORDINAL.sub(
                " ", ORDINAL.sub(" ", YEAR.sub(" ", digits)))) if n not in text):
            return True
    return False


_MONEY = re.compile(rf"[€$£¥₩₽₴]|{in_any_language(CURRENCIES)}", re.IGNORECASE)


def states_money(text: str, asked: Asked = NOTHING) -> bool:
    """An amount of money: a currency sign or name (a passage on the budget "in euros")."""
    return bool(_MONEY.search(text))


def states_date(text: str, asked: Asked = NOTHING) -> bool:
    """A year other than those the question gives, a month named in any supported language, or a Korean or
    Japanese date."""
    text = _without_numbers(text, frozenset(n for n in asked.numbers if n >= 1000))
    return bool(YEAR.search(text) or _CJK_DATE.search(text) or _month_names().search(text.lower()))


@lru_cache(maxsize=1)
def _number_words() -> re.Pattern:
    from num2words import num2words

    values = [*range(2, 21), *range(30, 100, 10), *range(100, 1000, 100), 1000, 2000, 5000, 10**6, 2 * 10**6]
    spelled = {word for language in NUM2WORDS_LANGUAGES for n in values
               for word in num2words(n, lang=language).replace("-", " ").split()}
    # "un", "o" (a hundred: "o sută"), "один": one is no quantity
    spelled = {word for word in spelled if len(word) > 2 and word not in ("unu", "una", "один", "одна", "одне")}
    words = "|".join([in_any_language(NUMBER_WORDS), *map(re.escape, sorted(spelled, key=len, reverse=True))])
    return re.compile(f"(?<!\\w)(?:{words})(?!\\w)|{in_any_language(NUMBER_WORDS, True)}")


@lru_cache(maxsize=1)
def _month_names() -> re.Pattern:
    from babel import Locale

    names = {name.lower() for language in SUPPORTED for context in ("format", "stand-alone")
             for name in Locale.parse(language).months[context]["wide"].values() if not re.search(r"\d", name)}
    # Russian and Ukrainian months decline: "в мае", "у червні".
    names |= {name[:-1] + ending for name in names if re.match(r"[а-яіїєґ]", name) for ending in "еі"}
    return re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?!\w)")


_STATES: dict[str, Callable[..., bool]] = {
    "money": states_money, "quantity": states_quantity, "date": states_date, "person": states_person,
    "name": states_name, "expansion": states_expansion, "population": states_population, "names": states_names, "place": states_place,
    "people": states_people, "founding": states_founding}
