"""Advisor ranking for a case: expertise fit, distance, load, absence and language.

The rule people can check: the founder's home node wins when it has a fitting advisor with
room; otherwise the nearest node that has one. Within a node the best score wins; ties are
broken by lighter load, then by the advisor's key, so a ranking is always the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bot.matching.geo import haversine_km


@dataclass(frozen=True)
class RankingWeights:
    """How much each component counts in an advisor's score (see docs/matching.md)."""

    expertise: float = 0.5
    distance: float = 0.25
    load: float = 0.2
    language: float = 0.05
    # Distance at which the distance component reaches zero.
    distance_scale_km: float = 120.0
    # Expertise fit at or above which an advisor "fits" the case.
    min_fit: float = 0.2
    # Of the expertise fit, the share that comes from sectors (the rest from needs).
    sector_share: float = 0.6


@dataclass(frozen=True)
class AdvisorProfile:
    id: int
    key: str
    name: str
    node_slug: str
    node_name: str
    municipality_code: str  # where the advisor's node is
    expertise: frozenset[str]
    languages: frozenset[str]
    capacity: int
    load: int = 0  # active cases
    pending_offers: int = 0
    absent: bool = False
    active: bool = True

    @property
    def committed(self) -> int:
        return self.load + self.pending_offers

    @property
    def has_room(self) -> bool:
        return self.committed < self.capacity


@dataclass(frozen=True)
class CaseProfile:
    municipality_code: str
    sectors: tuple[tuple[str, float], ...] = ()  # (sector id, weight 0..1)
    needs: tuple[str, ...] = ()
    language: str = "sv"
    # Advisors who worked with this founder before (their earlier cases), most recent first:
    # one who fits and has room is offered first.
    known_by: tuple[int, ...] = ()


@dataclass(frozen=True)
class Candidate:
    advisor: AdvisorProfile
    score: float
    home: bool
    fits: bool
    distance_km: float
    components: dict[str, float]
    matched: tuple[str, ...]  # expertise tags that matched the case
    explanation: tuple[str, ...] = field(default_factory=tuple)
    # The same reasons as facts, for a reader's language (bot.content.staff_catalog.reasons).
    why: dict[str, Any] = field(default_factory=dict)


class Geography:
    """Municipality seats and the distances between them (computed once)."""

    def __init__(self, seats: dict[str, tuple[float, float]]) -> None:
        self.codes = sorted(seats)
        self.index = {code: i for i, code in enumerate(self.codes)}
        n = len(self.codes)
        self.km = np.zeros((n, n))
        for i, a in enumerate(self.codes):
            for j, b in enumerate(self.codes):
                self.km[i, j] = haversine_km(*seats[a], *seats[b])

    def distance(self, a: str, b: str) -> float:
        return float(self.km[self.index[a], self.index[b]])


def expertise_fit(
    case: CaseProfile, expertise: frozenset[str], sector_share: float
) -> tuple[float, tuple[str, ...]]:
    """0..1: how well an advisor's tags cover the case's sectors and needs."""
    sector_total = sum(w for _, w in case.sectors)
    sector_hit = sum(w for s, w in case.sectors if s in expertise)
    need_hit = sum(1 for n in case.needs if n in expertise)
    parts: list[tuple[float, float]] = []
    if sector_total > 0:
        parts.append((sector_share, sector_hit / sector_total))
    if case.needs:
        parts.append((1 - sector_share, need_hit / len(case.needs)))
    matched = tuple(s for s, _ in case.sectors if s in expertise) + tuple(
        n for n in case.needs if n in expertise
    )
    if not parts:
        return 0.5, matched  # nothing to go on: every advisor fits equally
    share = sum(p for p, _ in parts)
    return sum(p * v for p, v in parts) / share, matched


