#!/usr/bin/env python3
"""Write the synthetic French documents of the second real-documents evaluation (tests/eval/realdocs2/files/).

Every document is INVENTED for evaluation (people, figures, dates; the bodies and events are real
names used as a setting). They never go in `knowledge/`. The set is held out: written apart from the
first set (tests/eval/realdocs/) with other years, other facts and slightly different layouts, to
measure whether the assistant generalises. The files imitate the text that really comes out of what
AMF publishes: two flip-book annual-report page dumps, a daily newsletter item, a saved web page, a
PDF report (reportlab), a Word note (python-docx) and a press release.

Run: PYTHONPATH=. .venv/bin/python tests/eval/realdocs2/make_files.py   (deterministic)
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "files"

# --------------------------------------------------------------------------- flip-book page dumps
# Prose below; "#" lines are section titles kept on their own line, "^" marks a superscript
# (100^e -> "100\ne\n"), the wrapper puts 3-8 words on a line and hyphenates long words at line ends.

RAPPORT_2017 = """\
# EUROPE ET INTERNATIONAL
## Le groupe de travail
En 2017, le groupe de travail « Europe et international » s'est réuni quatre fois. Il est présidé par M. Didier Rambaud-Lesage, maire de Figeac, et rassemble une cinquantaine d'élus issus de 44 associations départementales de maires. Son budget de fonctionnement s'est établi à 128 000 euros.
# LE 100^e CONGRÈS DES MAIRES
Pour son centenaire, le Congrès des maires s'est tenu du 21 au 23 novembre 2017 à Paris. L'AMF y a reçu 39 délégations étrangères, soit près de trois cents élus venus de 31 pays. Pour la première fois, une délégation de l'Union des municipalités du Québec (UMQ) était présente, conduite par sa présidente, Mme Hélène Tremblay-Roy, mairesse de Rimouski.
# COOPÉRATION DÉCENTRALISÉE
## Madagascar
Le programme d'appui aux communes malgaches, conduit avec l'Association des maires de Madagascar (AMM), a franchi une étape. Une session de formation à la gestion budgétaire s'est tenue à Antsirabe du 9 au 13 octobre 2017. Y ont participé une centaine de maires malgaches, venus de onze régions.
## Arménie
Les 6^es Assises de la coopération décentralisée franco-arménienne se sont tenues à Erevan les 29 et 30 juin 2017. Deux cent quarante participants, dont vingt-deux maires français. L'AMF y a présenté un guide de l'intercommunalité traduit en arménien.
## Vietnam
À Hanoï, l'AMF a participé le 14 avril 2017 à un séminaire sur l'aménagement urbain, organisé avec l'Association des villes du Vietnam (ACVN). Neuf villes françaises coopèrent aujourd'hui avec des villes vietnamiennes, dont Toulouse, Lille et Brest.
## Burkina Faso
La coopération avec l'Association des municipalités du Burkina Faso (AMBF) a porté sur l'assainissement. Les villes de Ouagadougou, Koudougou, Bobo-Dioulasso et Kaya ont reçu des missions d'experts de communes françaises. L'AMBF a demandé à l'AMF un appui pour former ses nouveaux élus après les élections de 2016.
# LES JUMELAGES
Le recensement des jumelages conduit par l'AMF en 2017 dénombre 6 300 jumelages et partenariats de communes françaises. L'Allemagne arrive en tête, devant le Royaume-Uni, l'Italie, la Pologne et l'Espagne.
"""

RAPPORT_2024 = """\
# UNE ANNÉE DE SOLIDARITÉ
## Le groupe de travail
Le groupe de travail « Europe et international » s'est réuni six fois en 2024, sous la coprésidence de Mme Nathalie Vercors, maire de Lannion, et de M. Olivier Dambreville, maire de Montbéliard. Il compte 81 élus. Le budget de l'action internationale a été porté à 236 000 euros.
# LE 106^e CONGRÈS DES MAIRES
Le Congrès s'est tenu du 19 au 21 novembre 2024 à Paris. Il a accueilli 57 délégations étrangères venues de 44 pays. La journée internationale du 18 novembre avait pour thème l'adaptation des villes aux fortes chaleurs.
# MAROC : APRÈS LE SÉISME
Le fonds de solidarité ouvert par l'AMF après le séisme du 8 septembre 2023 a été clos le 31 mars 2024. Il a recueilli 870 000 euros auprès de 215 communes françaises. Il a financé la reconstruction de neuf écoles rurales et de trois dispensaires dans la province d'Al Haouz, inaugurés en octobre 2024 en présence de M. Olivier Dambreville.
# COOPÉRATION DÉCENTRALISÉE
## Moldavie
Le 14 mai 2024, à Chișinău, l'AMF a signé un accord de coopération avec le Congrès des autorités locales de Moldavie (CALM). Une vingtaine de communes françaises accompagnent déjà des communes moldaves. Le CALM a été invité à la XII^e Rencontre des jumelages franco-polonais, à Poznań en avril.
## Bénin
Avec l'Association nationale des communes du Bénin (ANCB), l'AMF a organisé à Cotonou, du 2 au 4 avril 2024, un atelier sur la fiscalité locale. Quarante-six élus béninois et douze élus français y ont pris part.
## Liban
L'AMF a soutenu trois unions de municipalités du Sud du Liban, touchées par les combats de l'automne : Tyr, Nabatieh et Marjayoun. Une aide d'urgence de 150 000 euros leur a été versée en décembre 2024.
## Tunisie
La coopération avec la Fédération nationale des communes tunisiennes (FNCT) s'est poursuivie avec deux missions, à Sfax et à Bizerte, consacrées à la collecte des déchets.
# EUROPE
M. Olivier Dambreville a été élu vice-président du Conseil des communes et régions d'Europe (CCRE) le 5 décembre 2024, à Bruxelles. Il y suivra l'élargissement de l'Union européenne.
"""

FLIPBOOKS = {
    "rapport-activite-2017-international-synthetique.txt": ("AMF | RAPPORT ANNUEL 2017", 41, RAPPORT_2017),
    "rapport-activite-2024-international-synthetique.txt": ("RAPPORT D'ACTIVITÉ 2024 · EUROPE ET INTERNATIONAL", 12, RAPPORT_2024),
}

WIDTHS = [4, 6, 3, 7, 5, 8, 4, 6, 5, 7, 3]
VOWELS = set("aeiouyéèêàâîïôûù")
PAGE_LINES = 22


def split_word(word: str) -> tuple[str, str] | None:
    """A plausible hyphenation point (a vowel, then a consonant, then a vowel), or None."""
    core = word.rstrip(".,;:»)")
    if len(core) < 9 or not core.isalpha():
        return None
    for i in range(4, len(core) - 4):
        if core[i - 1].lower() in VOWELS and core[i].lower() not in VOWELS and core[i + 1].lower() in VOWELS:
            return word[:i] + "-", word[i:]
    return None


def flipbook(header: str, first_page: int, prose: str) -> str:
    """The text a flip-book viewer gives for the report pages: short lines, hyphenated words,
    superscripts on their own line, the running header on top of each page and its number below."""
    lines: list[str] = []
    k = 0
    for para in prose.strip().splitlines():
        if para.startswith("#"):
            title = para.lstrip("#").strip()
            if "^" in title:  # "LE 100^e CONGRÈS" -> "LE 100" / "e" / "CONGRÈS"
                head, rest = title.split("^", 1)
                sup, tail = rest.split(" ", 1)
                lines += [head, sup, tail]
            else:
                lines.append(title)
            continue
        words = para.split()
        cur: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if "^" in w:  # superscript: the number ends the line, the exponent alone, the text goes on
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
                cut = split_word(words[i]) if k % 2 == 0 else None
                if cut:
                    cur.append(cut[0])
                    words[i] = cut[1]
                lines.append(" ".join(cur))
                cur = []
        if cur:
            lines.append(" ".join(cur))
    out: list[str] = []
    page = first_page
    for start in range(0, len(lines), PAGE_LINES):
        out += [header, ""] + lines[start:start + PAGE_LINES] + ["", str(page), ""]
        page += 1
    return "\n".join(out)


# --------------------------------------------------------------------------- newsletter item
MAIREINFO_2023_MAROC = """\
MAIRE INFO
Le quotidien d'information des élus locaux
Édition du mardi 12 septembre 2023

