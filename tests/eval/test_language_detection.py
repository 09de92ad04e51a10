"""Language identification on short questions: tests/eval/language_questions.jsonl.

356 short questions (2 to 10 words, most) of the kind visitors ask about AMF's international action, about
30 in each of the eleven languages: acronyms, people's and places' names, French names inside other
languages, greetings, questions without accents or question mark, Spanish without ¿, German without
capitals, typos, Portuguese/Spanish/Italian/Romanian close pairs. Written before the detection's word
evidence (`bot.language.frequencies`) and not tuned on: the floors are the measured figures, less one
question per language. Measured: 341/356 with py3langid and the hand-listed question words, 355/356
with word frequencies; the miss is "А Burkina Faso?", Russian or Ukrainian alike.
language_questions_heldout.jsonl (72 more, written once the method was set, to check it was not fitted
to the first set): 71/72 before, 72/72 after.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from bot.language.detection import detect_language

EVAL = Path(__file__).parent
MEASURED = {
    "language_questions.jsonl": {"fr": 34, "en": 34, "it": 33, "es": 34, "de": 33, "pt": 34, "ro": 34, "ko": 30, "ja": 30, "ru": 30, "uk": 29},
    "language_questions_heldout.jsonl": {"fr": 8, "en": 8, "it": 8, "es": 8, "de": 8, "pt": 8, "ro": 8, "ko": 4, "ja": 4, "ru": 4, "uk": 4},
}


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_short_questions_are_told_apart_in_every_language(name):
    measured_of = MEASURED[name]
    rows = [json.loads(line) for line in (EVAL / name).read_text("utf-8").splitlines() if line.strip()]
    right = Counter(row["lang"] for row in rows if detect_language(row["q"]) == row["lang"])
    wrong = [(row["lang"], detect_language(row["q"]), row["q"]) for row in rows if detect_language(row["q"]) != row["lang"]]
    assert set(Counter(row["lang"] for row in rows)) == set(measured_of)
    below = {language: (right[language], measured) for language, measured in measured_of.items() if right[language] < measured - 1}
    assert not below, (below, wrong)


def test_a_short_portuguese_question_with_an_acronym_is_portuguese():
    # realdocs r-pt: py3langid alone gives Spanish 0.50, Portuguese 0.40; "o" and "que" tell them apart.
    assert detect_language("O que significa a sigla UVICOCI?") == "pt"
