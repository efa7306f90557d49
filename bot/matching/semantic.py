"""A second reader of ideas: by meaning, beside the sector lexicon's words.

The lexicon reads the words a founder writes; a trade nobody listed, or listed in other words
("we fix bikes" for a bicycle repair shop), it misses. This reader puts the idea and every
name of a trade the project knows into one space with a sentence-embedding model
(encoder.py) and asks which sector's names lie closest: the mean of the K nearest names of
each sector. The names are all the project's own vocabulary, each with its sector:

- the English names of the NACE Rev. 2.1 classes whose SNI 2025 codes all have one sector
  (nace21_classes.csv, sni_divisions.yaml);
- by the same rule, the English names of the most detailed activities of eleven other
  classifications (NAICS, SIC 1987, Japan's, Korea's, Singapore's, India's, the UK's,
  Thailand's, ISIC), through their concordances to NACE Rev. 2.1
  (national_activity_names.csv): other countries' words for the same trades ("Taxi and
  Ridesharing Services", "Soap and Other Detergent Manufacturing");
- the English words of the curated SNI trades (sni_trades.yaml);
- the sector lexicon's English words (expertise_lexicon.yaml, trades_lexicon.yaml);
- the everyday names of trades (trade_names.yaml) and of SNI codes (sni_everyday_names.yaml).

The two readings are joined in ``combine``: the lexicon's first three sectors get a bonus by
rank, and the sector with the highest sum leads. The names that are of one SNI 2025 code also
give the code nearest in meaning (``SemanticReader.code``), which sni.suggest_code tells the
founder of when the words name no code in the confirmed sector. The model reads English
only: a Swedish idea is read through its words in English (gloss.py), and joined with the
lexicon's reading with a larger bonus (SWEDISH_LEXICON_BONUS), the lexicon reading Swedish
better than English; an idea too short to tell its language keeps the lexicon's reading.
The names' vectors are kept in a cache file (vectors of the same model for the same text are
the same), so that a process starts in seconds, not in the minutes the first run takes.
"""

from __future__ import annotations

import fcntl
import functools
import logging
import os
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml
from bot.matching.encoder import (
    DIGESTS,
    ModelUnavailable,
    SentenceEncoder,
    default_cache_dir,
    installed_model,
)
from bot.matching.gloss import in_english
from bot.matching.lexicon import load_lexicon
from bot.matching.sni import load_nace, load_names, load_national_names, load_sni, sector_of
from bot.matching.words import WORD, written_in

log = logging.getLogger(__name__)

TRADE_NAMES_FILE = DATA_DIR / "trade_names.yaml"
SNI_EVERYDAY_FILE = DATA_DIR / "sni_everyday_names.yaml"

# Chosen on the dev texts read by the lexicon and the names as they were before those texts
# were added (docs/benchmarks.md, "A second reader, by meaning"): a sector's score is the mean
# similarity of its K nearest names; the lexicon's first, second and third sectors get
# LEXICON_BONUS, a half and a third of it.
NEAREST = 5
LEXICON_BONUS = 0.08
# A Swedish idea's words in English are a rougher text than an English idea, and the
# lexicon reads Swedish better: its sectors get more. Chosen on the Swedish dev texts and the
# Swedish local news as first read, with that day's lexicon and today's SCB names
# (bench.fresh_dev_sv): 242 of 272 right first without meaning; 251 / 251 / 254 / 253 / 248
# at 0.08 / 0.10 / 0.12 / 0.14 / 0.16 (docs/benchmarks.md).
SWEDISH_LEXICON_BONUS = 0.12
# An idea the lexicon cannot read gets a sector from this reader alone only when a sector's
# names lie at least this near: "I want to start my own business" or "Can you help me with
# funding for my startup?" come to 0.42-0.45 with some sector, "we fix bikes" to 0.62.
FLOOR = 0.55


