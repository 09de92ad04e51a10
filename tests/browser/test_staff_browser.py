"""The staff workflow in headless Chromium: a question the assistant failed, fixed with a validated answer,
then asked in another language in the visitors' chat. Real index and default embedder."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from support.chroma_server import free_loopback_port
from support.staff_server import STAFF_PASSWORD, STAFF_USER, chat_and_staff

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
TIMEOUT_MS = 90_000
FAILED = "L'AMF a-t-elle signé un accord de coopération avec des villes brésiliennes ?"  # Brazil: not in the documents
ITALIAN = "L'AMF ha firmato un accordo di cooperazione con città brasiliane?"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory, e5_settings):
    from bot.assembly import make_assistant
    from conftest import KNOWLEDGE

    folder = tmp_path_factory.mktemp("staff-browser")
    shutil.copytree(KNOWLEDGE, folder / "knowledge")  # validated answers are written into the knowledge folder
    settings = e5_settings.model_copy(update={"knowledge_dir": folder / "knowledge", "data_dir": folder / "data",
                                              "port": free_loopback_port(),
                                              "staff_auth": f"{STAFF_USER}:{STAFF_PASSWORD}"})
    record = settings.index_dir / "last-run.json"
    if not record.exists():  # the index run writes it; an index built before that record existed has none
        record.write_text(json.dumps({"started": "2026-12-03T08:00:00+00:00", "finished": "2026-12-03T08:00:40+00:00",
                                      "ok": True, "files": [{"file": "amf-action-internationale/fr.txt",
                                                             "status": "added", "reason": None, "passages": 40}]}),
                          encoding="utf-8")
    with chat_and_staff(settings, make_assistant(settings)) as (base, _):
        yield base, settings


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def ask(page, question: str):
    from playwright.sync_api import expect

    notices = page.locator("#amf-chat .amf-notice")
    before = notices.count()
    box = page.get_by_role("textbox")
    box.fill(question)
    box.press("Enter")
    expect(notices).to_have_count(before + 1, timeout=TIMEOUT_MS)
    return page.locator("#amf-chat .message.bot").last


def test_staff_fix_a_failed_question_and_visitors_get_it_in_another_language(browser, served):
    from playwright.sync_api import expect

    base, settings = served
    visitor = browser.new_context(locale="fr-FR").new_page()
    visitor.goto(base + "/")
    reply = ask(visitor, FAILED)
    expect(reply.locator(".amf-validated")).to_have_count(0)
    from bot.records.questions import QuestionLog

    logged = QuestionLog(settings.data_dir / "questions.sqlite3").rows()
    assert [(r["question"], r["status"]) for r in logged] == [(FAILED, "not_found")]

    staff = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1400}).new_page()
    staff.goto(base + "/staff/")
    staff.locator("input[type=password]").wait_for(timeout=TIMEOUT_MS)
    expect(staff.get_by_text("Association des Maires de France")).to_be_visible()  # AMF's login, not a bare form
    staff.locator("input").first.fill(STAFF_USER)
    staff.locator("input[type=password]").fill(STAFF_PASSWORD)
    staff.locator("button", has_text="Login").click()
    expect(staff.get_by_text("AMF assistant — staff workspace")).to_be_visible(timeout=TIMEOUT_MS)
    queue = staff.locator("#staff-questions")
    expect(queue).to_contain_text(FAILED, timeout=TIMEOUT_MS)  # the queue: not found (or thumbs-down) only
    expect(queue).to_contain_text("not found")  # statuses in words, headers in the staff's language
    expect(queue).to_contain_text("Result")
    assert "T" not in queue.locator("tbody td").first.inner_text()  # a local date, not an ISO stamp

    staff.locator("#staff-since textarea, #staff-since input").first.fill("03/12/2026")  # not a date: said next to the field
    staff.locator("#staff-refresh").click()
    expect(staff.locator("#staff-since-error")).to_contain_text("YYYY-MM-DD", timeout=TIMEOUT_MS)
    staff.locator("#staff-since textarea, #staff-since input").first.fill("")
    staff.locator("#staff-refresh").click()
    expect(staff.locator("#staff-since-error")).to_have_text("", timeout=TIMEOUT_MS)
    expect(staff.locator("#staff-status")).to_contain_text("Result")  # every label in words

    staff.get_by_role("tab", name="Index").click()
    expect(staff.locator("#staff-index-summary")).to_contain_text("Last run:")
    expect(staff.locator("#staff-index tbody tr").first).to_contain_text("amf-action-internationale")

    staff.get_by_role("button", name="Export CSV").click()  # downloaded once, from /staff/ with the session
    link = staff.locator("#staff-export a")
    expect(link).to_have_count(1, timeout=TIMEOUT_MS)
    with staff.expect_download() as download:
        link.click()
    assert FAILED in Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.url.startswith(base + "/staff/export/")

    staff.get_by_role("tab", name="Validated answers").click()
    staff.locator("#staff-save").click()  # nothing filled in: each field says what it lacks
    expect(staff.locator("#staff-french-error")).to_have_text("Write the answer in French.", timeout=TIMEOUT_MS)
    expect(staff.locator("#staff-wordings-error")).to_contain_text("at least one wording")
    expect(staff.locator("#staff-passages-error")).to_contain_text("tick at least one passage")
    staff.locator("#staff-french textarea").fill(
        "Les documents de l'AMF ne mentionnent aucun accord avec des villes brésiliennes ; son action internationale "
        "est conduite par un groupe de travail présidé par Jacques AUXIETTE.")
    staff.locator("#staff-wordings textarea").fill(f"{FAILED}\nHas AMF signed a cooperation agreement with Brazilian cities?")
    staff.locator("#staff-search input, #staff-search textarea").first.fill("groupe de travail Jacques AUXIETTE")
    staff.locator("#staff-search-button").click()
    choice = staff.locator("#staff-passages label").filter(has_text="AUXIETTE").first
    expect(choice).to_be_visible(timeout=TIMEOUT_MS)
    label = choice.inner_text()
    assert "amf-action-internationale/fr.txt" in label and "§" in label  # the document and where
    assert label.endswith("»") and (label.endswith("… »") or len(label) < 300)  # cut at a word
    choice.click()
    staff.locator("#staff-save").click()
    expect(staff.locator("#staff-result")).to_contain_text("✔", timeout=TIMEOUT_MS)
    expect(staff.locator("#staff-answers")).to_contain_text("yes")
    expect(staff.locator("#staff-french textarea")).to_have_value("")  # the form is ready for the next answer
    expect(staff.locator("#staff-wordings textarea")).to_have_value("")
    expect(staff.locator("#staff-french-error")).to_have_text("")
    assert list((settings.knowledge_dir / "validated").glob("*.json"))

    italian = browser.new_context(locale="it-IT").new_page()
    italian.goto(base + "/")
    reply = ask(italian, ITALIAN)
    today = date.today().isoformat()
    expect(reply.locator(".amf-validated")).to_contain_text(f"Risposta convalidata dall'AMF il {today}")
    expect(reply.locator(".amf-answer")).to_contain_text("Risposta dell'AMF (in francese):")
    expect(reply.locator(".amf-answer")).to_contain_text("Jacques AUXIETTE")
    expect(reply.locator(".amf-answer")).to_contain_text("[1]")
    expect(reply.locator(".amf-notice")).to_contain_text("La reproduction partielle ou totale")
    reply.locator("details.amf-sources summary").click()
    expect(reply.locator("blockquote.amf-passage").first).to_contain_text("AUXIETTE")
    screenshots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    staff.get_by_role("tab", name="Questions").click()
    staff.screenshot(path=str(screenshots / "staff.png"))


KOREAN_QUESTION = "AMF 국제 실무 그룹은 누가 이끌고 있습니까?"
FRENCH_ANSWER = "Le groupe de travail international de l'AMF est présidé par Jacques AUXIETTE depuis 2004."
KOREAN_DRAFT = "AMF 국제 실무 그룹은 2004년부터 자크 오시에트(Jacques AUXIETTE)가 의장을 맡고 있습니다."
KOREAN_REVIEWED = KOREAN_DRAFT.replace("자크 오시에트", "자크 오시에트 시장")


def open_tab(page, name: str) -> None:
    """A tab of the staff page; on a phone, the tabs that do not fit are in Gradio's overflow menu."""
    tab = page.get_by_role("tab", name=name)
    overflow = page.locator(".overflow-menu button").first
    # The tab bar drawn first: asked at once, a desktop tab not yet laid out was looked for in an overflow menu
    # the desktop page does not have.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not (tab.is_visible() or overflow.is_visible()) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    if not tab.is_visible():
        overflow.click()
        tab = page.locator(".overflow-dropdown button, .overflow-menu button", has_text=name).first
    tab.click()


