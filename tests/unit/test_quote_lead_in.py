"""The lead-in of a quoted original names the original's own language, whatever it is."""

import pytest

from bot.language.messages import quote_original
from bot.language.supported import SUPPORTED


def test_a_french_original_is_announced_as_before():
    assert quote_original("fr", "fr") == "Le document source (en français) indique :"
    assert quote_original("en", "fr") == "The source document (in French) says:"
    assert quote_original("de", "fr") == "Das Originaldokument (auf Französisch) sagt:"


def test_an_english_or_dutch_original_is_not_called_french():
    assert quote_original("fr", "en") == "Le document source (en anglais) indique :"
    assert quote_original("it", "nl") == "Il documento originale (in olandese) dice:"
    assert "英語" in quote_original("ja", "en")


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_names_the_original(language):
    lead_in = quote_original(language, "fr")
    assert "{" not in lead_in and lead_in.strip()
