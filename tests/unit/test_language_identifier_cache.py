"""The language identifier read from its unpacked copy is py3langid's own: the same probabilities."""

from __future__ import annotations

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from bot.language import detection
from bot.language.patterns import LATIN_LANGUAGES

SAMPLES = ["Quels pays ont coopéré avec l'AMF ?", "Which countries worked with the association?",
           "Quali paesi hanno collaborato?", "¿Qué países han cooperado con la AMF?", "Welche Länder arbeiten mit?",
           "Quais países cooperaram com a AMF?", "Ce țări au cooperat cu AMF?", "Какие страны сотрудничали с AMF?",
           "Які країни співпрацювали з AMF?", "", "AMF 2024"]


def _fresh(monkeypatch) -> None:
    """Forget the identifier this process may have loaded already."""
    monkeypatch.setattr(detection, "_model", [])
    monkeypatch.setattr(detection, "_identifiers", {})


@pytest.mark.parametrize("languages", [LATIN_LANGUAGES, ("ru", "uk")])
def test_unpacked_copy_ranks_as_the_packaged_model(tmp_path, monkeypatch, languages):
    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    packaged.set_languages(list(languages))
    for attempt in ("writes the copy", "reads it back"):
        _fresh(monkeypatch)
        detection.load_identifier(tmp_path)
        assert len(list(tmp_path.glob("py3langid-*"))) == 1, attempt
        for text in SAMPLES:
            assert detection._rank(text, languages) == {lang: float(p) for lang, p in packaged.rank(text)}, attempt


def test_an_unusable_cache_falls_back_to_the_packaged_model(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    _fresh(monkeypatch)
    detection.load_identifier(blocked / "langid")
    assert detection.detect_language("Quels pays ont coopéré avec l'AMF ?") == "fr"


def test_a_damaged_copy_is_written_again(tmp_path, monkeypatch):
    _fresh(monkeypatch)
    detection.load_identifier(tmp_path)
    (copy,) = tmp_path.glob("py3langid-*")
    (copy / "nextmove.npy").write_bytes(b"truncated")
    _fresh(monkeypatch)
    detection.load_identifier(tmp_path)
    assert detection.detect_language("Quels pays ont coopéré avec l'AMF ?") == "fr"
    _fresh(monkeypatch)
    detection.load_identifier(tmp_path)  # the copy written again reads back
    assert detection._model and detection.detect_language("Which countries worked with AMF?") == "en"
    assert (copy / "nextmove.npy").stat().st_size > 1_000_000