INTERNATIONAL

Séisme au Maroc : l'AMF ouvre un fonds de solidarité pour les communes sinistrées

Quatre jours après le séisme qui a frappé le Haut Atlas dans la nuit du 8 au 9 septembre, l'AMF a ouvert un fonds de solidarité destiné aux communes marocaines sinistrées. Dès hier soir, près de quatre-vingts communes françaises avaient annoncé une contribution.

Réuni le 11 septembre, le Bureau de l'AMF a décidé d'abonder ce fonds à hauteur de 100 000 euros. L'association travaille avec l'Association marocaine des présidents des conseils communaux (AMPCC), dont le président, M. Rachid El Fassi, a remercié « les maires de France pour leur réactivité ».

L'AMF demande aux communes de ne pas envoyer d'équipes de secours sans l'accord des autorités marocaines. Les villes françaises jumelées avec des communes marocaines, notamment avec Marrakech, Agadir, Ouarzazate et Taroudant, sont invitées à se rapprocher de l'AMPCC pour identifier les besoins.

Une réunion d'information en visioconférence est prévue vendredi 15 septembre à 18 heures.

Partager cet article · Imprimer · Tous les articles de cette édition
"""

# --------------------------------------------------------------------------- press release
COMMUNIQUE_UMQ = """\
**COMMUNIQUÉ DE PRESSE**

