"""German (de): the words, patterns and messages the assistant reads and speaks German with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "German"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = True

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "wer wen wem wessen was welche welcher welches welchen wo wann wie warum wieso ist sind war waren hat "
    "haben hallo guten tag danke bitte sagen sie mir können könnten wissen möchte ich bin"
)
SEVERAL: str = r"\b(welche|liste\w*|alle)\b"
SELF_INTRODUCTION: str = r"\b(ich bin|ich wohne|ich arbeite|wir sind|meine gemeinde|meine stadt)\b"
CLAUSE_END: str = r"[.,;:!?]|\s(und|aber)\s"
BACK_REFERENCE: str = (
    r"^(und|aber|dann|also)\b|(?<!gibt )(?<!gab )\bes\b(?! gibt| gab)|\bsie\s*\?|\b(er|ihn|ihm|ihr|ihre|ihren|ihrem|ihrer|sein|seine|seinen|seinem|seiner|dort|"
    r"da|dabei|davon|dafür|diese|dieser|dieses)\b"
)
HOW_MANY: str = r"\bwie (viele?|oft|hoch)\b|\banzahl\b"
COST: str = r"\bwie ?viel\b.*\b(ge)?(kost|ausgegeben|bezahlt|geld)|\bwie hoch (ist|war) (das|der|die) (budget|haushalt|kosten|betrag)"
WHEN: str = r"\bwann\b|\b(in welchem|an welchem|welches) (jahr|datum|tag|monat)\b"
WHO: str = shared.OPENS + r"wer\b"
NAME_ASKED: str = r"\bwie hei(ß|ss)t\b|\bwie hie(ß|ss)\b|\b(der|sein|ihr) name\b|\bnamen (des|der)\b"
COUNTRY_NOUN: str = r"\bL[äa]nder(n)?\b|\bStaaten\b"
NUMBER_WORDS: str = r"dutzende?|hunderte|tausende|millionen"
EXCLUSION: str = r"\b(abgesehen von|au[ßs]er|neben)\b"
HEAD_ASKED: str = r"\b(leitet\w*|f[üu]hrt\w*|vorsitz\w*|pr[äa]sident\w*|b[üu]rgermeister\w*|leiter\w*|chef\w*|spitze)\b"
EXPANSION_ASKED: str = (
    r"\bwof[üu]r steht\b|\bbedeutet\s+(die abk[üu]rzung |das k[üu]rzel |das akronym )?" + shared.ENDS
    + r"|\babk[üu]rzung\b|\bakronym\b|\bk[üu]rzel\b"
)
POPULATION_ASKED: str = r"\bbev[öo]lkerung\b|\beinwohnerzahl\b|\bwie viele einwohner\b"
INHABITANTS: str = r"einwohner\w*|bev[öo]lkerung"
DURATION_UNITS: str = r"jahren?|jahre|monaten?|monate|wochen|tagen?|tage|stunden"
NAMES_LISTED: str = r"\bwie hei(ß|ss)en\b|\bnamen der\b|\bwelche\w* (\S+ )?(st[äa]dte|gemeinden|kommunen|orte|d[öo]rfer)\b"
PLACE_ASKED: str = r"\bwelche[rnms]? (stadt|gemeinde|kommune|ort)\b"
PEOPLE_COUNTED: str = (
    r"\bwie viele (\w+ )?(personen|menschen|mitglieder|teilnehmer\w*|bürgermeister\w*|mandatsträger\w*|"
    r"gewählte\w*|delegierte\w*|mitarbeiter\w*|vertreter\w*|freiwillige\w*|experten|gemeinderät\w*)\b"
)
PEOPLE: str = (
    r"personen|menschen|mitglieder\w*|teilnehmer\w*|bürgermeister\w*|mandatsträger\w*|gewählte\w*|"
    r"delegierte\w*|mitarbeiter\w*|vertreter\w*|freiwillige\w*|experten|flüchtling\w*|einwohner\w*"
)
FOUNDING_ASKED: str = r"\b(gegründet|gründung|geschaffen|errichtet)\b"
FOUNDING: str = r"gegründet|gründung\w*|geschaffen|fusion"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"Hr\."
POSITIONS: str = r"Bürgermeister(?:in)?|Präsident(?:in)?"
ARTICLES: str = r"der|die|das|dem|den|ein|eine|einen|einem|einer"
CURRENCIES: str = r"\b(?:euro|dollar)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"er|sie|es|diese|dieser|letztere\w*"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("afrika",), "019": ("amerika",), "142": ("asien", "asiat"), "150": ("europ",),
    "009": ("ozeanien",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("nord", "nördlich"), "south": ("süd", "südlich"), "east": ("ost", "östlich"),
    "west": ("west", "westlich"), "central": ("zentral", "mittel"), "latin": ("latein",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"maghreb\w*",), "middle-east": (r"nahost\w*", r"nahe\w* osten\w*", r"mittlere\w* osten\w*"),
    "balkans": (r"balkan\w*",), "scandinavia": (r"skandinav\w*",), "029": (r"karibi\w*",),
    "202": (r"subsahara\w*",), "030": (r"fernost\w*", r"ferne\w* osten\w*"),
    "053": (r"australasien\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
    quote_original="Das Originaldokument (auf {language}) sagt:",
    not_found="Ich habe in den Dokumenten der AMF keine Antwort auf diese Frage gefunden. Ich beantworte nur Fragen zur internationalen Arbeit der Association des Maires de France (AMF), mit Quellenangaben. Sie können zum Beispiel fragen:",
    empty="Bitte geben Sie eine Frage ein.",
    too_long="Ihre Frage ist zu lang (höchstens {limit} Zeichen). Bitte kürzen Sie sie.",
    bad_request="Diese Anfrage konnte nicht gelesen werden; bitte formulieren Sie sie neu.",
    failed="Der Dienst konnte gerade nicht antworten. Bitte versuchen Sie es in einem Moment erneut.",
    unofficial="inoffizielle Übersetzung",
    machine_translation="maschinelle Übersetzung (inoffiziell)",
    validated="Von der AMF am {date} bestätigte Antwort",
    validated_original="Antwort der AMF (auf Französisch):",
    sources="Quellen",
    examples=(
        "Wer leitet die internationale Arbeitsgruppe der AMF?",
        "Hat die AMF mit Rumänien zusammengearbeitet?",
        "Welche ausländischen Delegationen hat die AMF empfangen?",
    ),
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Das Sprachmodell hat nicht rechtzeitig geantwortet; hier sind die Textstellen.",
    unavailable="Das Sprachmodell ist derzeit nicht verfügbar; hier sind die Textstellen.",
    unusable="Das Sprachmodell hat keine verwertbare Antwort gegeben; hier sind die Textstellen.",
)
NOT_STATED: str = "Die Dokumente der AMF nennen {what} nicht. Das sagen sie dazu:"
ASKED_KINDS: dict[str, str] = {"founding": "dieses Gründungsdatum", "people": "diese Zahl von Personen", "quantity": "diese Zahl", "date": "dieses Datum", "money": "diesen Betrag", "person": "diesen Namen",
    "name": "diesen Namen", "countries": "diese Länder", "year": "diese Angabe für {year}",
    "expansion": "die Bedeutung dieser Abkürzung", "population": "diese Einwohnerzahl",
    "names": "diese Namen", "place": "diesen Ort"}
COUNTRIES_NAMED: str = "In diesen Passagen genannte Länder:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
    title="Assistent — internationale Arbeit der AMF",
    intro="Fragen Sie zur internationalen Arbeit der Association des Maires de France (AMF): Kooperationen, "
          "empfangene Delegationen, die internationale Arbeitsgruppe… Die Antworten stammen nur aus "
          "Dokumenten der AMF, mit ihren Quellen zitiert, in Ihrer Sprache.",
    chat_label="Unterhaltung",
    empty_chat="**Probieren Sie eine Frage unten aus** oder stellen Sie Ihre eigene auf Französisch, Englisch, "
               "Italienisch, Spanisch, Deutsch, Portugiesisch, Rumänisch, Koreanisch, Japanisch, Russisch "
               "oder Ukrainisch.",
    placeholder="Ihre Frage, in Ihrer Sprache…",
    question_label="Ihre Frage",
    send="Frage senden",
    clear="Neue Unterhaltung",
    examples="Probieren Sie eine dieser Fragen:",
    suggestions="Sie könnten auch fragen:",
    footer="Die Antworten zitieren die Dokumente der AMF wörtlich; Übersetzungen sind nicht amtlich. "
           "Mit den Daumen unter jeder Antwort sagen Sie uns, ob sie geholfen hat.",
    language="Sprache der Seite",
    copy="Antwort kopieren", copied="Kopiert", like="Hilfreiche Antwort", dislike="Nicht hilfreiche Antwort",
    thanks="Danke für Ihre Rückmeldung.",
    reason_prompt="Was stimmte an dieser Antwort nicht?",
    reason_wrong="Falsch", reason_incomplete="Unvollständig", reason_language="Falsche Sprache",
    reason_other="Anderes", reason_detail="Mehr dazu (freiwillig)", reason_send="Senden",
    reason_thanks="Danke, Ihre Anmerkung wurde gespeichert.",
    question="Ihre Frage", answer="Antwort",
    open_source="Im Zusammenhang öffnen", context="Die Stelle zwischen den benachbarten Absätzen", download="Originaldatei herunterladen",
)
