"""The language-model providers: each name builds a LangChain chat model; nothing is sent to the server here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answering.llm.faults import Server
from bot.core.errors import ConfigurationError
from bot.core.settings import LLM_PROVIDERS, Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

INSTALL_EXTRA = "install the LLM extra: pip install -e '.[llm]'"
EXAMPLE_MODELS = {"ollama": "llama3.1", "openai": "gpt-4o-mini"}
DEFAULT_URLS = {"ollama": "http://127.0.0.1:11434", "openai": "https://api.openai.com/v1"}


def make_chat_model(settings: Settings, max_tokens: int | None = None) -> BaseChatModel:
    """The LangChain chat model of the provider, writing at most `max_tokens`; nothing is sent here."""
    provider = provider_of(settings)
    if provider == "none":
        raise ConfigurationError("AMF_BOT_LLM_PROVIDER is 'none': no language model to build")
    if not settings.llm_model.strip():
        raise ConfigurationError(
            f"AMF_BOT_LLM_MODEL is not set: name the model to use, e.g. {EXAMPLE_MODELS[provider]}")
    if provider == "ollama":
        return _ollama_model(settings, max_tokens)
    return _openai_model(settings, max_tokens)


def provider_of(settings: Settings) -> str:
    provider = str(settings.llm_provider).strip().lower()
    if provider not in LLM_PROVIDERS:
        raise ConfigurationError(f"unknown LLM provider {provider!r}; allowed: {', '.join(LLM_PROVIDERS)}")
    return provider


def server_of(settings: Settings) -> Server:
    provider = provider_of(settings)
    return Server(provider, settings.llm_model.strip(), settings.llm_base_url or DEFAULT_URLS.get(provider, ""),
                  settings.llm_timeout_s)


def _ollama_model(settings: Settings, max_tokens: int | None) -> BaseChatModel:
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise ConfigurationError(f"the 'ollama' LLM provider needs langchain-ollama: {INSTALL_EXTRA}") from exc
    return ChatOllama(model=settings.llm_model.strip(), base_url=settings.llm_base_url or None,
                      temperature=settings.llm_temperature, client_kwargs={"timeout": settings.llm_timeout_s},
                      num_predict=max_tokens)


def _openai_model(settings: Settings, max_tokens: int | None) -> BaseChatModel:
    if not settings.llm_api_key:
        raise ConfigurationError("AMF_BOT_LLM_API_KEY is not set: give the server's API key "
                                 "(any non-empty string for a server that needs none)")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise ConfigurationError(f"the 'openai' LLM provider needs langchain-openai: {INSTALL_EXTRA}") from exc
    return ChatOpenAI(model=settings.llm_model.strip(), base_url=settings.llm_base_url or None,
                      api_key=settings.llm_api_key, timeout=settings.llm_timeout_s, max_retries=0,
                      temperature=settings.llm_temperature, use_responses_api=False,
                      custom_get_token_ids=_rough_token_ids,
                      # `max_tokens` itself: langchain-openai would send `max_completion_tokens`, which
                      # llama.cpp (before 2026), Ollama and LM Studio ignore.
                      extra_body={"max_tokens": max_tokens} if max_tokens else None)


def _rough_token_ids(text: str) -> list[int]:
    """Token counting without tiktoken, which would download its tables (no internet here)."""
    return list(range(len(text) // 4 + 1))
