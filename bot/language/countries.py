"""Countries named in a text, in any supported language: names from the Unicode CLDR (through Babel),
also as nationality adjectives sharing the name's stem ("brésiliennes" → Brésil)."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.text import fold
from bot.language.supported import SUPPORTED

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def countries_in(text: str) -> set[str]:
    """ISO codes of the countries `text` names, by name or by an adjective of the same stem."""
    folded = fold(text)
    exact, by_prefix, cjk_names = _country_lookup()
    found: set[str] = set()
    for word in re.findall(r"[^\W\d_]+", folded):
        if word in _LOOKALIKES:
            continue
        found |= exact.get(word, set())
        if len(word) >= 5:
            found |= by_prefix.get(word[:5], set())
    if _CJK.search(folded):
        found |= {code for name, code in cjk_names if name in folded}
    return found


@lru_cache(maxsize=1)
def _country_lookup() -> tuple[dict[str, set[str]], dict[str, set[str]], tuple[tuple[str, str], ...]]:
    """Country names arranged for a look-up per word: short names whole, longer ones by prefix."""
    exact: dict[str, set[str]] = {}
    by_prefix: dict[str, set[str]] = {}
    cjk_names = []
    for code, names in _country_names().items():
        for name in names:
            if _CJK.search(name):
                cjk_names.append((name, code))
            elif len(name) <= 4:
                exact.setdefault(name, set()).add(code)
            else:
                by_prefix.setdefault(_name_prefix(name), set()).add(code)
    return exact, by_prefix, tuple(cjk_names)


def _name_prefix(name: str) -> str:
    """Enough of a country name to recognise its adjectives too: "Brésil" → "brési" (brésiliennes)."""
    return name[:5]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, ...]]:
    """Folded one-word country names (multi-word names are too ambiguous word by word)."""
    from babel import Locale

    names: dict[str, set[str]] = {}
    for language in SUPPORTED:
        for code, name in Locale.parse(language).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            folded = fold(name)
            if _CJK.search(folded) or re.fullmatch(r"[^\W\d_]{4,}", folded):
                names.setdefault(code, set()).add(folded)
    return {code: tuple(sorted(v)) for code, v in names.items()}


# Common words that look like a country's name or stem: Russian/Ukrainian "того" (Togo),
# Portuguese "câmara" (Camarões), "domínio" (Dominica).
_LOOKALIKES = {"того", "camara", "camaras", "dominio", "dominios"}
# Groupings and pseudo-territories of the CLDR, not countries one cooperates with.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}
