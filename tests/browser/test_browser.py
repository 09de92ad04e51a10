"""The real chat in headless Chromium: real index (default embedder), French and English pages, thumbs, escaping.

Chromium comes from Debian (`apt-get install -y chromium`); Playwright only drives it.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Iterator

import pytest
from support.chroma_server import free_loopback_port

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
ANSWER_TIMEOUT_MS = 90_000

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium); CI runs these tests", allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory, e5_settings, e5_assistant) -> Iterator[tuple[str, Path]]:
    """The real app (real index, default embedder) on a free loopback port; yields (url, feedback file)."""
    from bot.records.feedback import FeedbackStore
    from bot.web.page import build_app, launch_app

    folder = tmp_path_factory.mktemp("browser")
    settings = e5_settings.model_copy(update={"data_dir": folder / "data", "port": free_loopback_port()})
    feedback_file = settings.data_dir / "feedback.sqlite3"
    app = build_app(e5_assistant, FeedbackStore(feedback_file), settings)
    launch_app(app, settings, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{settings.port}/", feedback_file
    app.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page in one browser language that notes every request leaving the machine and every JS dialog."""

    def __init__(self, browser, url: str, locale: str):
        self.context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1100})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", self._note_request)
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url)

    def _note_request(self, request) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            self.outside.append(request.url)

    def ask(self, question: str) -> None:
        """Type the question, send it and wait for the reply's final chunk (the one with the notice)."""
        from playwright.sync_api import expect

        notices = self.page.locator("#amf-chat .amf-notice")
        before = notices.count()
        box = self.page.get_by_role("textbox")
        box.fill(question)
        box.press("Enter")
        expect(notices).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)

    def last_reply(self):
        return self.page.locator("#amf-chat .message.bot").last

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def french(browser, served) -> Iterator[Visit]:
    visit = Visit(browser, served[0], "fr-FR")
    yield visit
    visit.close()


@pytest.fixture
def english(browser, served) -> Iterator[Visit]:
    visit = Visit(browser, served[0], "en-US")
    yield visit
    visit.close()


def test_french_answer_with_sources_notice_thumbs_and_escaping(french: Visit, served):
    from playwright.sync_api import expect

    page = french.page
    expect(page).to_have_title(re.compile("action internationale de l'AMF"))
    expect(page.get_by_role("button", name="Nouvelle conversation")).to_be_visible()
    expect(page.get_by_text("JA · ")).to_be_visible()  # examples in several languages on the empty chat

    french.ask("Qui dirige le groupe de travail international de l'AMF ?")
    reply = french.last_reply()
    expect(reply.locator(".amf-answer")).to_contain_text("AUXIETTE")
    expect(reply.locator(".amf-answer")).to_contain_text("[1]")
    reply.locator("details.amf-sources summary").click()
    expect(reply.locator("blockquote.amf-passage").first).to_be_visible()
    expect(reply.locator("blockquote.amf-passage").first).to_contain_text("AUXIETTE")
    expect(reply.locator(".amf-location").first).to_contain_text("fr.txt, § ")
    expect(reply.locator(".amf-notice")).to_contain_text("La reproduction partielle ou totale")
    expect(page.locator(".amf-suggestions button").first).to_be_visible()

    like = like_button(page)
    expect(like).to_be_enabled()
    like.click()
    vote = wait_for_vote(served[1])
    assert vote["vote"] == 1 and vote["language"] == "fr" and "AUXIETTE" in vote["answer"]

    hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    french.ask(hostile)
    expect(page.locator("#amf-chat .message.user").last).to_have_text(hostile)
    expect(french.last_reply().locator(".amf-notice")).to_be_visible()
    assert page.locator("#amf-chat script, #amf-chat img[src='x']").count() == 0
    assert french.dialogs == []

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser.png"), full_page=True)
    assert french.outside == [], f"requests left the machine: {french.outside}"


def test_english_page_examples_answer_with_the_translation_and_suggestions(english: Visit):
    from playwright.sync_api import expect

    page = english.page
    notices = page.locator("#amf-chat .amf-notice")
    page.get_by_text("EN · Who leads AMF's international working group?").click()
    expect(notices).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    expect(english.last_reply().locator(".amf-answer")).to_contain_text("AUXIETTE")

    page.get_by_role("button", name="New conversation").click()
    expect(notices).to_have_count(0)
    english.ask("Has AMF worked with Romania?")
    reply = english.last_reply()
    expect(reply.locator(".amf-answer")).to_contain_text("Romanian")
    reply.locator("details.amf-sources summary").click()
    expect(reply.locator("blockquote.amf-passage").first).to_contain_text("roumaine")  # the French original
    expect(reply.locator(".amf-translation-label").first).to_contain_text("unofficial translation")
    expect(reply.locator(".amf-notice")).to_contain_text("unofficial translation")

    suggestion = page.locator(".amf-suggestions button").first
    asked = suggestion.inner_text()
    suggestion.click()
    expect(notices).to_have_count(2, timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#amf-chat .message.user").last).to_have_text(asked)
    assert english.outside == [], f"requests left the machine: {english.outside}"


def like_button(page):
    """The thumbs-up under the last answer (its label follows the page language)."""
    return page.locator("#amf-chat button[aria-label='Like'], #amf-chat button[aria-label=\"J'aime\"]").last


def wait_for_vote(path: Path, timeout: float = 45.0) -> dict:
    from bot.records.feedback import FeedbackStore

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and (rows := FeedbackStore(path).rows()):
            return rows[-1]
        time.sleep(0.2)
    pytest.fail(f"no vote stored in {path} within {timeout} s")
