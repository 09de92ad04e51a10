from bot.core.text import fold, paragraphs, sentences


def test_paragraphs_keep_offsets_into_the_original():
    text = "Premier paragraphe.\n\n  Second, indenté.\nTroisième"
    spans = paragraphs(text)
    assert [s.text for s in spans] == ["Premier paragraphe.", "Second, indenté.", "Troisième"]
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_sentences_do_not_break_after_a_title_initial():
    text = "Le groupe est dirigé par M. Jacques AUXIETTE et M. Bruno JONCOUR. Il compte 60 élus."
    parts = sentences(text, base=10)
    assert [p.text for p in parts] == ["Le groupe est dirigé par M. Jacques AUXIETTE et M. Bruno JONCOUR.",
                                      "Il compte 60 élus."]
    assert parts[1].start == 10 + text.index("Il compte")


def test_sentences_split_japanese_without_spaces():
    assert [s.text for s in sentences("最初の文です。二番目の文です。")] == ["最初の文です。", "二番目の文です。"]


def test_fold_strips_accents_and_unifies_apostrophes():
    assert fold("L’Élu d’Andzé") == "l'elu d'andze"