Paris, le 19 novembre 2025

# Maires de France et du Québec : une entente pour coopérer sur le logement et le climat

À l'occasion du 107e Congrès des maires et des présidents d'intercommunalité, l'Association des maires de France (AMF) et l'Union des municipalités du Québec (UMQ) ont signé ce mercredi 19 novembre une entente de coopération d'une durée de quatre ans.

L'entente a été signée par M. Étienne Gagnon-Leclerc, président de l'UMQ et maire de Sherbrooke, et par Mme Nathalie Vercors, coprésidente du groupe de travail « Europe et international » de l'AMF.

Elle prévoit des échanges entre élus et agents municipaux sur trois thèmes : la crise du logement, l'adaptation aux changements climatiques et la participation des jeunes à la vie municipale. Une première mission d'une quinzaine de maires français se rendra au Québec au printemps 2026.

Présente au Congrès depuis 2017, l'UMQ y conduit cette année une délégation de 64 élus québécois, la plus nombreuse de son histoire. « Nos communes affrontent les mêmes défis des deux côtés de l'Atlantique », a souligné M. Gagnon-Leclerc.

---

*Contact presse : service de presse de l'AMF, 41 quai d'Orsay, 75007 Paris — presse@exemple.invalid*
"""

# --------------------------------------------------------------------------- saved web page
HTML_PAGE = """\
<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Association des Maires de France</title>
<link rel="stylesheet" href="/themes/amf/css/style.min.css">
<script src="/themes/amf/js/axeptio.js" defer></script>
</head>
<body class="page-node type-article">
<a href="#main-content" class="skip-link">Aller au contenu principal</a>
<div role="dialog" aria-label="Consentement" class="consent">
  <h2>Vos choix en matière de cookies</h2>
  <p>Nous utilisons des traceurs pour les statistiques de fréquentation et le partage sur les réseaux sociaux. Vous pouvez modifier vos choix à tout moment.</p>
  <button>J'accepte</button> <button>Je refuse</button> <button>Paramétrer</button>
</div>
<header>
  <div class="brand"><a href="/">AMF</a> <span>Association des Maires de France et des présidents d'intercommunalité</span></div>
  <nav aria-label="Menu principal">
    <ul>
      <li><a href="/actualites">Actualités</a>
        <ul><li><a href="/actualites/maire-info">Maire info</a></li><li><a href="/actualites/communiques">Communiqués</a></li></ul></li>
      <li><a href="/congres">Congrès des maires</a></li>
      <li><a href="/dossiers">Dossiers</a>
        <ul><li><a href="/dossiers/finances">Finances locales</a></li><li><a href="/dossiers/europe-international">Europe et international</a></li><li><a href="/dossiers/environnement">Environnement</a></li></ul></li>
      <li><a href="/ressources">Ressources</a></li>
      <li><a href="/espace-adherents">Espace adhérents</a></li>
    </ul>
  </nav>
</header>
<ol class="breadcrumb"><li><a href="/">Accueil</a></li><li><a href="/dossiers">Dossiers</a></li><li><a href="/dossiers/europe-international">Europe et international</a></li><li>{title}</li></ol>
<main id="main-content">
<article>
{article}
</article>
<aside>
  <section class="newsletter"><h3>Recevez Maire info</h3><form action="/inscription"><input type="email" placeholder="Votre adresse électronique"><button>S'inscrire</button></form></section>
  <section class="related"><h3>Sur le même sujet</h3>
    <ul><li><a href="/dossiers/europe-international/fonds-europeens">Fonds européens : le guide 2024</a></li><li><a href="/dossiers/europe-international/cooperation">La coopération décentralisée</a></li></ul></section>
</aside>
</main>
<footer>
  <p>Association des Maires de France — 41 quai d'Orsay — 75343 Paris Cedex 07</p>
  <ul><li><a href="/mentions-legales">Mentions légales</a></li><li><a href="/donnees-personnelles">Données personnelles</a></li><li><a href="/accessibilite">Accessibilité</a></li><li><a href="/plan">Plan du site</a></li></ul>
  <p>© 2024 AMF</p>
