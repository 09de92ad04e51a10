"""Italian (it): the words, patterns and messages the assistant reads and speaks Italian with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "Italian"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "chi che cosa quale quali quanto quanti quante dove quando come perché è sono era erano ha hanno "
    "buongiorno ciao salve grazie per favore dimmi mi può potrebbe sapere vorrei sono"
)
SEVERAL: str = r"\b(quali|elenca\w*|tutti|tutte)\b"
SELF_INTRODUCTION: str = (
    r"\b(io sono|sono (?:un|una|il|la|consiglier\w*|sindac\w*|assessor\w*|president\w*|deputat\w*)|abito|"
    r"lavoro (?:a|in|per|come)|il mio comune|la mia città)\b"
)
CLAUSE_END: str = r"[.,;:!?]|\s(e|ma)\s"
BACK_REFERENCE: str = (
    r"^(e|ma|allora|poi|quindi)\b|\b(lui|lei|loro|suo|sua|suoi|sue|lì|là|questo|questa|quello|quella|ne)\b|"
    r"\b(chi|come|dove) (lo|la|li|le|l')"
)
HOW_MANY: str = r"(?<!per )\bquant[ioae]\b|\bnumero di\b"
COST: str = r"\bquanto (è )?(cost|spes|pagat|denaro)|\bquale (è |era )?(il |la )?(bilancio|budget|costo|importo|prezzo)"
WHEN: str = shared.OPENS + r"quando\b|\bin (che|quale) (anno|data|giorno|mese)\b|\bquale data\b"
WHO: str = shared.OPENS + r"chi\b"
NAME_ASKED: str = r"\bcome si chiama(va)?\b|\b(qual (è|era) )?il nome d\w*\b"
COUNTRY_NOUN: str = r"\b[Pp]aes[ei]\b|\b[Nn]azion[ei]\b"
NUMBER_WORDS: str = r"(?:dec|dozz|vent|trent|quarant|cinquant|sessant|settant|ottant|novant)in[ae]|centinai[ao]|migliai[ao]"
EXCLUSION: str = r"\b(a parte|oltre a(?:i|gli|lla|l)?|tranne|eccetto|al di fuori d\w+)\b"
HEAD_ASKED: str = r"\b(guida\w*|dirige\w*|presied\w*|president\w*|sindac[oi]|capo|direttor\w*|direttric\w*)\b"
EXPANSION_ASKED: str = (
    r"\bsignifica\s+(la sigla |l'acronimo )?" + shared.ENDS + r"|\bsta per\b|\bsigla\b|\bacronimo\b|\babbreviazione\b"
    r"|\bsignificato d"
)
POPULATION_ASKED: str = r"\bpopolazione\b|\bquanti abitanti\b"
INHABITANTS: str = r"abitanti|popolazione"
DURATION_UNITS: str = r"anni|mesi|settimane|giorni|ore"
NAMES_LISTED: str = r"\bnomi\b|\bquali (sono )?(i |le |gli )?(\S+ )?(citt[àa]|comuni|municipalit[àa]|villaggi|localit[àa])\b"
PLACE_ASKED: str = r"\b(quale|che) (citt[àa]|comune|localit[àa])\b"
PEOPLE_COUNTED: str = (
    r"\bquant[ie] (\w+ )?(persone|membri|partecipanti|sindaci|eletti|amministratori|delegati|dipendenti|"
    r"rappresentanti|volontari|esperti|consiglieri)\b"
)
PEOPLE: str = (
    r"persone|membri|partecipanti|sindaci|eletti|amministratori|delegati|dipendenti|rappresentanti|volontari|"
    r"esperti|consiglieri|rifugiati|abitanti"
)
FOUNDING_ASKED: str = r"\b(fondat[aoie]|creat[aoie]|istituit[aoie]|fondazione|creazione)\b"
FOUNDING: str = r"fondat\w*|fondazione|creat[aoie]|creazione|istituit\w*|fusione"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"Sig\.(?:ra)?"
POSITIONS: str = r"Presidente|Sindac[oa]"
ARTICLES: str = r"il|lo|la|gli|una|del|della|dello|al|alla"
CURRENCIES: str = r"\b(?:euro|dollari)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"essi|esse|esso|essa|questi|queste|quest'ultim[oaie]"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("africa",), "019": ("americ",), "142": ("asia", "asiat"), "150": ("europ",),
    "009": ("oceania",)}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("nord", "settentrion"), "south": ("sud", "meridion"), "east": ("est", "orient"),
    "west": ("ovest", "occident"), "central": ("centr",), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"maghreb\w*",), "middle-east": (r"medio oriente", r"medioriental\w*", r"vicino oriente"),
    "balkans": (r"balcan\w*",), "scandinavia": (r"scandinav\w*",), "029": (r"caraib\w*",),
    "202": (r"subsahar\w*",), "030": (r"estremo oriente",), "053": (r"australasia\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
    quote_original="Il documento originale (in {language}) dice:",
    not_found="Non ho trovato la risposta a questa domanda nei documenti dell'AMF. Rispondo solo, citando le fonti, a domande sull'azione internazionale dell'Association des Maires de France (AMF). Può chiedere, per esempio:",
    empty="Scriva una domanda, per favore.",
    too_long="La domanda è troppo lunga (al massimo {limit} caratteri). La accorci, per favore.",
    bad_request="Questa richiesta non può essere letta; la riformuli, per favore.",
    failed="Il servizio non ha potuto rispondere in questo momento. Riprovi tra qualche istante, per favore.",
    unofficial="traduzione non ufficiale",
    machine_translation="traduzione automatica (non ufficiale)",
    validated="Risposta convalidata dall'AMF il {date}",
    validated_original="Risposta dell'AMF (in francese):",
    sources="Fonti",
    examples=(
        "Chi guida il gruppo di lavoro internazionale dell'AMF?",
        "Quanti sindaci italiani ha ricevuto l'AMF?",
        "L'AMF ha collaborato con la Romania?",
    ),
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Il modello linguistico non ha risposto in tempo; ecco i passaggi.",
    unavailable="Il modello linguistico non è disponibile al momento; ecco i passaggi.",
    unusable="Il modello linguistico non ha dato una risposta utilizzabile; ecco i passaggi.",
)
NOT_STATED: str = "I documenti dell'AMF non indicano {what}. Ecco che cosa ne dicono:"
ASKED_KINDS: dict[str, str] = {"founding": "questa data di fondazione", "people": "questo numero di persone", "quantity": "questo numero", "date": "questa data", "money": "questo importo", "person": "questo nome",
    "name": "questo nome", "countries": "questi paesi", "year": "questo dato per il {year}",
    "expansion": "il significato di questa sigla", "population": "questa popolazione", "names": "questi nomi", "place": "questo luogo"}
COUNTRIES_NAMED: str = "Paesi citati in questi passaggi:"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
    title="Assistente — azione internazionale dell'AMF",
    intro="Fate domande sull'azione internazionale dell'Association des Maires de France (AMF): cooperazioni, "
          "delegazioni ricevute, gruppo di lavoro internazionale… Le risposte provengono solo dai documenti "
          "dell'AMF, citati con le loro fonti, nella vostra lingua.",
    chat_label="Conversazione",
    empty_chat="**Provate una domanda qui sotto**, o scrivete la vostra in una delle undici lingue "
               "(francese, inglese, italiano, spagnolo, tedesco, portoghese, rumeno, coreano, giapponese, "
               "russo, ucraino).",
    placeholder="La vostra domanda, nella vostra lingua…",
    question_label="La vostra domanda",
    send="Invia la domanda",
    clear="Nuova conversazione",
    examples="Provate una di queste domande:",
    suggestions="Potreste anche chiedere:",
    footer="Le risposte citano alla lettera i documenti dell'AMF; le traduzioni non sono ufficiali. "
           "I pollici sotto ogni risposta ci dicono se è stata utile.",
    language="Lingua della pagina",
    copy="Copia la risposta", copied="Copiata", like="Risposta utile", dislike="Risposta non utile",
    thanks="Grazie per il vostro parere.",
    reason_prompt="Che cosa non andava in questa risposta?",
    reason_wrong="Sbagliata", reason_incomplete="Incompleta", reason_language="Lingua sbagliata",
    reason_other="Altro", reason_detail="Dettagli (facoltativo)", reason_send="Invia",
    reason_thanks="Grazie, la vostra osservazione è stata registrata.",
    question="La vostra domanda", answer="Risposta",
    open_source="Apri nel contesto", context="Il passaggio tra i paragrafi vicini", download="Scarica il file originale",
)
