"""Settings: flat environment variables, typed views by concern, and backend names known to their registries."""

from __future__ import annotations

from typing import get_args

import pytest

from bot.answering.llm.providers import PROVIDERS
from bot.assembly import make_assistant
from bot.core.settings import EmbedderName, LLMProvider, Settings
from bot.embedders.registry import EMBEDDERS, embedder_entry


def test_every_backend_name_has_its_registry_entry_and_every_entry_its_name():
    assert list(EMBEDDERS) == list(get_args(EmbedderName))
    assert list(PROVIDERS) == list(get_args(LLMProvider))


def test_settings_reject_an_unknown_embedder_listing_the_registry():
    with pytest.raises(ValueError, match="unknown embedding model 'bert'; allowed: e5-small, e5-small-torch, minilm, hash"):
        Settings(embedding_model="bert")


def test_a_local_model_folder_is_an_embedder_too(tmp_path):
    entry = embedder_entry(Settings(embedding_model=str(tmp_path)))
    assert str(tmp_path) in entry.description


def test_views_group_the_same_flat_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("AMF_BOT_LLM_PROVIDER", "Ollama")
    monkeypatch.setenv("AMF_BOT_LLM_MODEL", " llama3.1 ")
    monkeypatch.setenv("AMF_BOT_PORT", "8123")
    monkeypatch.setenv("AMF_BOT_CHROMA_PORT", "9001")
    monkeypatch.setenv("AMF_BOT_STORE", "server")  # a Chroma address alone is refused (the local store would ignore it)
    monkeypatch.setenv("AMF_BOT_INDEX_DIR", str(tmp_path))
    settings = Settings()
    assert (settings.llm.provider, settings.llm.model) == ("ollama", "llama3.1")
    assert (settings.web.port, settings.chroma.port, settings.chroma.store) == (8123, 9001, "server")
    assert settings.paths.index_dir == settings.chroma.index_dir == tmp_path
    assert settings.embedding.model == "e5-small" and settings.assistant.top_k == settings.top_k


def test_views_follow_a_copied_settings_object():
    settings = Settings().model_copy(update={"llm_provider": "openai", "port": 9999})
    assert settings.llm.provider == "openai" and settings.web.port == 9999


def test_the_answerer_gets_a_threshold_calibrated_on_the_index_not_a_constant(tmp_path):
    settings = Settings(embedding_model="hash", index_dir=tmp_path / "index")
    answerer = make_assistant(settings).answerer
    assert answerer.calibration is not None and not hasattr(answerer, "min_dense")
