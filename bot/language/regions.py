"""World regions named in a text, in any supported language, and the countries each one holds.

A region is a continent or a sub-region of the UN M49 standard (Afrique de l'Ouest, Latin America,
Юго-Восточная Азия…) or an everyday grouping defined by its countries (Maghreb, Middle East,
Balkans, Scandinavia, Central Europe). It is found by its name or adjective, on folded text:

- a continent by the stem of its name, which its adjectives share (Afrique, africaines,
  afrikanisch, африканских); a direction next to it makes the sub-region: before it (West
  Africa, Восточная Европа), after it (Afrique occidentale, America Latina), after a connector
  (Europe de l'Est, América del Sur), joined to it (sud-américain, Osteuropa, latinoamericano,
  восточноевропейских, 동유럽, 東ヨーロッパ). The directions that are also everyday words (French
  "est" and "sur", Italian "sul", Spanish and Portuguese "este") count only after a connector or
  joined by a hyphen: "l'Europe est" and "sur l'Afrique" are no sub-region;
- the other regions by their names (Maghreb, Moyen-Orient, 중남미, 東欧…).

The containment table and the words are hand data; the test
checks them against the CLDR's own region names (through Babel) in every language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.text import CJK, fold
from bot.language.packs import gathered

# --- Countries of each region (ISO 3166 alpha-2), UN M49 unless said otherwise ---------------------

_NORTHERN_AFRICA = "DZ EG LY MA SD TN EH"
_WESTERN_AFRICA = "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"
_MIDDLE_AFRICA = "AO CM CF TD CG CD GQ GA ST"
_EASTERN_AFRICA = "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW"
_SOUTHERN_AFRICA = "BW SZ LS NA ZA"
_CARIBBEAN = "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI"
_CENTRAL_AMERICA = "BZ CR SV GT HN MX NI PA"
_SOUTH_AMERICA = "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"
_NORTHERN_AMERICA = "BM CA GL PM US"
_CENTRAL_ASIA = "KZ KG TJ TM UZ"
_EASTERN_ASIA = "CN HK MO KP JP MN KR TW"
_SOUTH_EASTERN_ASIA = "BN KH ID LA MY MM PH SG TH TL VN"
_SOUTHERN_ASIA = "AF BD BT IN IR MV NP PK LK"
_WESTERN_ASIA = "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"
_EASTERN_EUROPE = "BY BG CZ HU PL MD RO RU SK UA"
_NORTHERN_EUROPE = "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB"
_SOUTHERN_EUROPE = "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK"
_WESTERN_EUROPE = "AT BE FR DE LI LU MC NL CH"
_AUSTRALASIA = "AU NZ NF HM CC CX"
_OCEANIA = f"{_AUSTRALASIA} FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF"

_SUB_SAHARAN = " ".join([_WESTERN_AFRICA, _MIDDLE_AFRICA, _EASTERN_AFRICA, _SOUTHERN_AFRICA])
_LATIN_AMERICA = " ".join([_CARIBBEAN, _CENTRAL_AMERICA, _SOUTH_AMERICA])

MEMBERS: dict[str, frozenset[str]] = {code: frozenset(countries.split()) for code, countries in {
    "002": f"{_NORTHERN_AFRICA} {_SUB_SAHARAN}",  # Africa
    "015": _NORTHERN_AFRICA, "202": _SUB_SAHARAN, "011": _WESTERN_AFRICA, "017": _MIDDLE_AFRICA,
    "014": _EASTERN_AFRICA, "018": _SOUTHERN_AFRICA,
    "019": f"{_LATIN_AMERICA} {_NORTHERN_AMERICA}",  # the Americas
    "419": _LATIN_AMERICA, "029": _CARIBBEAN, "013": _CENTRAL_AMERICA, "005": _SOUTH_AMERICA,
    "003": f"{_NORTHERN_AMERICA} {_CENTRAL_AMERICA} {_CARIBBEAN}",  # North America
    "142": " ".join([_CENTRAL_ASIA, _EASTERN_ASIA, _SOUTH_EASTERN_ASIA, _SOUTHERN_ASIA, _WESTERN_ASIA]),  # Asia
    "143": _CENTRAL_ASIA, "030": _EASTERN_ASIA, "035": _SOUTH_EASTERN_ASIA, "034": _SOUTHERN_ASIA,
    "145": _WESTERN_ASIA,
    "150": " ".join([_EASTERN_EUROPE, _NORTHERN_EUROPE, _SOUTHERN_EUROPE, _WESTERN_EUROPE]),  # Europe
    "151": _EASTERN_EUROPE, "154": _NORTHERN_EUROPE, "039": _SOUTHERN_EUROPE, "155": _WESTERN_EUROPE,
    "009": _OCEANIA, "053": _AUSTRALASIA,
    # Everyday groupings, not in M49.
    "central-europe": "AT CZ DE HU LI PL SK SI CH",
    "maghreb": "DZ LY MA MR TN",
    "middle-east": "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "balkans": "AL BA BG HR GR XK ME MK RO RS SI",
    "scandinavia": "DK NO SE",
}.items()}

CONTINENTS = ("002", "019", "142", "150", "009")

# A continent and the directions named with it → the sub-region.
_SUBREGIONS = {
    ("002", frozenset({"north"})): "015", ("002", frozenset({"west"})): "011",
    ("002", frozenset({"central"})): "017", ("002", frozenset({"east"})): "014",
    ("002", frozenset({"south"})): "018",
    ("019", frozenset({"latin"})): "419", ("019", frozenset({"north"})): "003",
    ("019", frozenset({"central"})): "013", ("019", frozenset({"south"})): "005",
    ("142", frozenset({"central"})): "143", ("142", frozenset({"east"})): "030",
    ("142", frozenset({"south"})): "034", ("142", frozenset({"south", "east"})): "035",
    ("142", frozenset({"west"})): "145",
    ("150", frozenset({"east"})): "151", ("150", frozenset({"north"})): "154",
    ("150", frozenset({"south"})): "039", ("150", frozenset({"west"})): "155",
    ("150", frozenset({"central"})): "central-europe",
}

# --- Words, per language (written naturally; folded when loaded) ------------------------------------

# Stems of each continent's name, shared by its adjectives.
_CONTINENT_STEMS: dict[str, dict[str, tuple[str, ...]]] = gathered("CONTINENT_STEMS")

# Stems of the directions that make a sub-region of a continent.
_DIRECTION_STEMS: dict[str, dict[str, tuple[str, ...]]] = gathered("DIRECTION_STEMS")

# Words between a continent and its direction: "Europe de l'Est", "America del Sud", "Asia of the…".
_CONNECTORS = {"de", "du", "del", "dell", "della", "do", "da", "d", "l", "la", "of", "the", "di"}
_CONNECTORS_ANY = frozenset(_CONNECTORS)
# Directions that are also everyday words ("l'Europe est…", "sur l'Afrique", "sul", "este año"),
# never inflected: alone, they count only after a connector (Spanish "este" only after "del").
_EVERYDAY_WORDS = {"est": _CONNECTORS_ANY, "sur": _CONNECTORS_ANY, "sul": _CONNECTORS_ANY, "este": {"del"}}
_ENDING = 4  # letters an inflection may add to a direction's stem (occident|ales, восточн|ая, south|ern)

# Regions named by a name of their own (regular expressions on folded text), and the Korean and
# Japanese short forms of continents and sub-regions (남미, 中南米, 東欧).
_NAMED: dict[str, dict[str, tuple[str, ...]]] = gathered("NAMED")

# Words that start like a continent but are not one: Spanish "asiento" (seat) starts like "Asie".
_LOOKALIKES = {"asiento", "asientos"}

_CHAIN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def regions_in(text: str, most_specific: bool = True) -> set[str]:
    """Codes of the regions `text` names (M49 codes, or an everyday grouping's name).

    With `most_specific`, a region named with a sub-region of it stands back ("Afrique
    subsaharienne" asks about the sub-region); a passage's regions are all those it names.
    """
    return set(_regions_in(text, most_specific))


@lru_cache(maxsize=4096)  # a question's regions are asked for by retrieval and by the answer's checks
def _regions_in(text: str, most_specific: bool) -> frozenset[str]:
    folded = fold(text)
    found: set[str] = set()
    for pattern, code in _named_patterns() if _any_named().search(folded) else ():
        for match in pattern.finditer(folded):
            found.add(code)
            folded = folded[:match.start()] + " " * (match.end() - match.start()) + folded[match.end():]
    found |= _continents_in(folded)
    if CJK.search(folded):
        found |= _cjk_continents_in(folded)
    if not most_specific:
        return frozenset(found)
    return frozenset(code for code in found if not any(MEMBERS[other] < MEMBERS[code] for other in found))


def countries_of(regions: set[str]) -> set[str]:
    return set().union(*(MEMBERS[code] for code in regions)) if regions else set()


def contains(region: str, other: str) -> bool:
    """Whether region `other` lies within `region` (or is it)."""
    return MEMBERS[other] <= MEMBERS[region]


def _continents_in(folded: str) -> set[str]:
    chains = list(_CHAIN.finditer(folded))
    found = set()
    for i, chain in enumerate(chains):
        parts = chain.group().split("-")
        for j, part in enumerate(parts):
            continent, joined = _continent_in_word(part)
            if continent is None:
                continue
            directions = set(joined)
            before = [_directions(p) for p in parts[:j]]
            if before and all(d is not None for d in before):  # sud-américain, est-européen
                directions.update(*before)
            elif j == 0:
                directions |= _directions_before(folded, chains, i)
            if j == len(parts) - 1:
                directions |= _directions_after(folded, chains, i)
            found.add(_SUBREGIONS.get((continent, frozenset(directions)), continent))
    return found


@lru_cache(maxsize=65536)
def _continent_in_word(word: str) -> tuple[str | None, frozenset[str]]:
    """The continent a word names, and the directions joined before it (Osteuropa, латиноамериканских)."""
    if word in _LOOKALIKES or not _any_continent_stem().search(word):  # most words: one search, not one per stem
        return None, frozenset()
    stems = _stems()[0]
    for stem, continent in stems:
        if word.startswith(stem):
            return continent, frozenset()
    for stem, continent in stems:
        at = word.find(stem, 1)
        if at > 0:
            joined = _directions(word[:at], ending=1)
            if joined:
                return continent, frozenset(joined)
    return None, frozenset()


@lru_cache(maxsize=1)
def _any_continent_stem() -> re.Pattern:
    return re.compile("|".join(re.escape(stem) for stem, _ in _stems()[0]))


def _directions(word: str, ending: int = _ENDING) -> set[str] | None:
    """The directions a word is made of ("sudost" → south and east; "occidentales" → west), or None.
    An everyday word ("est", "sur") is a direction only as it is, never inflected ("esta", "surtout")."""
    if not word:
        return None
    for stem, direction in _stems()[1]:
        if word.startswith(stem):
            rest = word[len(stem):]
            more = _directions(rest, ending)
            if more:
                return {direction} | more
            if not rest or (len(rest) <= ending and stem not in _EVERYDAY_WORDS):
                return {direction}
    return None


def _chain_directions(chain: str, connector: str | None) -> set[str] | None:
    """The directions of a word or hyphenated words (sud-est); an everyday word alone only after its connectors."""
    if chain in _EVERYDAY_WORDS and connector not in _EVERYDAY_WORDS[chain]:
        return None
    found = [_directions(part) for part in chain.split("-")]
    if any(d is None for d in found):
        return None
    return set().union(*found)


def _adjacent(folded: str, left: re.Match, right: re.Match) -> bool:
    return re.fullmatch(r"[\s']*", folded[left.end():right.start()]) is not None


def _directions_before(folded: str, chains: list[re.Match], i: int) -> set[str]:
    found: set[str] = set()
    while i > 0 and _adjacent(folded, chains[i - 1], chains[i]):
        directions = _chain_directions(chains[i - 1].group(), None)
        if not directions:
            break
        found |= directions
        i -= 1
    return found


def _directions_after(folded: str, chains: list[re.Match], i: int) -> set[str]:
    connector = None
    k = i + 1
    while k < len(chains) and _adjacent(folded, chains[k - 1], chains[k]) and chains[k].group() in _CONNECTORS:
        connector = chains[k].group()
        k += 1
    if k < len(chains) and _adjacent(folded, chains[k - 1], chains[k]):
        return _chain_directions(chains[k].group(), connector) or set()
    return set()


def _cjk_continents_in(folded: str) -> set[str]:
    found = set()
    for name, continent in _stems()[2]:
        for match in re.finditer(re.escape(name), folded):
            attached = folded[:match.start()]
            directions = set()
            for prefix, direction in _stems()[3]:
                # A one-character direction is written joined (서아프리카): "에서 아프리카" ends a particle.
                head = attached if len(prefix) == 1 else attached.rstrip()
                if head.endswith(prefix):
                    directions.add(direction)
                    head = head[:-len(prefix)]
                    if head.endswith(("東", "동")) and direction == "south":  # 東南アジア, 동남아시아
                        directions.add("east")
                    break
            found.add(_SUBREGIONS.get((continent, frozenset(directions)), continent))
    return found


@lru_cache(maxsize=1)
def _stems():
    """(Latin/Cyrillic continent stems, direction stems, CJK continent names, CJK direction prefixes),
    folded, longest first so that "northern" is read before "north" and 東南 before 南."""
    continents, directions, cjk_continents, cjk_directions = set(), set(), set(), set()
    for language, table in _CONTINENT_STEMS.items():
        for continent, stems in table.items():
            for stem in map(fold, stems):
                (cjk_continents if CJK.search(stem) else continents).add((stem, continent))
    for language, table in _DIRECTION_STEMS.items():
        for direction, stems in table.items():
            for stem in map(fold, stems):
                (cjk_directions if CJK.search(stem) else directions).add((stem, direction))
    longest = lambda pairs: tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))
    return longest(continents), longest(directions), longest(cjk_continents), longest(cjk_directions)


@lru_cache(maxsize=1)
def _named_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    patterns = []
    for language, table in _NAMED.items():
        for code, expressions in table.items():
            for expression in expressions:
                boundary = "" if CJK.search(expression) else r"\b"
                patterns.append((re.compile(f"{boundary}(?:{fold(expression)}){boundary}"), code))
    return tuple(sorted(patterns, key=lambda p: -len(p[0].pattern)))


@lru_cache(maxsize=1)
def _any_named() -> re.Pattern:
    """One search for all the named regions: most texts name none, and the patterns are then not tried one by one."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _named_patterns()))