</footer>
</body>
</html>
"""

HTML_JUMELAGES = """\
<h1>Jumelages : l'AMF accompagne les communes dans le programme européen CERV</h1>
<p class="meta">Publié le 6 juin 2024 · Temps de lecture : 3 minutes</p>
<p class="chapo">Le volet « Jumelages de villes » du programme Citoyens, égalité, droits et valeurs (CERV) de l'Union européenne finance des rencontres entre les habitants de communes jumelées. L'AMF aide les communes à monter leur dossier.</p>
<h2>Des résultats en hausse</h2>
<p>En 2023, 43 projets portés par des communes françaises ont été retenus au titre du CERV, pour un montant total de 1,3 million d'euros. C'est une dizaine de plus qu'en 2022. La subvention moyenne s'élève à environ 30 000 euros par projet.</p>
<h2>Le réseau franco-polonais</h2>
<p>Avec 412 jumelages, la Pologne est le premier partenaire des communes françaises en Europe centrale. La 12ème Rencontre des jumelages franco-polonais s'est tenue à Poznań du 25 au 27 avril 2024. Elle a réuni 180 participants, dont trente-cinq maires polonais et une vingtaine de maires français.</p>
<h2>Une ouverture à la Moldavie et à l'Ukraine</h2>
<p>Les communes peuvent désormais associer à leurs projets des partenaires de Moldavie et d'Ukraine, pays candidats à l'adhésion. Sept projets retenus en 2023 comprenaient déjà une commune moldave, notamment Ungheni, Soroca et Cahul.</p>
<h2>Le calendrier</h2>
<ul>
<li>2 juillet 2024 : webinaire d'information de l'AMF ;</li>
<li>18 septembre 2024 : date limite de dépôt des candidatures pour 2025 ;</li>
<li>février 2025 : publication des résultats.</li>
</ul>
"""

HTML_PAGES = {
    "amf-fr-jumelages-cerv-synthetique.html": ("Jumelages et programme européen CERV", HTML_JUMELAGES),
}

# --------------------------------------------------------------------------- PDF report
PDF_FORMATION_2022 = (
    "Programme « Gouverner la commune » — Bilan 2022",
    "Formation des élus des associations partenaires de l'AMF · Service Europe et international · janvier 2023", [
        ("Le programme en bref",
         "Lancé en 2019, le programme « Gouverner la commune » forme les élus et les cadres des associations de "
         "pouvoirs locaux partenaires de l'AMF. En 2022, il a compté quatre sessions et 146 stagiaires, venus de six pays : "
         "la Tunisie, le Burkina Faso, le Bénin, Madagascar, le Sénégal et la Mauritanie."),
        ("Session de Tunis",
         "La première session s'est tenue à Tunis du 14 au 18 mars 2022 avec la Fédération nationale des communes "
         "tunisiennes (FNCT). Elle portait sur la mise en œuvre du Code des collectivités locales de 2018. "
         "Trente-huit présidents de municipalité y ont participé, ainsi que le président de la FNCT, M. Slim Ben Ammar."),
        ("Session à distance avec le Burkina Faso",
         "Prévue à Ouagadougou en juin, la deuxième session a été organisée à distance en raison de la situation "
         "sécuritaire. Elle a réuni 27 élus de l'Association des municipalités du Burkina Faso, sur la gestion "
         "des marchés municipaux."),
        ("Session de Cotonou",
         "Du 10 au 14 octobre 2022, la troisième session a accueilli 41 stagiaires béninois à Cotonou. Elle était "
         "consacrée à l'état civil et à la fiscalité locale. Les formateurs venaient de Lorient, de Niort et de Poitiers."),
        ("Session en France",
         "La dernière session s'est tenue à Angers et à Nantes du 7 au 18 novembre 2022. Une quarantaine de secrétaires "
         "généraux de mairie malgaches, sénégalais et mauritaniens y ont suivi des stages dans des services municipaux."),
        ("Financement",
         "Le programme a coûté 148 000 euros en 2022. Il est financé par l'AMF à hauteur de 45 000 euros, par le ministère "
         "de l'Europe et des Affaires étrangères à hauteur de 60 000 euros et par le CNFPT, qui met des formateurs à disposition."),
        ("Évaluation et perspectives",
         "Selon le questionnaire de fin de session, 92 % des stagiaires se déclarent satisfaits. Pour 2023, l'AMF propose "
         "d'ouvrir le programme au Cameroun et à la Côte d'Ivoire, et de créer un réseau des anciens stagiaires."),
    ])


def write_pdf(path: Path, title: str, subtitle: str, sections: list[tuple[str, str]]) -> None:
    """One column over two pages, a running header with the title and a page number in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=11, leading=17, spaceAfter=6)
    width, height = A4

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2.5 * cm, height - 1.4 * cm, "AMF — Europe et international — " + title)
        canvas.line(2.5 * cm, height - 1.55 * cm, width - 2.5 * cm, height - 1.55 * cm)
        canvas.drawCentredString(width / 2, 1.2 * cm, f"— {doc.page} —")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author="AMF (synthétique)", invariant=1,
                            leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=3 * cm, bottomMargin=7 * cm)
    story = [Paragraph(title, styles["Title"]), Paragraph(subtitle, styles["Italic"]), Spacer(1, 14)]
    for head, text in sections:
        story += [Paragraph(head, styles["Heading2"]), Paragraph(text, body)]
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


