"""The partner directory shipped with the product (``bot/data/partners.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml


@dataclass(frozen=True)
class PartnerRecord:
    key: str
    name: str
    what_sv: str
    what_en: str
    website: str
    email: str | None = None


def load_partners(path: Path = DATA_DIR / "partners.yaml") -> list[PartnerRecord]:
    data = read_yaml(path.read_text(encoding="utf-8")) or {}
    out: list[PartnerRecord] = []
    for entry in data.get("partners") or []:
        what = entry.get("what") or {}
        out.append(
            PartnerRecord(
                key=str(entry["key"]),
                name=str(entry["name"]),
                what_sv=str(what.get("sv", "")),
                what_en=str(what.get("en") or what.get("sv", "")),
                website=str(entry.get("website") or ""),
                email=entry.get("email"),
            )
        )
    keys = [p.key for p in out]
    if len(keys) != len(set(keys)):
        raise ValueError("partners.yaml: a key is used twice")
    return out
