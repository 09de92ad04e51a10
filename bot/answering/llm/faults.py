"""LLM faults: what went wrong in one log line for the operator, and one note line for the visitor."""

from __future__ import annotations

import importlib
from contextlib import suppress
from dataclasses import dataclass
from typing import Literal

from bot.language.messages import model_notes

FaultKind = Literal["timeout", "unreachable", "http", "unusable"]


class UnusableReply(Exception):
    """The model answered, but nothing in the reply can be shown as a checked answer."""


@dataclass(frozen=True)
class Server:
    """Which model server is asked, to name it in log lines."""

    provider: str
    model: str
    base_url: str
    timeout_s: float


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    log_line: str


def diagnose(exc: BaseException, server: Server) -> Fault:
    """The fault behind `exc`, looking through the exceptions it was raised from."""
    chain = _chain(exc)
    where = f"{server.provider} server at {server.base_url or 'its default address'}"
    detail = _first_line(exc)
    if any(isinstance(e, _timeout_types()) for e in chain):
        return Fault("timeout", f"{where} did not answer within {server.timeout_s:g} s: use a smaller or "
                                f"already loaded model, or raise AMF_BOT_LLM_TIMEOUT_S ({detail})")
    if any(isinstance(e, _connection_types()) for e in chain):
        return Fault("unreachable", f"{where} is unreachable: start it or fix AMF_BOT_LLM_BASE_URL ({detail})")
    status = next((s for e in chain if isinstance(s := getattr(e, "status_code", None), int) and s >= 400), None)
    if status is not None:
        return Fault("http", f"{where} answered HTTP {status}: {_advice(status, server)} ({detail})")
    if isinstance(exc, UnusableReply):
        return Fault("unusable", f"unusable reply from {server.model!r} ({server.provider}): {detail}")
    return Fault("unusable", f"malformed reply from {where}: {type(exc).__name__}: {detail}")


def _advice(status: int, server: Server) -> str:
    if status in (401, 403):
        if server.provider == "openai":
            return "the key was refused, check AMF_BOT_LLM_API_KEY"
        return "access was refused (by a proxy in front of the server?)"
    if status == 404:
        pull = f" (ollama pull {server.model})" if server.provider == "ollama" else ""
        return (f"model {server.model!r} or the endpoint is unknown, "
                f"check AMF_BOT_LLM_MODEL{pull} and AMF_BOT_LLM_BASE_URL")
    if status == 429:
        return "rate limited or out of quota"
    if status >= 500:
        return "the server failed, see its own logs"
    return "the request was refused"


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _timeout_types() -> tuple[type[BaseException], ...]:
    return _exception_types(TimeoutError, httpx="TimeoutException", openai="APITimeoutError")


def _connection_types() -> tuple[type[BaseException], ...]:
    return _exception_types(ConnectionError, httpx="NetworkError", openai="APIConnectionError")


def _exception_types(builtin: type[BaseException], **by_module: str) -> tuple[type[BaseException], ...]:
    """`builtin` and the named exception classes of the client libraries that are installed."""
    types: list[type[BaseException]] = [builtin]
    for module_name, class_name in by_module.items():
        with suppress(ImportError):
            types.append(getattr(importlib.import_module(module_name), class_name))
    return tuple(types)


def visitor_note(kind: FaultKind, language: str) -> str:
    notes = model_notes(language)
    return {"timeout": notes.late, "unreachable": notes.unavailable, "http": notes.unavailable,
            "unusable": notes.unusable}[kind]
