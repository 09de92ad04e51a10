"""Issue 10, item 12: follow-ups keep the conversation's language in the API as in the chat, nonsense is
not answered, the chat shows the LLM fallback note, the model is loaded before the first visitor, and a
Chroma address with the local store is refused at start-up."""

from __future__ import annotations

import pytest

from bot.assembly import build_index, make_assistant
from bot.cli import main
from bot.core.errors import ConfigurationError
from bot.core.models import Answer
from bot.core.settings import Settings, load_settings
from bot.records.feedback import FeedbackStore
from bot.web.chat import Chat
from support.fakes import ScriptedAssistant, answer

pytestmark = pytest.mark.reliability

FRENCH = "Qui dirige le groupe de travail international de l'AMF ?"


@pytest.fixture(scope="module")
def settings(tmp_path_factory) -> Settings:
    folder = tmp_path_factory.mktemp("details")
    settings = Settings(index_dir=folder / "index", data_dir=folder / "data", embedding_model="hash")
    build_index(settings)
    return settings


@pytest.fixture(scope="module")
def assistant(settings):
    return make_assistant(settings)


@pytest.mark.parametrize("follow_up", ["Et lui ?", "Et en 2004 ?", "And Romania?"])
def test_short_follow_up_keeps_the_conversations_language_in_the_api(assistant, follow_up):
    assert assistant.ask(follow_up, history=[FRENCH]).language == "fr"


def test_chat_and_api_agree_on_the_follow_up_language(assistant, settings):
    chat = Chat(assistant, FeedbackStore(settings.data_dir / "feedback.sqlite3"))
    turns = list(chat.respond(FRENCH, []))[-1].turns
    turns = list(chat.respond("Et lui ?", turns))[-1].turns
    assert turns[-1].answer.language == chat.api_answer("Et lui ?", [FRENCH])["language"] == "fr"


def test_a_switch_of_script_is_taken_as_meant(assistant):
    assert assistant.ask("韓国は？", history=[FRENCH]).language == "ja"


@pytest.mark.parametrize("nonsense", ["x" * 1000, "??? !!! ...", "!!!!!!!!", "1234 5678 ???"])
def test_nonsense_is_not_answered(assistant, nonsense):
    reply = assistant.ask(nonsense)
    assert reply.status != "answered" and reply.notice and not reply.citations


def test_chat_shows_the_llm_fallback_note(tmp_path):
    noted = answer(FRENCH, "fr")
    noted = Answer(**{**noted.__dict__, "note": "Le modèle de langue n'a pas répondu à temps ; voici les passages."})
    chat = Chat(ScriptedAssistant({FRENCH: noted}), FeedbackStore(tmp_path / "feedback.sqlite3"))
    final = list(chat.respond(FRENCH, []))[-1].messages[-1]["content"]
    assert "amf-note" in final and "répondu à temps" in final


def test_warm_up_loads_the_index_before_the_first_question(settings):
    fresh = make_assistant(settings)
    assert fresh.retriever.index.bm25 is None
    fresh.warm_up()
    assert fresh.retriever.index.bm25 is not None


@pytest.mark.integration
def test_warm_up_loads_the_embedding_model(e5_settings):
    fresh = make_assistant(e5_settings.model_copy(update={"query_cache": 0}))  # the model may load in the background
    fresh.warm_up()
    assert fresh.retriever.embedder._model is not None


@pytest.mark.parametrize("variable", ["AMF_BOT_CHROMA_HOST", "AMF_BOT_CHROMA_PORT"])
def test_a_chroma_address_with_the_local_store_is_refused(monkeypatch, capsys, variable):
    monkeypatch.setenv(variable, "8001" if variable.endswith("PORT") else "chroma.internal")
    with pytest.raises(ConfigurationError, match="AMF_BOT_STORE=server"):
        load_settings()
    assert main(["ask", "--embedding-model", "hash", "Qui ?"]) == 1
    assert "AMF_BOT_STORE=server" in capsys.readouterr().err
    monkeypatch.setenv("AMF_BOT_STORE", "server")
    assert load_settings().store == "server"
