#!/usr/bin/env python3
"""Show, stage by stage, where a real-documents question finds or loses its gold passage.

For each question: the gold passages (those of the question's `doc` holding its `evidence`), their
rank among the dense candidates (the question's own vector, and moved into the documents' main
language by `centring`), among the lexical candidates (BM25 on the question's language and the
originals, and on the originals alone), and in the fused order; the calibrated gate's signals and
verdict (its foreign path, anchors); the unknown entities; the passages selected and cited.

Needs an index built by `score_realdocs.py --workdir DIR` (kept there):

  PYTHONPATH=$PWD .venv/bin/python tests/eval/realdocs/diagnose.py [--set NAME] --workdir DIR r-de01 r-ru01 …
  … diagnose.py --workdir DIR --failing replies.json   # the fact questions whose gold passage was not cited
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from score_realdocs import environment, norm, rows_of, set_paths  # noqa: E402


def gold_ids(index, row) -> set[str]:
    evidence = norm(row.get("evidence") or "")
    return {pid for pid, p in index.passages.items()
            if row.get("doc") and pid.startswith(row["doc"] + "/") and evidence and evidence in norm(p.original.text)}


def rank(ids, gold) -> str:
    ids = list(ids)
    found = [i for i, pid in enumerate(ids) if pid in gold]
    return f"{found[0] + 1}/{len(ids)}" if found else f"-/{len(ids)}"


def show(row, assistant) -> None:
    from bot.answering.calibration import anchored_share, signals, speaks
    from bot.answering.grounding import anchors, unknown_entities
    import numpy as np

    retriever, answerer = assistant.retriever, assistant.answerer
    index = retriever.index.current()
    language, question = row["lang"], row["q"]
    gold = gold_ids(index, row)
    print(f"\n=== {row['id']} [{language}] {question}\n    gold {sorted(gold) or 'NONE FOUND'} ({row.get('evidence')})")
    query = np.asarray(retriever.embedder.embed_query(question), dtype=np.float32)
    raw = retriever.store.dense_search(query.tolist(), retriever.dense_candidates)
    moved = index.centring.toward(query, language, index.main_language)
    centred = retriever.store.dense_search(moved.tolist(), retriever.dense_candidates) if moved is not query else {}
    print(f"    dense raw rank {rank(sorted(raw, key=raw.get, reverse=True), gold)}"
          f"  centred rank {rank(sorted(centred, key=centred.get, reverse=True), gold)}")
    lexical = index.bm25.rank(question, tags={language, "original"})
    originals = index.bm25.rank(question, tags={"original"})
    print(f"    lexical rank {rank(lexical.top(200), gold)}  originals rank {rank(originals.top(200), gold)}")
    wide = dataclasses.replace(retriever, k=40).search(question, language)
    print(f"    fused rank {rank([h.passage.passage_id for h in wide], gold)}")
    for i, hit in enumerate(wide[:6]):
        p = hit.passage
        mark = "*" if p.passage_id in gold else " "
        print(f"     {mark}{i + 1}. {hit.score:6.2f} dense {hit.dense:.3f} close {hit.closest:.3f} lex {hit.lexical:5.2f}"
              f" held {hit.held:.2f} {p.passage_id[:44]} [{','.join(sorted(p.translations)) or '-'}]"
              f" {' '.join(p.original.text.split())[:70]}")
    for i, hit in enumerate(wide[6:], 7):
        if hit.passage.passage_id in gold:
            print(f"     *{i}. {hit.score:6.2f} dense {hit.dense:.3f} close {hit.closest:.3f} lex {hit.lexical:5.2f}")
    hits = retriever.search(question, language)
    gate = answerer._gate()
    vocabulary = answerer._vocabulary()
    from bot.answering.extractive import _texts
    from bot.answering.grounding import states_what_is_asked, what_the_answer_states
    needed = what_the_answer_states(question, language)
    for i, hit in enumerate(wide[:8]):
        print(f"     {'*' if hit.passage.passage_id in gold else ' '}{i + 1}. relevant {gate.relevant(hit, language)}"
              f" (score alone {gate.score(hit.closest, 1.0, hit.held if speaks(hit, language) else float('nan')):.2f})"
              f" states-asked {states_what_is_asked(needed, _texts(hit, language))} holds_key {hit.holds_key}")
    close, known, held = signals(question, hits, vocabulary)
    score = gate.score(close, known, held)
    print(f"    gate: close {close:.3f} known {known:.2f} held {held:.2f} score {score:.2f} threshold {gate.threshold:.2f}"
          f" -> {'ACCEPT' if score >= gate.threshold else 'below'}")
    if score < gate.threshold and hits and not speaks(hits[0], language):
        asked = anchors(question, language, vocabulary)
        share = anchored_share(question, hits, vocabulary, language)
        print(f"    foreign: score {gate.foreign_score(close, known):.2f} + anchors {sorted(asked)} held {share:.2f}"
              f" vs {gate.foreign_threshold:.2f}; known {known:.2f} vs mean {gate.known_mean:.2f}"
              f" -> {'ACCEPT' if gate.accepts(question, hits, vocabulary, language) else 'REFUSE'}")
    print(f"    unknown entities {unknown_entities(question, language, vocabulary, judge_names=all(speaks(h, language) for h in hits[:3]))}")
    chosen = answerer.select(question, language, hits)
    print(f"    selected {[('*' if h.passage.passage_id in gold else '') + h.passage.passage_id for h in chosen]}")
    draft = answerer.answer(question, language, hits)
    print(f"    draft {draft.status} cited {[('*' if c.passage.passage_id in gold else '') + c.passage.passage_id for c in draft.cited]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--set", default="realdocs", metavar="NAME", help="the question set (as score_realdocs.py --set)")
    ap.add_argument("--failing", type=Path, help="a replies file of score_realdocs.py --out: its failing fact questions")
    a = ap.parse_args()
    os.environ.update({k: v for k, v in environment(a.workdir).items() if k.startswith("AMF_BOT_")})
    from bot.assembly import make_assistant
    from bot.core.settings import load_settings

    rows = {r["id"]: r for r in rows_of(set_paths(a.set)[1])}
    ids = list(a.ids)
    if a.failing:
        results = json.loads(a.failing.read_text("utf-8"))["per_question"]
        ids += [i for i, r in results.items() if rows[i]["kind"] == "fact" and not r.get("evidence")]
    assistant = make_assistant(load_settings())
    for i in ids:
        show(rows[i], assistant)


if __name__ == "__main__":
    main()
