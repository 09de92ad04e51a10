#!/usr/bin/env python3
"""Write the synthetic French documents of the real-documents evaluation (tests/eval/realdocs/files/).

Every document is INVENTED for evaluation (people, figures, dates; the bodies and events are real
names used as a setting). They never go in `knowledge/`. The files imitate the text that really
comes out of what AMF publishes: flip-book annual-report page dumps (a line break every few words,
hyphenation at line ends, superscript ordinals on their own line, running headers), daily newsletter
items, saved web pages, PDF reports (reportlab), Word notes (python-docx) and a press release.

Run: PYTHONPATH=. .venv/bin/python tests/eval/realdocs/make_files.py   (deterministic)
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "files"

# --------------------------------------------------------------------------- flip-book page dumps
# Prose below; "#" lines are section titles kept on their own line, "^" marks a superscript
# (102^e -> "102\ne\n"), the wrapper puts 3-8 words on a line and hyphenates long words at line ends.

RAPPORT_2019 = """\
# L'ACTION INTERNATIONALE DE L'AMF
En 2019, le groupe de travail « Action internationale » s'est réuni à six reprises sous la présidence de Mme Sylvie Garnier-Dumas, maire de Quimperlé. Il compte désormais 65 élus désignés par les associations départementales de maires. Son budget de fonctionnement s'est élevé à 185 000 euros pour l'année.
# LE CONGRÈS DES MAIRES
Le 102^e Congrès des maires et des présidents d'intercommunalité s'est tenu du 19 au 21 novembre 2019 à Paris, porte de Versailles. L'AMF y a accueilli 48 délégations étrangères venues de 35 pays, dont une quinzaine de maires africains. La veille, le 18 novembre, un forum international a réuni les délégations sur le thème « Les villes face au changement climatique ».
# COOPÉRATION DÉCENTRALISÉE
## Coopération avec le Sénégal
La convention qui lie l'AMF à l'Association des maires du Sénégal (AMS) a été renouvelée le 12 mars 2019 à Dakar. Trois missions d'experts ont été conduites sur la modernisation de l'état civil. Quatorze communes françaises sont désormais engagées dans le programme.
## Coopération avec le Cameroun
Les 2^es Assises de la coopération décentralisée franco-camerounaise se sont tenues à Douala les 8 et 9 octobre 2019. Elles ont réuni 220 participants. Le président des Communes et villes unies du Cameroun (CVUC), M. Augustin Tamba, a salué « un partenariat désormais adulte ».
# LES RÉSEAUX MONDIAUX
Une délégation de l'AMF conduite par M. Jean-Luc Perrault, vice-président, a participé au Congrès mondial de CGLU à Durban, en Afrique du Sud, du 11 au 15 novembre 2019. Elle y a défendu la place des associations nationales d'élus dans le programme des Nations unies pour les villes.
# FORMATION DES ÉLUS
En lien avec la DAECT, 120 élus ont été formés à l'action extérieure des collectivités au cours de sept sessions régionales.
"""

RAPPORT_2021 = """\
# ACTION INTERNATIONALE ET EUROPÉENNE
L'année 2021 a encore été marquée par la crise sanitaire. Le groupe de travail « Action internationale » s'est réuni quatre fois, dont trois en visioconférence. Il est désormais coprésidé par Mme Sylvie Garnier-Dumas, maire de Quimperlé, et M. Karim Benaïssa, maire de Bourgoin-Jallieu. Le budget consacré à l'action internationale a été ramené à 142 000 euros.
# LE CONGRÈS DES MAIRES
Le 103^e Congrès des maires, organisé du 16 au 18 novembre 2021, n'a accueilli que 22 délégations étrangères, venues de 17 pays, en raison des restrictions de voyage.
# SOLIDARITÉ INTERNATIONALE
## Coopération avec le Liban
Après l'explosion du port de Beyrouth, le fonds de solidarité ouvert par l'AMF a recueilli 1,2 million d'euros auprès de 340 communes. Il a financé la rénovation de six écoles municipales de Beyrouth, achevée en septembre 2021.
## Coopération avec le Sénégal
Le programme d'état civil s'est poursuivi malgré la pandémie : neuf communes sénégalaises ont été équipées d'un logiciel d'état civil et quarante agents ont été formés à Thiès.
## Coopération avec la Côte d'Ivoire
Des premiers échanges ont été engagés avec l'Union des villes et communes de Côte d'Ivoire (UVICOCI) en vue d'une convention de partenariat. Pour M. Benaïssa, il s'agit de construire « la diplomatie des villes du XXI^e siècle ».
# AFRICITÉS
Le 9^e Sommet Africités, prévu à Kisumu, au Kenya, a été reporté à 2022. L'AMF a toutefois participé aux deux réunions préparatoires organisées en ligne par CGLU Afrique.
"""

RAPPORT_2023 = """\
# L'AMF DANS LE MONDE
## Le groupe de travail
Présidé par M. Karim Benaïssa, maire de Bourgoin-Jallieu, le groupe de travail « Action internationale » s'est réuni cinq fois en 2023. Il rassemble 74 élus. Le budget de l'action internationale a atteint 210 000 euros, le plus élevé depuis dix ans.
# LE CONGRÈS DES MAIRES
Le 105^è Congrès des maires s'est tenu du 21 au 23 novembre 2023. L'AMF y a reçu 61 délégations étrangères venues de 42 pays, soit près de deux cents élus étrangers. Une journée de l'action internationale leur était consacrée le 20 novembre.
# COOPÉRATION DÉCENTRALISÉE
## Coopération avec l'Ukraine
Le 6 juin 2023, à Lviv, l'AMF a signé une convention de coopération avec l'Association des villes d'Ukraine (AVU). Cinquante-huit communes françaises se sont engagées dans des partenariats avec des villes ukrainiennes. Trente-sept générateurs électriques ont été livrés avant l'hiver.
## Coopération avec le Maroc
Les 3^es Rencontres des collectivités territoriales franco-marocaines se sont déroulées à Tanger les 4 et 5 octobre 2023. Environ 150 élus des deux pays y ont participé, autour de la gestion de l'eau.
## Coopération avec la Côte d'Ivoire
La convention signée avec l'UVICOCI en 2022 est entrée dans sa phase opérationnelle : douze binômes de communes ont commencé à travailler ensemble. Du 1^er au 5 décembre 2023, une mission de l'AMF s'est rendue à Abidjan et à Tiassalé pour en dresser un premier bilan.
# LES RÉSEAUX MONDIAUX
L'AMF a été représentée à la réunion du Bureau exécutif de CGLU à Lisbonne, en juin 2023, par M. Jean-Luc Perrault.
"""

FLIPBOOKS = {
    "rapport-activite-2019-international-synthetique.txt": ("RAPPORT D'ACTIVITÉ 2019", 23, RAPPORT_2019),
    "rapport-activite-2021-international-synthetique.txt": ("RAPPORT D'ACTIVITÉ 2021", 31, RAPPORT_2021),
    "rapport-activite-2023-international-synthetique.txt": ("RAPPORT D'ACTIVITÉ 2023", 27, RAPPORT_2023),
}

WIDTHS = [5, 3, 7, 4, 6, 8, 3, 5, 6, 4, 7, 5]
VOWELS = set("aeiouyéèêàâîïôûù")


def split_word(word: str) -> tuple[str, str] | None:
    """A plausible hyphenation point (after a vowel followed by a consonant), or None."""
    core = word.rstrip(".,;:»)")
    if len(core) < 9 or not core.isalpha():
        return None
    for i in range(4, len(core) - 4):
        if core[i - 1].lower() in VOWELS and core[i].lower() not in VOWELS and core[i + 1].lower() in VOWELS:
            return word[:i] + "-", word[i:]
    return None


def flipbook(header: str, first_page: int, prose: str) -> str:
    lines: list[str] = []
    k = 0
    for para in prose.strip().splitlines():
        if para.startswith("#"):
            title = para.lstrip("#").strip()
            lines.append(title)
            continue
        words = para.split()
        cur: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if "^" in w:  # superscript: number ends the line, exponent alone, text goes on
                num, sup = w.split("^", 1)
                cur.append(num)
                lines.append(" ".join(cur))
                lines.append(sup)
                cur = []
                i += 1
                continue
            cur.append(w)
            i += 1
            if len(cur) >= WIDTHS[k % len(WIDTHS)] and i < len(words):
                k += 1
                cut = split_word(words[i]) if k % 2 else None
                if cut:
                    cur.append(cut[0])
                    words[i] = cut[1]
                lines.append(" ".join(cur))
                cur = []
        if cur:
            lines.append(" ".join(cur))
    out: list[str] = [f"{header} — {first_page}", ""]
    page = first_page
    for n, line in enumerate(lines, 1):
        out.append(line)
        if n % 24 == 0:
            page += 1
            out += ["", f"{header} — {page}", ""]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- newsletter items
MAIREINFO_2018 = """\
Maire info — édition du 21 novembre 2018

