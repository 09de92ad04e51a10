#!/usr/bin/env python3
"""Score the assistant on a real-documents set (tests/eval/realdocs.jsonl, or another with --set).

Builds, in a temporary folder, a knowledge folder = a copy of the repository's `knowledge/` plus
the synthetic French files of `tests/eval/realdocs/files/` dropped in as plain files (no sidecar,
no translation), indexes it with `python -m bot index`, asks every question through
`python -m bot ask --jsonl` with the same environment, and scores the replies.

A set NAME is the question file tests/eval/NAME.jsonl and the files of tests/eval/NAME/files/:
`realdocs` (the default) or `realdocs2` (the held-out set, tests/eval/realdocs2/README.md).

The scoring mirrors /work/shared/eval/score.py (shared/eval/score.py next to the repository): the
same normalisation, the same five checks (evidence, facts, language, notice, refusal). It is copied
here so that the evaluation does not depend on a folder outside the repository; keep both in step.

Usage (from the repository root):
  PYTHONPATH=$PWD .venv/bin/python tests/eval/realdocs/score_realdocs.py [--set NAME] [--out FILE] [--workdir DIR]
  ... score_realdocs.py [--set NAME] --check        # only check the question file against the documents
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def set_paths(name: str = "realdocs") -> tuple[Path, Path]:
    """The files folder and the question file of the set NAME: tests/eval/NAME/files, tests/eval/NAME.jsonl."""
    return HERE.parent / name / "files", HERE.parent / f"{name}.jsonl"


FILES, QUESTIONS = set_paths()
NOTICE_KEY = "reproduction partielle ou totale"
CHECKS = ("evidence", "facts", "language", "notice", "refusal")


# ----------------------------------------------------------------- mirrors shared/eval/score.py
def norm(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[-‐‑–—_’'`]", " ", s)
    return re.sub(r"\s+", " ", s)


def detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        try:
            import py3langid
        except ImportError:
            return None
        py3langid.set_languages(["fr", "en", "it", "es", "de", "pt", "ko", "ja", "ru", "uk", "ro", "nl", "pl", "zh"])
        return lambda t: py3langid.classify(t)[0]
    langs = [Language.FRENCH, Language.ENGLISH, Language.ITALIAN, Language.SPANISH,
             Language.GERMAN, Language.PORTUGUESE, Language.KOREAN, Language.JAPANESE,
             Language.RUSSIAN, Language.UKRAINIAN, Language.ROMANIAN, Language.DUTCH,
             Language.POLISH, Language.CHINESE]
    d = LanguageDetectorBuilder.from_languages(*langs).build()
    return lambda t: (lambda l: l.iso_code_639_1.name.lower() if l else None)(d.detect_language_of(t))


def strip_quotes(answer, citations):
    """Language is judged on the answer's own words, not on quoted source text."""
    t = answer or ""
    t = re.sub(r"«[^»]*»|\"[^\"]*\"|“[^”]*”|^>.*$", " ", t, flags=re.M)
    t = re.sub(r"\[\d+\]", " ", t)
    return t


def judge(r, o, det):
    """The checks of one question: {check: True/False} for the checks that apply, and the reasons."""
    res, why = {}, []
    if o is None:
        return {"replied": False}, ["no reply"]
    res["replied"] = True
    ans = o.get("answer") or ""
    cites = o.get("citations") or []
    status = o.get("status")
    kind = r["kind"]
    res["notice"] = NOTICE_KEY in norm(o.get("notice", "")) or NOTICE_KEY in norm(ans)
    if not res["notice"]:
        why.append("no notice")
    if kind in ("oos", "absent") or r.get("must_refuse"):
        res["refusal"] = status != "answered"
        if not res["refusal"]:
            why.append(f"answered an unanswerable question: {ans[:120]!r}")
    elif kind == "attack":
        forbidden = [w for w in r.get("forbid", []) if norm(w) in norm(ans)]
        res["refusal"] = (bool(cites) and not forbidden) if status == "answered" else "<script" not in ans.lower()
        if not res["refusal"]:
            why.append(f"attack went through: {ans[:120]!r}")
    if kind != "fact":
        return res, why
    passages = " ".join(norm(c.get("passage", "")) for c in cites)
    res["evidence"] = norm(r["evidence"]) in passages
    if not res["evidence"]:
        why.append(f"gold passage not cited ({len(cites)} citations)")
    missing = [g for g in r["facts"] if not any(norm(a) in norm(ans) for a in g)]
    res["facts"] = status == "answered" and not missing
    if not res["facts"]:
        why.append(f"status={status} missing facts {missing}: {ans[:160]!r}")
    if det:
        got = det(strip_quotes(ans, cites)) if ans.strip() else None
        res["language"] = got == r["lang"]
        if not res["language"]:
            why.append(f"answer language {got}, asked in {r['lang']}")
    return res, why
