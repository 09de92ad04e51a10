"""Synthetic French/English passages about municipal and international cooperation, for scale tests.

Built from sentence templates and word lists with one seeded random generator, so the same seed
always gives the same corpus and a smaller corpus is a prefix of a larger one (its cached vectors
are reused). Each passage is 150–400 characters, one or more sentences, in French or English.
"""

from __future__ import annotations

import random

from bot.core.models import Passage, Version

DOC_ID = "corpus-synthetique"
SOURCE = "Corpus synthétique du banc d'essai (textes générés, sans valeur documentaire)"
TITLE = "Corpus synthétique"
NOTICE = "Texte synthétique généré pour le banc d'essai ; il ne décrit aucun fait réel."
SOURCE_FILE = f"{DOC_ID}/corpus.txt"
MIN_CHARS, MAX_CHARS = 150, 400

COMMUNES = ["Saint-Aubin-sur-Loire", "Montreval", "Villeneuve-les-Prés", "Berzac", "Lormont-Vieux", "Castelmaure",
            "Pont-de-Vaux", "Sainte-Colombe-en-Auxois", "Bréhal", "Quimperlé", "Annonay", "Millau", "Dole",
            "Thionville", "Issoudun", "Saint-Flour", "Vierzon", "Fougères", "Aurillac", "Hazebrouck"]
FOREIGN_CITIES = ["Kaolack", "Ségou", "Meknès", "Hué", "Cluj-Napoca", "Bafoussam", "Parakou", "Sokodé", "Tulear",
                  "Jacmel", "Tsukuba", "Daejeon", "Ravenne", "Tarragone", "Braga", "Lviv", "Kazan", "Pune",
                  "Cuenca", "Ziguinchor", "Bobo-Dioulasso", "Nabeul", "Timisoara", "Lecce"]
COUNTRIES_FR = {"Sénégal": "sénégalais", "Mali": "maliens", "Maroc": "marocains", "Vietnam": "vietnamiens",
                "Roumanie": "roumains", "Cameroun": "camerounais", "Bénin": "béninois", "Togo": "togolais",
                "Madagascar": "malgaches", "Haïti": "haïtiens", "Japon": "japonais", "Corée": "coréens",
                "Italie": "italiens", "Espagne": "espagnols", "Portugal": "portugais", "Ukraine": "ukrainiens",
                "Inde": "indiens", "Équateur": "équatoriens", "Tunisie": "tunisiens", "Burkina Faso": "burkinabè"}
COUNTRIES_EN = {"Senegal": "Senegalese", "Mali": "Malian", "Morocco": "Moroccan", "Vietnam": "Vietnamese",
                "Romania": "Romanian", "Cameroon": "Cameroonian", "Benin": "Beninese", "Togo": "Togolese",
                "Madagascar": "Malagasy", "Haiti": "Haitian", "Japan": "Japanese", "Korea": "Korean",
                "Italy": "Italian", "Spain": "Spanish", "Portugal": "Portuguese", "Ukraine": "Ukrainian",
                "India": "Indian", "Ecuador": "Ecuadorian", "Tunisia": "Tunisian", "Burkina Faso": "Burkinabe"}
TOPICS_FR = ["la gestion de l'eau potable", "l'assainissement collectif", "la collecte des déchets ménagers",
             "l'état civil", "la fiscalité locale", "l'intercommunalité", "la démocratie participative",
             "la formation des agents territoriaux", "la restauration scolaire", "les transports urbains",
             "la protection du patrimoine", "l'urbanisme et le cadastre", "l'éclairage public",
             "la prévention des inondations", "le développement économique local", "l'accès aux soins"]
TOPICS_EN = ["drinking water management", "sewage treatment", "household waste collection", "civil registration",
             "local taxation", "inter-municipal cooperation", "participatory democracy", "training of municipal staff",
             "school catering", "urban transport", "heritage protection", "town planning and land registry",
             "street lighting", "flood prevention", "local economic development", "access to healthcare"]
ACTORS_FR = ["le maire", "l'adjointe aux relations internationales", "le directeur général des services",
             "la commission des finances", "le comité de jumelage", "l'association départementale des maires",
             "le conseil régional", "la communauté de communes", "le groupe de travail international"]
ACTORS_EN = ["the mayor", "the deputy mayor for international relations", "the chief executive",
             "the finance committee", "the twinning committee", "the county association of mayors",
             "the regional council", "the community of municipalities", "the international working group"]
