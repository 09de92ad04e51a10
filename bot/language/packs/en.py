"""English (en): the words, patterns and messages the assistant reads and speaks English with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText

_AMOUNT = r"(\w+\s+){0,3}"


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "English"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "who whom whose what which where when why how is are was were do does did has have had can could would "
    "tell me please hello hi there thanks thank you know i am i'm"
)
SEVERAL: str = r"\b(which|list|all)\b.*\b\w+s\b|\bwhat (?!(?:has|does|was|is)\b)\w+s\b"
SELF_INTRODUCTION: str = r"\b(i am|i'm|i live|i work|we are|my (?:town|city|village|municipality|commune))\b"
CLAUSE_END: str = r"[.,;:!?]|\s(and|but)\s"
BACK_REFERENCE: str = (
    r"^(and|but|so|then|what about|how about)\b|\b(it|its|they|them|their|he|him|his|she|her|that|this|"
    r"those|these)\b|(?<!is )(?<!are )(?<!was )(?<!were )\bthere\b"
)
HOW_MANY: str = r"\bhow (many|much)\b|\bthe number of\b|\bwhat (is the |was the )?(amount|cost|budget)\b"
COST: str = (
    r"\bhow much\b.*\b(cost|spen[dt]|pa(y|id)|money|budget)|\bwhat (is |was |were )?(the )?" + _AMOUNT
    + r"(budget|cost|amount|price)"
)
WHEN: str = shared.OPENS + r"when\b|\b(what|which) (year|date|day|month)\b"
WHO: str = shared.OPENS + r"who\b"
NAME_ASKED: str = r"\b(what|which) (is|was) (the|his|her|their) name\b|\bthe name of\b|\bcalled\?"
COUNTRY_NOUN: str = r"\b[Cc]ountr(y|ies)\b"
NUMBER_WORDS: str = r"dozens?|scores|hundreds|thousands|millions"
EXCLUSION: str = r"\b(apart from|aside from|besides|other than|except(?: for)?|excluding)\b"
HEAD_ASKED: str = (
    r"\b(leads?|led|heads?|headed|chairs?|chaired|presides?|presided|president|mayor|chairman|chairwoman|"
    r"chairperson|director|chief|leader)\b"
)
EXPANSION_ASKED: str = r"\bstands? for\b|\bacronym\b|\babbreviation\b|\bwhat does (the acronym )?\S+ mean\b|\bmeaning of\b"
POPULATION_ASKED: str = r"\bpopulation\b|\bhow many (inhabitants|residents|people live)\b"
INHABITANTS: str = r"inhabitants?|residents|population"
DURATION_UNITS: str = r"years?|months?|weeks?|days?|hours?"
NAMES_LISTED: str = r"\bnames\b|\b(which|what) (are )?(the )?(\S+ )?(cities|towns|communes|municipalities|villages)\b"
PLACE_ASKED: str = r"\b(which|what) (city|town|commune|municipality|village)\b"
PEOPLE_COUNTED: str = (
    r"\bhow many (\w+ )?(people|persons|members|participants|mayors|councillors|councilors|officials|elected|"
    r"delegates|staff|employees|representatives|volunteers|experts)\b"
)
PEOPLE: str = (
    r"people|persons?|members?|participants?|mayors?|councill?ors?|officials?|delegates?|staff|employees?|"
    r"representatives?|volunteers?|experts?|residents?|refugees?|students?|families|children|women|men|"
    r"citizens?|ambassadors?|speakers?|attendees?|beneficiaries|trainees?|professionals?"
)
FOUNDING_ASKED: str = r"\b(founded|established|created|set up|founding)\b"
FOUNDING: str = r"found\w*|establish\w*|created|creation|merger"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"Mrs?\.?|Ms\.?|Dr\.?"
POSITIONS: str = r"President|Mayor|Chair(?:man|woman|person)?|Director|Minister|Ambassador"
ARTICLES: str = r"the|a|an|this"
CURRENCIES: str = r"\b(?:euros?|dollars?|usd|eur|yen|won)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"it|they|he|she|these|the latter"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("africa",), "019": ("america",), "142": ("asia",), "150": ("europ",), "009": ("oceania",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("north",), "south": ("south",), "east": ("east",), "west": ("west",),
    "central": ("centr", "middle"), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"maghreb\w*",), "middle-east": (r"middle east\w*", r"near east\w*", r"mideast\w*"),
    "balkans": (r"balkan\w*",), "scandinavia": (r"scandinavia\w*",), "029": (r"caribbean\w*",),
    "202": (r"sub-?saharan\w*",), "030": (r"far east\w*",), "053": (r"australasia\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
    quote_original="The source document (in {language}) says:",
    not_found="I could not find the answer to this question in AMF's documents. I only answer questions about the international action of the Association des Maires de France (AMF), with sources. You could ask, for example:",
    empty="Please type a question. / Veuillez saisir une question.",
    too_long="Your question is too long (at most {limit} characters). Please shorten it.",
    bad_request="This request could not be read; please rephrase it.",
    failed="The service could not answer right now. Please try again in a moment.",
    unofficial="unofficial translation",
    machine_translation="machine translation (unofficial)",
    validated="Answer validated by AMF on {date}",
    validated_original="AMF's answer (in French):",
    sources="Sources",
    examples=(
        "Who leads AMF's international working group?",
        "Has AMF worked with Romania?",
        "Which foreign delegations did AMF receive?",
    ),
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="The language model did not answer in time; here are the passages.",
    unavailable="The language model is not available right now; here are the passages.",
    unusable="The language model gave no usable answer; here are the passages.",
)
NOT_STATED: str = "The AMF documents do not state {what}. Here is what they say about it:"
ASKED_KINDS: dict[str, str] = {"founding": "this founding date", "people": "this number of people", "quantity": "this number", "date": "this date", "money": "this amount", "person": "this name",
    "name": "this name", "countries": "these countries", "year": "this for {year}",
    "expansion": "what this acronym stands for", "population": "this population", "names": "these names", "place": "this place"}
COUNTRIES_NAMED: str = "Countries named in these passages:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
    title="Assistant — AMF's international action",
    intro="Ask about the international action of the Association des Maires de France (AMF): cooperation, "
          "delegations received, the international working group… Answers come only from AMF documents, "
          "quoted with their sources, in your language.",
    chat_label="Conversation",
    empty_chat="**Try a question below**, or type your own in French, English, Italian, Spanish, German, "
               "Portuguese, Romanian, Korean, Japanese, Russian or Ukrainian.",
    placeholder="Your question, in your language…",
    question_label="Your question",
    send="Send the question",
    clear="New conversation",
    examples="Try one of these questions:",
    suggestions="You could also ask:",
    footer="Answers quote AMF documents word for word; translations are unofficial. "
           "Use the thumbs under an answer to tell us whether it helped.",
    language="Language of the page",
    copy="Copy the answer", copied="Copied", like="Helpful answer", dislike="Unhelpful answer",
    thanks="Thank you for your feedback.",
    reason_prompt="What was wrong with this answer?",
    reason_wrong="Wrong", reason_incomplete="Incomplete", reason_language="Wrong language", reason_other="Other",
    reason_detail="Tell us more (optional)", reason_send="Send", reason_thanks="Thank you, your remark was recorded.",
    question="Your question", answer="Answer",
    open_source="Open in context", context="The passage among its neighbouring paragraphs", download="Download the original file",
)