# The nearest name of a code must lie at least this near for the code to be suggested (with
# SECTOR_BONUS for a code of the founder's sector).
CODE_FLOOR = 0.45
SECTOR_BONUS = 0.05


@dataclass(frozen=True)
class Reference:
    text: str
    sector: str
    code: str | None = None  # the SNI 2025 detail code the name is a name of, if one


def _codes_of_classes() -> dict[str, list[str]]:
    """Each NACE Rev. 2.1 class's SNI 2025 codes (an SNI code's first four digits are its
    class)."""
    codes_of: dict[str, list[str]] = defaultdict(list)
    for code in load_names():
        codes_of[code[:4]].append(code)
    return codes_of


def _one_sector(codes: list[str]) -> str | None:
    """The sector of SNI 2025 codes when they all have the same one (a name of several
    sectors' trades names none of them)."""
    sectors = {sector_of(c) for c in codes} - {None}
    return sectors.pop() if len(sectors) == 1 else None


def national_references() -> list[Reference]:
    """Other classifications' names of trades, each with the sector of its NACE Rev. 2.1
    classes where their SNI 2025 codes all have one (NACE's own class names' rule)."""
    codes_of = _codes_of_classes()
    out = []
    for name, classes in load_national_names():
        sector = _one_sector([c for nace_class in classes for c in codes_of[nace_class]])
        if sector is not None:
            out.append(Reference(name, sector))
    return out


def references(national: bool = True) -> list[Reference]:
    """Every English name of a trade the project knows, with its sector (and its SNI 2025
    code where the name is of one code), each once (whatever its capitals); ``national``:
    with other classifications' names (bench/fresh_dev.py compares without)."""
    found: dict[tuple[str, str], tuple[str, str | None]] = {}

    def add(text: str, sector: str | None, code: str | None = None) -> None:
        if sector and text.strip():
            key = (text.strip().casefold(), sector)
            first, known = found.get(key, (text.strip(), None))
            found[key] = (first, known or code)

    codes_of = _codes_of_classes()
    for nace_class, name in load_nace().items():
        within = codes_of[nace_class]
        # A class SNI 2025 splits into several codes names none of them alone.
        add(name, _one_sector(within), within[0] if len(within) == 1 else None)
    trades, trade_words = load_sni()
    for code, trade in trades.items():
        for word in trade_words[code]["en"]:
            add(word, trade.sector, code)
    for sector, by in load_lexicon(occupations=None).items():
        for word in by.get("en", []):
            add(word, sector)
    for sector, by in read_yaml(TRADE_NAMES_FILE.read_text(encoding="utf-8")).items():
        for name in (by or {}).get("en", []) or []:
            add(name, sector)
    for number, by in read_yaml(SNI_EVERYDAY_FILE.read_text(encoding="utf-8"))["codes"].items():
        for name in (by or {}).get("en", []) or []:
            add(name, sector_of(str(number)), str(number))
    for ref in national_references() if national else []:
        add(ref.text, ref.sector)
    return [Reference(text, sector, code) for (_, sector), (text, code) in found.items()]


class VectorCache:
    """Texts' vectors under one model, in one file: read whole, written whole (atomically,
    under a lock, so that processes starting together compute the missing ones once)."""

    def __init__(self, directory: Path) -> None:
        # Named by the model's weights: another model's vectors are another file.
        self.path = directory / f"sentence-vectors-{DIGESTS['model.safetensors'][:12]}.npz"

    def vectors(self, texts: list[str], encoder: SentenceEncoder) -> np.ndarray:
        known = self._read()
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            try:
                known = self._compute_and_keep(texts, encoder)
            except OSError as exc:
                # No cache to write (a service user without a home, a full disk): computed
                # for this process only.
                log.warning("names' vectors not cached (%s): computed for this process", exc)
                known.update(zip(missing, encoder.embed(missing), strict=True))
        if not texts:
            return np.zeros((0, encoder.dimensions), np.float32)
        return np.stack([known[t] for t in texts])

    def _compute_and_keep(
        self, texts: list[str], encoder: SentenceEncoder
    ) -> dict[str, np.ndarray]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / (self.path.name + ".lock")).open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            known = self._read()  # another process may have computed them meanwhile
            missing = [t for t in dict.fromkeys(texts) if t not in known]
            if missing:
                log.info("computing %d names' vectors (once, then cached)", len(missing))
                known.update(zip(missing, encoder.embed(missing), strict=True))
                self._write(known)
        return known

    def _read(self) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                return dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        except (OSError, KeyError, ValueError):
            return {}

    def _write(self, known: dict[str, np.ndarray]) -> None:
        texts = list(known)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        with os.fdopen(fd, "wb") as f:
            np.savez(f, texts=np.array(texts), vectors=np.stack([known[t] for t in texts]))
        os.replace(tmp, self.path)