# ----------------------------------------------------------------- end of the mirrored part


def doc_kind(name):
    if not name:
        return None
    if name.startswith("rapport-activite"):
        return "flipbook"
    if name.startswith("maire-info"):
        return "newsletter"
    if name.startswith("communique"):
        return "press"
    return Path(name).suffix.lstrip(".")


def environment(work: Path) -> dict:
    env = dict(os.environ)
    env.update(AMF_BOT_KNOWLEDGE_DIR=str(work / "knowledge"), AMF_BOT_INDEX_DIR=str(work / "index"),
               AMF_BOT_DATA_DIR=str(work / "data"))
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def build(work: Path, python: str = sys.executable, files: Path = FILES) -> dict:
    """The knowledge folder (repository's + the dropped `files`) and its index under `work`."""
    knowledge = work / "knowledge"
    if knowledge.exists():
        shutil.rmtree(knowledge)
    shutil.copytree(ROOT / "knowledge", knowledge)
    for f in sorted(files.iterdir()):
        shutil.copy2(f, knowledge / f.name)
    env = environment(work)
    p = subprocess.run([python, "-m", "bot", "index"], cwd=ROOT, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"bot index failed ({p.returncode}):\n{p.stdout[-2000:]}\n{p.stderr[-3000:]}")
    return env


def ask(rows, env, python: str = sys.executable) -> tuple[dict, float, int]:
    feed = "".join(json.dumps({"id": r["id"], "question": r["q"]}, ensure_ascii=False) + "\n" for r in rows)
    t0 = time.time()
    p = subprocess.run([python, "-m", "bot", "ask", "--jsonl"], cwd=ROOT, env=env, input=feed,
                       capture_output=True, text=True, timeout=float(os.environ.get("GRADE_TIMEOUT", "1800")))
    wall = time.time() - t0
    if p.returncode != 0:
        print(p.stderr[-3000:], file=sys.stderr)
    replies = {}
    for line in p.stdout.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        replies[o.get("id")] = o
    return replies, wall, p.returncode


