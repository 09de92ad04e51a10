"""The few error types of the assistant. The boundaries (CLI, UI) turn them into clear messages."""


class BotError(Exception):
    """Base class: the message is meant for the person running the assistant."""


class ConfigurationError(BotError):
    """A setting is wrong, or a backend needs a package or a server that is not there."""


class KnowledgeError(BotError):
    """A source document or its metadata cannot be read or is inconsistent."""


class IndexNotReadyError(BotError):
    """The index is missing or empty: run `amf-bot index` first."""


class BackendError(BotError):
    """A model backend (embedder or LLM) failed while answering."""


class IndexBusyError(BotError):
    """Another `amf-bot index` holds the index's lock."""


class IndexReadOnlyError(BotError):
    """The index folder cannot be written: it still serves, but `amf-bot index` cannot publish there."""
