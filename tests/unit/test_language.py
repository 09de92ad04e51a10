import json
from pathlib import Path

import pytest

from bot.language.detection import detect_language

DEV_SET = Path(__file__).resolve().parents[1] / "eval" / "dev.jsonl"


@pytest.mark.parametrize("question,expected", [
    ("Qui dirige le groupe de travail ?", "fr"),
    ("Who leads the working group?", "en"),
    ("Chi guida il gruppo di lavoro?", "it"),
    ("¿Quién dirige el grupo de trabajo?", "es"),
    ("Wer leitet die Arbeitsgruppe?", "de"),
    ("Quem lidera o grupo de trabalho?", "pt"),
    ("Cine conduce grupul de lucru?", "ro"),
    ("누가 실무 그룹을 이끌고 있습니까?", "ko"),
    ("作業部会を率いているのは誰ですか？", "ja"),
    ("Кто руководит рабочей группой?", "ru"),
    ("Хто очолює робочу групу?", "uk"),
])
def test_detects_the_supported_languages(question, expected):
    assert detect_language(question) == expected


def test_dev_questions_are_recognised():
    rows = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        if row["q"].strip():
            assert detect_language(row["q"]) == row["lang"], row["q"]


def test_no_letters_falls_back_to_default():
    assert detect_language("2004 ?") == "fr"


@pytest.mark.parametrize("question,expected", [
    ("Qui est Smangaliso Mkahtshwa ?", "fr"),
    ("Who is Pedro Sabat Pietracaprina?", "en"),
    ("Chi è Kim Wan Joo?", "it"),
    ("¿Quién es Pedro Sabat?", "es"),
    ("Wer ist Emile Andzé Andzé?", "de"),
    ("Que cargo ocupava Bruno Joncour?", "pt"),
    ("Unde este Yaoundé?", "ro"),
])
def test_names_do_not_decide_the_language(question, expected):
    assert detect_language(question) == expected


def test_a_french_text_naming_a_romanian_town_or_a_korean_city_in_its_script_is_french():
    from bot.language.detection import detect_language

    assert detect_language("Les 4es Assises de la coopération se tiendront à Iași en 2018. L'AMF en sera "
                           "co-organisatrice avec l'ambassade de France.") == "fr"
    assert detect_language("Le 7e Congrès mondial s'est tenu à Daejeon (대전), en Corée du Sud, en octobre.") == "fr"
    # A question in Korean or Japanese naming an acronym in Latin letters is still Korean or Japanese.
    assert detect_language("UVICOCI 회장은 협약에 대해 뭐라고 말했나요?") == "ko"
    assert detect_language("AMFはCGLUの世界理事会にいくつの議席を持っていますか？") == "ja"
    assert detect_language("Câți primari români l-au însoțit pe Ionel Ciobanu la Paris?") == "ro"
