"""Idea text → ranked sectors, each with the founder's own words that triggered it."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import snowballstemmer
import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.datafiles.gazetteer import DATA_DIR

LEXICON_FILE = DATA_DIR / "expertise_lexicon.yaml"
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
# How much each kind of hit counts: the word itself, inside a compound, a likely typo.
WEIGHT_EXACT = 1.0
WEIGHT_COMPOUND = 0.8
WEIGHT_FUZZY = 0.6
MIN_COMPOUND_PART = 5  # "bageri" is found in "surdegsbageri"; "mat" is not found in "format"
FUZZY_CUTOFF = 87.0
MIN_FUZZY_WORD = 6
MIN_SCORE = 0.25  # sectors scoring less than this share of the best are dropped


@dataclass(frozen=True)
class SectorMatch:
    sector: str
    score: float  # 0..1, relative to the idea's strongest sector
    triggers: tuple[str, ...]  # the founder's words that pointed here
    evidence: float = 0.0  # raw weight of the hits (comparable across ideas)


@dataclass(frozen=True)
class Classification:
    text: str
    sectors: tuple[SectorMatch, ...] = field(default_factory=tuple)

    @property
    def sector_ids(self) -> list[str]:
        return [s.sector for s in self.sectors]


def _stemmers() -> tuple[snowballstemmer.stemmer, snowballstemmer.stemmer]:
    return snowballstemmer.stemmer("swedish"), snowballstemmer.stemmer("english")


class ExpertiseClassifier:
    """Keyword lexicon + Snowball stems (Swedish and English) + compounds + typo tolerance."""

    def __init__(self, lexicon: dict[str, dict[str, list[str]]] | None = None) -> None:
        raw = lexicon if lexicon is not None else load_lexicon()
        self._sv, self._en = _stemmers()
        self._single: dict[str, set[str]] = defaultdict(set)  # stem → sectors
        self._phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for sector, by_language in raw.items():
            for words in by_language.values():
                for keyword in words:
                    stems = tuple(self._stem(w) for w in _WORD.findall(keyword.casefold()))
                    if len(stems) == 1:
                        self._single[stems[0]].add(sector)
                    elif stems:
                        self._phrases[stems].add(sector)
        self._compound_parts = sorted(
            (s for s in self._single if len(s) >= MIN_COMPOUND_PART), key=len, reverse=True
        )
        self._fuzzy_keys = [s for s in self._single if len(s) >= MIN_FUZZY_WORD - 1]

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one classifier lives for the process
    def _stem(self, word: str) -> str:
        word = unicodedata.normalize("NFC", word.casefold())
        sv = self._sv.stemWord(word)
        en = self._en.stemWord(word)
        # Use the shorter stem: it unifies more inflections ("bagerier" → "bageri").
        return str(min(sv, en, key=len))

    def classify(self, text: str, limit: int = 3) -> Classification:
        words = _WORD.findall(text)
        stems = [self._stem(w) for w in words]
        evidence: dict[str, float] = defaultdict(float)
        triggers: dict[str, list[str]] = defaultdict(list)

        def hit(sector: str, weight: float, word: str) -> None:
            evidence[sector] += weight
            if word not in triggers[sector]:
                triggers[sector].append(word)

        used: set[int] = set()
        for phrase, sectors in self._phrases.items():
            n = len(phrase)
            for i in range(len(stems) - n + 1):
                if tuple(stems[i : i + n]) == phrase:
                    for sector in sectors:
                        hit(sector, WEIGHT_EXACT * n, " ".join(words[i : i + n]))
                    used.update(range(i, i + n))
        for i, (word, stem) in enumerate(zip(words, stems, strict=True)):
            if i in used:
                continue
            if stem in self._single:
                for sector in self._single[stem]:
                    hit(sector, WEIGHT_EXACT, word)
                continue
            part = self._compound_part(word.casefold())
            if part is not None:
                for sector in self._single[part]:
                    hit(sector, WEIGHT_COMPOUND, word)
                continue
            if len(stem) >= MIN_FUZZY_WORD - 1 and len(word) >= MIN_FUZZY_WORD:
                found = process.extractOne(
                    stem, self._fuzzy_keys, scorer=_similarity, score_cutoff=FUZZY_CUTOFF
                )
                if found is not None:
                    for sector in self._single[found[0]]:
                        hit(sector, WEIGHT_FUZZY, word)
        if not evidence:
            return Classification(text)
        best = max(evidence.values())
        ranked = sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))
        matches = tuple(
            SectorMatch(sector, round(value / best, 3), tuple(triggers[sector]), round(value, 3))
            for sector, value in ranked
            if value / best >= MIN_SCORE
        )
        return Classification(text, matches[:limit])

    def _compound_part(self, word: str) -> str | None:
        """The longest known stem that ends a Swedish compound ("surdegsbageri" → "bageri")
        or starts one ("mjukvaruföretag" → "mjukvar")."""
        if len(word) <= MIN_COMPOUND_PART:
            return None
        for part in self._compound_parts:
            if (
                part in word
                and len(part) >= MIN_COMPOUND_PART
                and (word.endswith(part) or word.startswith(part) or len(part) >= 7)
            ):
                return part
        return None


def _similarity(a: str, b: str, *, score_cutoff: float | None = None, **_: object) -> float:
    if abs(len(a) - len(b)) > 2:
        return 0.0
    return float(OSA.normalized_similarity(a, b) * 100)


@functools.cache
def load_lexicon(path: Path = LEXICON_FILE) -> dict[str, dict[str, list[str]]]:
    data: dict[str, dict[str, list[str]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data
