"""French (fr): the words, patterns and messages the assistant reads and speaks French with.

Each name is one entry of the table of the same name (see the module named in each section);
every pack defines the same names as the French one (tests/unit/test_language_tables.py)."""

from __future__ import annotations

from bot.language.packs import shared
from bot.language.texts import Messages, ModelNotes, PageText

_LANGUAGES_FR = ("français, anglais, italien, espagnol, allemand, portugais, roumain, coréen, japonais, russe ou "
                 "ukrainien")


# --- Identity -------------------------------------------------------------------------------------

SCRIPT: str = "latin"
ENGLISH_NAME: str = "French"
# A length is counted in characters, not in space-separated words.
COUNTED_IN_CHARACTERS: bool = False
# What a phrase governs comes before it ("한국 외에": the excluded words precede "외에").
HEAD_FINAL: bool = False
# Common nouns take a capital: a capital letter says nothing about a name.
CAPITALISES_NOUNS: bool = False

# --- Reading questions (bot/language/patterns.py) -------------------------------------------------

FRAMING_WORDS: str = (
    "qui quoi quel quelle quels quelles où quand comment pourquoi combien est-ce est ce que qu "
    "bonjour salut merci svp s'il vous plaît dites-moi pouvez-vous pourriez-vous savoir voudrais je suis"
)
SEVERAL: str = r"\b(quels|quelles|lesquel\w*|liste\w*|tous|toutes)\b"
SELF_INTRODUCTION: str = r"\b(je suis|j'habite|je travaille|nous sommes|ma commune|ma ville|mon village)\b"
CLAUSE_END: str = r"[.,;:!?]|\s(et|mais)\s"
BACK_REFERENCE: str = (
    r"^(et|mais|alors|puis|ensuite)\b|(?<![-\w])(il|elle|ils|elles|lui|leur|leurs|son|sa|ses|celui|celle|ceux|"
    r"celles|là|cette|cet)\b(?! y a)|\bqui (le|la|les|l')"
)
HOW_MANY: str = r"\bcombien\b|\bnombre (de|d')|\bquel (est le )?(montant|co[uû]t|budget)"
COST: str = (
    r"\bcombien (a |ont |va |vont )?(co[uû]t|rapport|d[ée]pens|d'argent|d'euros)|\bquel(le)?s? (est |était |sont |a été )?"
    r"(le |la |les |l')?(budget|co[uû]t|montant|prix)"
)
WHEN: str = shared.OPENS + r"quand\b|\ben quelle ann[ée]e\b|\bquelle date\b|\bdepuis quand\b"
WHO: str = shared.OPENS + r"qui\b(?! que)"
NAME_ASKED: str = r"\bquel (est|était) (le|son) nom\b|\bcomment s'appel|\bnom d[eu]\b"
COUNTRY_NOUN: str = r"\b(?<!\bPays )pays\b"
NUMBER_WORDS: str = r"(?:douz|quinz|vingt|trent|quarant|cinquant|soixant|cent)aines?|dizaines?|milliers?"
EXCLUSION: str = r"\b(à part|a part|hormis|en dehors d[eu's]|outre|sauf|excepté)\b"
HEAD_ASKED: str = r"\b(dirige\w*|pr[ée]side\w*|pr[ée]sident\w*|maires?|chef|[àa] la t[eê]te)\b"
EXPANSION_ASKED: str = (
    r"\b(signifie|veut dire|d[ée]signe)\s+(le sigle |l'acronyme |l'abr[ée]viation )?" + shared.ENDS
    + r"|\bsigle\b|\bacronyme\b|\babr[ée]viation\b|\bsignification d"
)
POPULATION_ASKED: str = r"\bpopulation\b|\bcombien d'habitants\b"
INHABITANTS: str = r"habitants?|population"
DURATION_UNITS: str = r"ans|ann[ée]es?|mois|semaines?|jours?|heures?"
NAMES_LISTED: str = r"\bnoms\b|\b(quel(le)?s|lesquel\w*) (sont )?(les )?(\S+ )?(villes|communes|municipalit[ée]s|villages|localit[ée]s)\b"
PLACE_ASKED: str = r"\bquelle (ville|commune|localit[ée])\b"
PEOPLE_COUNTED: str = (
    r"\bcombien (d'|de )(\w+ )?(élus|maires|membres|personnes|participants|délégués|agents|représentants|"
    r"salariés|collaborateurs|bénévoles|volontaires|stagiaires|experts|conseillers)\b"
)
PEOPLE: str = (
    r"élu\w*|maires?|membres?|personnes?|participant\w*|délégué\w*|agents?|représentant\w*|salarié\w*|"
    r"collaborat\w*|bénévoles?|volontaires?|stagiaires?|experts?|conseill\w*|techniciens?|jeunes|réfugié\w*|"
    r"habitants?|président\w*|adjoint\w*|fonctionnaires?|étudiant\w*|invité\w*|responsables?|adhérent\w*|"
    r"inscrits?|ressortissants?|familles?|enfants?|femmes?|hommes?|citoyen\w*|ambassadeur\w*|diplomates?|"
    r"intervenant\w*|orateurs?|bénéficiaires?|lauréat\w*|élèves?|formateurs?|professionnel\w*|auditeurs?"
)
FOUNDING_ASKED: str = r"\b(fond[ée]e?s?|cr[ée]{2}e?s?|cr[ée]ation|fondation)\b"
FOUNDING: str = r"fond[ée]\w*|fondat\w*|cr[ée]{2}\w*|cr[ée]ation|naissance|fusion|issue?s? de"

