"""Countries named in a text, in any supported language: names from the Unicode CLDR (through Babel),
also as nationality adjectives sharing the name's stem ("brésiliennes" → Brésil).

The CLDR gives the formal name ("Corée du Sud", "Республика Корея", "Südkorea"), while people
write the short one ("Corée", "Кореи", "Korea"): a name made of one distinctive word and
qualifiers (south, north, republic… in each language) also gives that word alone, for every
country sharing it (Korea: both Koreas). A five-letter short name also meets its inflections that
change its last vowel (Корея → Кореи, Корее). Continents are never such a word ("Afrique du Sud"
does not make every "africain" South African). A few everyday names missing from the CLDR are
listed in `_EVERYDAY_NAMES` (Korean 한국 for 대한민국). A country's national language, named in each
language by the CLDR, names the country too: "polonais", "polacchi", "Polish", "польских" (see
`_national_language_names`); a four-letter name also in the plural ("grecs", "rusos").
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.text import CJK, fold
from bot.language.supported import SUPPORTED



def countries_in(text: str) -> set[str]:
    """ISO codes of the countries `text` names, by name or by an adjective of the same stem."""
    return set(_countries_in(text))


@lru_cache(maxsize=4096)  # a question's countries are asked for by retrieval and by the answer's checks
def _countries_in(text: str) -> frozenset[str]:
    folded = fold(text)
    exact, by_prefix, by_short_stem, cjk_names = _country_lookup()
    found: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", folded):
        if word in _LOOKALIKES or word.startswith(_LOOKALIKE_STARTS):
            continue
        found |= _country_of_word(word, exact, by_prefix, by_short_stem)
    if CJK.search(folded):
        found |= {code for name, code in cjk_names if name in folded}
    phrases = _phrase_names()
    if phrases.pattern:
        found |= {code for m in phrases.finditer(folded) for code in _phrase_codes().get(_joined(m.group()), ())}
    return frozenset(found)


def country_words(text: str) -> dict[str, set[str]]:
    """The folded words of `text` that name a country (alone, or as part of a name of several words), with
    the countries they name."""
    folded = fold(text)
    exact, by_prefix, by_short_stem, _ = _country_lookup()
    words: dict[str, set[str]] = {}
    for word in re.findall(r"[^\W\d_]+", folded):
        if word not in _LOOKALIKES and not word.startswith(_LOOKALIKE_STARTS):
            if codes := _country_of_word(word, exact, by_prefix, by_short_stem):
                words.setdefault(word, set()).update(codes)
    for match in _phrase_names().finditer(folded):
        for word in re.findall(r"[^\W\d_]+", match.group()):
            words.setdefault(word, set()).update(_phrase_codes().get(_joined(match.group()), ()))
    return words


def is_country_qualifier(word: str) -> bool:
    """A word that qualifies a country's name in some language ("South", "Nord", "Республика")."""
    return fold(word) in _QUALIFIERS


def _joined(name: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", name))


@lru_cache(maxsize=1)
def _phrase_codes() -> dict[str, set[str]]:
    """Names of several words, as the CLDR writes them ("Côte d’Ivoire", "Costa de Marfil", "Кот-д’Ивуар",
    "Burkina Faso", "Sri Lanka"), words joined by one space. Names of a saint ("Saint-Martin", also a town)
    are left out."""
    names: dict[str, set[str]] = {}
    for code, name in _cldr_territories():
        words = re.findall(r"[^\W\d_]+", name)
        if len(words) > 1 and not CJK.search(name) and words[0] not in _SAINTS:
            names.setdefault(" ".join(words), set()).add(code)
    for code, phrases in _EVERYDAY_PHRASES.items():
        for phrase in phrases:
            names.setdefault(phrase, set()).add(code)
    return names


@lru_cache(maxsize=1)
def _phrase_names() -> re.Pattern:
    names = sorted(_phrase_codes(), key=len, reverse=True)
    alternatives = "|".join(r"[\s'’ʼ-]*".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])")


# Compass prefixes glued to an adjective: "sudcoreani", "южнокорейских", "північнокорейських".
_COMPASS_PREFIX = re.compile(r"^(sud|nord|south|north|sued|южно|северо|південно|північно)-?(?=[^\W\d_]{5})")


def _country_of_word(word: str, exact, by_prefix, by_short_stem) -> set[str]:
    found = _country_of_stem(word, exact, by_prefix, by_short_stem)
    stripped = _COMPASS_PREFIX.sub("", word)
    if not found and stripped != word:
        found = _country_of_stem(stripped, exact, by_prefix, by_short_stem)
    return found