Congrès des maires : 54 délégations étrangères à la journée internationale

La journée de l'action internationale qui ouvre traditionnellement le Congrès s'est tenue hier, 20 novembre, veille de l'ouverture officielle du 101ème Congrès des maires. Elle a rassemblé 54 délégations venues de 40 pays, un record.

Les délégations africaines étaient les plus nombreuses : Sénégal, Cameroun, Burkina Faso, Bénin, Madagascar et Tunisie étaient notamment représentés. Une délégation de maires québécois avait fait le déplacement pour la première fois.

Les débats ont porté sur le financement des collectivités locales par les bailleurs internationaux. « Les maires ne sont pas de simples relais de l'aide au développement, ils en sont des acteurs », a rappelé Mme Sylvie Garnier-Dumas, présidente du groupe de travail de l'AMF sur l'action internationale.

Le Congrès se poursuit jusqu'au 22 novembre à Paris, porte de Versailles.
"""

MAIREINFO_2022_UKRAINE = """\
Maire info — édition du 14 mars 2022

Ukraine : plus de 1 200 communes proposent d'accueillir des réfugiés

Trois semaines après le début de l'invasion russe, l'élan de solidarité des communes ne faiblit pas. Selon le recensement réalisé par l'AMF, plus de 1 200 communes ont déjà proposé des logements pour accueillir des familles ukrainiennes, et 35 camions de dons ont pris la route de la Pologne depuis le 1er mars.

