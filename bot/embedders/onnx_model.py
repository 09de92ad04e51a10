"""An ONNX sentence-embedding model run by onnxruntime and tokenizers alone: no torch on the answer path.

The model folder holds `model.onnx` (input ids and attention mask in, one L2-normalised sentence
vector per text out: the pooling and normalisation are inside the graph) and its tokenizer: the
compact unigram files of `unigram` when present (e5-small: 60 MB and a fraction of a second instead
of 275 MB and 0.7 s), else a `tokenizers` `tokenizer.json`.
Every text runs on its own: no padding to compute (on 2 cores one text at a time, spread over a
pool, embedded 186 passages/s against 72 for padded batches of 32), and a vector that does not
depend on its batch companions (a dynamically quantised model scales its activations per call).
A question runs on one thread (steadiest latency on a busy machine); indexing spreads the
passages over one worker per core.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from langchain_core.embeddings import Embeddings

from bot.core.errors import ConfigurationError
from bot.embedders.unigram import PIECES_FILE, UnigramTokenizer

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 512


class OnnxEmbeddings(Embeddings):
    """The ONNX model of the folder `locate()` returns; `query: `/`passage: ` prefixes where the model wants them."""

    def __init__(self, locate: Callable[[], Path], name: str, query_prefix: str = "", passage_prefix: str = "",
                 threads: int = 0, max_tokens: int = MAX_TOKENS):
        self.name = name
        self.locate = locate
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.threads = threads  # workers when indexing; 0: one per core
        self.max_tokens = max_tokens
        self._loaded = None
        self._loading = threading.Lock()  # questions answered at once must not load the model twice

    def load(self) -> None:
        """Load the model now (exporting it first if it never was)."""
        self._model()

    def warm_up(self) -> None:
        """Load the model in the background: it overlaps with the rest of a start (imports, the index).
        A failure is left for the first text to raise."""
        def load():
            try:
                self._model()
            except Exception:  # noqa: BLE001 - raised again, with its message, on first use
                pass

        threading.Thread(target=load, name="embedder-warm-up", daemon=True).start()

    def _model(self):
        with self._loading:
            if self._loaded is None:
                self._loaded = self._load()
            return self._loaded

    def _load(self):
        folder = self.locate()
        try:
            # onnxruntime builds the session mostly outside the interpreter lock: the tokenizer is read meanwhile.
            with ThreadPoolExecutor(1, thread_name_prefix="onnx-session") as pool:
                session = pool.submit(_session, folder / MODEL_FILE)
                tokenizer = _tokenizer(folder, self.max_tokens)
                return tokenizer, session.result()
        except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
            raise ConfigurationError(f"cannot load the embedding model at {folder}: {exc}") from exc

    def _vector(self, text: str) -> list[float]:
        import numpy as np

        tokenizer, session = self._model()
        ids = np.asarray([tokenizer(text)], dtype=np.int64)
        vector = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return vector.astype(np.float32).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        self._model()
        workers = min(len(texts), self.threads or os.cpu_count() or 1)
        prefixed = [self.passage_prefix + t for t in texts]
        if workers == 1:
            return [self._vector(t) for t in prefixed]
        with ThreadPoolExecutor(workers) as pool:  # onnxruntime lets go of the GIL while it computes
            return list(pool.map(self._vector, prefixed))

    def embed_query(self, text: str) -> list[float]:
        return self._vector(self.query_prefix + text)


def _session(model: Path):
    """The model's onnxruntime session: one thread per run (indexing runs one per worker)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def _tokenizer(folder: Path, max_tokens: int) -> Callable[[str], list[int]]:
    """The folder's tokenizer as a function from a text to its ids (special tokens included)."""
    if (folder / PIECES_FILE).is_file():
        return UnigramTokenizer(folder, max_tokens).encode
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens)
    return lambda text: tokenizer.encode(text).ids
