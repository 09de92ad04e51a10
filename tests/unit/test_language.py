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


@pytest.mark.parametrize("question,expected", [
    ("O que significa a sigla UVICOCI?", "pt"),  # py3langid alone: Spanish 0.50, Portuguese 0.40
    ("Quem assinou o acordo?", "pt"),
    ("Quien firmo el convenio", "es"),
    ("Chi ha firmato l'accordo?", "it"),
    ("Cine a semnat acordul?", "ro"),
    ("wer hat das abkommen unterschrieben", "de"),
    ("Who signed the agreement with Rabat?", "en"),
    ("Qui a signé l'accord ?", "fr"),
])
def test_short_questions_are_told_apart_by_their_words(question, expected):
    assert detect_language(question) == expected


@pytest.mark.parametrize("question,expected", [
    ("Burkina Fasoは？", "ja"),
    ("AMFとCités Unies Franceの関係", "ja"),
    ("Burkina Faso는요?", "ko"),
    ("Хто такий David Lisnard?", "uk"),
    ("Кто такой David Lisnard?", "ru"),
])
def test_names_in_latin_letters_leave_the_script_to_decide(question, expected):
    assert detect_language(question) == expected