@dataclass(frozen=True)
class SemanticMatch:
    sector: str
    score: float
    like: tuple[str, ...]  # the names nearest the idea, nearest first


@dataclass(frozen=True)
class CodeMatch:
    code: str  # an SNI 2025 detail code
    score: float
    like: tuple[str, ...]


class SemanticReader:
    """An idea (English, or Swedish through its words in English) → sectors by the names nearest
    in meaning."""

    def __init__(
        self,
        encoder: SentenceEncoder,
        refs: list[Reference] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._encoder = encoder
        self._refs = refs if refs is not None else references()
        cache = VectorCache(cache_dir or default_cache_dir())
        self._vectors = cache.vectors([r.text for r in self._refs], encoder)
        self.sectors = sorted({r.sector for r in self._refs})
        self._of_sector = {
            s: np.array([i for i, r in enumerate(self._refs) if r.sector == s])
            for s in self.sectors
        }
        self._coded = np.array([i for i, r in enumerate(self._refs) if r.code is not None])
        # An idea is read for its sectors, then for its SNI code (and by `spbot classify`
        # more than once): its vector is computed once.
        self._vector = functools.lru_cache(maxsize=64)(self._embed_one)

    def _embed_one(self, text: str) -> np.ndarray:
        vector: np.ndarray = self._encoder.embed([text])[0]
        return vector

    def read(self, text: str) -> list[SemanticMatch]:
        """Every sector, nearest first (empty for a text this reader does not read)."""
        english = as_english(text)
        if english is None:
            return []
        similarity = self._vectors @ self._vector(english)
        out = []
        for sector, rows in self._of_sector.items():
            nearest = rows[np.argsort(-similarity[rows])[:NEAREST]]
            out.append(
                SemanticMatch(
                    sector,
                    float(similarity[nearest].mean()),
                    tuple(self._refs[i].text for i in nearest[:3]),
                )
            )
        return sorted(out, key=lambda m: -m.score)

    def code(self, text: str, sector: str | None) -> CodeMatch | None:
        """The SNI 2025 code whose names lie nearest the idea, a code of the founder's sector
        nearer by SECTOR_BONUS (the sectors follow SNI's divisions, but not everywhere: a dog
        groomer is an animal trade here and a consumer service in SNI); None for a text this
        reader does not read, or with no name of a code near enough (CODE_FLOOR). English
        ideas only: Swedish ones name their codes in SCB's own words (sni.py)."""
        if not _looks_english(text) or not len(self._coded):
            return None
        similarity = self._vectors[self._coded] @ self._vector(text)
        similarity += np.array(
            [SECTOR_BONUS * (self._refs[i].sector == sector) for i in self._coded],
            dtype=np.float32,
        )
        order = np.argsort(-similarity)
        best = self._refs[self._coded[order[0]]]
        if float(similarity[order[0]]) < CODE_FLOOR or best.code is None:
            return None
        like = [self._refs[self._coded[i]].text for i in order]
        same = [
            t
            for t, i in zip(like, order, strict=True)
            if self._refs[self._coded[i]].code == best.code
        ]
        return CodeMatch(best.code, float(similarity[order[0]]), tuple(same[:3]))


def combine(
    lexicon: list[str],
    semantic: Iterable[SemanticMatch],
    limit: int = 3,
    bonus: float = LEXICON_BONUS,
) -> list[str]:
    """The sectors to offer, best first: the semantic scores with the lexicon's first three
    sectors' bonus (``bonus`` by rank); the lexicon's sectors and the semantic reader's
    best, no others. With no semantic reading, the lexicon's as it is; with no lexicon reading,
    the semantic best alone, if it clears FLOOR."""
    matches = list(semantic)
    if not matches:
        return lexicon
    if not lexicon:
        best = matches[0]
        return [best.sector] if best.score >= FLOOR else []
    score = {m.sector: m.score for m in matches}
    for rank, sector in enumerate(lexicon[:3]):
        score[sector] = score.get(sector, 0.0) + bonus / (1 + rank)
    candidates = list(dict.fromkeys([*lexicon, matches[0].sector]))
    return sorted(candidates, key=lambda s: -score.get(s, 0.0))[:limit]


class IdeaMeaning:
    """The semantic reader as ``read_sectors``' ``semantic``: built on first use (a process
    that reads no English or Swedish idea never loads the model); without the model's files,
    or with files that are not the published ones, the lexicon's reading as it is (said once
    in the log)."""

    def __init__(self, model_dir: Path | None = None, cache_dir: Path | None = None) -> None:
        self._model_dir = model_dir
        self._cache_dir = cache_dir
        self._reader: SemanticReader | None = None
        self._tried = False
        self._lock = threading.Lock()

    def reader(self, wait: bool = True) -> SemanticReader | None:
        """The loaded reader (loading it on first use); None without the model — or, not
        waiting, while another thread loads it (a server's first start computes the names'
        vectors for minutes: founders' ideas are read by their words meanwhile)."""
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            if not self._tried:
                self._tried = True
                try:
                    directory = self._model_dir or installed_model(self._cache_dir)
                    if directory is None:
                        raise ModelUnavailable("the model packages are not installed")
                    self._reader = _loaded(directory, self._cache_dir)
                except ModelUnavailable as exc:
                    log.warning("ideas are read by their words only: %s", exc)
                except Exception:  # a damaged file, a library away: never an intake's error
                    log.exception("ideas are read by their words only: the model did not load")
            return self._reader
        finally:
            self._lock.release()

    def code(self, text: str, sector: str | None) -> tuple[str, str] | None:
        """The SNI 2025 code nearest in meaning (SemanticReader.code), with SCB's name."""
        reader = self.reader(wait=False) if _looks_english(text) else None
        found = reader.code(text, sector) if reader is not None else None
        return (found.code, load_names().get(found.code, "")) if found else None

    def __call__(self, text: str, lexicon: list[str]) -> list[str]:
        language = written_in(WORD.findall(text))
        reader = self.reader(wait=False) if language in ("en", "sv") else None
        if reader is None:
            return lexicon
        bonus = SWEDISH_LEXICON_BONUS if language == "sv" else LEXICON_BONUS
        return combine(lexicon, reader.read(text), bonus=bonus)


@functools.lru_cache(maxsize=4)
def _loaded(directory: Path, cache_dir: Path | None) -> SemanticReader:
    """One reader per model and cache in a process (about two seconds to load, 440 MB of
    weights), however many services, commands or tests build an IdeaMeaning."""
    return SemanticReader(SentenceEncoder(directory), None, cache_dir)


def _looks_english(text: str) -> bool:
    return written_in(WORD.findall(text)) == "en"


def as_english(text: str) -> str | None:
    """The text the model reads for an idea: an English idea itself, a Swedish idea's words in
    English (gloss.py); None for an idea too short to tell, or one with no words left."""
    language = written_in(WORD.findall(text))
    if language == "en":
        return text
    if language == "sv":
        return in_english(text) or None
    return None
