"""Calibrate the similarity threshold from which a visitor's question matches a validated answer.

Data: benchmarks/data/validated_questions.jsonl, groups of questions that mean the same thing in
several languages (hard negatives included: "how many Italian mayors" vs "what did the Italian
mayors discuss"), plus off-topic probes. The similarity is the matcher's own (embeddings centred per language, the language detected).

Method: each group plays a validated answer whose wordings are its French and English questions
(what staff would list). Its other questions (other languages, rewordings) must match it
(positives); every question of the other groups and every probe must not (negatives). A
question's score is its best cosine similarity to the answer's wordings, as the matcher computes
it. The threshold minimises 3 × false accepts + false rejects (serving the wrong validated
answer is worse than falling back to the usual retrieval), at the midpoint of the gap it falls
in. Two-fold cross-validation over groups (fit on half the groups, count errors on the other
half) measures how well it generalises.

    .venv/bin/python benchmarks/calibrate_validated.py [--embedder e5-small]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parent / "data" / "validated_questions.jsonl"
WORDING_LANGUAGES = ("fr", "en")
FALSE_ACCEPT_COST = 3.0
OFF_TOPIC = "off-topic"


def load_groups(path: Path = DATA) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            groups[row["group"]].append(row)
    return dict(groups)


def scored_pairs(groups: dict[str, list[dict]], similarity, names: list[str]) -> tuple[list[float], list[float]]:
    """(positive scores, negative scores) with the groups in `names` playing validated answers."""
    positives, negatives = [], []
    for name in names:
        wordings = [r["q"] for r in groups[name] if r["lang"] in WORDING_LANGUAGES][:2]
        for other, rows in groups.items():
            for row in rows:
                if row["q"] in wordings:
                    continue
                score = max(similarity(row["q"], w) for w in wordings)
                (positives if other == name else negatives).append(score)
    return positives, negatives


def choose_threshold(positives: list[float], negatives: list[float]) -> float:
    """The cut minimising weighted errors, placed midway between the two scores around it."""
    scores = sorted(set(positives) | set(negatives))
    cuts = [(a + b) / 2 for a, b in zip(scores, scores[1:])] + [scores[-1] + 1e-6]

    def cost(cut: float) -> float:
        return FALSE_ACCEPT_COST * sum(s >= cut for s in negatives) + sum(s < cut for s in positives)

    return round(min(cuts, key=lambda cut: (cost(cut), -cut)), 3)


def error_rates(positives: list[float], negatives: list[float], threshold: float) -> tuple[float, float]:
    false_rejects = sum(s < threshold for s in positives) / max(1, len(positives))
    false_accepts = sum(s >= threshold for s in negatives) / max(1, len(negatives))
    return false_accepts, false_rejects


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="e5-small")
    args = parser.parse_args()

    from bot.answering.validated import ValidatedAnswers
    from bot.core.settings import Settings
    from bot.embedders.registry import make_embedder

    matcher = ValidatedAnswers(make_embedder(Settings(embedding_model=args.embedder)), list, dict, None)
    groups = load_groups()
    answers = [name for name in groups if name != OFF_TOPIC]

    positives, negatives = scored_pairs(groups, matcher.similarity, answers)
    threshold = choose_threshold(positives, negatives)
    fa, fr = error_rates(positives, negatives, threshold)
    print(f"embedder {args.embedder}: {len(answers)} answers, {len(positives)} positive and "
          f"{len(negatives)} negative pairs")
    print(f"positives min/median {min(positives):.3f}/{sorted(positives)[len(positives) // 2]:.3f}; "
          f"negatives median/max {sorted(negatives)[len(negatives) // 2]:.3f}/{max(negatives):.3f}")
    print(f"threshold {threshold}: false accepts {fa:.1%}, false rejects {fr:.1%} (all data)")

    halves = (answers[0::2], answers[1::2])
    for fit, held_out in (halves, halves[::-1]):
        cut = choose_threshold(*scored_pairs(groups, matcher.similarity, fit))
        fa, fr = error_rates(*scored_pairs(groups, matcher.similarity, held_out), cut)
        print(f"cross-validation: fitted {cut} on {len(fit)} answers, held-out false accepts {fa:.1%}, "
              f"false rejects {fr:.1%}")


if __name__ == "__main__":
    main()
