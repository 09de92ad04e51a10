"""The deterministic hashing embedder: no model, same vector for the same text on any machine (tests, plumbing)."""

from __future__ import annotations

import hashlib
import math
import re

from langchain_core.embeddings import Embeddings

from bot.core.text import fold


class HashEmbeddings(Embeddings):
    """Deterministic bag of folded words and character trigrams, hashed into `dim` buckets.

    No model, no randomness: same text, same vector, on any machine. Meant for tests and
    plumbing; it only knows surface overlap, so it is no substitute for a multilingual model.
    """

    name = "hash-256"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        words = re.findall(r"\w+", fold(text))
        features = words + [w[i:i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for feature in features:
            digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            vec[bucket] += 1.0 if digest[4] & 1 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)
