"""Cities named in a text, in any supported language: the CLDR's exemplar cities (through Babel).

The CLDR names about 380 cities, one per time zone — capitals and large cities of every
continent — in each language ("Tokyo", "東京", "도쿄", "Токио", "Tokio"). A question naming one of
them that the knowledge base never names, in any language, asks about something it does not
cover; this holds in the scripts where a capital letter says nothing (Korean, Japanese) and in
German, where every noun is capitalised.

Left out: cities that share their name with a country (Singapore, Panama: countries are judged
on their own) and names that are ordinary words in a supported language (`_ORDINARY_WORDS`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.text import CJK, fold
from bot.language.countries import countries_in
from bot.language.supported import SUPPORTED

_CONTINENTS = ("Africa", "America", "Asia", "Europe", "Australia", "Atlantic", "Indian", "Pacific")
_CYRILLIC = re.compile(r"[а-яёіїєґ]")
_INFLECTED_FROM = 5  # Cyrillic names this long are also met declined (Берлина, Берліні)
# Exemplar city names that are ordinary words (English "wake", "resolute"; Portuguese "recife" = reef,
# "fortaleza" = fortress, "bahia" = bay; Italian/Portuguese "nome" = name) or first names.
_ORDINARY_WORDS = {
    "easter", "wake", "midway", "nome", "oral", "resolute", "stanley", "darwin", "regina", "christmas", "reunion",
    "phoenix", "jersey", "canary", "cocos", "chatham", "thule", "bahia", "recife", "fortaleza", "belem", "kirov",
    "dawson", "creston", "boise", "cayenne", "mahe", "comoro", "faroe", "madeira", "azores", "chita", "samara",
    "sofia", "victoria", "lindeman", "casey", "davis", "palmer", "troll", "vostok", "macquarie", "eucla", "hovd",
    "norfolk", "santarem", "merida", "juba", "aden", "dili", "apia", "efate", "kanton", "wallis", "gambier",
}


def cities_in(text: str) -> set[str]:
    """The time-zone ids of the CLDR exemplar cities `text` names (Asia/Tokyo for "東京")."""
    folded = fold(text)
    words, cjk = _city_lookup()
    found = {words[m.group(1) or m.group(2)] for m in _words_pattern().finditer(folded)}
    if CJK.search(folded):
        found |= {zone for name, zone in cjk if name in folded}
    return found


@lru_cache(maxsize=1)
def _city_names() -> dict[str, set[str]]:
    """Zone id → the folded names of its city in English and every supported language."""
    from babel import Locale
    from babel.core import get_global

    zones = [z for z in get_global("zone_territories") if z.count("/") == 1 and z.split("/")[0] in _CONTINENTS]
    names: dict[str, set[str]] = {z: {fold(z.split("/")[1].replace("_", " "))} for z in zones}
    for language in SUPPORTED:
        local = Locale.parse(language).time_zones
        for zone in zones:
            city = local.get(zone, {}).get("city")
            if city:
                names[zone].add(fold(city))
    return {zone: found for zone, found in names.items()
            if not any(countries_in(name) or name in _ORDINARY_WORDS for name in found)}


@lru_cache(maxsize=1)
def _city_lookup() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    words: dict[str, str] = {}
    cjk = []
    for zone, names in _city_names().items():
        for name in names:
            if CJK.search(name):
                cjk.append((name, zone))
            elif len(name) >= 3:
                words[name] = zone
    return words, tuple(cjk)


@lru_cache(maxsize=1)
def _words_pattern() -> re.Pattern:
    """Names as whole words; long Cyrillic ones also with a case ending of up to two letters."""
    words, _ = _city_lookup()
    by_length = sorted(words, key=len, reverse=True)
    declined = [n for n in by_length if _CYRILLIC.search(n) and len(n) >= _INFLECTED_FROM]
    exact = [n for n in by_length if n not in set(declined)]
    return re.compile(r"(?<!\w)(?:(" + "|".join(map(re.escape, exact)) + r")|("
                      + "|".join(map(re.escape, declined)) + r")[а-яёіїєґ]{0,2})(?!\w)")
