"""Romanian (ro): the words, patterns and messages the assistant reads and speaks Romanian with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "Romanian"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "cine ce care câte câți unde când cum de ce este sunt era au a fost bună ziua salut mulțumesc vă rog "
    "spuneți-mi puteți ați putea știu aș vrea să sunt"
)
SEVERAL: str = r"\b(care|ce \w+i|list\w*|toate|toți)\b"
SELF_INTRODUCTION: str = (
    r"\b(eu sunt|sunt (?:un|o|primar\w*|consilier\w*|viceprimar\w*|pre[șs]edint\w*|deputat\w*)|locuiesc|lucrez|"
    r"suntem|comuna mea|orașul meu)\b"
)
CLAUSE_END: str = r"[.,;:!?]|\s(și|dar)\s"
BACK_REFERENCE: str = (
    r"^(și|dar|atunci|apoi)\b|\b(el|ea|ei|ele|lui|său|sa|săi|sale|acolo|acesta|aceasta|acest|această)\b|"
    r"\b(cine|cum) (îl|o|îi|le)\b"
)
HOW_MANY: str = r"\bc[aâ]te\b|\bc[aâ]ți\b|\bc[aâ]t\b(?! și| mai)|\bnum[aă]rul\b"
COST: str = r"\bc[aâ]t (cost|a costat|s-a cheltuit|bani)|\bcare (este |era |a fost )?(bugetul|costul|suma|pre[țt]ul)"
WHEN: str = shared.OPENS + r"c[aâ]nd\b|\b([îi]n )?ce (an|dat[ăa]|zi|lun[ăa])\b"
WHO: str = shared.OPENS + r"cine\b"
NAME_ASKED: str = r"\bcum se nume(a|ște)\b|\bnumele\b"
COUNTRY_NOUN: str = r"\b[ȚțTt]ări(le)?\b|\b[ȚțTt]ar[aă]\b"
# Cardinals from num2words (`grounding._number_words`); here the declined forms and approximate nouns.
NUMBER_WORDS: str = r"duzin\w*|zeci|sutele|miile"
EXCLUSION: str = r"\b(în afar[aă] de|pe l[aâ]ng[aă]|except[aâ]nd)\b"
HEAD_ASKED: str = r"\b(conduce\w*|condus|prezid\w*|pre[șş]edinte\w*|primar\w*|[șş]ef\w*|director\w*)\b"
EXPANSION_ASKED: str = (
    r"\b(înseamnă|inseamna|reprezintă)\s+(acronimul |abrevierea |sigla )?" + shared.ENDS
    + r"|\bacronim\w*|\babrevier\w*|\bsigl[aei]\w*"
)
POPULATION_ASKED: str = r"\bpopula[țţt]i\w*|\bc[âa]ți locuitori\b"
INHABITANTS: str = r"locuitori\w*|popula[țţt]i\w*"
DURATION_UNITS: str = r"ani|luni|s[ăa]pt[ăa]m[âa]ni|zile|ore"
NAMES_LISTED: str = (
    r"\bdenumiril\w*|\bnumele (celor|acestor|ora[șş]elor|comunelor)\b"
    r"|\b(care|ce) (sunt )?(\S+ )?(ora[șş]e\w*|comune\w*|municipii\w*|sate\w*)\b"
)
PLACE_ASKED: str = r"\b(ce|care) (ora[șş]|localitate|comun[ăa]|municipiu)\b"
PEOPLE_COUNTED: str = (
    r"\bc[aâ]ți (\w+ )?(oameni|membri|participanți|primari|aleși|consilieri|delegați|angajați|reprezentanți|"
    r"voluntari|experți)\b|\bc[aâ]te persoane\b"
)
PEOPLE: str = (
    r"oameni|membri\w*|participanți|primari\w*|aleși|consilieri|delegați|angajați|reprezentanți|voluntari|"
    r"experți|persoane|refugiați|locuitori"
)
FOUNDING_ASKED: str = r"\b(înființat\w*|fondat\w*|creat\w*|înființ[aă]rii)\b"
FOUNDING: str = r"înființ\w*|fondat\w*|creat\w*|fuziun\w*"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r""
POSITIONS: str = r"Primar(?:ul)?|Președinte(?:le)?"
ARTICLES: str = r""
CURRENCIES: str = r"\b(?:euro|dolari|lei)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"ei|ele|el|ea|aceștia|acestea|acesta|aceasta"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("africa",), "019": ("americ",), "142": ("asia", "asiat"), "150": ("europ",),
    "009": ("oceania",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("nord", "septentrion"), "south": ("sud", "meridion"), "east": ("est", "orient", "răsărit"),
    "west": ("vest", "occident", "apus"), "central": ("centr",), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"maghreb\w*",), "middle-east": (r"orientul mijlociu", r"orientul apropiat"),
    "balkans": (r"balcan\w*",), "scandinavia": (r"scandinav\w*",), "029": (r"caraib\w*",),
    "202": (r"subsahar\w*",), "030": (r"orientul indepartat",), "053": (r"australasia\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
    quote_original="Documentul original (în {language}) spune:",
    not_found="Nu am găsit răspunsul la această întrebare în documentele AMF. Răspund doar, cu surse, la întrebări despre acțiunea internațională a Association des Maires de France (AMF). Puteți întreba, de exemplu:",
    empty="Vă rugăm să scrieți o întrebare.",
    too_long="Întrebarea este prea lungă (cel mult {limit} caractere). Vă rugăm să o scurtați.",
    bad_request="Această cerere nu a putut fi citită; vă rugăm să o reformulați.",
    failed="Serviciul nu a putut răspunde acum. Vă rugăm să încercați din nou peste câteva momente.",
    unofficial="traducere neoficială",
    machine_translation="traducere automată (neoficială)",
    validated="Răspuns validat de AMF la {date}",
    validated_original="Răspunsul AMF (în franceză):",
    sources="Surse",
    examples=(
        "Ce a făcut AMF împreună cu România?",
        "Cine conduce grupul de lucru internațional al AMF?",
        "Ce delegații străine a primit AMF?",
    ),
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Modelul lingvistic nu a răspuns la timp; iată pasajele.",
    unavailable="Modelul lingvistic nu este disponibil momentan; iată pasajele.",
    unusable="Modelul lingvistic nu a dat un răspuns utilizabil; iată pasajele.",
)
NOT_STATED: str = "Documentele AMF nu precizează {what}. Iată ce spun despre aceasta:"
ASKED_KINDS: dict[str, str] = {"founding": "această dată de înființare", "people": "acest număr de persoane", "quantity": "acest număr", "date": "această dată", "money": "această sumă", "person": "acest nume",
    "name": "acest nume", "countries": "aceste țări", "year": "această informație pentru {year}",
    "expansion": "semnificația acestei sigle", "population": "această populație", "names": "aceste nume", "place": "acest loc"}
COUNTRIES_NAMED: str = "Țări menționate în aceste pasaje:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
    title="Asistent — acțiunea internațională a AMF",
    intro="Întrebați despre acțiunea internațională a Association des Maires de France (AMF): cooperări, "
          "delegații primite, grupul de lucru internațional… Răspunsurile provin doar din documentele AMF, "
          "citate cu sursele lor, în limba dumneavoastră.",
    chat_label="Conversație",
    empty_chat="**Încercați o întrebare de mai jos** sau scrieți-o pe a dumneavoastră în franceză, engleză, "
               "italiană, spaniolă, germană, portugheză, română, coreeană, japoneză, rusă sau ucraineană.",
    placeholder="Întrebarea dumneavoastră, în limba dumneavoastră…",
    question_label="Întrebarea dumneavoastră",
    send="Trimiteți întrebarea",
    clear="Conversație nouă",
    examples="Încercați una dintre aceste întrebări:",
    suggestions="Ați putea întreba și:",
    footer="Răspunsurile citează cuvânt cu cuvânt documentele AMF; traducerile nu sunt oficiale. "
           "Degetele de sub fiecare răspuns ne spun dacă v-a fost util.",
    language="Limba paginii",
    copy="Copiați răspunsul", copied="Copiat", like="Răspuns util", dislike="Răspuns inutil",
    thanks="Vă mulțumim pentru părere.",
    reason_prompt="Ce nu era în regulă cu acest răspuns?",
    reason_wrong="Greșit", reason_incomplete="Incomplet", reason_language="Limbă greșită", reason_other="Altceva",
    reason_detail="Detalii (opțional)", reason_send="Trimiteți",
    reason_thanks="Vă mulțumim, observația a fost înregistrată.",
    question="Întrebarea dumneavoastră", answer="Răspuns",
    open_source="Deschideți în context", context="Pasajul între paragrafele vecine", download="Descărcați fișierul original",
)
