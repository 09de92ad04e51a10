"""The ONNX embedding runtime on a tiny model built here: a word table, mean pooling and normalisation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.core.errors import ConfigurationError
from bot.core.settings import Settings
from bot.embedders.onnx_model import MODEL_FILE, TOKENIZER_FILE, OnnxEmbeddings
from bot.embedders.registry import make_embedder
from bot.embedders.sentence_model import SentenceTransformerEmbeddings

WORDS = ["[UNK]", "query:", "passage:", "mayor", "city", "delegation", "korea", "visit"]
DIM = 4


def tiny_model(folder: Path) -> np.ndarray:
    """A model folder whose sentence vector is the normalised mean of one row per word; returns the rows."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    table = np.random.default_rng(7).normal(size=(len(WORDS), DIM)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["rows"]),
         helper.make_node("Cast", ["attention_mask"], ["mask"], to=TensorProto.FLOAT),
         helper.make_node("Unsqueeze", ["mask", "last"], ["mask3"]),
         helper.make_node("Mul", ["rows", "mask3"], ["kept"]),
         helper.make_node("ReduceSum", ["kept", "tokens"], ["total"], keepdims=0),
         helper.make_node("ReduceSum", ["mask3", "tokens"], ["count"], keepdims=0),
         helper.make_node("Div", ["total", "count"], ["mean"]),
         helper.make_node("LpNormalization", ["mean"], ["embedding"], axis=1, p=2)],
        "tiny",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", DIM])],
        [numpy_helper.from_array(table, "table"), numpy_helper.from_array(np.array([-1]), "last"),
         numpy_helper.from_array(np.array([1]), "tokens")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    folder.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(folder / MODEL_FILE))
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.save(str(folder / TOKENIZER_FILE))
    return table


def expected(table: np.ndarray, text: str) -> np.ndarray:
    ids = [WORDS.index(w) if w in WORDS else 0 for w in text.split()]
    mean = table[ids].mean(axis=0)
    return mean / np.linalg.norm(mean)


@pytest.fixture
def model(tmp_path: Path):
    table = tiny_model(tmp_path / "tiny")
    return table, OnnxEmbeddings(lambda: tmp_path / "tiny", "tiny", "query: ", "passage: ")


def test_a_question_is_embedded_with_its_prefix_pooled_and_normalised(model):
    table, embedder = model
    vector = np.asarray(embedder.embed_query("mayor of korea"))
    assert vector == pytest.approx(expected(table, "query: mayor of korea"), abs=1e-6)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-6)


def test_passages_keep_their_order_and_do_not_depend_on_their_companions(model):
    table, embedder = model
    texts = ["city visit", "korea delegation mayor", "visit", "mayor city city korea"] * 5
    together = np.asarray(embedder.embed_documents(texts))
    alone = np.asarray([embedder.embed_documents([t])[0] for t in texts])
    assert together == pytest.approx(alone, abs=1e-6)
    assert together[1] == pytest.approx(expected(table, "passage: korea delegation mayor"), abs=1e-6)
    assert embedder.embed_documents([]) == []


def test_long_texts_are_cut_to_the_model_limit(tmp_path: Path):
    table = tiny_model(tmp_path / "tiny")
    embedder = OnnxEmbeddings(lambda: tmp_path / "tiny", "tiny", max_tokens=2)
    vector = embedder.embed_query("mayor city korea korea korea")
    assert np.asarray(vector) == pytest.approx(expected(table, "mayor city"), abs=1e-6)


def test_a_missing_model_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(ConfigurationError, match="cannot load the embedding model"):
        OnnxEmbeddings(lambda: tmp_path / "nothing", "none").embed_query("mayor")


def test_the_default_embedder_runs_on_onnx_and_the_torch_one_stays_available():
    default = make_embedder(Settings())
    torch_path = make_embedder(Settings(embedding_model="e5-small-torch"))
    assert isinstance(default, OnnxEmbeddings) and (default.query_prefix, default.passage_prefix) == ("query: ", "passage: ")
    assert isinstance(torch_path, SentenceTransformerEmbeddings)
    assert default.name != torch_path.name  # vectors of one are never compared with the other's


def test_the_compact_unigram_tokenizer_gives_the_ids_of_the_full_one(tmp_path: Path):
    import random

    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    from bot.embedders.unigram import UnigramTokenizer, write_unigram

    pieces = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    pieces += [(p, -float(len(p)) * 1.5 + (i % 3) * 0.25) for i, p in enumerate(
        ["▁", "a", "b", "c", "é", "ab", "abc", "▁a", "▁ab", "bc", "ca", "▁abc", "cab", "한", "국", "한국", "▁한국", "b"])]
    full = Tokenizer(models.Unigram(pieces, 3, byte_fallback=False))
    full.normalizer = normalizers.NFKC()
    full.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    full.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    full.enable_truncation(8)
    full.save(str(tmp_path / "tokenizer.json"))
    write_unigram(tmp_path / "tokenizer.json", tmp_path)
    compact = UnigramTokenizer(tmp_path, max_tokens=8)
    rng = random.Random(3)
    texts = ["".join(rng.choice("abcé 한국xﬁ") for _ in range(rng.randint(0, 12))) for _ in range(500)]
    assert [compact.encode(t) for t in texts] == [full.encode(t).ids for t in texts]
    assert [compact.encode(t) for t in texts] == [full.encode(t).ids for t in texts]  # words remembered
    assert any(3 in full.encode(t).ids for t in texts) and any(len(full.encode(t).ids) == 8 for t in texts)


def test_pieces_across_words_are_searched_over_the_whole_text(tmp_path: Path):
    """A vocabulary with a piece spanning two words ("a▁b"): words cannot be searched one by one."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors

    from bot.embedders.unigram import UnigramTokenizer, write_unigram

    pieces = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0),
              ("▁", -2.0), ("a", -2.0), ("b", -2.0), ("▁a", -2.5), ("▁b", -2.5), ("a▁b", -1.0)]
    full = Tokenizer(models.Unigram(pieces, 3, byte_fallback=False))
    full.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    full.post_processor = processors.TemplateProcessing(single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    full.save(str(tmp_path / "tokenizer.json"))
    write_unigram(tmp_path / "tokenizer.json", tmp_path)
    compact = UnigramTokenizer(tmp_path)
    assert 9 in full.encode("a b").ids
    for text in ["a b", "ba b a", "a b a b"]:
        assert compact.encode(text) == full.encode(text).ids
