"""Text laid out in lines read as prose (`bot.ingest.formats.reflow`), through the text, Markdown and
PDF readers alike. The documents here are invented (synthetic), laid out as flip-book text dumps."""

from __future__ import annotations

from pathlib import Path

from bot.ingest.formats import extract
from bot.ingest.formats.reflow import compounds, is_line_broken, join_lines, reflow, without_running_lines
from bot.ingest.formats.text import text_blocks
from support.documents import SEED
from support.flip_book import FLIP_BOOK



def _texts(blocks) -> list[str]:
    return [b.text for b in blocks if not b.is_heading]


def test_a_word_hyphenated_at_a_line_end_loses_its_hyphen_before_lower_case():
    assert join_lines(["les collectivités étran-", "gères"]) == "les collectivités étrangères"


def test_the_hyphen_is_kept_before_a_capital_a_digit_or_a_compound_seen_elsewhere():
    assert join_lines(["venus de Saint-", "Louis"]) == "venus de Saint-Louis"
    assert join_lines(["en 2003-", "2004"]) == "en 2003-2004"
    known = compounds("Le porte-parole a parlé.")
    assert join_lines(["le porte-", "parole"], known) == "le porte-parole"
    assert join_lines(["le porte-", "parole"]) == "le porteparole"  # without the text that shows the compound


def test_split_ordinals_and_exponents_are_attached_again():
    assert join_lines(["Le 97", "è", "Congrès"]) == "Le 97è Congrès"
    assert join_lines(["du 1", "er", "au 5 décembre"]) == "du 1er au 5 décembre"
    assert join_lines(["le XXI", "e", "siècle"]) == "le XXIe siècle"
    assert join_lines(["une surface de 40 km", "2", "environ"]) == "une surface de 40 km² environ"
    # A lone letter is not an ordinal when no number comes before it.
    assert join_lines(["la ville", "e", "suite"]) == "la ville e suite"


def test_running_headers_and_page_numbers_are_dropped_but_a_year_in_a_sentence_stays():
    lines = FLIP_BOOK.splitlines()
    kept = [l for l in without_running_lines(lines) if l.strip()]
    assert "RAPPORT ANNUEL 2023 · AMF" not in kept and not {"12", "13", "14"} & set(kept)
    assert "2003." in kept and "année. Le 97" in kept


def test_a_flip_book_dump_reads_as_paragraphs_under_its_headings():
    blocks = text_blocks(FLIP_BOOK)
    assert _texts(blocks) == [
        "Les relations avec les collectivités étrangères se sont renforcées cette année. "
        "Le 97è Congrès des maires s'est tenu du 1er au 5 décembre à Paris.",
        "Depuis 2021, la ville de Thiès accueille des stagiaires venus de Saint-Louis et de Dakar.",
        "Les élus ont rappelé les défis du XXIe siècle lors du Sommet Africités 2003.",
        "Deux mille personnes, dont six cents maires, ont assisté aux débats sur la gouvernance locale.",
        "Le porte-parole de la délégation a salué le travail du porte-parole sénégalais et des agents de la ville.",
    ]
    headings = [(b.text, b.headings) for b in blocks if b.is_heading]
    assert headings == [("COOPÉRATION DÉCENTRALISÉE", ()),
                        ("Coopération avec le Sénégal", ("COOPÉRATION DÉCENTRALISÉE",))]
    thies = next(b for b in blocks if b.text.startswith("Depuis 2021"))
    assert thies.heading == "COOPÉRATION DÉCENTRALISÉE › Coopération avec le Sénégal"


def test_a_line_starting_with_a_capital_inside_a_sentence_is_not_a_heading():
    text = "La délégation a visité\nles écoles de la ville de\nThiès et de\nDakar pendant trois jours.\n"
    assert [(b.text, b.is_heading) for b in text_blocks(text)] == [
        ("La délégation a visité les écoles de la ville de Thiès et de Dakar pendant trois jours.", False)]


def test_a_sentence_cut_by_a_page_break_is_one_paragraph():
    text = ("EN-TÊTE\n\nLes maires ont signé\nune charte de\n\n3\n\nEN-TÊTE\n\ncoopération en mai.\n\n4\n\nEN-TÊTE\n\n"
            "Fin du rapport.\n")
    assert _texts(text_blocks(text)) == ["Les maires ont signé une charte de coopération en mai.", "Fin du rapport."]


