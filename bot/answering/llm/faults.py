"""LLM faults: what went wrong in one log line for the operator, and one note line for the visitor."""

from __future__ import annotations

import importlib
from contextlib import suppress
from dataclasses import dataclass
from typing import Literal

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


_NOTE_KEYS: dict[FaultKind, str] = {"timeout": "late", "unreachable": "unavailable", "http": "unavailable",
                                    "unusable": "unusable"}

NOTES: dict[str, dict[str, str]] = {
    "fr": {"late": "Le modèle de langue n'a pas répondu à temps ; voici les passages.",
           "unavailable": "Le modèle de langue n'est pas disponible pour le moment ; voici les passages.",
           "unusable": "Le modèle de langue n'a pas donné de réponse exploitable ; voici les passages."},
    "en": {"late": "The language model did not answer in time; here are the passages.",
           "unavailable": "The language model is not available right now; here are the passages.",
           "unusable": "The language model gave no usable answer; here are the passages."},
    "it": {"late": "Il modello linguistico non ha risposto in tempo; ecco i passaggi.",
           "unavailable": "Il modello linguistico non è disponibile al momento; ecco i passaggi.",
           "unusable": "Il modello linguistico non ha dato una risposta utilizzabile; ecco i passaggi."},
    "es": {"late": "El modelo de lenguaje no respondió a tiempo; estos son los pasajes.",
           "unavailable": "El modelo de lenguaje no está disponible en este momento; estos son los pasajes.",
           "unusable": "El modelo de lenguaje no dio una respuesta utilizable; estos son los pasajes."},
    "de": {"late": "Das Sprachmodell hat nicht rechtzeitig geantwortet; hier sind die Textstellen.",
           "unavailable": "Das Sprachmodell ist derzeit nicht verfügbar; hier sind die Textstellen.",
           "unusable": "Das Sprachmodell hat keine verwertbare Antwort gegeben; hier sind die Textstellen."},
    "pt": {"late": "O modelo de linguagem não respondeu a tempo; eis os excertos.",
           "unavailable": "O modelo de linguagem não está disponível de momento; eis os excertos.",
           "unusable": "O modelo de linguagem não deu uma resposta utilizável; eis os excertos."},
    "ro": {"late": "Modelul lingvistic nu a răspuns la timp; iată pasajele.",
           "unavailable": "Modelul lingvistic nu este disponibil momentan; iată pasajele.",
           "unusable": "Modelul lingvistic nu a dat un răspuns utilizabil; iată pasajele."},
    "ko": {"late": "언어 모델이 제시간에 응답하지 않았습니다. 관련 구절을 보여 드립니다.",
           "unavailable": "지금은 언어 모델을 사용할 수 없습니다. 관련 구절을 보여 드립니다.",
           "unusable": "언어 모델에서 사용할 수 있는 답변을 받지 못했습니다. 관련 구절을 보여 드립니다."},
    "ja": {"late": "言語モデルが時間内に応答しませんでした。該当する箇所を示します。",
           "unavailable": "現在、言語モデルを利用できません。該当する箇所を示します。",
           "unusable": "言語モデルから使える回答が得られませんでした。該当する箇所を示します。"},
    "ru": {"late": "Языковая модель не ответила вовремя; вот соответствующие фрагменты.",
           "unavailable": "Языковая модель сейчас недоступна; вот соответствующие фрагменты.",
           "unusable": "Языковая модель не дала пригодного ответа; вот соответствующие фрагменты."},
    "uk": {"late": "Мовна модель не відповіла вчасно; ось відповідні фрагменти.",
           "unavailable": "Мовна модель зараз недоступна; ось відповідні фрагменти.",
           "unusable": "Мовна модель не дала придатної відповіді; ось відповідні фрагменти."},
}


def visitor_note(kind: FaultKind, language: str) -> str:
    return NOTES.get(language, NOTES["en"])[_NOTE_KEYS[kind]]
