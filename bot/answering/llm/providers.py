"""The registry of language-model providers: each name builds a LangChain chat model; nothing is sent here.

Adding a provider: its name in `bot.core.settings.LLMProvider`, its entry in `PROVIDERS` (a builder
from the `LLMSettings` view, its default URL and an example model for the error messages).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from bot.answering.llm.faults import Server
from bot.core.errors import ConfigurationError
from bot.core.settings import LLMProvider, LLMSettings, Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

INSTALL_EXTRA = "install the LLM extra: pip install -e '.[llm]'"


@dataclass(frozen=True)
class Provider:
    description: str
    build: Callable[[LLMSettings], BaseChatModel] | None  # None: no language model (extractive answers)
    default_url: str = ""
    example_model: str = ""


def _ollama_model(llm: LLMSettings) -> BaseChatModel:
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise ConfigurationError(f"the 'ollama' LLM provider needs langchain-ollama: {INSTALL_EXTRA}") from exc
    return ChatOllama(model=llm.model, base_url=llm.base_url or None,
                      temperature=llm.temperature, client_kwargs={"timeout": llm.timeout_s},
                      num_predict=llm.max_tokens or None)


def _openai_model(llm: LLMSettings) -> BaseChatModel:
    if not llm.api_key:
        raise ConfigurationError("AMF_BOT_LLM_API_KEY is not set: give the server's API key "
                                 "(any non-empty string for a server that needs none)")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise ConfigurationError(f"the 'openai' LLM provider needs langchain-openai: {INSTALL_EXTRA}") from exc
    return ChatOpenAI(model=llm.model, base_url=llm.base_url or None,
                      api_key=llm.api_key, timeout=llm.timeout_s, max_retries=0,
                      temperature=llm.temperature, use_responses_api=False,
                      custom_get_token_ids=_rough_token_ids,
                      # `max_tokens` itself: langchain-openai would send `max_completion_tokens`, which
                      # llama.cpp (before 2026), Ollama and LM Studio ignore.
                      extra_body={"max_tokens": llm.max_tokens} if llm.max_tokens else None)


PROVIDERS: dict[LLMProvider, Provider] = {
    "none": Provider("no language model: the extractive answerer (the default)", None),
    "ollama": Provider("an Ollama server", _ollama_model, "http://127.0.0.1:11434", "llama3.1"),
    "openai": Provider("any OpenAI-compatible server", _openai_model, "https://api.openai.com/v1", "gpt-4o-mini"),
}


def make_chat_model(settings: Settings, max_tokens: int | None = None) -> BaseChatModel:
    """The LangChain chat model of the provider, writing at most `max_tokens` (default: the setting);
    nothing is sent to the server here."""
    name = provider_of(settings)
    provider = PROVIDERS[name]
    if provider.build is None:
        raise ConfigurationError(f"AMF_BOT_LLM_PROVIDER is {name!r}: no language model to build")
    if not settings.llm.model:
        raise ConfigurationError(
            f"AMF_BOT_LLM_MODEL is not set: name the model to use, e.g. {provider.example_model}")
    llm = settings.llm if max_tokens is None else replace(settings.llm, max_tokens=max_tokens)
    return provider.build(llm)


def provider_of(settings: Settings) -> LLMProvider:
    """The provider's name, checked against the registry (a mutated settings object skips validation)."""
    name = str(settings.llm.provider).strip().lower()
    if name not in PROVIDERS:
        raise ConfigurationError(f"unknown LLM provider {name!r}; allowed: {', '.join(PROVIDERS)}")
    return name  # type: ignore[return-value]  # checked just above


def uses_language_model(settings: Settings) -> bool:
    return PROVIDERS[provider_of(settings)].build is not None


def server_of(settings: Settings) -> Server:
    provider, llm = provider_of(settings), settings.llm
    return Server(provider, llm.model, llm.base_url or PROVIDERS[provider].default_url, llm.timeout_s)


def _rough_token_ids(text: str) -> list[int]:
    """Token counting without tiktoken, which would download its tables (no internet here)."""
    return list(range(len(text) // 4 + 1))