L'AMF a ouvert une cellule de crise avec la Protection civile et le ministère de l'Intérieur. Elle recommande aux maires de ne pas envoyer de dons non triés et de privilégier les dons financiers au Fonds d'action extérieure des collectivités territoriales (FACECO), géré par le Centre de crise et de soutien du ministère de l'Europe et des Affaires étrangères.

Une visioconférence avec le maire de Lviv est prévue le 18 mars. Le président de l'AMF a par ailleurs écrit à l'ensemble des maires pour les inviter à se coordonner avec les préfectures.
"""

MAIREINFO_2022_AFRICITES = """\
Maire info — édition du 20 mai 2022

# Africités : une délégation de l'AMF à Kisumu

Le 9e Sommet Africités s'est ouvert le 17 mai à Kisumu, au Kenya, sur les rives du lac Victoria. Il se tiendra jusqu'au 21 mai. Près de cinq mille participants, dont deux mille élus locaux africains, sont attendus autour du thème du rôle des villes intermédiaires dans la mise en œuvre de l'Agenda 2063.

Une dizaine d'élus français composent la délégation de l'AMF, conduite par M. Karim Benaïssa, maire de Bourgoin-Jallieu. Ils participeront notamment à la session consacrée aux associations nationales de collectivités, organisée par CGLU Afrique.

