"""Advisor ranking: the rules people rely on, as properties and as examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.ranking import AdvisorPool, AdvisorProfile, CaseProfile, RankingWeights
from bot.matching.setup import region_geography

GEO = region_geography()
CODES = sorted(GEO.codes)
NODES = {n.municipality_code: n for n in load_gazetteer().nodes}
SECTORS = sorted(load_taxonomy().sectors)
NEEDS = sorted(load_taxonomy().needs)


def advisor(
    i: int, code: str, tags: set[str], capacity: int = 5, load: int = 0, **kw: object
) -> AdvisorProfile:
    node = NODES[code]
    return AdvisorProfile(
        id=i,
        key=f"a-{i:04d}",
        name=f"Advisor {i}",
        node_slug=node.slug,
        node_name=node.name,
        municipality_code=code,
        expertise=frozenset(tags),
        languages=frozenset(kw.pop("languages", {"sv", "en"})),  # type: ignore[arg-type]
        capacity=capacity,
        load=load,
        **kw,  # type: ignore[arg-type]
    )


advisors_strategy = st.lists(
    st.builds(
        lambda code, tags, cap, load, absent, langs: (code, tags, cap, load, absent, langs),
        st.sampled_from(CODES),
        st.sets(st.sampled_from(SECTORS + NEEDS), max_size=5),
        st.integers(0, 6),
        st.integers(0, 7),
        st.booleans(),
        st.sampled_from([{"sv"}, {"sv", "en"}]),
    ),
    min_size=1,
    max_size=40,
)
case_strategy = st.builds(
    CaseProfile,
    municipality_code=st.sampled_from(CODES),
    sectors=st.lists(
        st.tuples(st.sampled_from(SECTORS), st.floats(0.1, 1.0)),
        max_size=3,
        unique_by=lambda t: t[0],
    ).map(tuple),
    needs=st.lists(st.sampled_from(NEEDS), max_size=3, unique=True).map(tuple),
    language=st.sampled_from(["sv", "en"]),
)


def _pool(specs: list[tuple]) -> AdvisorPool:  # type: ignore[type-arg]
    return AdvisorPool(
        [
            advisor(i, code, tags, cap, load, absent=absent, languages=langs)
            for i, (code, tags, cap, load, absent, langs) in enumerate(specs, 1)
        ],
        GEO,
    )


@settings(max_examples=200, deadline=None)
@given(advisors_strategy, case_strategy, st.sets(st.integers(1, 40), max_size=5))
def test_ranking_properties(specs: list[tuple], case: CaseProfile, declined: set[int]) -> None:  # type: ignore[type-arg]
    pool = _pool(specs)
    ranked = pool.rank(case, exclude=declined, limit=None)
    ids = [c.advisor.id for c in ranked]
    # A decliner never returns; nobody absent or full is ever offered.
    assert not set(ids) & declined
    assert all(c.advisor.has_room and not c.advisor.absent for c in ranked)
    # Everyone with room, present and not excluded is ranked (nobody silently dropped).
    expected = {a.id for a in pool.advisors if a.has_room and not a.absent and a.capacity > 0}
    assert set(ids) == expected - declined
    # When a fitting advisor has room at home, the first offer goes home.
    if any(c.fits and c.home for c in ranked):
        assert ranked[0].home and ranked[0].fits
    # Otherwise the first fitting candidate is at the nearest node that has one.
    elif any(c.fits for c in ranked):
        nearest = min(c.distance_km for c in ranked if c.fits)
        assert ranked[0].fits and ranked[0].distance_km == nearest
    # Deterministic.
    assert [c.advisor.id for c in pool.rank(case, exclude=declined, limit=None)] == ids


def test_home_node_wins_a_tie() -> None:
    tags = {"food_beverage", "financing"}
    pool = AdvisorPool(
        [advisor(1, "0665", tags), advisor(2, "0683", tags), advisor(3, "0662", tags)], GEO
    )
    case = CaseProfile("0683", (("food_beverage", 1.0),), ("financing",))
    ranked = pool.rank(case)
    assert [c.advisor.id for c in ranked][:1] == [2]
    assert ranked[0].explanation[1] == "home node: Science Park Värnamo"


def test_full_home_node_sends_the_case_to_the_nearest_node_with_room() -> None:
    tags = {"digital_tech"}
    pool = AdvisorPool(
        [
            advisor(1, "0683", tags, capacity=2, load=2),  # Värnamo, full
            advisor(2, "0687", tags),  # Tranås, far
            advisor(3, "0662", tags),  # Gislaved, near Värnamo
        ],
        GEO,
    )
    ranked = pool.rank(CaseProfile("0683", (("digital_tech", 1.0),)))
    assert [c.advisor.id for c in ranked] == [3, 2]
    assert "km away: Science Park Gislaved" in ranked[0].explanation[1]


def test_english_speaker_goes_to_someone_who_speaks_english() -> None:
    pool = AdvisorPool(
        [
            advisor(1, "0680", {"export"}, languages={"sv"}),
            advisor(2, "0643", {"export"}, languages={"sv", "en"}),
        ],
        GEO,
    )
    ranked = pool.rank(CaseProfile("0680", needs=("export",), language="en"))
    assert ranked[0].advisor.id == 2
    assert ranked[1].explanation[3] == "does not speak en"


def test_weights_are_settings() -> None:
    near_generalist = advisor(1, "0680", set())
    far_specialist = advisor(2, "0687", {"export", "financing"})
    case = CaseProfile("0680", needs=("export", "financing"))
    strict = AdvisorPool([near_generalist, far_specialist], GEO, RankingWeights(min_fit=0.0))
    assert strict.rank(case)[0].advisor.id == 1  # fits by definition: home wins
    default = AdvisorPool([near_generalist, far_specialist], GEO)
    assert default.rank(case)[0].advisor.id == 2  # the generalist does not fit