@pytest.fixture()
def served_with_model(tmp_path_factory, stub_server):
    """Both pages with a language model configured (the stand-in server) and a validated answer in French only.
    Hash embedder: the Korean visitor asks one of the answer's wordings, which matches whatever the embedder."""
    from bot.assembly import build_index, make_assistant
    from bot.core.settings import Settings
    from bot.ingest.validated import new_validated, save_validated, validated_dir
    from conftest import KNOWLEDGE
    from support.llm_cases import llm_settings

    folder = tmp_path_factory.mktemp("staff-drafts-browser")
    shutil.copytree(KNOWLEDGE, folder / "knowledge")
    settings = Settings(knowledge_dir=folder / "knowledge", index_dir=folder / "index", data_dir=folder / "data",
                        embedding_model="hash", port=free_loopback_port(), staff_auth=f"{STAFF_USER}:{STAFF_PASSWORD}")
    build_index(settings)
    assistant = make_assistant(settings)  # answers without the model: only the staff page's drafts use it
    pid = next(pid for pid, p in assistant.retriever.index.current().passages.items() if "AUXIETTE" in p.original.text)
    save_validated(validated_dir(settings.knowledge_dir),
                   new_validated({"fr": FRENCH_ANSWER}, ["Qui dirige le groupe de travail international de l'AMF ?",
                                                         KOREAN_QUESTION], [pid], "qui-dirige"))
    with chat_and_staff(llm_settings(settings, "openai", stub_server.base_url("openai"), llm_timeout_s=30),
                        assistant) as (base, _):
        yield base, settings, stub_server


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 1400}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_staff_draft_a_missing_translation_review_and_approve_it(browser, served_with_model, viewport):
    from playwright.sync_api import expect

    from bot.language.messages import messages
    from support.llm_stub_server import Reply

    base, settings, stub = served_with_model
    visitor = browser.new_context(locale="ko-KR").new_page()
    visitor.goto(base + "/")
    reply = ask(visitor, KOREAN_QUESTION)  # no Korean text yet: the French one, after its lead-in
    expect(reply.locator(".amf-answer")).to_contain_text(messages("ko").validated_original)
    expect(reply.locator(".amf-answer")).to_contain_text("Jacques AUXIETTE depuis 2004")

    phone = viewport["width"] < 500
    staff = browser.new_context(locale="en-US", viewport=viewport, is_mobile=phone, has_touch=phone).new_page()
    staff.goto(base + "/staff/")
    staff.locator("input[type=password]").wait_for(timeout=TIMEOUT_MS)
    staff.locator("input").first.fill(STAFF_USER)
    staff.locator("input[type=password]").fill(STAFF_PASSWORD)
    staff.locator("button", has_text="Login").click()
    expect(staff.get_by_text("AMF assistant — staff workspace")).to_be_visible(timeout=TIMEOUT_MS)
    open_tab(staff, "Validated answers")
    expect(staff.locator("#staff-answers")).to_contain_text("ko ×1", timeout=TIMEOUT_MS)  # asked in, without a text

    stub.script(Reply(f'<para id="1">{KOREAN_DRAFT}</para>'))
    staff.locator("#staff-draft-answer input").click()
    staff.get_by_role("option", name="qui-dirige").click()
    staff.locator("#staff-draft").click()  # the language left at "all lacking": Korean
    expect(staff.locator("#staff-drafted")).to_contain_text("Drafted for qui-dirige: ko", timeout=TIMEOUT_MS)
    assert "into Korean" in stub.requests[-1].prompt and FRENCH_ANSWER in stub.requests[-1].prompt
    drafts = staff.locator("#staff-drafts")
    expect(drafts).to_contain_text("Machine draft — review before publishing")
    expect(drafts).to_contain_text(KOREAN_DRAFT)
    reply = ask(visitor, KOREAN_QUESTION)  # a draft is never served
    expect(reply.locator(".amf-answer")).to_contain_text(messages("ko").validated_original)
    expect(reply.locator(".amf-answer")).not_to_contain_text("오시에트")

    staff.locator("#staff-draft-choice input").click()
    staff.get_by_role("option", name="qui-dirige · ko").click()
    box = staff.locator("#staff-draft-text textarea")
    expect(box).to_have_value(KOREAN_DRAFT, timeout=TIMEOUT_MS)
    expect(staff.locator("#staff-draft-text")).to_contain_text("Machine draft — review before publishing")
    screenshots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    staff.locator("#staff-drafts").scroll_into_view_if_needed()
    staff.screenshot(path=str(screenshots / ("staff-drafts-phone.png" if phone else "staff-drafts.png")))
    box.fill(KOREAN_REVIEWED)  # staff correct the draft
    staff.locator("#staff-approve").click()
    expect(staff.locator("#staff-reviewed")).to_contain_text("Approved: qui-dirige is now served in ko",
                                                             timeout=TIMEOUT_MS)
    expect(staff.locator("#staff-answers")).to_contain_text("fr ko")
    expect(drafts).not_to_contain_text(KOREAN_DRAFT)

    reply = ask(visitor, KOREAN_QUESTION)  # approved: the Korean text, as staff corrected it
    expect(reply.locator(".amf-answer")).to_contain_text(KOREAN_REVIEWED)
    expect(reply.locator(".amf-answer")).not_to_contain_text(messages("ko").validated_original)
    expect(reply.locator(".amf-notice")).to_contain_text("La reproduction partielle ou totale")
