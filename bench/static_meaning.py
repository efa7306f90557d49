"""A reader by meaning without the model's forward pass per idea: tried, and left out.

The issue asks for 1,000 ideas read in under a second on one core; the product's reader by
meaning runs all-mpnet-base-v2 once per idea (about 32 ms). This builds the cheapest reader
by meaning that could make that figure, the way model2vec distils a sentence model: each
token of the model's vocabulary read alone by the model ("<s> token </s>", the mean of its
three outputs, less the vocabulary's mean vector; not made unit length, which read worse),
an idea's vector the weighted mean of its tokens' vectors, each token weighed by how rare it
is (SIF: a / (a + p), p the share of texts it occurs in, over the names and the dev texts).
The names are read the same way, and the readings joined as the product joins them. It is
scored on the English dev texts as first read (bench.fresh_dev, the product's own encoder
beside it in the same run) and timed on 1,000 ideas as bench.classifier times the product;
the held-out parts are not read.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python -m bench.static_meaning
    STATIC_ONLY=1 ...  # the static reader alone, without the model's half

The vocabulary's vectors take about 30 minutes on one core the first time (kept in spbot's
cache directory, beside the names' vectors).
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest.mock import patch

import numpy as np
import yaml

import bench.fresh_dev as fresh_dev
from bench.classifier import DATA, NEWS_TITLES, REAL_SET_TITLES, load, speed
from bot.matching import semantic
from bot.matching.encoder import DIGESTS, SentenceEncoder, default_cache_dir, installed_model
from bot.matching.lexicon import load_lexicon

# a in SIF's a / (a + p); 0.001, 0.003, 0.01 and 0.03 were tried (docs/benchmarks.md).
SMOOTHING = 0.003
# The dev texts count this many times beside the names when the tokens' rarity is counted
# (there are about 20 names to each dev text).
DEV_WEIGHT = 5
BATCH = 256


def vocabulary_vectors(encoder: SentenceEncoder) -> np.ndarray:
    """Each token read alone by the model: the mean of its outputs, cached per model."""
    path = default_cache_dir() / f"static-tokens-{DIGESTS['model.safetensors'][:12]}-mean.npy"
    if path.exists():
        vectors: np.ndarray = np.load(path)
        return vectors
    tokenizer = encoder._tokenizer
    start, end = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    size = tokenizer.get_vocab_size()
    vectors = np.zeros((size, encoder.dimensions), np.float32)
    for first in range(0, size, BATCH):
        ids = range(first, min(size, first + BATCH))
        vectors[first : first + len(ids)] = encoder._forward(
            [[start, i, end] for i in ids], unit_length=False
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as f:
        np.save(f, vectors)
    os.replace(f.name, path)
    return vectors


class StaticEncoder:
    """A text's vector without a forward pass: the SIF-weighted mean of its tokens' vectors."""

    def __init__(self, encoder: SentenceEncoder, texts: list[str]) -> None:
        self._tokenizer = encoder._tokenizer
        # Centred: what every token shares (most of a token's vector) says nothing of a trade.
        vectors = vocabulary_vectors(encoder)
        self._vectors = vectors - vectors.mean(0)
        self.dimensions = encoder.dimensions
        self._ends = {self._tokenizer.token_to_id("<s>"), self._tokenizer.token_to_id("</s>")}
        seen = np.zeros(len(self._vectors))
        for encoded in self._tokenizer.encode_batch(texts):
            seen[list(set(encoded.ids))] += 1
        share = seen / max(len(texts), 1)
        self._weights = (SMOOTHING / (SMOOTHING + share)).astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), np.float32)
        for row, encoded in enumerate(self._tokenizer.encode_batch(texts)):
            ids = [i for i in encoded.ids if i not in self._ends]
            if ids:
                mean = (self._vectors[ids] * self._weights[ids][:, None]).mean(0)
                out[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        return out


def dev_texts() -> list[str]:
    return [
        str(row["text"])
        for name, _ in (*REAL_SET_TITLES, *NEWS_TITLES)
        for row in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        if row["part"] == "dev"
    ]


def main() -> None:
    model = SentenceEncoder(installed_model())
    names = [r.text for r in semantic.references()]
    static = StaticEncoder(model, names + dev_texts() * DEV_WEIGHT)
    with tempfile.TemporaryDirectory() as tmp:
        readers = (
            ("the model, as the product reads", model, None),
            ("static token vectors", static, Path(tmp)),
        )
        for label, encoder, cache in readers[int(os.environ.get("STATIC_ONLY", "0")) :]:
            print(f"## {label}\n")

            # bench.fresh_dev's readers and speed's on this encoder (the static vectors'
            # names in a cache of their own, never the product's).
            def reader(*_: object, e: Any = encoder, c: Path | None = cache) -> Any:
                return semantic.SemanticReader(e, None, c)

            with (
                patch.object(fresh_dev, "SentenceEncoder", lambda _path, e=encoder: e),
                patch.object(
                    fresh_dev,
                    "SemanticReader",
                    functools.partial(semantic.SemanticReader, cache_dir=cache),
                ),
                patch.object(semantic, "_loaded", reader),
            ):
                fresh_dev.main()
                speed(load(), load_lexicon())
            print()


if __name__ == "__main__":
    main()
