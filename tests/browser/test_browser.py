"""The real chat in headless Chromium: real index (default embedder), the page in the visitors' languages on a desktop
and a phone (390×844), copying, accessibility (axe-core), thumbs and their reasons, escaping.

Chromium comes from Debian (`apt-get install -y chromium`; `fonts-noto-cjk` for the Korean and Japanese
screenshots); Playwright only drives it; axe-core comes inside the `axe-playwright-python` package.
The screenshots of the README are taken here (docs/screenshots/).
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
SCREENSHOTS = REPO / "docs" / "screenshots"
ANSWER_TIMEOUT_MS = 90_000
DESKTOP, PHONE = {"width": 1280, "height": 1100}, {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}

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

    def __init__(self, browser, url: str, locale: str, viewport: dict | None = None):
        phone = viewport == PHONE
        self.context = browser.new_context(locale=locale, viewport=viewport or DESKTOP, is_mobile=phone, has_touch=phone)
        self.context.grant_permissions(["clipboard-read", "clipboard-write"])
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
        box = self.page.locator("#amf-question textarea")
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
    expect(page.locator("#amf-clear")).to_have_text("Nouvelle conversation")
    expect(page.locator(".amf-suggestions button").first).to_have_text("Qui dirige le groupe de travail "
                                                                       "international de l'AMF ?")

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
    page.get_by_role("button", name="Who leads AMF's international working group?").click()
    expect(notices).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    expect(english.last_reply().locator(".amf-answer")).to_contain_text("AUXIETTE")

    page.locator("#amf-clear").click()
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


def like_button(page, language: str = "fr", liked: bool = True):
    """The thumbs-up (or down) under the last answer, by its name in the page's language."""
    from bot.language.page import PAGE_TEXT

    words = PAGE_TEXT[language]
    return page.locator("#amf-chat").get_by_role("button", name=words.like if liked else words.dislike, exact=True).last


def wait_for_vote(path: Path, timeout: float = 45.0) -> dict:
    from bot.records.feedback import FeedbackStore

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and (rows := FeedbackStore(path).rows()):
            return rows[-1]
        time.sleep(0.2)
    pytest.fail(f"no vote stored in {path} within {timeout} s")


# --- the page as a finished product: languages, copying, accessibility, feedback, phone --------------------------


@pytest.fixture(params=list(SIZES))
def size(request) -> dict:
    return SIZES[request.param]


def visit(browser, served, locale: str, viewport: dict, query: str = "") -> Visit:
    page = Visit(browser, served[0] + query, locale, viewport)
    page.page.locator(".amf-suggestions button").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return page


@pytest.mark.parametrize("locale, language", [("fr-FR", "fr"), ("ko-KR", "ko"), ("uk-UA", "uk")])
def test_every_control_speaks_the_browser_language(browser, served, size, locale, language):
    """Title, examples, the send button, Gradio's own copy and thumbs buttons: none left in English."""
    from playwright.sync_api import expect

    from bot.language.messages import messages
    from bot.language.page import PAGE_TEXT

    words = PAGE_TEXT[language]
    visitor = visit(browser, served, locale, size)
    page = visitor.page
    expect(page.locator(".amf-header h1")).to_have_text(words.title)
    expect(page.get_by_role("button", name=words.send, exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name=words.question_label)).to_be_visible()
    expect(page.locator("#amf-clear")).to_have_text(words.clear)
    expect(page.locator(".amf-suggestions button").first).to_have_text(messages(language).examples[0])
    page.locator(".amf-suggestions button").first.click()
    expect(page.locator("#amf-chat .amf-notice")).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)
    chat = page.locator("#amf-chat")
    expect(chat.get_by_role("button", name=words.copy, exact=True).last).to_be_visible()
    expect(chat.get_by_role("button", name=words.like, exact=True).last).to_be_visible()
    expect(chat.get_by_role("button", name=words.dislike, exact=True).last).to_be_visible()
    english = [label for label in page.locator("button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
               if label in ("Copy message", "Like", "Dislike", "Clear", "Submit")]
    assert english == []
    reply = chat.locator("[data-testid=bot]").last
    label = reply.get_attribute("aria-label")
    assert label.startswith(words.answer + ": ") and "<" not in label and "&#" not in label
    if size == DESKTOP and language in ("fr", "ko"):
        reply.locator("details.amf-sources summary").click()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"chat-{language}.png"))
    assert visitor.outside == [], visitor.outside
    visitor.close()