def test_the_knowledge_folder_format_one_paragraph_per_line_is_not_reflowed():
    seed = SEED.read_text("utf-8")
    assert not is_line_broken(seed.splitlines())
    assert _texts(text_blocks(seed)) == [line.strip() for line in seed.splitlines() if line.strip()]


def test_a_short_paragraph_per_line_file_with_titles_is_not_reflowed():
    text = "Bilan 2023\nL'AMF a reçu dix délégations.\nPartenaires\nLe Sénégal et le Bénin sont partenaires.\n"
    assert not is_line_broken(text.splitlines())
    assert [b.text for b in text_blocks(text)] == text.splitlines()


def test_a_hard_wrapped_file_is_reflowed_with_its_lists():
    text = ("L'association a accueilli en mars une\ndélégation de maires venus de\nplusieurs régions.\n"
            "- Dakar et\n  Thiès ;\n- Saint-Louis.\n")
    assert is_line_broken(text.splitlines())
    assert _texts(text_blocks(text)) == [
        "L'association a accueilli en mars une délégation de maires venus de plusieurs régions.",
        "- Dakar et Thiès ;", "- Saint-Louis."]


def test_reflow_pieces_carry_their_heading_level():
    pieces = reflow(["ACTION INTERNATIONALE", "Coopération avec le Bénin", "Les maires de Porto-", "Novo ont été reçus."])
    assert [(p.text, p.level) for p in pieces] == [("ACTION INTERNATIONALE", 1), ("Coopération avec le Bénin", 2),
                                                   ("Les maires de Porto-Novo ont été reçus.", 0)]


def test_markdown_goes_through_the_same_reflow(tmp_path: Path):
    path = tmp_path / "rapport.md"
    path.write_text("# Rapport 2023\n\n" + FLIP_BOOK, encoding="utf-8")
    blocks = extract(path).blocks
    assert _texts(blocks) == _texts(text_blocks(FLIP_BOOK))
    thies = next(b for b in blocks if b.text.startswith("Depuis 2021"))
    assert thies.headings == ("Rapport 2023", "COOPÉRATION DÉCENTRALISÉE", "Coopération avec le Sénégal")


def test_markdown_written_by_hand_keeps_its_paragraphs():
    from bot.ingest.formats.markdown import markdown_blocks

    text = "# Titre\n\nUn paragraphe sur le Sénégal.\n\nUn autre sur le Bénin, en deux\nlignes.\n"
    assert [(b.text, b.is_heading) for b in markdown_blocks(text)] == [
        ("Titre", True), ("Un paragraphe sur le Sénégal.", False), ("Un autre sur le Bénin, en deux lignes.", False)]


def test_the_pdf_path_joins_lines_and_finds_headings_with_the_same_function(tmp_path: Path):
    from reportlab.pdfgen.canvas import Canvas

    from support.documents import _font

    path = tmp_path / "flip.pdf"
    canvas = Canvas(str(path))
    canvas.setFont(_font(), 10)
    lines = ["COOPÉRATION DÉCENTRALISÉE", "Les relations avec les collectivités territoriales étran-",
             "gères se sont renforcées cette année dans toutes les régions.", "", "Coopération avec le Sénégal",
             "Depuis 2021, la ville de Thiès reçoit chaque année des stagiaires de Saint-",
             "Louis et de Dakar pour des stages de gestion budgétaire.", "Les maires ont signé un accord en mars."]
    y = 780
    for line in lines:
        if line:
            canvas.drawString(72, y, line)
        y -= 14 if line else 10
    canvas.save()
    blocks = extract(path).blocks
    assert _texts(blocks) == [
        "Les relations avec les collectivités territoriales étrangères se sont renforcées cette année dans toutes "
        "les régions.",
        "Depuis 2021, la ville de Thiès reçoit chaque année des stagiaires de Saint-Louis et de Dakar pour des stages "
        "de gestion budgétaire.",
        "Les maires ont signé un accord en mars."]
    assert [b.text for b in blocks if b.is_heading] == ["COOPÉRATION DÉCENTRALISÉE", "Coopération avec le Sénégal"]


def test_a_reattached_ordinal_still_states_its_number_to_the_question_gate():
    from bot.language.vocabulary import Vocabulary

    vocabulary = Vocabulary(["12e", "1er", "forum", "2019"], set(), lambda token: {}, {})
    assert vocabulary.knows_token("12") and vocabulary.knows_token("1") and vocabulary.knows_token("2019")
    assert vocabulary.knows_token("12th") and vocabulary.knows_token("12o")  # the question's own ordinal (12º folded)
    assert not vocabulary.knows_token("13") and not vocabulary.knows_token("20") and not vocabulary.knows_token("13th")


