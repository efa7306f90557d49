"""The expertise taxonomy (sectors and needs) with stable ids, loaded from ``data/``."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml
from bot.domain import Language


@dataclass(frozen=True)
class Taxonomy:
    sectors: dict[str, dict[Language, str]]
    needs: dict[str, dict[Language, str]]

    @property
    def tags(self) -> frozenset[str]:
        return frozenset(self.sectors) | frozenset(self.needs)

    def label(self, tag: str, language: Language) -> str:
        labels = self.sectors.get(tag) or self.needs.get(tag)
        if not labels:
            return tag
        return labels.get(language) or labels[Language.SV]  # staff read Swedish or English


@functools.cache
def load_taxonomy(path: Path = DATA_DIR / "taxonomy.yaml") -> Taxonomy:
    raw = read_yaml(path.read_text(encoding="utf-8"))

    def labels(section: dict[str, dict[str, str]]) -> dict[str, dict[Language, str]]:
        return {k: {Language(lang): text for lang, text in v.items()} for k, v in section.items()}

    return Taxonomy(sectors=labels(raw["sectors"]), needs=labels(raw["needs"]))