def test_the_language_switch_changes_every_word(browser, served, size):
    from playwright.sync_api import expect

    from bot.language.messages import messages
    from bot.language.page import PAGE_TEXT

    visitor = visit(browser, served, "en-US", size)
    page = visitor.page
    page.locator("#amf-language input").click()
    page.get_by_role("option", name="日本語").click()
    expect(page).to_have_url(re.compile(r"[?&]lang=ja"))
    words = PAGE_TEXT["ja"]
    expect(page.locator(".amf-header h1")).to_have_text(words.title, timeout=ANSWER_TIMEOUT_MS)
    expect(page.get_by_role("button", name=words.send, exact=True)).to_be_visible()
    expect(page.locator(".amf-suggestions button").first).to_have_text(messages("ja").examples[0])
    expect(page.locator("#amf-language input")).to_have_value("日本語")
    if size == DESKTOP:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "chat-ja-empty.png"))
    visitor.close()


def test_copy_gives_the_answer_sources_and_notice_as_text(french: Visit):
    page = french.page
    french.ask("Qui dirige le groupe de travail international de l'AMF ?")
    page.locator("#amf-chat").get_by_role("button", name="Copier la réponse", exact=True).last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "AUXIETTE" in copied and "[1]" in copied
    assert "<" not in copied and "&#" not in copied and "class=" not in copied
    assert "\nSources :\n" in copied or "\nSources:\n" in copied
    assert "\n> " in copied  # the passage, quoted
    assert copied.rstrip().splitlines()[-1].startswith("©") and "La reproduction partielle ou totale" in copied

    reply = french.last_reply()  # [1] opens the reply's sources at the first, highlighted
    reply.locator("a.amf-ref").first.click()
    assert reply.locator("details.amf-sources").get_attribute("open") is not None
    from playwright.sync_api import expect

    expect(reply.locator("li.amf-citation.amf-cited")).to_have_count(1)
    expect(reply.locator("li.amf-citation.amf-cited")).to_be_focused()


def test_a_source_opens_in_context_and_its_file_downloads(english: Visit, served):
    """"Open in context": the passage highlighted among its neighbours, its translation, the original file."""
    from playwright.sync_api import expect

    page = english.page
    english.ask("Has AMF worked with Romania?")
    reply = english.last_reply()
    reply.locator("details.amf-sources summary").click()
    with page.context.expect_page() as opened:
        reply.get_by_role("link", name="Open in context").first.click()
    source = opened.value
    source.wait_for_load_state()
    expect(source.locator("mark")).to_contain_text("roumaine")  # the cited passage, highlighted
    assert source.locator("section.context p").count() >= 2  # among its neighbours
    expect(source.locator("section.translation")).to_contain_text("Romanian")
    expect(source.locator(".notice")).to_contain_text("La reproduction partielle ou totale")
    with source.expect_download() as download:
        source.get_by_role("link", name=re.compile("Download the original file")).click()
    assert download.value.suggested_filename == "fr.txt"
    assert "roumaine" in Path(download.value.path()).read_text(encoding="utf-8")
    assert page.request.get(served[0] + "sources/file/_defaults.json").status == 404  # not an indexed name
    assert page.request.get(served[0] + "sources/file/..%2Fpyproject.toml").status == 404
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    source.set_viewport_size(DESKTOP)
    source.screenshot(path=str(SCREENSHOTS / "source-in-context.png"))
    source.close()


