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


def test_a_question_asked_before_the_background_load_reads_the_named_cache(tmp_path, monkeypatch):
    """A start names the cache folder, then loads the identifier and the word lists in the background; a question
    asked before that load is done must read them from the cache too, not unpack the packaged files (1 s, 60 MB)."""
    from bot.language import frequencies

    _fresh(monkeypatch)
    monkeypatch.setattr(frequencies, "_tables", {})
    detection.load_identifier(tmp_path)  # an earlier start wrote the cache
    _fresh(monkeypatch)
    monkeypatch.setattr(frequencies, "_tables", {})
    monkeypatch.setattr(detection, "_cache", [None])
    monkeypatch.setattr(frequencies, "_read", lambda languages: pytest.fail("read wordfreq's lists, not the cache"))
    monkeypatch.setattr(detection, "_unpacked", lambda folder: pytest.fail("unpacked py3langid's model again")
                        if folder is None else _unpacked(folder))
    detection.use_cache(tmp_path)
    assert detection.detect_language("O que significa a sigla UVICOCI?") == "pt"


def test_word_lists_loaded_for_more_languages_serve_fewer(tmp_path, monkeypatch):
    """The background load reads the lists of every language told apart by words; a question's detection, waiting
    for it, then finds its languages among them instead of reading them a second time."""
    from bot.language import frequencies

    monkeypatch.setattr(frequencies, "_tables", {})
    frequencies.load(detection.WORD_LANGUAGES, tmp_path)
    monkeypatch.setattr(frequencies, "_read", lambda languages: pytest.fail("read the lists a second time"))
    monkeypatch.setattr(frequencies, "_stored", lambda cache, languages: pytest.fail("read the lists a second time"))
    frequencies.load(LATIN_LANGUAGES)
    assert frequencies.has_word_lists(LATIN_LANGUAGES)


_unpacked = detection._unpacked