def _country_of_stem(word: str, exact, by_prefix, by_short_stem) -> set[str]:
    found = set(exact.get(word, set()))
    if not found and 4 < len(word) <= 6 and word.endswith("s"):  # a plural of a four-letter name ("grecs", "rusos")
        found = set(exact.get(word[:-1]) or exact.get(word[:-2]) or ())
    if len(word) > 5 and not found:
        found |= _adjective_of_short_name(word, exact)
    if len(word) >= 5:
        found |= by_prefix.get(word[:5], set())
        if word[4] in _VOWELS:
            found |= by_short_stem.get(word[:4], set())
    return found


# Endings that make an adjective of a four-letter country name (Peru → peruano, peruvian, péruvien,
# перуанский; Togo → togolais, Togolese; Чили → чилийский), and those that replace its final vowel
# (Cuba → cubano, cubain, кубинский). Four letters alone would meet any word starting with them.
_ADJECTIVE_AFTER_NAME = re.compile(r"(v?i?[ae]n|an|lais|lese|ais|ois|ese|isch|лез|ан|ян|и?иск|и?іськ|иськ|ск|ськ)")
_ADJECTIVE_FOR_VOWEL = re.compile(r"(an[aeo]s?|ains?|aines?|aner\w*|anisch\w*|инск\w*|инськ\w*|анск\w*|анськ\w*)")
_ADJECTIVE_MAX_EXTRA = 8


def _adjective_of_short_name(word: str, exact: dict[str, set[str]]) -> set[str]:
    if len(word) > 4 + _ADJECTIVE_MAX_EXTRA:
        return set()
    stem = word[:4]
    if len(stem) == 4 and stem in exact and stem not in _LOOKALIKES_AS_STEM and _ADJECTIVE_AFTER_NAME.match(word[4:]):
        return exact[stem]
    found: set[str] = set()
    if _ADJECTIVE_FOR_VOWEL.fullmatch(word[3:]):
        for vowel in _VOWELS:
            found |= exact.get(word[:3] + vowel, set())
    return found


