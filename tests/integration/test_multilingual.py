"""One question in the eleven languages: the same source passage, the answer in the visitor's language."""

import re

import pytest

pytestmark = pytest.mark.integration

QUESTIONS = {
    "fr": "Qui le président de l'AMF a-t-il reçu, en même temps qu'une délégation de maires coréens ?",
    "en": "Whom did AMF's president receive together with a delegation of Korean mayors?",
    "it": "Chi ha ricevuto il presidente dell'AMF insieme a una delegazione di sindaci coreani?",
    "es": "¿A quién recibió el presidente de la AMF junto con una delegación de alcaldes coreanos?",
    "de": "Wen empfing der Präsident der AMF zusammen mit einer Delegation koreanischer Bürgermeister?",
    "pt": "Quem recebeu o presidente da AMF juntamente com uma delegação de presidentes de câmara coreanos?",
    "ro": "Pe cine a primit președintele AMF împreună cu o delegație de primari coreeni?",
    "ko": "AMF 회장은 한국 시장 대표단과 함께 누구를 맞이했습니까?",
    "ja": "AMFの会長は韓国の市長代表団とともに誰を迎えましたか？",
    "ru": "Кого принял президент AMF вместе с делегацией корейских мэров?",
    "uk": "Кого прийняв президент AMF разом із делегацією корейських мерів?",
}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_answer_in_the_question_language_citing_the_same_passage(e5_assistant, language):
    answer = e5_assistant.ask(QUESTIONS[language]).to_dict()
    assert answer["language"] == language and answer["status"] == "answered", answer["answer"]
    cited = [c for c in answer["citations"] if "Kim Wan Joo" in c["passage"]]
    assert cited, answer["citations"]
    citation = cited[0]
    marker = f"[{citation['n']}]"
    assert marker in answer["answer"]
    if language == "fr":
        assert citation["translation"] is None and citation["passage"] in answer["answer"].replace(f" {marker}", "")
    else:
        assert citation["translation"] and citation["location"]["translation"]["language"] == language
        shown = re.sub(r" \[\d+\]", "", answer["answer"])
        assert citation["translation"] in shown
        # The notice: French verbatim first, then its translation into the visitor's language.
        assert answer["notice"].startswith("La reproduction partielle ou totale")
        assert len(answer["notice"].split("\n\n")) == 2