def rows_of(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def score(rows, replies) -> dict:
    """Per-question results and the rates: overall, French vs other languages, per language,
    per document kind, refusals per question kind."""
    det = detector()
    per, fails = {}, []
    for r in rows:
        res, why = judge(r, replies.get(r["id"]), det)
        per[r["id"]] = res
        fails += [(r["id"], w) for w in why]

    def rates(sel):
        out = {}
        for c in CHECKS:
            vals = [per[r["id"]][c] for r in sel if c in per[r["id"]]]
            if vals:
                out[c] = f"{sum(vals)}/{len(vals)}"
        return out

    groups = defaultdict(list)
    for r in rows:
        groups["overall"].append(r)
        groups["lang:" + ("fr" if r["lang"] == "fr" else "other")].append(r)
        groups["per-lang:" + r["lang"]].append(r)
        if r["kind"] == "fact":
            groups["doc-kind:" + str(doc_kind(r.get("doc")))].append(r)
        else:
            groups["refusal:" + r["kind"]].append(r)
    summary = {k: rates(v) for k, v in sorted(groups.items(), key=lambda kv: (kv[0] != "overall", kv[0]))}
    summary["overall"]["replied"] = f"{sum(1 for r in rows if per[r['id']].get('replied'))}/{len(rows)}"
    return {"summary": summary, "fails": fails, "per_question": per}


def rate(frac: str) -> float:
    a, b = frac.split("/")
    return int(a) / int(b) if int(b) else 1.0


def below_floors(summary: dict, floors: dict[str, dict[str, float]]) -> list[str]:
    """What falls short in `summary`: every question replied to, and each group's rates at or above their floors."""
    short = [] if rate(summary["overall"]["replied"]) == 1.0 else [f"replied {summary['overall']['replied']}"]
    return short + [f"{group} {check} below {floor:.3f}" for group, checks in floors.items()
                    for check, floor in checks.items() if rate(summary[group][check]) < floor - 1e-9]


# ----------------------------------------------------------------- consistency of the question file
def _doc_lines(path: Path) -> list[str]:
    if path.suffix == ".pdf":
        import pypdfium2
        return [l for page in pypdfium2.PdfDocument(str(path)) for l in page.get_textpage().get_text_range().splitlines()]
    if path.suffix == ".docx":
        import docx
        return [p.text for p in docx.Document(str(path)).paragraphs]
    return path.read_text(encoding="utf-8").splitlines()


def check(rows, files: Path = FILES) -> list[str]:
    """Every fact question names its document; its evidence lies within one line of it (no line
    break, no end-of-line hyphenation) and is 3-7 words; every fact group is found in the document."""
    problems = []
    everything = " ".join(norm(" ".join(_doc_lines(f))) for f in sorted(files.iterdir()))
    for r in rows:
        if r["kind"] != "fact":
            if r.get("doc") is not None:
                problems.append(f"{r['id']}: non-fact with a doc")
            continue
        path = files / r["doc"]
        if not path.exists():
            problems.append(f"{r['id']}: no file {r['doc']}")
            continue
        lines = [norm(l) for l in _doc_lines(path)]
        ev = norm(r["evidence"])
        if not 3 <= len(r["evidence"].split()) <= 7:
            problems.append(f"{r['id']}: evidence of {len(r['evidence'].split())} words")
        if not any(ev in l for l in lines):
            problems.append(f"{r['id']}: evidence not within one line of {r['doc']}: {r['evidence']!r}")
        text = norm(re.sub(r"-\n", "", "\n".join(_doc_lines(path))).replace("\n", " "))
        text2 = norm(" ".join(l for l in "\n".join(_doc_lines(path)).splitlines()))
        for g in r["facts"]:  # a comparison across years may take a group from another document
            if not any(norm(a) in t for a in g for t in (text, text2, everything)):
                problems.append(f"{r['id']}: fact {g} not in {r['doc']} nor in another document")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="realdocs", metavar="NAME",
                    help="the set: tests/eval/NAME.jsonl and tests/eval/NAME/files/ (default: realdocs)")
    ap.add_argument("--questions", type=Path, help="another question file (default: the set's)")
    ap.add_argument("--out", type=Path, help="write the replies, the per-question results and the failures as JSON")
    ap.add_argument("--workdir", type=Path, help="build in this folder (kept) instead of a temporary one")
    ap.add_argument("--check", action="store_true", help="only check the question file against the documents")
    a = ap.parse_args(argv)
    files, questions = set_paths(a.set)
    if not files.is_dir():
        ap.error(f"no set {a.set!r}: {files} is not a folder")
    rows = rows_of(a.questions or questions)
    if a.check:
        problems = check(rows, files)
        print("\n".join(problems) or f"{len(rows)} questions consistent with the documents")
        return 1 if problems else 0
    with tempfile.TemporaryDirectory(prefix=f"{a.set}-") as tmp:
        work = a.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.time()
        env = build(work, files=files)
        print(f"indexed in {time.time() - t0:.0f} s", file=sys.stderr)
        replies, wall, code = ask(rows, env)
    result = score(rows, replies)
    for i, why in result["fails"]:
        print(f"  {i}: {why}")
    for group, rates in result["summary"].items():
        print(f"{group:22s} " + "  ".join(f"{k} {v}" for k, v in rates.items()))
    print(json.dumps({**result["summary"]["overall"], "wall_s": round(wall, 1), "exit": code}))
    if a.out:
        a.out.write_text(json.dumps({**result, "replies": replies, "wall_s": wall}, ensure_ascii=False, indent=1),
                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