# --- Reading passages (bot/answering/grounding.py) -------------------------------------------------

HONORIFICS: str = r"M\.|MM\.|Mmes?|Mlle"
POSITIONS: str = r"Présidente?|Président|Maire|Secrétaire|Directeur|Directrice|Ministre|Ambassadeur|Ambassadrice|Préfète?"
ARTICLES: str = r"le|la|les|du|des|au|aux|un|une|ce|cet|cette"
CURRENCIES: str = r"\b(?:euros?|francs?|dollars?|roubles?)\b"
# A city named by a suffix marking it, as Japanese and Korean do (横浜市, 부산시): the name, captured, is a place the
# question asks about (bot/answering/grounding.py). Empty where cities are not marked so.
SUFFIXED_CITY: str = r""
# Pronouns that open a sentence going on from the one before ("Elles ont réuni 220 participants."):
# its passage is indexed with that sentence as context (bot/ingest/chunking.py).
CONTINUING_PRONOUNS: str = r"il|elle|ils|elles|celui-ci|celle-ci|ceux-ci|celles-ci|ce dernier|cette dernière|ces derniers|ces dernières"

# --- World regions (bot/language/regions.py) ------------------------------------------------------

CONTINENT_STEMS: dict[str, tuple[str, ...]] = {"002": ("afriq", "afric"), "019": ("amériq", "américain"), "142": ("asie", "asiat"),
    "150": ("europ",), "009": ("océanie", "océanien")}
DIRECTION_STEMS: dict[str, tuple[str, ...]] = {"north": ("nord", "septentrion"), "south": ("sud", "méridion", "australe"),
    "east": ("est", "orient"), "west": ("ouest", "occident"), "central": ("centr",), "latin": ("latin",)}
NAMED: dict[str, tuple[str, ...]] = {"maghreb": (r"maghreb\w*",), "middle-east": (r"moyen-orient\w*", r"proche-orient\w*"),
    "balkans": (r"balkan\w*",), "scandinavia": (r"scandinav\w*",), "029": (r"caraibe\w*",),
    "202": (r"subsaharien\w*", r"sub-saharien\w*"), "030": (r"extreme-orient\w*",),
    "053": (r"australasie\w*",)}

