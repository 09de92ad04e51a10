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

from bot.language.countries import countries_in
from bot.language.regions import MEMBERS, contains, regions_in
from bot.language.vocabulary import Vocabulary

_SENTENCE_MARKS = frozenset('.!?;:¿¡«"“(')
_LETTERS = r"[^\W\d_\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
_WORD = re.compile(f"{_LETTERS}+(?:['’-]{_LETTERS}+)*")
_NUMBER = re.compile(r"(?<![\d.,])\d{2,}(?![\d.,]\d)")
# Languages whose common nouns are capitalised: a capital letter says nothing about a name there.
_CAPITALISED_NOUNS = {"de"}


def unknown_entities(question: str, language: str, vocabulary: Vocabulary) -> list[str]:
    """The specific things the question names that the knowledge base never mentions."""
    asked = countries_in(question)
    regions = regions_in(question)
    # "I am a mayor in Portugal: did AMF receive anyone from Cameroon?" asks about Cameroon: the
    # question is refused for its places (countries, regions) only when the documents name none of them.
    known = asked & vocabulary.countries or any(_known_region(r, vocabulary) for r in regions)
    found = [] if known else sorted(asked) + sorted(regions)
    found += [n for n in _NUMBER.findall(question) if not vocabulary.knows_token(n)]
    if language not in _CAPITALISED_NOUNS:
        found += [w for w in _capitalised_words(question)
                  if not countries_in(w) and not _names_region(w, question, regions)
                  and not _known_name(w, vocabulary)]  # countries and regions: judged above
    return list(dict.fromkeys(found))


def _known_region(region: str, vocabulary: Vocabulary) -> bool:
    """The knowledge base names one of the region's countries, or uses its word or a sub-region's."""
    return bool(MEMBERS[region] & vocabulary.countries) or any(contains(region, w) for w in vocabulary.regions)


def _names_region(word: str, question: str, regions: set[str]) -> bool:
    """The word is part of the question's naming of a region ("East" in "East Asian mayors")."""
    return bool(regions) and regions_in(question.replace(word, " ")) != regions


def _known_name(word: str, vocabulary: Vocabulary) -> bool:
    """Known to the knowledge base; a compound name also when all but its first part are.

    A name transcribed otherwise (Хоффель, Höffel for Hoeffel) is known too (`knows_spelling`).
    Exonyms differ mostly by their first part (Nouvelle-Delhi, Neu-Delhi for New Delhi), while
    the distinctive part stays: "Nouvelle-Calédonie" or "Saint-Pétersbourg" remain unknown.
    """
    if vocabulary.knows_word(word) or vocabulary.knows_spelling(word):
        return True
    parts = re.split(r"['’-]", word)
    return len(parts) > 1 and all(vocabulary.knows_word(part) for part in parts[1:])


def _capitalised_words(question: str) -> list[str]:
    words = []
    for match in _WORD.finditer(question):
        word = match.group()
        if len(word) < 3 or not word[0].isupper() or _starts_sentence(question, match.start()):
            continue
        words.append(word)
    return words


def _starts_sentence(text: str, start: int) -> bool:
    """Whether only white space stands between `start` and the text's start or a sentence mark.

    Looks back over the white space only, so scanning all the words of a text stays linear in its length.
    """
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_MARKS
