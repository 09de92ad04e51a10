"""The chat page's script (in the page's <head>): what Gradio's chat does not let Python set.

- the language switch: `?lang=xx` makes the page speak that language, Gradio's own words included
  (through the `changeLocale` of Gradio's front-end module, as its settings panel does);
- a [n] marker opens its reply's sources at the n-th, highlighted;
- copying an answer gives its text with the [n] markers, the sources and AMF's notice as plain text
  (Markdown quotes), not the HTML the message is made of;
- screen readers get each message as readable text ("Answer: …") instead of its HTML source, and
  the controls Gradio leaves unnamed or in English (send button, conversation, liked/disliked) a
  name in the page's language.

It adds no request, reads nothing from the visitor and runs on the page's own elements only.
"""

from __future__ import annotations

import json

from bot.language.messages import messages
from bot.language.page import PAGE_TEXT

_SCRIPT = r"""
(() => {
  const WORDS = %(words)s;
  const asked = new URLSearchParams(window.location.search).get("lang");
  const lang = WORDS[asked] ? asked
    : (WORDS[(navigator.language || "en").toLowerCase().split("-")[0]] ? navigator.language.toLowerCase().split("-")[0] : "en");
  const words = WORDS[lang];
  document.documentElement.lang = lang;
  // The page's language for Gradio's own words too (the switch's choice, or a language Gradio itself lacks,
  // such as Italian): its `changeLocale`, once the page is up.
  let localeSet = false;
  const setLocale = async () => {
    localeSet = true;
    const core = performance.getEntriesByType("resource").map((e) => e.name)
      .find((url) => new URL(url).origin === window.location.origin && /\/assets\/core-[^/]+\.js$/.test(url));
    try {
      const module = core && await import(core);
      if (module && module.changeLocale) module.changeLocale(lang);
    } catch (error) { console.warn("language switch:", error); }
  };

  const text = (node) => {  // an element's text, line breaks kept, spaces tidied
    if (!node) return "";
    const copy = node.cloneNode(true);
    copy.querySelectorAll("br").forEach((br) => br.replaceWith("\n"));
    return copy.textContent.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).join("\n").trim();
  };
  // A reply as plain text: the answer, the sources (title, location, passage quoted), the notice.
  const plain = (root) => {
    const answer = root.querySelector(".amf-answer");
    if (!answer) return text(root.querySelector(".amf-question") || root);
    const parts = [text(answer)];
    for (const selector of [".amf-validated", ".amf-note"]) {
      const found = root.querySelector(selector);
      if (found) parts.push(text(found));
    }
    const citations = root.querySelectorAll("li.amf-citation");
    if (citations.length) {
      const lines = [words.sources + ":"];
      citations.forEach((item) => {
        lines.push("", text(item.querySelector(".amf-citation-title")) + " — " + text(item.querySelector(".amf-location")));
        item.querySelectorAll(":scope > blockquote.amf-passage").forEach((q) => lines.push("> " + text(q).replace(/\n/g, "\n> ")));
        item.querySelectorAll(".amf-translation").forEach((t) => {
          lines.push(text(t.querySelector(".amf-translation-label")) + ":");
          lines.push("> " + text(t.querySelector("blockquote")).replace(/\n/g, "\n> "));
        });
      });
      parts.push(lines.join("\n"));
    }
    const notice = root.querySelector(".amf-notice");
    if (notice) parts.push(text(notice));
    return parts.join("\n\n");
  };
  const fromHtml = (value) => {
    if (typeof value !== "string" || !/class="amf-(answer|question)"/.test(value)) return value;
    return plain(new DOMParser().parseFromString(value, "text/html").body);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (value) => write(fromHtml(value));
  }
  window.amfPlainText = fromHtml;

  const name = (element, label) => {
    if (element && element.getAttribute("aria-label") !== label) element.setAttribute("aria-label", label);
  };
  const tidy = () => {
    const chat = document.getElementById("amf-chat");
    if (chat && !localeSet) setLocale();
    if (chat) {
      name(chat.querySelector("[role=log]"), words.chat_label);
      chat.querySelectorAll("[data-testid=bot][aria-label], [data-testid=user][aria-label]").forEach((message) => {
        const said = message.getAttribute("data-testid") === "bot" ? words.answer : words.question;
        name(message, said + ": " + (text(message.querySelector(".amf-answer, .amf-question")) || text(message)));
      });
      chat.querySelectorAll("button[aria-label=Liked]").forEach((b) => name(b, words.like));
      chat.querySelectorAll("button[aria-label=Disliked]").forEach((b) => name(b, words.dislike));
      chat.querySelectorAll("button[aria-label=Feedback]").forEach((b) => name(b, words.dislike));
    }
    const box = document.getElementById("amf-question");
    if (box) {
      box.querySelectorAll("button").forEach((b) => { if (!b.textContent.trim()) name(b, words.send); });
      name(box.querySelector("textarea"), words.question_label);
    }
  };
  // [n] in an answer: open that reply's sources and bring the n-th into view, highlighted.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("#amf-chat a.amf-ref");
    if (!link) return;
    event.preventDefault();
    const reply = link.closest("[data-testid=bot]") || link.closest(".message");
    const sources = reply && reply.querySelector("details.amf-sources");
    if (!sources) return;
    sources.open = true;
    const n = (link.getAttribute("href") || "").replace("#amf-source-", "");
    const item = sources.querySelector(`li.amf-source-${n}`);
    if (!item) return;
    sources.querySelectorAll(".amf-cited").forEach((other) => other.classList.remove("amf-cited"));
    item.classList.add("amf-cited");
    item.setAttribute("tabindex", "-1");
    item.scrollIntoView({block: "nearest"});
    item.focus({preventScroll: true});
  }, true);
  new MutationObserver(tidy).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"]});
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  window.addEventListener("load", () => window.scrollTo(0, 0));
})();
"""


# Outside the app's own element (Gradio scopes the page's CSS to it, below the `.dark` switch): its footer, whose
# link text a narrow screen hides, and muted text in dark mode.
_STYLE = ("@media (max-width: 640px) { footer .show-api { display: inline-flex !important; } }"
          " .dark #amf-chat :is(.amf-location, .amf-translation-label, .amf-note, .amf-notice)"
          " { color: var(--neutral-300) !important; }"
          " #amf-chat li.amf-citation.amf-cited { outline: 2px solid var(--color-accent); outline-offset: 3px; }")


def head() -> str:
    """The <script> element for the page's <head>, with the words it needs in every language."""
    words = {language: {"send": text.send, "chat_label": text.chat_label, "question": text.question,
                        "question_label": text.question_label, "answer": text.answer, "like": text.like,
                        "dislike": text.dislike, "sources": messages(language).sources}
             for language, text in PAGE_TEXT.items()}
    data = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
    return f"<script>{_SCRIPT % {'words': data}}</script><style>{_STYLE}</style>"
