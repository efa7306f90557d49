"""Matching benchmarks, each beside a naive baseline in the same run.

    .venv/bin/python -m bench.matching            # prints a Markdown table
    .venv/bin/python -m bench.matching --quick    # smaller, for a smoke run

Figures go to docs/benchmarks.md by hand, with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.places import FuzzyPlaceResolver, fold
from bot.matching.ranking import (
    AdvisorPool,
    AdvisorProfile,
    CaseProfile,
    expertise_fit,
)
from bot.matching.rebalance import OpenCase, propose_greedy, propose_rebalance
from bot.matching.setup import region_geography

TABLE = Path(__file__).resolve().parent.parent / "tests" / "matching" / "places_table.yaml"


def place_queries() -> list[str]:
    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return [str(row[0]) for rows in raw.values() for row in rows]


class NaivePlaceResolver:
    """Baseline: compare the whole text with every known name, keep the best ratio."""

    def __init__(self) -> None:
        g = load_gazetteer()
        self.names = [(fold(m.name), m.code) for m in g.municipalities.values()]
        self.names += [(fold(loc.name), loc.municipality_code) for loc in g.localities]

    def resolve(self, text: str) -> tuple[str, float]:
        query = fold(text)
        best = max(self.names, key=lambda n: fuzz.ratio(query, n[0]))
        return best[1], fuzz.ratio(query, best[0])


def throughput(fn: Callable[[str], object], queries: list[str], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for q in queries:
            fn(q)
        done += len(queries)
    return done / (time.perf_counter() - start)


def make_advisors(n: int, rng: random.Random) -> list[AdvisorProfile]:
    geo = region_geography()
    nodes = {x.municipality_code: x for x in load_gazetteer().nodes}
    tags = sorted(load_taxonomy().tags)
    out = []
    for i in range(n):
        code = rng.choice(geo.codes)
        node = nodes[code]
        out.append(
            AdvisorProfile(
                i + 1,
                f"a{i:05d}",
                f"Advisor {i}",
                node.slug,
                node.name,
                code,
                frozenset(rng.sample(tags, 6)),
                frozenset({"sv", "en"} if rng.random() < 0.7 else {"sv"}),
                rng.randint(5, 15),
                load=rng.randint(0, 10),
                absent=rng.random() < 0.05,
            )
        )
    return out


def make_case(rng: random.Random) -> CaseProfile:
    tax = load_taxonomy()
    return CaseProfile(
        rng.choice(region_geography().codes),
        ((rng.choice(sorted(tax.sectors)), 1.0), (rng.choice(sorted(tax.sectors)), 0.5)),
        tuple(rng.sample(sorted(tax.needs), 2)),
        "sv" if rng.random() < 0.85 else "en",
    )


def naive_rank(advisors: list[AdvisorProfile], case: CaseProfile) -> list[AdvisorProfile]:
    """Baseline: a plain loop scoring every advisor with the same formula, then a sort."""
    geo = region_geography()
    scored = []
    for a in advisors:
        if a.absent or not a.has_room:
            continue
        fit, _ = expertise_fit(case, a.expertise, 0.6)
        d = geo.distance(case.municipality_code, a.municipality_code)
        score = (
            0.5 * fit
            + 0.25 * max(0.0, 1 - d / 120)
            + 0.2 * (1 - a.committed / a.capacity)
            + 0.05 * (case.language in a.languages)
        )
        scored.append((-score, a.key, a))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [a for _, _, a in scored[:10]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def time_each(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def rebalance_instance(
    rng: random.Random, advisors: int, cases: int
) -> tuple[AdvisorPool, list[OpenCase]]:
    profiles = make_advisors(advisors, rng)
    profiles = [
        AdvisorProfile(
            a.id,
            a.key,
            a.name,
            a.node_slug,
            a.node_name,
            a.municipality_code,
            a.expertise,
            a.languages,
            a.capacity,
        )
        for a in profiles
    ]
    pool = AdvisorPool(profiles, region_geography())
    busy = profiles[: advisors // 2]
    open_cases = [
        OpenCase(
            j + 1,
            f"C{j:05d}",
            (rng.choice(busy) if rng.random() < 0.6 else rng.choice(profiles)).id,
            make_case(rng),
            pinned=rng.random() < 0.2,
        )
        for j in range(cases)
    ]
    return pool, open_cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261126)
    seconds = 0.5 if args.quick else 3.0
    rows = []

    queries = place_queries()
    fuzzy, naive = FuzzyPlaceResolver(), NaivePlaceResolver()
    rows.append(
        (
            "Place resolution, queries/s (1 core, 170-query table)",
            f"{throughput(fuzzy.resolve, queries, seconds):,.0f}",
            f"{throughput(naive.resolve, queries, seconds):,.0f}",
            "≥ 5,000",
        )
    )

    advisors = make_advisors(1000, rng)
    pool = AdvisorPool(advisors, region_geography())
    cases = [make_case(rng) for _ in range(200)]
    repeat = 200 if args.quick else 2000
    fast = time_each(lambda: pool.rank(rng.choice(cases)), repeat)
    slow = time_each(lambda: naive_rank(advisors, rng.choice(cases)), repeat // 4)
    rows.append(
        (
            "Rank one case over 1,000 advisors, p50 / p99 ms",
            f"{statistics.median(fast):.2f} / {percentile(fast, 99):.2f}",
            f"{statistics.median(slow):.2f} / {percentile(slow, 99):.2f}",
            "p99 ≤ 2 ms",
        )
    )

    n_adv, n_cases = (300, 3000) if args.quick else (1000, 10000)
    pool_r, open_cases = rebalance_instance(rng, n_adv, n_cases)
    start = time.perf_counter()
    flow = propose_rebalance(open_cases, pool_r)
    flow_s = time.perf_counter() - start
    start = time.perf_counter()
    greedy = propose_greedy(open_cases, pool_r)
    greedy_s = time.perf_counter() - start
    rows.append(
        (
            f"Rebalance {n_cases:,} open cases over {n_adv:,} advisors, seconds",
            f"{flow_s:.2f}",
            f"{greedy_s:.2f}",
            "≤ 2 s",
        )
    )
    capacity = {a.id: a.capacity for a in pool_r.advisors}
    pinned = Counter(c.advisor_id for c in open_cases if c.pinned)
    unfixable = sum(max(0, pinned[a] - capacity[a]) for a in capacity)
    able = [a for a in pool_r.advisors if a.active and not a.absent]
    free = sum(max(0, a.capacity - flow.load_after[a.id]) for a in able)
    free_greedy = sum(max(0, a.capacity - greedy.load_after[a.id]) for a in able)
    rows.append(
        (
            "… pinned cases beyond their advisor's capacity (no move can fix)",
            str(unfixable),
            str(unfixable),
            "",
        )
    )
    rows.append(
        (
            "… free capacity left at advisors who can take cases, after the moves",
            str(free),
            str(free_greedy),
            "",
        )
    )
    rows.append(
        (
            "… moves / cases left over capacity",
            f"{len(flow.moves):,} / {sum(flow.still_over.values())}",
            f"{len(greedy.moves):,} / {sum(greedy.still_over.values())}",
            "fewest",
        )
    )
    rows.append(
        (
            "… match quality after the moves (sum, higher is better)",
            f"{sum(m.quality_after for m in flow.moves):,.1f}",
            f"{sum(m.quality_after for m in greedy.moves):,.1f}",
            "",
        )
    )

    gaps = []
    for seed in range(10):
        small_pool, small_cases = rebalance_instance(random.Random(seed), 20, 150)
        exact = propose_rebalance(small_cases, small_pool, targets_per_case=None)
        default = propose_rebalance(small_cases, small_pool)
        greedy_small = propose_greedy(small_cases, small_pool)
        best = sum(m.quality_after for m in exact.moves) or 1.0
        gaps.append(
            (
                sum(m.quality_after for m in default.moves) / best,
                sum(m.quality_after for m in greedy_small.moves) / best,
            )
        )
    rows.append(
        (
            "Small instances (20 advisors, 150 cases, 10 seeds): quality vs exact optimum, worst",
            f"{min(g[0] for g in gaps):.2%}",
            f"{min(g[1] for g in gaps):.2%}",
            "≥ 99 %",
        )
    )

    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or ''}"
    )
    print("\n| measure | spbot | naive baseline | target |\n|---|---:|---:|---|")
    for name, ours, base, target in rows:
        print(f"| {name} | {ours} | {base} | {target} |")


if __name__ == "__main__":
    main()
