"""Rebalancing proposals: fewest moves, pinned cases stay, decliners never get a case back,
and the answer matches an independent exact solver on small instances."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.ranking import AdvisorPool, AdvisorProfile, CaseProfile
from bot.matching.rebalance import (
    MOVE_COST,
    OVERLOAD_COST,
    OpenCase,
    propose_greedy,
    propose_rebalance,
    quality_matrix,
)
from bot.matching.setup import region_geography

GEO = region_geography()
NODES = {n.municipality_code: n for n in load_gazetteer().nodes}
TAX = load_taxonomy()


def make_instance(seed: int, advisors: int, cases: int, pinned_share: float = 0.2):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    tags, sectors, needs = sorted(TAX.tags), sorted(TAX.sectors), sorted(TAX.needs)
    profiles = []
    for i in range(advisors):
        code = rng.choice(GEO.codes)
        node = NODES[code]
        profiles.append(
            AdvisorProfile(
                i + 1,
                f"a{i:04d}",
                f"Advisor {i}",
                node.slug,
                node.name,
                code,
                frozenset(rng.sample(tags, 6)),
                frozenset({"sv", "en"}),
                rng.randint(2, 8),
            )
        )
    pool = AdvisorPool(profiles, GEO)
    open_cases = []
    busy = profiles[: max(1, advisors // 3)]  # a third of the advisors get most of the work
    for j in range(cases):
        owner = rng.choice(busy) if rng.random() < 0.6 else rng.choice(profiles)
        profile = CaseProfile(
            rng.choice(GEO.codes), ((rng.choice(sectors), 1.0),), tuple(rng.sample(needs, 2))
        )
        declined = frozenset({rng.randint(1, advisors)}) if rng.random() < 0.3 else frozenset()
        open_cases.append(
            OpenCase(
                j + 1,
                f"C{j:04d}",
                owner.id,
                profile,
                pinned=rng.random() < pinned_share,
                excluded=declined,
            )
        )
    return pool, open_cases


def lp_optimum(pool: AdvisorPool, cases: list[OpenCase]) -> tuple[int, float]:
    """An independent exact solution (scipy/HiGHS over every case and every advisor): the
    fewest moves, then the least quality loss. Returns (moves, loss)."""
    index = {a.id: i for i, a in enumerate(pool.advisors)}
    q = quality_matrix(pool, [c.profile for c in cases])
    n, m = len(cases), len(pool.advisors)
    cols, costs = [], []
    for r, c in enumerate(cases):
        own = index[c.advisor_id]
        for k, a in enumerate(pool.advisors):
            if k == own:
                cols.append((r, k))
                costs.append(0.0)
            elif not c.pinned and a.id not in c.excluded:
                cols.append((r, k))
                costs.append(MOVE_COST + q[r, own] - q[r, k])
    width = len(cols) + m  # one overload column per advisor keeps every instance feasible
    rows_eq = [r for r, _ in cols]
    a_eq = coo_matrix((np.ones(len(cols)), (rows_eq, range(len(cols)))), shape=(n, width))
    ub_rows = [k for _, k in cols] + list(range(m))
    ub_vals = [1.0] * len(cols) + [-1.0] * m
    a_ub = coo_matrix((ub_vals, (ub_rows, range(width))), shape=(m, width))
    res = linprog(
        costs + [OVERLOAD_COST] * m,
        A_ub=a_ub,
        b_ub=[a.capacity for a in pool.advisors],
        A_eq=a_eq,
        b_eq=np.ones(n),
        bounds=[(0, 1)] * len(cols) + [(0, None)] * m,
        method="highs",
    )
    assert res.status == 0, res.message
    moves = sum(
        1 for j, (r, k) in enumerate(cols) if res.x[j] > 0.5 and k != index[cases[r].advisor_id]
    )
    overload = float(sum(res.x[len(cols) :]))
    return moves, res.fun - MOVE_COST * moves - OVERLOAD_COST * overload


def _check_invariants(pool: AdvisorPool, cases: list[OpenCase], proposal) -> None:  # type: ignore[no-untyped-def]
    by_id = {c.id: c for c in cases}
    for move in proposal.moves:
        case = by_id[move.case_id]
        assert not case.pinned, "a pinned case never moves"
        assert move.to_advisor not in case.excluded, "a decliner never gets the case back"
        assert move.from_advisor == case.advisor_id
    load = Counter(c.advisor_id for c in cases)
    for m in proposal.moves:
        load[m.from_advisor] -= 1
        load[m.to_advisor] += 1
    assert dict(proposal.load_after) == {a.id: load.get(a.id, 0) for a in pool.advisors}
    for a in pool.advisors:  # nobody is pushed over capacity by a move
        if proposal.load_after[a.id] > a.capacity:
            assert proposal.load_after[a.id] <= proposal.load_before[a.id]


@pytest.mark.parametrize("seed", range(6))
def test_small_instances_match_an_exact_solver(seed: int) -> None:
    pool, cases = make_instance(seed, advisors=12, cases=50)
    proposal = propose_rebalance(cases, pool)
    _check_invariants(pool, cases, proposal)
    exact_moves, exact_loss = lp_optimum(pool, cases)
    total_quality_before = float(sum(m.quality_before for m in proposal.moves))
    assert len(proposal.moves) == exact_moves
    # Within 1 % of the exact optimum (here it is the optimum, up to rounding).
    assert proposal.quality_loss == pytest.approx(
        exact_loss, abs=0.01 * max(1.0, total_quality_before)
    )
    # And never worse than the greedy baseline.
    greedy = propose_greedy(cases, pool)
    assert len(proposal.moves) <= len(greedy.moves) or sum(greedy.still_over.values()) > sum(
        proposal.still_over.values()
    )
    if len(greedy.moves) == len(proposal.moves) and not greedy.still_over:
        assert proposal.quality_loss <= greedy.quality_loss + 1e-6


def test_fewest_moves_bring_everyone_within_capacity() -> None:
    pool, cases = make_instance(11, advisors=60, cases=250, pinned_share=0.0)
    load = Counter(c.advisor_id for c in cases)
    excess = sum(max(0, load[a.id] - a.capacity) for a in pool.advisors)
    proposal = propose_rebalance(cases, pool)
    _check_invariants(pool, cases, proposal)
    assert proposal.still_over == {}
    assert len(proposal.moves) == excess
    assert all(m.reason for m in proposal.moves)


def test_nothing_to_do_and_no_room() -> None:
    pool, cases = make_instance(3, advisors=5, cases=5)
    calm = [OpenCase(c.id, c.ref, pool.advisors[i % 5].id, c.profile) for i, c in enumerate(cases)]
    assert propose_rebalance(calm, pool).moves == ()
    # Everyone pinned: nothing can move, the overload is reported, not hidden.
    first = pool.advisors[0]
    stuck = [
        OpenCase(i, f"P{i}", first.id, cases[0].profile, pinned=True)
        for i in range(first.capacity + 2)
    ]
    proposal = propose_rebalance(stuck, pool)
    assert proposal.moves == () and proposal.still_over == {first.id: 2}