L'AMF est fidèle à ce rendez-vous depuis le Sommet Africités 2003 à Yaoundé. Deux mille personnes, dont six cents maires, avaient alors fait le déplacement dans la capitale camerounaise. Le prochain sommet devrait avoir lieu en 2024.
"""

# --------------------------------------------------------------------------- press release
COMMUNIQUE_UVICOCI = """\
COMMUNIQUÉ DE PRESSE

Paris, le 22 novembre 2022

# L'AMF et l'UVICOCI signent une convention de partenariat

En marge du 104e Congrès des maires, l'Association des maires de France (AMF) et l'Union des villes et communes de Côte d'Ivoire (UVICOCI) ont signé ce mardi 22 novembre une convention de partenariat pour une durée de trois ans.

La convention a été signée par M. Koffi Aka N'Guessan, président de l'UVICOCI et maire de Tiassalé, et par M. Karim Benaïssa, coprésident du groupe de travail de l'AMF sur l'action internationale, au nom du président de l'AMF.

Elle porte sur trois priorités : la modernisation de l'état civil, la gestion des déchets ménagers et la formation des secrétaires généraux de mairie. Douze binômes de communes françaises et ivoiriennes seront constitués dès 2023.

« Cette convention donne un cadre durable à des liens anciens entre nos communes », a déclaré M. N'Guessan.

Contact presse : service communication de l'AMF, 41 quai d'Orsay, 75007 Paris.
"""

# --------------------------------------------------------------------------- saved web pages
HTML_PAGE = """\
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{title} | AMF</title>
<link rel="stylesheet" href="/static/css/amf.css">
<script src="/static/js/tarteaucitron.js"></script>
</head>
<body>
<div id="cookie-banner" class="cookies">
  <p>Ce site utilise des cookies pour mesurer l'audience et améliorer votre navigation. En poursuivant, vous acceptez leur utilisation.</p>
  <button>Tout accepter</button> <button>Tout refuser</button> <a href="/cookies">Personnaliser</a>
</div>
<header class="site-header">
  <a class="logo" href="/">Association des Maires de France et des présidents d'intercommunalité</a>
  <nav class="main-nav">
    <ul>
      <li><a href="/actualites">Actualités</a></li>
      <li><a href="/congres">Congrès</a></li>
      <li><a href="/thematiques">Thématiques</a></li>
      <li><a href="/international">Europe et international</a></li>
      <li><a href="/publications">Publications</a></li>
      <li><a href="/adherer">Adhérer</a></li>
      <li><a href="/contact">Contact</a></li>
    </ul>
  </nav>
  <form class="search" action="/recherche"><input type="search" name="q" placeholder="Rechercher"><button>OK</button></form>
</header>
<nav class="breadcrumb" aria-label="Fil d'Ariane">
  <a href="/">Accueil</a> &gt; <a href="/thematiques">Thématiques</a> &gt; <a href="/international">Europe et international</a> &gt; <span>{title}</span>
</nav>
<main>
<article>
{article}
</article>
<aside class="related">
  <h3>À lire aussi</h3>
  <ul>
    <li><a href="/congres">Le Congrès des maires</a></li>
    <li><a href="/international/jumelages">Les jumelages</a></li>
    <li><a href="/publications/guides">Guides pratiques</a></li>
  </ul>
  <p>Partager : <a href="#">Facebook</a> <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Imprimer</a></p>
</aside>
</main>
<footer class="site-footer">
  <p>AMF — 41 quai d'Orsay — 75343 Paris cedex 07 — Tél. 01 44 18 14 14</p>
  <ul><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/plan-du-site">Plan du site</a></li><li><a href="/accessibilite">Accessibilité : partiellement conforme</a></li><li><a href="/cookies">Gestion des cookies</a></li></ul>
  <p>© AMF 2024 — Tous droits réservés</p>