class AdvisorPool:
    """Advisors prepared for fast ranking: their data as arrays, built once per roster."""

    def __init__(
        self,
        advisors: Sequence[AdvisorProfile],
        geography: Geography,
        weights: RankingWeights | None = None,
    ) -> None:
        self.advisors = list(advisors)
        self.geo = geography
        self.weights = weights or RankingWeights()
        tags = sorted({t for a in self.advisors for t in a.expertise})
        self.tag_index = {t: i for i, t in enumerate(tags)}
        n = len(self.advisors)
        self.expertise = np.zeros((n, max(len(tags), 1)), dtype=np.float64)
        for i, a in enumerate(self.advisors):
            for t in a.expertise:
                self.expertise[i, self.tag_index[t]] = 1.0
        self.node_muni = np.array(
            [geography.index[a.municipality_code] for a in self.advisors], dtype=np.int64
        )
        self.capacity = np.array([a.capacity for a in self.advisors], dtype=np.float64)
        self.committed = np.array([a.committed for a in self.advisors], dtype=np.float64)
        self.available = np.array([a.active and not a.absent for a in self.advisors], dtype=bool)
        self.ids = np.array([a.id for a in self.advisors], dtype=np.int64)
        self.langs = {
            lang: np.array([lang in a.languages for a in self.advisors], dtype=bool)
            for lang in {lang for a in self.advisors for lang in a.languages}
        }
        # Deterministic tie-break: the position of each advisor's key in sorted order.
        order = sorted(range(n), key=lambda i: self.advisors[i].key)
        self.key_rank = np.empty(n, dtype=np.int64)
        self.key_rank[order] = np.arange(n)

    def _vector(self, items: Iterable[tuple[str, float]]) -> NDArray[np.float64]:
        v = np.zeros(self.expertise.shape[1])
        for tag, weight in items:
            if tag in self.tag_index:
                v[self.tag_index[tag]] += weight
        return v

    def fit_scores(self, case: CaseProfile) -> NDArray[np.float64]:
        w = self.weights
        sector_total = sum(x for _, x in case.sectors)
        parts: list[tuple[float, NDArray[np.float64]]] = []
        if sector_total > 0:
            parts.append(
                (w.sector_share, self.expertise @ self._vector(case.sectors) / sector_total)
            )
        if case.needs:
            needs = self._vector((n, 1.0) for n in case.needs)
            parts.append((1 - w.sector_share, self.expertise @ needs / len(case.needs)))
        if not parts:
            return np.full(len(self.advisors), 0.5)
        share = sum(p for p, _ in parts)
        return np.asarray(sum(p * v for p, v in parts) / share, dtype=np.float64)

    def rank(
        self, case: CaseProfile, *, exclude: Iterable[int] = (), limit: int | None = 10
    ) -> list[Candidate]:
        """Advisors who can be offered this case, best first (absent, inactive, full and
        excluded advisors never appear)."""
        w = self.weights
        home = self.geo.index[case.municipality_code]
        distance = self.geo.km[home, self.node_muni]
        fit = self.fit_scores(case)
        speaks = self.langs.get(case.language, np.zeros(len(self.advisors), dtype=bool))
        room = self.committed < self.capacity
        eligible = self.available & room & (self.capacity > 0)
        excluded = set(exclude)
        if excluded:
            eligible &= ~np.isin(self.ids, list(excluded))
        load_ratio = np.divide(
            self.committed, self.capacity, out=np.ones_like(self.committed), where=self.capacity > 0
        )
        score = (
            w.expertise * fit
            + w.distance * np.clip(1 - distance / w.distance_scale_km, 0, 1)
            + w.load * (1 - np.clip(load_ratio, 0, 1))
            + w.language * speaks
        )
        fits = (fit >= w.min_fit) & speaks
        at_home = self.node_muni == home
        # Tiers: -1 worked with this founder before & fits, 0 home & fits, 1 elsewhere &
        # fits (nearest node first), 2 the rest.
        tier = np.where(fits & at_home, 0, np.where(fits, 1, 2))
        if case.known_by:
            tier = np.where(fits & np.isin(self.ids, list(case.known_by)), -1, tier)
        node_distance = np.where(tier == 1, np.round(distance, 1), 0.0)
        idx = np.flatnonzero(eligible)
        order = np.lexsort(
            (
                self.key_rank[idx],
                load_ratio[idx],
                -np.round(score[idx], 9),
                node_distance[idx],
                tier[idx],
            )
        )
        chosen = idx[order] if limit is None else idx[order][:limit]
        return [
            self._candidate(
                case,
                int(i),
                float(score[i]),
                bool(at_home[i]),
                bool(fits[i]),
                float(distance[i]),
                float(fit[i]),
                bool(speaks[i]),
                float(load_ratio[i]),
            )
            for i in chosen
        ]

    def _candidate(
        self,
        case: CaseProfile,
        i: int,
        score: float,
        home: bool,
        fits: bool,
        distance: float,
        fit: float,
        speaks: bool,
        load_ratio: float,
    ) -> Candidate:
        a = self.advisors[i]
        _, matched = expertise_fit(case, a.expertise, self.weights.sector_share)
        components = {
            "expertise": round(fit, 3),
            "distance_km": round(distance, 1),
            "load": round(load_ratio, 3),
            "language": 1.0 if speaks else 0.0,
        }
        return Candidate(
            advisor=a,
            score=round(score, 4),
            home=home,
            fits=fits,
            distance_km=round(distance, 1),
            components=components,
            matched=matched,
            explanation=explain(case, a, fit, matched, home, distance, speaks),
            why=reasons_of(case, a, fit, matched, home, distance, speaks),
        )


def reasons_of(
    case: CaseProfile,
    a: AdvisorProfile,
    fit: float,
    matched: tuple[str, ...],
    home: bool,
    distance: float,
    speaks: bool,
) -> dict[str, Any]:
    """Why this advisor, as facts (what ``explain`` says in words)."""
    return {
        "known": a.id in case.known_by,
        "fit": round(fit, 3),
        "matched": list(matched),
        "wanted": len(case.sectors) + len(case.needs),
        "home": home,
        "distance_km": round(distance),
        "node": a.node_name,
        "load": a.load,
        "offered": a.pending_offers,
        "capacity": a.capacity,
        "speaks": speaks,
        "language": case.language,
    }


def explain(
    case: CaseProfile,
    a: AdvisorProfile,
    fit: float,
    matched: tuple[str, ...],
    home: bool,
    distance: float,
    speaks: bool,
) -> tuple[str, ...]:
    wanted = len(case.sectors) + len(case.needs)
    lines = [
        *(["worked with this founder before"] if a.id in case.known_by else []),
        f"expertise {fit:.0%}: matches {', '.join(matched)} ({len(matched)} of {wanted})"
        if matched
        else f"expertise {fit:.0%}: no tag in common with the case",
        "home node: " + a.node_name if home else f"{distance:.0f} km away: {a.node_name}",
        f"load {a.load} active + {a.pending_offers} offered of capacity {a.capacity}",
        f"speaks {case.language}" if speaks else f"does not speak {case.language}",
    ]
    return tuple(lines)
