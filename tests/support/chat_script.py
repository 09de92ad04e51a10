"""The scripted chat shared by the chat's unit tests and the web app's integration tests."""

from __future__ import annotations

import html
import re

from bot.language.messages import messages
from bot.web.chat import ChatView
from support.fakes import HOSTILE_PASSAGE, ScriptedAssistant, answer, citation

QUESTION = "Who leads AMF's international working group?"
FRENCH = messages("fr").examples[0]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def scripted() -> ScriptedAssistant:
    return ScriptedAssistant({
        QUESTION: answer(QUESTION),
        FRENCH: answer(FRENCH, "fr", text="Le groupe est placé sous la responsabilité de M. Jacques AUXIETTE. [1]"),
        "Hostile passage?": answer("Hostile passage?", citations=[citation(1, HOSTILE_PASSAGE, f"{SCRIPT} {IMG}")]),
    })


def last_reply(views: list[ChatView]) -> str:
    return views[-1].messages[-1]["content"]


def visible_text(content: str) -> str:
    """What a browser shows for our HTML, tags removed (enough to check escaping)."""
    inline = re.sub(r"</?a\b[^>]*>", "", content)  # a link inside a line adds no space
    return html.unescape(re.sub(r"<[^>]+>", " ", inline))