</footer>
</body>
</html>
"""

HTML_COTE_IVOIRE = """\
<h1>Coopération avec la Côte d'Ivoire</h1>
<p class="date">Publié le 15 mars 2023 — Mis à jour le 2 mai 2023</p>
<p class="chapo">Depuis la signature de la convention de partenariat avec l'Union des villes et communes de Côte d'Ivoire, l'AMF accompagne les communes françaises qui souhaitent coopérer avec des communes ivoiriennes.</p>
<h2>Une convention signée au Congrès de 2022</h2>
<p>La convention a été signée le 22 novembre 2022, pendant le 104e Congrès des maires, avec l'UVICOCI, l'association nationale des communes ivoiriennes. Conclue pour trois ans, elle est renouvelable par tacite reconduction.</p>
<h2>Les priorités du partenariat</h2>
<ul>
<li>la modernisation de l'état civil et la lutte contre le défaut d'enregistrement des naissances ;</li>
<li>la gestion des déchets ménagers dans les villes moyennes ;</li>
<li>la formation des secrétaires généraux de mairie.</li>
</ul>
<h2>Le premier séminaire de Yamoussoukro</h2>
<p>Le premier séminaire franco-ivoirien s'est tenu à Yamoussoukro du 7 au 9 février 2023. Il a réuni soixante participants, élus et techniciens des deux pays. Les communes ivoiriennes de Bouaflé, Dabou, Gagnoa, Katiola et Sassandra y ont présenté leurs projets.</p>
<p>Un deuxième séminaire est prévu en France à l'automne 2024, à Besançon.</p>
<h2>Comment participer ?</h2>
<p>Les communes intéressées peuvent écrire au service international de l'AMF. Un binôme associe une commune française et une commune ivoirienne de taille comparable.</p>
"""

HTML_CGLU = """\
<h1>CGLU : l'AMF au sein du réseau mondial des villes</h1>
<p class="date">Publié le 3 novembre 2022</p>
<p class="chapo">Cités et gouvernements locaux unis (CGLU) est l'organisation mondiale des villes, des gouvernements locaux et régionaux et de leurs associations. L'AMF en est membre depuis sa création.</p>
<h2>Une organisation née à Paris</h2>
<p>CGLU est issue de la fusion de plusieurs réseaux internationaux de villes, lors du congrès fondateur de Paris en mai 2004. Son siège est à Barcelone. Elle représente plus de 240 000 villes et régions dans 140 pays.</p>
<h2>Le Congrès mondial de Daejeon</h2>
<p>Le 7e Congrès mondial de CGLU s'est tenu à Daejeon, en Corée du Sud, du 10 au 14 octobre 2022. L'AMF y était représentée par une délégation de huit élus conduite par M. Jean-Luc Perrault, maire de Saint-Avé.</p>
<p>À cette occasion, l'AMF a été reconduite au Conseil mondial de CGLU, où elle dispose de deux sièges. Le Congrès a adopté le « Pacte pour l'avenir », qui fixe les priorités de l'organisation jusqu'en 2028.</p>
<h2>En Europe : le CCRE</h2>
<p>En Europe, l'AMF agit au sein du Conseil des communes et régions d'Europe (CCRE), section européenne de CGLU, qui porte la voix des collectivités auprès des institutions de l'Union européenne.</p>
"""

HTML_PAGES = {
    "amf-fr-cooperation-cote-ivoire-synthetique.html": ("Coopération avec la Côte d'Ivoire", HTML_COTE_IVOIRE),
    "amf-fr-cglu-reseau-mondial-synthetique.html": ("CGLU : l'AMF au sein du réseau mondial des villes", HTML_CGLU),
}

# --------------------------------------------------------------------------- PDF reports
PDF_BILAN_2016 = ("Bilan de la coopération décentralisée 2016", "AMF — Service international — décembre 2016", [
    ("Un engagement massif des collectivités",
     "Selon le recensement publié en 2016, près de 4 700 collectivités françaises conduisent quelque 10 000 projets de coopération "
     "avec des partenaires situés dans 140 pays. Les communes représentent les trois quarts de ces collectivités."),
    ("Les principaux pays partenaires",
     "Les pays qui comptent le plus de partenariats sont le Sénégal, le Mali, le Burkina Faso, Madagascar, la Roumanie, le Maroc, "
     "le Vietnam, le Japon et Haïti. Les coopérations avec l'Afrique subsaharienne restent majoritaires."),
    ("Roumanie : les 3es Assises à Cluj-Napoca",
     "Les 3es Assises de la coopération décentralisée franco-roumaine se sont tenues à Cluj-Napoca les 23 et 24 juin 2016. "
     "Elles ont réuni 300 participants, dont 90 maires roumains, autour de l'accès aux fonds européens. "
     "L'AMF avait co-organisé les premières Assises, à Bucarest."),
    ("Japon : les rencontres de Takamatsu",
     "Les 5es Rencontres franco-japonaises de la coopération décentralisée ont eu lieu à Takamatsu les 19 et 20 octobre 2016. "
     "Quarante et une collectivités françaises y ont participé, sur le thème du tourisme et du patrimoine."),
    ("Haïti : la reconstruction",
     "Six ans après le séisme de 2010, une vingtaine de communes françaises poursuivent leur appui aux communes haïtiennes, "
     "en particulier pour la gestion de l'eau et la reconstruction des mairies."),
    ("Perspectives",
     "L'AMF propose de créer un observatoire de la coopération décentralisée avec les associations d'élus partenaires, "
     "et d'ouvrir une plateforme d'échange entre communes engagées."),
])

PDF_PROGRAMME_2020 = ("Groupe de travail « Action internationale » — Programme 2020",
                      "Note adoptée le 4 février 2020", [
    ("Composition",
     "Le groupe de travail compte 68 élus désignés par les associations départementales de maires. Il est présidé par "
     "Mme Sylvie Garnier-Dumas, maire de Quimperlé. Le secrétariat est assuré par le service international de l'AMF."),
    ("Les six priorités pour 2020",
     "Le programme adopté le 4 février 2020 retient six priorités : la coopération avec l'Afrique francophone, le soutien "
     "aux associations d'élus en construction, la préparation du Sommet Africités de 2021, les partenariats avec l'Asie, "
     "la formation des élus et la mobilisation des financements européens."),
    ("Le Vietnam",
     "Les Assises de la coopération décentralisée franco-vietnamienne sont prévues à Hué à l'automne 2020. Une trentaine "
     "de collectivités françaises coopèrent déjà avec des provinces vietnamiennes."),
    ("Le calendrier",
     "Le groupe se réunira tous les deux mois. Une réunion élargie aux associations départementales est prévue en juin, "
     "et un bilan sera présenté au Bureau de l'AMF en décembre 2020."),
])

# --------------------------------------------------------------------------- Word notes
DOCX_ROUMANIE_2017 = ("Note — Coopération franco-roumaine", [
    ("h1", "Note — Coopération franco-roumaine"),
    ("p", "Service international — 20 septembre 2017"),
    ("h2", "Contexte"),
    ("p", "La Roumanie est l'un des premiers partenaires des communes françaises en Europe. Plus de 250 partenariats "
          "lient des communes des deux pays, souvent nés de l'aide humanitaire des années 1990."),
    ("h2", "La convention avec l'ACoR"),
    ("p", "Le 15 septembre 2017, à Paris, l'AMF a signé une convention de coopération avec l'Association des communes "
          "de Roumanie (ACoR). La convention a été signée par M. Ionel Ciobanu, président de l'ACoR, maire de la commune de Ciugud."),
    ("p", "Vingt-cinq maires roumains accompagnaient M. Ciobanu. Ils ont été reçus pendant deux jours et ont visité "
          "l'intercommunalité de Saint-Lô."),
    ("h2", "Les thèmes retenus"),
    ("p", "La convention retient trois thèmes : l'accès aux fonds européens, l'intercommunalité en milieu rural et "
          "la gestion des services d'eau."),
    ("h2", "Prochaines étapes"),
    ("p", "Les 4es Assises de la coopération décentralisée franco-roumaine se tiendront à Iași en 2018. "
          "L'AMF en sera co-organisatrice avec l'ACoR et l'ambassade de France en Roumanie."),
])

DOCX_COREE_2024 = ("Note — Accueil d'une délégation de maires coréens", [
    ("h1", "Note — Accueil d'une délégation de maires coréens"),
    ("p", "Service international — 15 avril 2024"),
    ("h2", "La délégation"),
    ("p", "Du 8 au 12 avril 2024, l'AMF a accueilli une délégation de dix-huit maires coréens conduite par M. Park Sung-ho, "
          "président du Conseil national des maires de Corée et maire de Gimhae. La visite a été organisée en coopération avec "
          "le centre coréen des collectivités locales, comme celles des années 2000."),
    ("h2", "Le programme"),
    ("p", "Après une séance de travail au siège de l'AMF le 8 avril, la délégation s'est rendue à Rennes, à Lyon et à Grenoble. "
          "Les échanges ont porté sur le vieillissement de la population et la transition énergétique des bâtiments publics."),
    ("h3", "Les suites"),
    ("p", "Les deux associations envisagent d'organiser un forum franco-coréen des maires à Séoul en 2025. Un accord-cadre "
          "pourrait être signé à cette occasion."),
])


def write_pdf(path: Path, title: str, subtitle: str, sections: list[tuple[str, str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

    styles = getSampleStyleSheet()
    width, height = A4

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, height - 1.3 * cm, "Association des Maires de France — Europe et international")
        canvas.drawRightString(width - 2 * cm, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    gap = 0.8 * cm
    col = (width - 4 * cm - gap) / 2
    frames = [Frame(2 * cm, 2 * cm, col, height - 4.5 * cm, id="left"),
              Frame(2 * cm + col + gap, 2 * cm, col, height - 4.5 * cm, id="right")]
    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author="AMF (synthétique)",
                          invariant=1)
    doc.addPageTemplates([PageTemplate(id="two", frames=frames, onPage=decorate)])
    story = [Paragraph(title, styles["Title"]), Paragraph(subtitle, styles["Italic"]), Spacer(1, 8)]
    for head, body in sections:
        story += [Paragraph(head, styles["Heading2"]), Paragraph(body, styles["BodyText"]), Spacer(1, 6)]
    doc.build(story)


def write_docx(path: Path, title: str, blocks: list[tuple[str, str]]) -> None:
    import datetime
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = "AMF (synthétique)"
    fixed = datetime.datetime(2024, 1, 1)
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    for kind, text in blocks:
        if kind == "p":
            d.add_paragraph(text)
        else:
            d.add_heading(text, level=int(kind[1]))
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():  # fixed timestamps: the same bytes on every run
            dst.writestr(zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0)), src.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (header, page, prose) in FLIPBOOKS.items():
        (OUT / name).write_text(flipbook(header, page, prose), encoding="utf-8")
    (OUT / "maire-info-2018-11-21-congres-synthetique.txt").write_text(MAIREINFO_2018, encoding="utf-8")
    (OUT / "maire-info-2022-03-14-ukraine-synthetique.txt").write_text(MAIREINFO_2022_UKRAINE, encoding="utf-8")
    (OUT / "maire-info-2022-05-20-africites-synthetique.md").write_text(MAIREINFO_2022_AFRICITES, encoding="utf-8")
    (OUT / "communique-amf-uvicoci-2022-synthetique.md").write_text(COMMUNIQUE_UVICOCI, encoding="utf-8")
    for name, (title, article) in HTML_PAGES.items():
        (OUT / name).write_text(HTML_PAGE.format(title=title, article=article.strip()), encoding="utf-8")
    write_pdf(OUT / "bilan-cooperation-decentralisee-2016-synthetique.pdf", *PDF_BILAN_2016)
    write_pdf(OUT / "programme-groupe-travail-2020-synthetique.pdf", *PDF_PROGRAMME_2020)
    write_docx(OUT / "note-cooperation-roumanie-2017-synthetique.docx", *DOCX_ROUMANIE_2017)
    write_docx(OUT / "note-delegation-coree-2024-synthetique.docx", *DOCX_COREE_2024)


if __name__ == "__main__":
    main()