PROGRAMS = ["PACT-Eau", "Villes Solidaires", "CoopLocal", "Ensemble 2030", "Gouvernance+", "Proximité", "Horizon Sud"]

SENTENCES_FR = [
    "En {year}, la commune de {commune} a accueilli une délégation de {n} élus {nationality} venus étudier {topic}.",
    "Le conseil municipal de {commune} a approuvé une convention de coopération décentralisée avec {city} ({country}) portant sur {topic}.",
    "Dans le cadre du jumelage entre {commune} et {city}, {actor} a organisé un séminaire consacré à {topic}.",
    "Le programme {program}, financé à hauteur de {amount} euros, associe {commune} et {city} autour de {topic}.",
    "{Actor} de {commune} a présenté le bilan de la mission conduite à {city}, qui a permis de former {n} agents municipaux.",
    "Les maires réunis à {commune} ont adopté une motion en faveur d'un soutien accru aux projets menés au {country}.",
    "Une mission d'expertise s'est rendue à {city} en {year} pour accompagner la réforme de {topic}.",
    "Selon {actor}, l'échange d'expériences avec les élus {nationality} a surtout porté sur {topic}.",
    "L'AMF a relayé auprès de ses adhérents l'appel à projets {program} consacré à {topic}.",
]
SENTENCES_EN = [
    "In {year}, the town of {commune} hosted a delegation of {n} {nationality} councillors who came to study {topic}.",
    "The council of {commune} approved a decentralised cooperation agreement with {city} ({country}) on {topic}.",
    "As part of the twinning between {commune} and {city}, {actor} organised a seminar on {topic}.",
    "The {program} programme, funded with {amount} euros, brings {commune} and {city} together on {topic}.",
    "{Actor} of {commune} reported on the mission to {city}, which trained {n} municipal employees.",
    "Mayors meeting in {commune} adopted a motion calling for more support for projects in {country}.",
    "An expert mission travelled to {city} in {year} to support the reform of {topic}.",
    "According to {actor}, the exchange with {nationality} local elected officials focused mainly on {topic}.",
    "The association relayed the {program} call for projects on {topic} to its member towns.",
]


def synthetic_passages(count: int, seed: int = 20240501) -> list[Passage]:
    """`count` passages; the first k of them are the same for any count ≥ k (same seed)."""
    rng = random.Random(seed)
    passages, offset = [], 0
    for index in range(count):
        language = "fr" if rng.random() < 0.6 else "en"
        text = _passage_text(rng, language)
        version = Version(language=language, text=text, source_file=SOURCE_FILE, start=offset,
                          end=offset + len(text), title=TITLE, notice=NOTICE, is_original=True)
        passages.append(Passage(passage_id=f"{DOC_ID}/p{index + 1:06d}", doc_id=DOC_ID, source=SOURCE,
                                paragraph=index + 1, original=version))
        offset += len(text) + 1
    return passages


def _passage_text(rng: random.Random, language: str) -> str:
    """Sentences added one by one until the passage is long enough (and, at random, a bit longer)."""
    text = ""
    while True:
        candidate = f"{text} {_sentence(rng, language)}".strip()
        if len(candidate) > MAX_CHARS:
            if len(text) >= MIN_CHARS:
                return text
            text = ""  # too long before reaching the minimum: start again
            continue
        text = candidate
        if len(text) >= MIN_CHARS and rng.random() < 0.5:
            return text


def _sentence(rng: random.Random, language: str) -> str:
    french = language == "fr"
    countries = COUNTRIES_FR if french else COUNTRIES_EN
    country = rng.choice(list(countries))
    actor = rng.choice(ACTORS_FR if french else ACTORS_EN)
    template = rng.choice(SENTENCES_FR if french else SENTENCES_EN)
    return template.format(
        year=rng.randint(1995, 2024), commune=rng.choice(COMMUNES), city=rng.choice(FOREIGN_CITIES),
        country=country, nationality=countries[country], topic=rng.choice(TOPICS_FR if french else TOPICS_EN),
        actor=actor, Actor=actor[0].upper() + actor[1:], program=rng.choice(PROGRAMS),
        n=rng.randint(3, 60), amount=f"{rng.randint(10, 900) * 1000:,}".replace(",", " "),
    )