@lru_cache(maxsize=1)
def _country_lookup():
    """Country names arranged for a look-up per word: short names whole, longer ones by prefix,
    five-letter short names also by their first four letters (followed by a vowel)."""
    exact: dict[str, set[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    by_short_stem: dict[str, set[str]] = {}
    cjk_names = []
    short = _short_names()
    for code, names in _country_names().items():
        for name in names | short.get(code, set()):
            if CJK.search(name):
                cjk_names.append((name, code))
            elif len(name) <= 4:
                exact.setdefault(name, set()).add(code)
            else:
                by_prefix.setdefault(_name_prefix(name), set()).add(code)
        for name in short.get(code, set()):
            if len(name) == 5 and not CJK.search(name):
                by_short_stem.setdefault(name[:4], set()).add(code)
    return exact, by_prefix, by_short_stem, tuple(cjk_names)


def _name_prefix(name: str) -> str:
    """Enough of a country name to recognise its adjectives too: "Brésil" → "brési" (brésiliennes)."""
    return name[:5]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, set[str]]:
    """Folded one-word country names (multi-word names are too ambiguous word by word)."""
    names: dict[str, set[str]] = {}
    for code, name in _cldr_territories():
        if CJK.search(name) or re.fullmatch(r"[^\W\d_]{4,}", name):
            names.setdefault(code, set()).add(name)
    for code, everyday in _EVERYDAY_NAMES.items():
        names.setdefault(code, set()).update(everyday)
    for code, name in _national_language_names():
        names.setdefault(code, set()).add(name)
    return names


NATIONAL_SHARE = 50  # per cent of a country's people speaking its official language, for its name to name the country


@lru_cache(maxsize=1)
def _national_language_names() -> tuple[tuple[str, str], ...]:
    """(ISO code, folded name) of each country's national language, in every supported language: the name of a
    language is its country's adjective in most of them ("polonais", "polacco", "Polish", "polnisch", "польский",
    "греческий"), which the CLDR does not otherwise give. A language counts as one country's when the CLDR's
    likely region for it is a country where it is official and spoken by most people (`NATIONAL_SHARE`): Polish
    is Poland's, Greek Greece's; English, Spanish or Arabic, official in many, are no one country's."""
    from babel import Locale
    from babel.core import get_global
    from babel.languages import get_territory_language_info

    likely = get_global("likely_subtags")
    national: dict[str, str] = {}
    for code in Locale.parse("en").territories:
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        for language, info in get_territory_language_info(code).items():
            region = likely.get(language, "").rsplit("_", 1)[-1]
            if (region == code and info.get("official_status") == "official"
                    and info.get("population_percent", 0) >= NATIONAL_SHARE and language not in _INTERNATIONAL):
                national[language] = code
    return tuple((code, fold(name)) for locale in SUPPORTED for language, code in national.items()
                 if (name := Locale.parse(locale).languages.get(language))
                 and re.fullmatch(r"[^\W\d_]{4,}", fold(name)) and not CJK.search(name))


# Languages official in many countries: their names name none of them ("anglais" is no more American than British).
_INTERNATIONAL = {"en", "fr", "es", "ar", "pt", "de"}


@lru_cache(maxsize=1)
def _short_names() -> dict[str, set[str]]:
    """The one distinctive word of a formal name: "corée du sud" → "corée", "südkorea" → "korea"."""
    regions = {name[:5] for name in _region_names()}
    short: dict[str, set[str]] = {}
    for code, name in _cldr_territories():
        if CJK.search(name):
            continue
        words = [w for w in re.findall(r"[^\W\d_]+", name) if w not in _QUALIFIERS]
        if len(words) == 1 and len(words[0]) >= 4 and words[0] != name:
            word = words[0]
        else:
            compound = re.fullmatch(r"(?:sud|nord)([^\W\d_]{5,})", name)
            if not compound:
                continue
            word = compound.group(1)
        if word[:5] not in regions:
            short.setdefault(code, set()).add(word)
    return short


@lru_cache(maxsize=1)
def _cldr_territories() -> tuple[tuple[str, str], ...]:
    """(ISO code, folded name) of every country in every supported language."""
    from babel import Locale

    return tuple((code, fold(name)) for language in SUPPORTED
                 for code, name in Locale.parse(language).territories.items()
                 if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES)


@lru_cache(maxsize=1)
def _region_names() -> set[str]:
    """Folded names of continents and world regions (numeric CLDR codes), every word of them."""
    from babel import Locale

    return {word for language in SUPPORTED for code, name in Locale.parse(language).territories.items()
            if code.isdigit() for word in re.findall(r"[^\W\d_]{4,}", fold(name))}


# Common words that look like a country's name or stem: Russian/Ukrainian "того" (Togo),
# Portuguese "câmara" (Camarões), "domínio" (Dominica), French "malaise" (Malaisie).
_LOOKALIKES = {"того", "camara", "camaras", "dominio", "dominios", "malaise", "malaises"}
# Four-letter names that begin common words of the supported languages followed by an adjective-like ending.
_LOOKALIKES_AS_STEM: set[str] = set()
# Beginnings of common words sharing a country's five-letter stem: French "jamais" (Jamaïque),
# "services", "servizio", "servir" (Portuguese Sérvia), "libération" (Liberia), Portuguese "congêneres" (Congo).
_LOOKALIKE_STARTS = ("jamais", "servic", "serviz", "servir", "liberat", "libert", "liberal", "congen")
# Groupings and pseudo-territories of the CLDR, not countries one cooperates with; and La Réunion,
# a French department whose name is the everyday word for a meeting (réunion, reunión, riunione).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK", "RE"}

# Words that qualify a country's distinctive name in its formal CLDR form, folded.
_QUALIFIERS = {
    "south", "north", "republic", "of", "the", "democratic",  # en
    "sud", "nord", "du", "de", "la", "republique", "democratique",  # fr, it, ro
    "sur", "sul", "norte", "del", "do", "da", "republica", "repubblica", "democratica",  # es, it, pt, ro
    "sued", "republik",  # de (Süd- is handled as a compound)
    "республика", "южная", "северная", "демократическая",  # ru
    "республіка", "південна", "північна", "демократична",  # uk
}
# Vowels (folded) that may end a five-letter short name and change with its inflections.
_VOWELS = set("aeiouyаеиоуыэюяйіїєь")
# Everyday names the CLDR lacks, where the formal one is what it gives.
_EVERYDAY_NAMES = {"KR": {"한국"}}
# Nationality adjectives of countries with a name of several words, which the CLDR does not give (five
# letters or more: each is the start of the adjectives, "ivoiriens", "Ivorian", "ivorischen", "ивуарийских").
_EVERYDAY_NAMES.update({"CI": {"ivoirien", "ivorian", "ивуарийский", "івуарійський", "marfileño", "marfinense"},
                        "BF": {"burkinabe", "буркинийский", "буркінійський"}})
# Names of several words in everyday use that the CLDR lacks (its Romanian name of Côte d'Ivoire is the French one).
_EVERYDAY_PHRASES = {"CI": {"coasta de fildes", "elfenbeinkuste"}}
_SAINTS = {"saint", "sainte", "san", "santa", "sao", "sankt", "sfantul", "sfanta", "сент", "сен", "сан", "санкт",
           "св", "святой", "святий", "сент", "saints"}
