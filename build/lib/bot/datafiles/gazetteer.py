"""Reference geography shipped in ``data/``: municipalities, localities, postal codes, nodes."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Shipped inside the package (read where the package is installed; settings can point to
# other files): bot/data/.
DATA_DIR = Path(str(resources.files("bot") / "data"))


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    in_region: bool
    seat: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Locality:
    name: str
    municipality_code: str
    kind: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class PostalArea:
    code: str  # 3 or 5 digits
    municipality_code: str
    locality: str | None
    uncertain: bool  # a mixed 3-digit prefix, or sources disagree: confirm with the founder


@dataclass(frozen=True)
class NodeInfo:
    slug: str
    name: str
    municipality_code: str


@dataclass(frozen=True)
class Gazetteer:
    municipalities: dict[str, Municipality]  # every Swedish municipality by SCB code
    localities: tuple[Locality, ...]
    postal_areas: dict[str, PostalArea]  # by 3- or 5-digit code
    nodes: tuple[NodeInfo, ...]

    @property
    def region(self) -> list[Municipality]:
        return [m for m in self.municipalities.values() if m.in_region]

    def municipality(self, code: str) -> Municipality | None:
        return self.municipalities.get(code)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


@functools.cache
def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    municipalities = {
        row["kommunkod"]: Municipality(row["kommunkod"], row["name"], in_region=False)
        for row in _read(data_dir / "sweden_municipalities.csv")
    }
    for row in _read(data_dir / "municipalities.csv"):
        municipalities[row["kommunkod"]] = Municipality(
            code=row["kommunkod"],
            name=row["name"],
            in_region=row["in_region"] == "true",
            seat=row["seat"] or None,
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
        )
    localities = tuple(
        Locality(row["name"], row["kommunkod"], row["kind"], _float(row["lat"]), _float(row["lon"]))
        for row in _read(data_dir / "localities.csv")
    )
    postal = {
        row["prefix"]: PostalArea(
            code=row["prefix"],
            municipality_code=row["kommunkod"],
            locality=row["locality"] or None,
            uncertain="MIXED" in row["note"].upper() or row["confidence"] == "low",
        )
        for row in _read(data_dir / "postcodes.csv")
    }
    nodes = tuple(
        NodeInfo(row["slug"], row["name"], row["kommunkod"])
        for row in _read(data_dir / "nodes.csv")
    )
    return Gazetteer(municipalities, localities, postal, nodes)
