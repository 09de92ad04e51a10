"""Issue 10, item 4: `ask --jsonl` gives exactly one strict JSON line per input line, whatever the line holds."""

from __future__ import annotations

import io
import json

import pytest

from bot.assembly import build_index
from bot.cli import main

pytestmark = pytest.mark.reliability

GOOD = b'{"id": "ok", "question": "Who leads the working group?"}'
BAD_LINES = [
    b'{"id": 1, "question": "caf\xe9 \xff"}',  # not UTF-8
    b'{"id": 2, "question": "\\ud800"}',  # a lone surrogate
    b"[" * 100_000 + b"]" * 100_000,  # nested deeper than the parser goes
    b"[1, 2, 3]",  # not an object
    b'"just a string"',
    b"not json",
    b'{"id": NaN, "question": "Who?"}',
    b'{"id": 1e999, "question": "Who?"}',
    b'{"id": -Infinity, "question": "Who?"}',
    b'{"id": 3, "question": {"nested": true}}',
]


@pytest.fixture
def run_jsonl(hash_settings, monkeypatch, capsys):
    build_index(hash_settings)
    monkeypatch.setenv("AMF_BOT_KNOWLEDGE_DIR", str(hash_settings.knowledge_dir))
    monkeypatch.setenv("AMF_BOT_INDEX_DIR", str(hash_settings.index_dir))
    monkeypatch.setenv("AMF_BOT_EMBEDDING_MODEL", "hash")

    def run(lines: list[bytes]) -> tuple[int, list[str]]:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\n".join(lines) + b"\n")))
        code = main(["ask", "--jsonl"])
        return code, capsys.readouterr().out.splitlines()

    return run


def strict_json(line: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(f"{constant} is not JSON")

    line.encode("utf-8")  # no lone surrogate made it out
    return json.loads(line, parse_constant=refuse)


def test_every_line_gets_exactly_one_strict_json_answer(run_jsonl):
    lines = [GOOD] + [x for bad in BAD_LINES for x in (bad, GOOD)]
    code, out = run_jsonl(lines)
    assert code == 0 and len(out) == len(lines)
    answers = [strict_json(line) for line in out]
    assert [a["id"] for a in answers[::2]] == ["ok"] * (len(BAD_LINES) + 1)
    assert all(a["status"] != "rejected" for a in answers[::2])
    bad = answers[1::2]
    assert all(a["notice"] and a["answer"] for a in bad)
    # The lone surrogate is read (as U+FFFD) and answered; every other bad line is rejected, saying why.
    assert bad[1]["id"] == 2 and bad[1]["question"] == "\ufffd" and bad[1]["status"] == "not_found"
    rejected = bad[:1] + bad[2:]
    assert all(a["status"] == "rejected" for a in rejected)
    assert all(a.get("error") for a in rejected[:-1])  # the last one is only an empty question
    assert "UTF-8" in bad[0]["error"] and "nested" in bad[2]["error"] and "id must be" in bad[6]["error"]
