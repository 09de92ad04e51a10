"""The word evidence of language identification: wordfreq's frequencies, read offline."""

from __future__ import annotations

import math

import pytest

from bot.language.frequencies import FLOOR, log_likelihoods
from bot.language.supported import SCRIPTS

TOLD_BY_WORDS = [language for language, script in SCRIPTS.items() if script in ("latin", "cyrillic")]


@pytest.mark.parametrize("language", TOLD_BY_WORDS)
def test_every_language_told_apart_by_words_has_a_word_list(language):
    commonest = {"fr": "de", "en": "the", "it": "di", "es": "de", "de": "der", "pt": "de", "ro": "de", "ru": "и", "uk": "і"}
    assert log_likelihoods([commonest[language]], [language])[language] > math.log(0.01)


def test_a_word_a_list_lacks_counts_at_the_floor():
    assert log_likelihoods(["uvicoci"], ["pt", "es"]) == pytest.approx({"pt": math.log(FLOOR), "es": math.log(FLOOR)})


def test_a_word_typed_without_its_accents_reads_as_the_accented_one():
    assert log_likelihoods(["cooperacao"], ["pt"]) == log_likelihoods(["cooperação"], ["pt"])
    assert log_likelihoods(["delegatii"], ["ro"]) == log_likelihoods(["delegații"], ["ro"])
    # A form the list has without accents keeps the higher of its own and its accented form's frequency.
    assert log_likelihoods(["quien"], ["es"])["es"] >= log_likelihoods(["quién"], ["es"])["es"]


def test_the_words_tell_close_languages_apart():
    evidence = log_likelihoods(["o", "que", "significa", "a", "sigla"], ["pt", "es", "it"])
    assert max(evidence, key=evidence.get) == "pt"
    evidence = log_likelihoods(["quien", "preside", "el", "grupo"], ["pt", "es", "it"])
    assert max(evidence, key=evidence.get) == "es"


def test_the_table_is_kept_in_the_cache_and_read_back_the_same(tmp_path):
    from bot.language import frequencies

    words = ["o", "que", "significa", "a", "sigla", "quien", "delegatii", "uvicoci"]
    languages = ("es", "pt", "ro")
    frequencies.load(languages, tmp_path)
    first = log_likelihoods(words, languages)
    frequencies._tables.clear()
    frequencies.load(languages, tmp_path)  # from the cache: memory-mapped
    assert log_likelihoods(words, languages) == first
    (folder,) = tmp_path.iterdir()
    (folder / "logs.npy").write_bytes(b"damaged")
    frequencies._tables.clear()
    frequencies.load(languages, tmp_path)  # a damaged copy is read again from wordfreq
    assert log_likelihoods(words, languages) == first