def test_a_year_starting_a_line_continues_the_sentence_it_ends():
    lines = ["Le 9e Sommet Africités, prévu à Kisumu,", "au Kenya, a été reporté à", "2022. L'AMF a toutefois",
             "participé aux deux réunions préparatoires organisées en", "ligne par CGLU Afrique."]
    assert [piece.text for piece in reflow(lines)] == [" ".join(lines)]


def test_a_numbered_item_after_a_line_ending_its_sentence_still_starts_an_item():
    lines = ["Les priorités sont les suivantes :", "1. l'état civil ;", "2. la gestion des déchets."]
    assert len(reflow(lines)) == 3


def test_a_title_abbreviation_at_a_line_end_does_not_end_the_paragraph():
    """"en présence de M." / "Olivier Dambreville." is one sentence: the name alone is no paragraph (it was one, and
    its two words then answered an off-topic question)."""
    lines = ["Il a financé la reconstruction de neuf écoles rurales", "dans la province, inaugurées en octobre",
             "2024 en présence de M.", "Olivier Dambreville.", "COOPÉRATION DÉCENTRALISÉE", "Le programme a réuni",
             "douze communes."]
    assert [(p.text, p.level) for p in reflow(lines)] == [
        ("Il a financé la reconstruction de neuf écoles rurales dans la province, inaugurées en octobre 2024 en présence "
         "de M. Olivier Dambreville.", 0), ("COOPÉRATION DÉCENTRALISÉE", 1), ("Le programme a réuni douze communes.", 0)]


def test_a_sentence_cut_by_a_page_break_before_a_capital_is_one_paragraph():
    """"…communes moldaves. Le" / page break / "CALM a été invité…": the article cannot end a paragraph."""
    text = ("EN-TÊTE\n\nL'AMF a signé un accord avec le\nCongrès des autorités locales de Moldavie (CALM). Une\n"
            "vingtaine de communes y participent. Le\n\n3\n\nEN-TÊTE\n\nCALM a été invité\nà Poznań en avril.\n\n4\n\n"
            "EN-TÊTE\n\nFin du rapport.\n")
    assert _texts(text_blocks(text)) == [
        "L'AMF a signé un accord avec le Congrès des autorités locales de Moldavie (CALM). Une vingtaine de communes y "
        "participent. Le CALM a été invité à Poznań en avril.", "Fin du rapport."]


def test_a_capitalised_title_with_a_superscript_ordinal_is_a_heading_not_glued_to_its_paragraph():
    """"LE 100" / "e" / "CONGRÈS DES MAIRES": the superscript split one title line into three; joined again, it is
    the heading of the paragraph under it (it was glued into its first sentence)."""
    lines = ["Son budget s'est établi", "à 128 000 euros.", "LE 100", "e", "CONGRÈS DES MAIRES", "Pour son centenaire,",
             "le Congrès s'est tenu du 21", "au 23 novembre 2017 à Paris."]
    assert [(p.text, p.level) for p in reflow(lines)] == [
        ("Son budget s'est établi à 128 000 euros.", 0), ("LE 100e CONGRÈS DES MAIRES", 1),
        ("Pour son centenaire, le Congrès s'est tenu du 21 au 23 novembre 2017 à Paris.", 0)]


def test_a_sentence_cut_by_a_page_break_before_a_quotation_is_one_paragraph():
    """"…un forum international a réuni les délégations sur le thème" / page footer / "« Les villes face au
    changement climatique »." : the quotation finishes the sentence the page cut (it was a passage of its own)."""
    text = ("RAPPORT 2019 — 23\n\nLa veille, un forum international a réuni\nles délégations sur le thème\n\n"
            "RAPPORT 2019 — 24\n\n« Les villes face au\nchangement climatique ».\nLa journée a été suivie par\n"
            "deux cents élus.\n\nRAPPORT 2019 — 25\n\nFin du rapport.\n")
    assert _texts(text_blocks(text)) == [
        "La veille, un forum international a réuni les délégations sur le thème « Les villes face au changement "
        "climatique ». La journée a été suivie par deux cents élus.", "Fin du rapport."]
