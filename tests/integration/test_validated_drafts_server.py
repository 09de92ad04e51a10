"""Machine drafts of validated answers against tests/support/llm_stub_server.py (OpenAI and Ollama protocols, the
real clients): the translation the staff page drafts, its output cap, and a server ignoring the cap cut off."""

from __future__ import annotations

import pytest

from bot.assembly import make_answer_translator
from bot.core.errors import BackendError
from bot.core.settings import Settings
from support.llm_cases import PROTOCOLS, llm_settings
from support.llm_stub_server import Flood, Reply

FRENCH = "Le groupe de travail est présidé par Jacques AUXIETTE depuis 2004 [1].\nIl compte 60 élus."
KOREAN = ["실무 그룹은 2004년부터 자크 오시에트(Jacques AUXIETTE)가 의장을 맡고 있습니다 [1].", "선출직 60명으로 구성됩니다."]


def settings_for(tmp_path, stub, protocol: str, **extra) -> Settings:
    return llm_settings(Settings(knowledge_dir=tmp_path, data_dir=tmp_path / "data", embedding_model="hash"),
                        protocol, stub.base_url(protocol), **extra)


def test_without_a_model_there_is_no_translator(tmp_path):
    assert make_answer_translator(Settings(knowledge_dir=tmp_path, embedding_model="hash")) is None


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_french_text_is_translated_line_by_line_within_the_output_cap(tmp_path, stub, protocol):
    stub.script(Reply("\n".join(f'<para id="{n}">{text}</para>' for n, text in enumerate(KOREAN, 1))))
    translate = make_answer_translator(settings_for(tmp_path, stub, protocol))
    assert translate(FRENCH, "ko") == "\n".join(KOREAN)
    [request] = stub.requests
    assert request.protocol == protocol and "into Korean" in request.prompt and '<para id="2">Il compte' in request.prompt
    cap = request.body.get("max_tokens") or request.body.get("options", {}).get("num_predict")
    assert cap == len(FRENCH) + 100  # room for the text in any script (AMF_BOT_LLM_MAX_TOKENS unset)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_server_ignoring_the_cap_is_cut_off_at_the_max_chars(tmp_path, stub, protocol):
    stub.script(Flood(piece="가나다라 "), Flood(piece="가나다라 "))
    translate = make_answer_translator(settings_for(tmp_path, stub, protocol, llm_max_chars=500))
    with pytest.raises(BackendError, match="rejected twice"):
        translate(FRENCH, "ko")
    assert stub.abandoned.wait(5) and len(stub.requests) == 2
