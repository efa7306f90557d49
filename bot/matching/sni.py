"""Idea → the SNI code a founder will most likely register the business under (a suggestion).

The trades of ``data/sni_trades.yaml`` are read like sectors (the same stems, compounds and
typo tolerance as ``expertise.py``): each code's everyday words are its evidence. The best code
within the sector the founder confirmed is suggested; if none of its codes is named, the best
code overall (the founder's sector and SCB's may differ: a hairdresser is personal services).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml
from bot.matching.expertise import ExpertiseClassifier

SNI_FILE = DATA_DIR / "sni_trades.yaml"


@dataclass(frozen=True)
class SniCode:
    code: str
    name: str
    sector: str


@dataclass(frozen=True)
class SniCandidate:
    code: str
    name: str
    sector: str
    score: float
    triggers: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"{self.code} {self.name}"


@functools.cache
def load_sni(path: Path = SNI_FILE) -> tuple[dict[str, SniCode], dict[str, dict[str, list[str]]]]:
    raw = read_yaml(path.read_text(encoding="utf-8"))["codes"]
    codes = {str(c): SniCode(str(c), v["name"], v["sector"]) for c, v in raw.items()}
    words = {
        str(c): {"sv": list(v.get("sv", [])), "en": list(v.get("en", []))} for c, v in raw.items()
    }
    return codes, words


class SniReader:
    def __init__(self, path: Path = SNI_FILE) -> None:
        self.codes, words = load_sni(path)
        self._reader = ExpertiseClassifier(words)

    def candidates(self, text: str, limit: int = 5) -> list[SniCandidate]:
        read = self._reader.classify(text, limit=limit)
        return [
            SniCandidate(
                m.sector,
                self.codes[m.sector].name,
                self.codes[m.sector].sector,
                m.score,
                m.triggers,
            )
            for m in read.sectors
        ]

    def suggest(self, text: str, sector: str | None = None) -> SniCandidate | None:
        found = self.candidates(text)
        within = [c for c in found if c.sector == sector]
        best = within or found
        return best[0] if best else None
