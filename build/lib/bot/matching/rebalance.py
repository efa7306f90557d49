"""Workload rebalancing: the fewest moves that bring every advisor within capacity, losing
as little match quality as possible. It proposes; the case workflow applies.

Only cases of over-capacity advisors move, and only to advisors with room: that is the least
number of moves (the total excess). Which case goes where is a min-cost flow (OR-Tools),
so the answer is whole moves and optimal for the candidate targets it is given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from bot.matching.ranking import AdvisorPool, AdvisorProfile, CaseProfile

# Every move costs this much more than any loss of quality (qualities lie in 0..1), so the
# solver first minimises the number of moves, then the loss. Leaving an advisor over
# capacity costs far more than a move: it only happens when no room exists anywhere.
MOVE_COST = 10.0
OVERLOAD_COST = 10_000.0
COST_SCALE = 10_000  # the flow solver takes whole-number costs
EXTRA_TARGETS = 10


@dataclass(frozen=True)
class OpenCase:
    id: int
    ref: str
    advisor_id: int
    profile: CaseProfile
    pinned: bool = False  # the founder has met the advisor: never moved
    excluded: frozenset[int] = frozenset()  # advisors who declined or let an offer expire


@dataclass(frozen=True)
class Move:
    case_id: int
    case_ref: str
    from_advisor: int
    to_advisor: int
    quality_before: float
    quality_after: float
    reason: str


@dataclass(frozen=True)
class Proposal:
    moves: tuple[Move, ...]
    load_before: dict[int, int]
    load_after: dict[int, int]
    capacity: dict[int, int]
    still_over: dict[int, int] = field(default_factory=dict)  # advisor → cases over capacity

    @property
    def quality_loss(self) -> float:
        return round(sum(m.quality_before - m.quality_after for m in self.moves), 6)


def quality_matrix(pool: AdvisorPool, profiles: Sequence[CaseProfile]) -> NDArray[np.float64]:
    """Match quality of every case with every advisor (expertise, distance, language; not
    load, which is what is being changed). Vectorised: one matrix product per component."""
    w = pool.weights
    m, n_tags = len(profiles), pool.expertise.shape[1]
    sectors = np.zeros((m, n_tags))
    needs = np.zeros((m, n_tags))
    for row, case in enumerate(profiles):
        for tag, weight in case.sectors:
            if tag in pool.tag_index:
                sectors[row, pool.tag_index[tag]] += weight
        for tag in case.needs:
            if tag in pool.tag_index:
                needs[row, pool.tag_index[tag]] += 1.0
    sector_total = np.array([sum(x for _, x in c.sectors) for c in profiles])
    need_total = np.array([len(c.needs) for c in profiles], dtype=np.float64)
    has_s, has_n = sector_total > 0, need_total > 0
    share_s = np.where(has_s, w.sector_share, 0.0)
    share_n = np.where(has_n, 1 - w.sector_share, 0.0)
    total = share_s + share_n
    fit_s = (sectors @ pool.expertise.T) / np.where(has_s, sector_total, 1.0)[:, None]
    fit_n = (needs @ pool.expertise.T) / np.where(has_n, need_total, 1.0)[:, None]
    fit = np.where(
        (total > 0)[:, None],
        (share_s[:, None] * fit_s + share_n[:, None] * fit_n)
        / np.where(total > 0, total, 1.0)[:, None],
        0.5,
    )
    homes = np.array([pool.geo.index[c.municipality_code] for c in profiles])
    distance = pool.geo.km[homes[:, None], pool.node_muni[None, :]]
    no_lang = np.zeros(len(pool.advisors), dtype=bool)
    speaks = np.stack([pool.langs.get(c.language, no_lang) for c in profiles]) if m else None
    quality = w.expertise * fit + w.distance * np.clip(1 - distance / w.distance_scale_km, 0, 1)
    if speaks is not None:
        quality = quality + w.language * speaks
    return np.asarray(quality, dtype=np.float64)


def propose_rebalance(
    cases: Sequence[OpenCase], pool: AdvisorPool, *, targets_per_case: int | None = 25
) -> Proposal:
    """Propose moves. Each case is offered its best ``targets_per_case`` advisors with room
    (plus the roomiest ones); when that leaves someone over capacity while room remains,
    the search widens, up to every advisor (``None``: exact from the start)."""
    proposal = _propose(cases, pool, targets_per_case)
    width = targets_per_case
    while proposal.still_over and width is not None and _room_left(proposal):
        width = None if width * 4 >= len(pool.advisors) else width * 4
        proposal = _propose(cases, pool, width)
    return proposal


def _room_left(proposal: Proposal) -> bool:
    return any(proposal.load_after[a] < cap for a, cap in proposal.capacity.items())


def _propose(
    cases: Sequence[OpenCase], pool: AdvisorPool, targets_per_case: int | None
) -> Proposal:
    index = {a.id: i for i, a in enumerate(pool.advisors)}
    names = {a.id: a for a in pool.advisors}
    capacity = {a.id: a.capacity for a in pool.advisors}
    load = Counter(c.advisor_id for c in cases)
    load_before = {a.id: load.get(a.id, 0) for a in pool.advisors}
    over = {a: load[a] - capacity.get(a, 0) for a in load if load[a] > capacity.get(a, 0)}
    if not over:
        return Proposal((), load_before, dict(load_before), capacity)
    available = {a.id for a in pool.advisors if a.active and not a.absent}
    spare = {a: capacity[a] - load_before[a] for a in available if capacity[a] > load_before[a]}
    movable = [c for c in cases if c.advisor_id in over and not c.pinned]
    pinned = Counter(c.advisor_id for c in cases if c.advisor_id in over and c.pinned)
    if not movable or not spare:
        return Proposal((), load_before, dict(load_before), capacity, dict(over))

    quality = quality_matrix(pool, [c.profile for c in movable])
    spare_ids = np.array(sorted(spare))
    spare_cols = np.array([index[a] for a in spare_ids])

    own_cols = np.array([index.get(c.advisor_id, -1) for c in movable])
    own_quality = np.where(
        own_cols >= 0, quality[np.arange(len(movable)), np.maximum(own_cols, 0)], 0.0
    )
    q = quality[:, spare_cols].copy()
    spare_pos = {int(a): k for k, a in enumerate(spare_ids)}
    for row, case in enumerate(movable):  # an advisor never gets a case back they declined
        for a in (case.advisor_id, *case.excluded):
            if a in spare_pos:
                q[row, spare_pos[a]] = -np.inf
    k = q.shape[1] if targets_per_case is None else min(targets_per_case, q.shape[1])
    top = (
        np.argpartition(-q, k - 1, axis=1)[:, :k]
        if k < q.shape[1]
        else np.tile(np.arange(q.shape[1]), (len(movable), 1))
    )
    # Also offer every case the advisors with the most room, so that many cases preferring
    # the same few targets cannot leave capacity unused.
    roomiest = np.argsort([-spare[int(a)] for a in spare_ids], kind="stable")[:EXTRA_TARGETS]
    if targets_per_case is not None:
        top = np.hstack([top, np.tile(roomiest, (len(movable), 1))])
    rows = np.repeat(np.arange(len(movable)), top.shape[1])
    flat = top.ravel()
    q_top = q[rows, flat]
    keep = np.isfinite(q_top)
    rows, flat, q_top = rows[keep], flat[keep], q_top[keep]
    flows = _solve_flow(
        movable, over, capacity, pinned, spare, rows, spare_ids[flat], own_quality[rows] - q_top
    )
    moves = []
    after = dict(load_before)
    for row, target in flows:
        case = movable[row]
        before_q = float(own_quality[row])
        after_q = float(quality[row, index[target]])
        after[case.advisor_id] -= 1
        after[target] += 1
        moves.append(
            Move(
                case.id,
                case.ref,
                case.advisor_id,
                target,
                round(before_q, 4),
                round(after_q, 4),
                _reason(names, case.advisor_id, target, load_before, capacity),
            )
        )
    over_ids = sorted(over)
    still_over = {a: after[a] - capacity[a] for a in over_ids if after[a] > capacity[a]}
    moves.sort(key=lambda m: m.case_ref)
    return Proposal(tuple(moves), load_before, after, capacity, still_over)


def _solve_flow(
    movable: Sequence[OpenCase],
    over: dict[int, int],
    capacity: dict[int, int],
    pinned: Counter[int],
    spare: dict[int, int],
    move_rows: NDArray[np.int64],
    move_targets: NDArray[np.int64],
    move_loss: NDArray[np.float64],
) -> list[tuple[int, int]]:
    """Min-cost flow: each movable case sends one unit either to its own advisor (stay) or
    to a candidate with room; advisors pass at most their free capacity on to the sink.
    Returns (case row, target advisor) for every case that moves."""
    m = len(movable)
    advisor_ids = sorted(set(over) | set(spare))
    node_of = {a: m + i for i, a in enumerate(advisor_ids)}
    sink = m + len(advisor_ids)
    own = np.array([node_of[c.advisor_id] for c in movable], dtype=np.int64)
    tails = [np.arange(m), move_rows]
    heads = [own, np.array([node_of[int(a)] for a in move_targets], dtype=np.int64)]
    caps = [np.ones(m), np.ones(len(move_rows))]
    costs = [np.zeros(m), MOVE_COST + move_loss]
    free = [max(capacity[a] - pinned.get(a, 0), 0) if a in over else spare[a] for a in advisor_ids]
    tails += [np.array([node_of[a] for a in advisor_ids]), np.array([node_of[a] for a in over])]
    heads += [np.full(len(advisor_ids), sink), np.full(len(over), sink)]
    caps += [np.array(free, dtype=np.float64), np.full(len(over), m, dtype=np.float64)]
    costs += [np.zeros(len(advisor_ids)), np.full(len(over), OVERLOAD_COST)]
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int64),
        np.concatenate(heads).astype(np.int64),
        np.concatenate(caps).astype(np.int64),
        np.round(np.concatenate(costs) * COST_SCALE).astype(np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:m] = 1
    supplies[sink] = -m
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int64), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:  # pragma: no cover - the overload arcs keep it feasible
        raise RuntimeError(f"rebalancing failed: min-cost flow status {status}")
    moved = flow.flows(arcs[m : m + len(move_rows)])
    return [(int(move_rows[j]), int(move_targets[j])) for j in np.flatnonzero(moved > 0)]


def _reason(
    names: dict[int, AdvisorProfile],
    source: int,
    target: int,
    load: dict[int, int],
    capacity: dict[int, int],
) -> str:
    src, dst = names[source], names[target]
    return (
        f"{src.name} has {load[source]} cases for a capacity of {capacity[source]}; "
        f"{dst.name} ({dst.node_name}) has room ({load[target]} of {capacity[target]})"
    )


def propose_greedy(cases: Sequence[OpenCase], pool: AdvisorPool) -> Proposal:
    """The naive baseline: each over-capacity advisor hands off the cases it loses least on,
    each to the best advisor that still has room at that moment."""
    index = {a.id: i for i, a in enumerate(pool.advisors)}
    capacity = {a.id: a.capacity for a in pool.advisors}
    load = Counter(c.advisor_id for c in cases)
    load_before = {a.id: load.get(a.id, 0) for a in pool.advisors}
    after = dict(load_before)
    available = {a.id for a in pool.advisors if a.active and not a.absent}
    by_advisor: dict[int, list[OpenCase]] = defaultdict(list)
    for c in cases:
        if not c.pinned:
            by_advisor[c.advisor_id].append(c)
    moves = []
    names = {a.id: a for a in pool.advisors}
    for source in sorted(a for a in load if load[a] > capacity.get(a, 0)):
        mine = by_advisor[source]
        if not mine:
            continue
        quality = quality_matrix(pool, [c.profile for c in mine])
        best_loss = []
        for row, case in enumerate(mine):
            own = quality[row, index[source]]
            options = [
                (own - quality[row, index[b]], b)
                for b in available
                if b != source and b not in case.excluded and after[b] < capacity[b]
            ]
            if options:
                loss, target = min(options)
                best_loss.append((loss, row, target))
        best_loss.sort()
        for _, row, _ in best_loss:
            if after[source] <= capacity[source]:
                break
            case = mine[row]
            options = [
                (quality[row, index[b]], -b)
                for b in available
                if b != source and b not in case.excluded and after[b] < capacity[b]
            ]
            if not options:
                continue
            q, neg_b = max(options)
            target = -neg_b
            after[source] -= 1
            after[target] += 1
            moves.append(
                Move(
                    case.id,
                    case.ref,
                    source,
                    target,
                    round(float(quality[row, index[source]]), 4),
                    round(float(q), 4),
                    _reason(names, source, target, load_before, capacity),
                )
            )
    still_over = {a: after[a] - capacity[a] for a in after if after[a] > capacity[a]}
    return Proposal(tuple(moves), load_before, after, capacity, still_over)