def test_no_accessibility_violation_and_keyboard_only(browser, served, size):
    """axe-core finds nothing on the empty page nor with an answer and its sources open; the keyboard reaches
    the question box, sends, and opens the sources."""
    visitor = visit(browser, served, "fr-FR", size)
    page = visitor.page
    assert axe_violations(page) == []
    page.locator("body").focus()
    for _ in range(12):  # Tab until the question box has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#amf-question') !== null"):
            break
    else:
        pytest.fail("the question box cannot be reached with the keyboard")
    page.keyboard.type("Qui dirige le groupe de travail international de l'AMF ?")
    page.keyboard.press("Enter")
    page.locator("#amf-chat .amf-notice").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    summary = page.locator("#amf-chat details.amf-sources summary").last
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#amf-chat details.amf-sources").last.get_attribute("open") is not None
    assert axe_violations(page) == []
    visitor.close()


def test_no_accessibility_violation_in_dark_mode(browser, served):
    """Muted text (locations, translation labels, the notice) keeps its contrast on the dark background too."""
    visitor = visit(browser, served, "en-US", DESKTOP, "?__theme=dark")
    visitor.ask("Has AMF worked with Romania?")
    visitor.last_reply().locator("details.amf-sources summary").click()
    assert visitor.page.locator("body.dark, .dark").count() >= 1
    assert axe_violations(visitor.page) == []
    visitor.close()


def test_a_thumbs_down_is_acknowledged_with_a_reason_in_the_visitors_language(browser, served, size):
    from playwright.sync_api import expect

    from bot.language.page import PAGE_TEXT

    words = PAGE_TEXT["it"]
    visitor = visit(browser, served, "it-IT", size)
    page = visitor.page
    visitor.ask("Chi dirige il gruppo di lavoro internazionale dell'AMF?")
    like_button(page, "it", liked=False).click()
    expect(page.locator("#amf-feedback-text")).to_have_text(words.thanks)
    page.locator("#amf-reason").get_by_text(words.reason_incomplete, exact=True).click()
    detail = f"mancano le date {size['width']}"
    page.locator("#amf-reason-detail textarea, #amf-reason-detail input").first.fill(detail)
    page.locator("#amf-reason-send").click()
    expect(page.locator("#amf-feedback-text")).to_have_text(words.reason_thanks)
    deadline = time.monotonic() + 30
    from bot.records.feedback import FeedbackStore

    while time.monotonic() < deadline:
        rows = [r for r in FeedbackStore(served[1]).rows() if r["reason"] == f"incomplete: {detail}"]
        if rows:
            break
        time.sleep(0.2)
    assert rows and rows[-1]["vote"] == -1 and rows[-1]["language"] == "it"
    visitor.close()


def test_the_phone_opens_at_the_top_without_empty_boxes_and_with_a_readable_footer(browser, served):
    from playwright.sync_api import expect

    visitor = visit(browser, served, "fr-FR", PHONE)
    page = visitor.page
    page.wait_for_timeout(500)
    assert page.evaluate("window.scrollY") == 0
    expect(page.locator(".amf-header h1")).to_be_in_viewport()
    clear = page.locator("#amf-clear")
    assert clear.bounding_box()["height"] < 60
    for button in page.locator(".amf-suggestions button:visible").all():
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1  # no overlap off the screen
    expect(page.locator("footer .show-api")).to_be_visible()
    assert page.locator("footer .show-api").inner_text().strip()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chat-phone.png"), full_page=True)
    visitor.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page (WCAG 2.1 A and AA), as 'rule: element' lines."""
    import axe_playwright_python

    script = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text(encoding="utf-8")
    page.evaluate(script)
    found = page.evaluate("""async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a',
        'wcag21aa', 'best-practice']})).violations""")
    return [f"{v['id']}: {n['target']}" for v in found for n in v["nodes"]]
