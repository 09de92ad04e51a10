from bot.retrieval.lexical import BM25, tokenize


def test_tokens_fold_accents_and_stem_long_words():
    assert tokenize("Camerounais, Cameroun") == ["camero", "camero"]
    assert tokenize("CNCD/HCCI 2004") == ["cncd", "hcci", "2004"]


def test_cjk_runs_become_character_pairs():
    assert tokenize("일본대표") == ["일본", "본대", "대표"]


def test_bm25_ranks_the_passage_with_the_rare_term_first():
    index = BM25([("a", "Les maires italiens ont été reçus."), ("b", "Le forum de New Delhi en 2003."),
                  ("b", "The New Delhi forum in 2003."), ("c", "Les maires coréens.")])
    scores = index.scores("Où s'est tenu le forum ? Delhi")
    assert max(scores, key=scores.get) == "b"
    assert "a" not in scores


def test_latin_letters_do_not_swallow_a_following_cjk_run():
    assert tokenize("AMFの国際") == ["amf", "の国", "国際"]


def test_rank_gives_the_top_keys_and_any_key_score():
    index = BM25([("a", "maires italiens"), ("b", "maires coréens à Séoul"), ("c", "New Delhi")])
    ranked = index.rank("maires coréens")
    assert ranked.top(5) == ["b", "a"]
    assert ranked.get("c") == 0.0 and ranked.get("b") == index.scores("maires coréens")["b"]
