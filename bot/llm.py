"""Answer backends, chosen in one factory. 'none' is the extractive answerer (the default)."""

from __future__ import annotations

from .answering import Answerer
from .config import LLM_PROVIDERS, Settings
from .errors import ConfigurationError


def make_answerer(settings: Settings, extractive: Answerer) -> Answerer:
    provider = settings.llm_provider
    if provider == "none":
        return extractive
    raise ConfigurationError(f"LLM provider {provider!r} is not available yet; allowed: {', '.join(LLM_PROVIDERS)}")