# --------------------------------------------------------------------------- Word note
DOCX_JAPON_2025 = ("Note — Mission d'une délégation de l'AMF au Japon", [
    ("h1", "Note — Mission d'une délégation de l'AMF au Japon"),
    ("p", "Service Europe et international — 3 juin 2025"),
    ("h2", "Objet de la mission"),
    ("p", "Du 12 au 17 mai 2025, une délégation de quatorze élus de l'AMF s'est rendue au Japon à l'invitation "
          "de l'Association nationale des maires du Japon (ANMJ). Elle était conduite par Mme Nathalie Vercors, "
          "maire de Lannion et coprésidente du groupe de travail « Europe et international »."),
    ("p", "Le président de l'ANMJ, M. Kenji Morita, maire de Matsuyama, l'a reçue à Tokyo le 12 mai. Les échanges "
          "ont porté sur la dépopulation des zones rurales et la prévention des catastrophes naturelles."),
    ("h2", "Les étapes"),
    ("b", "Tokyo (12 et 13 mai) : séance de travail au siège de l'ANMJ ;"),
    ("b", "Sendai (14 mai) : visite des quartiers reconstruits après le tsunami de 2011 ;"),
    ("b", "Kanazawa (15 et 16 mai) : rencontre avec les élus de la ville jumelée avec Nancy ;"),
    ("b", "Kyoto (17 mai) : table ronde sur le tourisme et la protection du patrimoine."),
    ("h2", "Les suites"),
    ("p", "La 8e édition des Rencontres franco-japonaises de la coopération décentralisée se tiendra à Nancy en "
          "octobre 2026. L'AMF en sera co-organisatrice avec l'ANMJ."),
    ("h3", "Un échange d'agents"),
    ("p", "Un protocole d'échange d'agents territoriaux sera proposé au Bureau de l'AMF. Il permettrait à une "
          "quinzaine de fonctionnaires municipaux japonais et français d'effectuer chaque année un stage de trois mois "
          "dans une commune partenaire."),
])


def write_docx(path: Path, title: str, blocks: list[tuple[str, str]]) -> None:
    """Real Heading styles and bulleted paragraphs; fixed dates and zip timestamps (same bytes every run)."""
    import datetime

    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = "AMF (synthétique)"
    fixed = datetime.datetime(2025, 1, 1)
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    for kind, text in blocks:
        if kind == "p":
            d.add_paragraph(text)
        elif kind == "b":
            d.add_paragraph(text, style="List Bullet")
        else:
            d.add_heading(text, level=int(kind[1]))
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0)), src.read(item.filename),
                         compress_type=zipfile.ZIP_DEFLATED)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (header, page, prose) in FLIPBOOKS.items():
        (OUT / name).write_text(flipbook(header, page, prose), encoding="utf-8")
    (OUT / "maire-info-2023-09-12-seisme-maroc-synthetique.txt").write_text(MAIREINFO_2023_MAROC, encoding="utf-8")
    (OUT / "communique-amf-umq-2025-synthetique.md").write_text(COMMUNIQUE_UMQ, encoding="utf-8")
    for name, (title, article) in HTML_PAGES.items():
        (OUT / name).write_text(HTML_PAGE.format(title=title, article=article.strip()), encoding="utf-8")
    write_pdf(OUT / "bilan-formation-elus-2022-synthetique.pdf", *PDF_FORMATION_2022)
    write_docx(OUT / "note-mission-japon-2025-synthetique.docx", *DOCX_JAPON_2025)


if __name__ == "__main__":
    main()