# --- What the assistant says (bot/language/messages.py) -------------------------------------------

MESSAGES: Messages = Messages(
    quote_original="Le document source (en {language}) indique :",
    not_found="Je n'ai pas trouvé de réponse à cette question dans les documents de l'AMF. Je réponds uniquement, sources à l'appui, aux questions sur l'action internationale de l'Association des Maires de France (AMF). Vous pouvez par exemple demander :",
    empty="Veuillez saisir une question. / Please type a question.",
    too_long="Votre question est trop longue (au plus {limit} caractères). Merci de la raccourcir.",
    bad_request="Cette demande n'a pas pu être lue ; merci de la reformuler.",
    failed="Le service n'a pas pu répondre pour le moment. Merci de réessayer dans quelques instants.",
    unofficial="traduction non officielle",
    machine_translation="traduction automatique (non officielle)",
    validated="Réponse validée par l'AMF le {date}",
    validated_original="Réponse de l'AMF (en français) :",
    sources="Sources",
    examples=(
        "Qui dirige le groupe de travail international de l'AMF ?",
        "L'AMF a-t-elle coopéré avec la Roumanie ?",
        "Quelles délégations étrangères l'AMF a-t-elle reçues ?",
    ),
)
MODEL_NOTES: ModelNotes = ModelNotes(
    late="Le modèle de langue n'a pas répondu à temps ; voici les passages.",
    unavailable="Le modèle de langue n'est pas disponible pour le moment ; voici les passages.",
    unusable="Le modèle de langue n'a pas donné de réponse exploitable ; voici les passages.",
)
NOT_STATED: str = "Les documents de l'AMF ne précisent pas {what}. Voici ce qu'ils en disent :"
ASKED_KINDS: dict[str, str] = {"founding": "cette date de création", "people": "ce nombre de personnes", "quantity": "ce nombre", "date": "cette date", "money": "ce montant", "person": "ce nom",
    "name": "ce nom", "countries": "ces pays", "year": "ce point pour {year}",
    "expansion": "ce que signifie ce sigle", "population": "cette population", "names": "ces noms", "place": "ce lieu"}
COUNTRIES_NAMED: str = "Pays nommés dans ces passages :"

# --- The chat page (bot/language/page.py) ---------------------------------------------------------

PAGE_TEXT: PageText = PageText(
    title="Assistant — action internationale de l'AMF",
    intro="Posez vos questions sur l'action internationale de l'Association des Maires de France (AMF) : "
          "coopérations, délégations reçues, groupe de travail international… Les réponses proviennent "
          "uniquement des documents de l'AMF, citées avec leurs sources, dans votre langue.",
    chat_label="Conversation",
    empty_chat=f"**Essayez une question ci-dessous**, ou posez la vôtre en {_LANGUAGES_FR}.",
    placeholder="Votre question, dans votre langue…",
    question_label="Votre question",
    send="Envoyer la question",
    clear="Nouvelle conversation",
    examples="Essayez l'une de ces questions :",
    suggestions="Vous pourriez aussi demander :",
    footer="Les réponses citent mot pour mot les documents de l'AMF ; les traductions ne sont pas officielles. "
           "Les pouces sous chaque réponse nous disent si elle vous a été utile.",
    language="Langue de la page",
    copy="Copier la réponse", copied="Copiée", like="Réponse utile", dislike="Réponse inutile",
    thanks="Merci pour votre avis.",
    reason_prompt="Qu'est-ce qui n'allait pas dans cette réponse ?",
    reason_wrong="Fausse", reason_incomplete="Incomplète", reason_language="Mauvaise langue", reason_other="Autre",
    reason_detail="Précisez (facultatif)", reason_send="Envoyer", reason_thanks="Merci, votre remarque est enregistrée.",
    question="Votre question", answer="Réponse",
    open_source="Ouvrir dans son contexte", context="Le passage parmi les paragraphes voisins", download="Télécharger le fichier original",
)
