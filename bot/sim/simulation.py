"""A year of intakes replayed through the real case workflow on a scratch database, with
advisors who accept, decline or ignore offers; compared with a simple baseline router.

Assumptions (all options of ``spbot simulate``): ideas arrive evenly over the working days of
a year, in municipalities weighted by how many localities they have (a stand-in for size);
an advisor answers within 0.5–12 working hours; a perfectly fitting advisor accepts with
``accept_rate``, and each missing share of fit turns acceptance into "outside my expertise"
declines; ``decline_rate`` declines for other reasons; the rest ignore the offer. Accepted
cases close after 10–40 working days. Coordinators assign escalated cases after 8 working
hours to the least loaded advisor at the founder's node (or anywhere, if the node is full).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import random
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.cases.actions import Actor
from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.cases.context import RankingRouter, Router, WorkflowSettings
from bot.cases.notifications import Notification, NotificationKind
from bot.cases.opening import CaseOpening
from bot.cases.workflow import CaseWorkflow
from bot.datafiles.gazetteer import load_gazetteer
from bot.datafiles.roster import AdvisorRecord
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import ACTIVE_CASE_STATUSES, ActorKind, CaseStatus, EventKind, Language, SpbotError
from bot.matching.lexicon import load_lexicon
from bot.matching.ranking import AdvisorPool, Candidate, CaseProfile, expertise_fit
from bot.sim.assumptions import Behaviour, Life
from bot.sim.funnel import write_funnel
from bot.storage.advisors import import_roster
from bot.storage.conversations import SqlConversationStore
from bot.storage.db import Database, open_database
from bot.storage.gazetteer import sync_gazetteer
from bot.storage.models import Advisor, Case, CaseEvent, Offer
from bot.storage.timers import next_due

COORDINATOR = Actor(ActorKind.COORDINATOR, "simulation")
__all__ = ["ROUTERS", "Behaviour", "LeastLoadedHomeRouter", "Life", "Result", "simulate"]


@dataclass(frozen=True)
class _Answer:
    offer_id: int
    advisor_id: int
    answer: str  # "accept" or a decline reason


@dataclass
class Result:
    name: str
    cases: int = 0
    accepted_by_offer: int = 0
    escalations: int = 0
    hours_to_accept: list[float] = field(default_factory=list)
    home_node: int = 0
    max_load_ratio: float = 0.0
    offers: int = 0

    def row(self) -> dict[str, str]:
        h = sorted(self.hours_to_accept) or [0.0]
        p90 = h[min(len(h) - 1, int(0.9 * len(h)))]
        return {
            "routing": self.name,
            "cases": str(self.cases),
            "accepted on an offer": f"{self.accepted_by_offer / max(self.cases, 1):.1%}",
            "median / p90 working hours to accept": f"{statistics.median(h):.1f} / {p90:.1f}",
            "escalations": str(self.escalations),
            "offers per case": f"{self.offers / max(self.cases, 1):.2f}",
            "max load / capacity": f"{self.max_load_ratio:.2f}",
            "routed to the home node": f"{self.home_node / max(self.cases, 1):.1%}",
        }


class LeastLoadedHomeRouter:
    """Baseline: the least loaded advisor with room at the founder's own node; nobody
    else (expertise, language and neighbouring nodes are ignored)."""

    def choose(
        self, pool: AdvisorPool, profile: CaseProfile, exclude: set[int]
    ) -> Sequence[Candidate]:
        ranked = pool.rank(profile, exclude=exclude, limit=None)
        home = [c for c in ranked if c.home]
        home.sort(key=lambda c: (c.advisor.committed / max(c.advisor.capacity, 1), c.advisor.key))
        return home[:1]


@dataclass
class _Recorder:
    offers: list[tuple[int, int]] = field(default_factory=list)  # (offer id, advisor id)
    escalated: list[str] = field(default_factory=list)

    async def notify(self, note: Notification) -> None:
        if note.kind is NotificationKind.OFFER:
            self.offers.append((int(note.data["offer_id"]), int(note.recipient_id or 0)))
        elif note.kind is NotificationKind.ESCALATED:
            self.escalated.append(note.case_ref)


def _ideas(rng: random.Random) -> list[str]:
    lexicon = load_lexicon()
    out = []
    for sector, words in lexicon.items():
        sv = [w for w in words["sv"] if " " not in w]
        for _ in range(20):
            a, b = rng.sample(sv, 2)
            out.append(f"Jag vill starta ett företag med {a} och {b} för kunder i länet.")
        del sector
    return out


async def simulate(
    ideas: int,
    seed: int,
    roster: Sequence[AdvisorRecord],
    router: Router,
    name: str,
    behaviour: Behaviour,
    settings: WorkflowSettings,
    year: int = 2027,
    *,
    db: Database | None = None,
    window: tuple[datetime, datetime] | None = None,
    life: Life | None = None,
) -> Result:
    """``db``: play into this database (its roster) instead of a scratch one; ``window``:
    ideas arrive between these moments instead of over ``year``, and nothing after its end
    happens (cases are left as they stand then); ``life``: cases also go into coaching and
    close with varied outcomes, and each intake leaves its funnel milestones (the demo
    year of ``spbot seed --demo --history``)."""
    rng = random.Random(seed)
    calendar = WorkingCalendar()
    gazetteer = load_gazetteer()
    region = gazetteer.region
    weights = [
        sum(1 for loc in gazetteer.localities if loc.municipality_code == m.code) or 1
        for m in region
    ]
    needs = sorted(load_taxonomy().needs)
    texts = _ideas(rng)
    first_day = window[0].astimezone(STOCKHOLM).date() if window else date(year, 1, 1)
    span = (window[1] - window[0]).days if window else 365
    days = [
        d
        for d in (first_day + timedelta(days=i) for i in range(span))
        if calendar.is_working_day(d)
    ]
    arrivals = sorted(
        datetime.combine(rng.choice(days), time(8, 0), STOCKHOLM).astimezone(UTC)
        + timedelta(minutes=rng.randrange(0, 9 * 60))
        for _ in range(ideas)
    )
    clock_now = [arrivals[0]]

    def clock() -> datetime:
        return clock_now[0]

    end_at = window[1] if window else None
    arrivals = [a for a in arrivals if end_at is None or a < end_at]
    with contextlib.ExitStack() as stack:
        if db is None:
            scratch = stack.enter_context(tempfile.TemporaryDirectory())
            db = await open_database(f"sqlite+aiosqlite:///{Path(scratch) / 'sim.db'}")
            stack.callback(lambda: None)
            await sync_gazetteer(db, gazetteer)
            await import_roster(db, roster)
            owned = True
        else:
            owned = False
        recorder = _Recorder()
        workflow = CaseWorkflow(
            db, recorder, clock=clock, calendar=calendar, settings=settings, router=router
        )
        opening = CaseOpening(db, clock=clock)
        store = SqlConversationStore(db)
        async with db.sessions() as session:
            advisors = {a.id: a for a in (await session.scalars(select(Advisor))).all()}
        node_muni = {
            a.id: next(
                n.municipality_code for n in gazetteer.nodes if n.slug == _slug(roster, a.key)
            )
            for a in advisors.values()
        }
        result = Result(name)
        counter = itertools.count()
        events: list[tuple[datetime, int, str, object]] = []
        for moment in arrivals:
            heapq.heappush(events, (moment, next(counter), "arrive", None))
        opened_at: dict[str, datetime] = {}
        intakes: list[tuple[datetime, int, str]] = []  # (submitted, conversation, channel)
        profiles: dict[str, CaseProfile] = {}
        seen_offers = 0
        while events:
            moment, _, kind, payload = heapq.heappop(events)
            if end_at is not None and moment >= end_at:
                break
            # Timers due before this event fire first, in order.
            due = await _next_timer(db)
            while due is not None and due <= moment:
                clock_now[0] = max(clock_now[0], due)
                await workflow.fire_due_timers()
                due = await _next_timer(db)
            clock_now[0] = max(clock_now[0], moment)
            if kind == "arrive":
                municipality = rng.choices(region, weights)[0]
                channel = rng.choices(*zip(*life.channels, strict=True))[0] if life else "sim"
                state = await store.start_conversation(
                    channel, f"demo-{next(counter)}", "intake", "done", Language.SV, True
                )
                if life:
                    intakes.append((clock(), state.id, channel))
                state.answers = {
                    "name": "Simulerad Grundare",
                    "place": {
                        "municipality_code": municipality.code,
                        "municipality": municipality.name,
                        "locality": None,
                    },
                    "idea": rng.choice(texts),
                    "stage": rng.choice(life.stages) if life else "idea",
                    "needs": rng.sample(needs, 2),
                    "contact_method": "email",
                    "email": "grundare@example.org",
                }
                opened = await opening.open_case(state)
                opened_at[opened.ref] = clock()
                result.cases += 1
                await workflow.route(opened.ref)
            elif kind == "respond":
                assert isinstance(payload, _Answer)
                try:
                    if payload.answer == "accept":
                        await workflow.accept(payload.offer_id, payload.advisor_id)
                    else:
                        await workflow.decline(payload.offer_id, payload.advisor_id, payload.answer)
                except SpbotError:  # the offer expired or was withdrawn first
                    continue
            elif kind == "assign":
                ref = str(payload)
                async with db.sessions() as session:
                    case = await session.scalar(select(Case).where(Case.ref == ref))
                if case is not None and case.status == CaseStatus.ESCALATED.value:
                    key = await _least_loaded(
                        db, case.municipality_code, clock().astimezone(STOCKHOLM).date()
                    )
                    if key:
                        await workflow.reassign(ref, key, COORDINATOR)
                        _schedule_close(
                            events, counter, calendar, clock(), rng, behaviour, ref, life
                        )
            elif kind == "contact":
                try:
                    await workflow.mark_in_contact(str(payload), COORDINATOR)
                except SpbotError:  # closed or moved already
                    continue
            elif kind == "close":
                ref, outcome = payload if isinstance(payload, tuple) else (payload, None)
                if outcome is None:
                    outcome = (
                        rng.choices(*zip(*life.outcomes, strict=True))[0] if life else "coached"
                    )
                try:
                    await workflow.close(str(ref), str(outcome), COORDINATOR)
                except SpbotError:  # closed already (reassigned and closed twice)
                    continue
            elif kind == "coach":
                assert life is not None
                try:
                    await workflow.start_coaching(str(payload), COORDINATOR)
                except SpbotError:
                    continue
                coaching = rng.randint(*life.coaching_days)
                outcome = rng.choices(*zip(*life.coaching_outcomes, strict=True))[0]
                heapq.heappush(
                    events,
                    (
                        calendar.add_working_hours(clock(), 9 * coaching),
                        next(counter),
                        "close",
                        (str(payload), outcome),
                    ),
                )
            # React to what the workflow just did: new offers, escalations, accepts.
            for offer_id, advisor_id in recorder.offers[seen_offers:]:
                result.offers += 1
                await _schedule_answer(
                    db,
                    events,
                    counter,
                    calendar,
                    clock(),
                    rng,
                    behaviour,
                    offer_id,
                    advisor_id,
                    advisors,
                    profiles,
                )
            seen_offers = len(recorder.offers)
            while recorder.escalated:
                ref = recorder.escalated.pop()
                heapq.heappush(
                    events,
                    (
                        calendar.add_working_hours(clock(), behaviour.coordinator_delay_hours),
                        next(counter),
                        "assign",
                        ref,
                    ),
                )
            if isinstance(payload, _Answer) and payload.answer == "accept":
                await _after_accept(
                    db,
                    payload.offer_id,
                    result,
                    opened_at,
                    calendar,
                    clock(),
                    node_muni,
                    events,
                    counter,
                    rng,
                    behaviour,
                    life,
                )
            if owned:
                await _sample_load(db, advisors, result)
        if life:
            await write_funnel(db, intakes, rng, life)
        async with db.sessions() as session:
            result.escalations = int(
                await session.scalar(
                    select(func.count())
                    .select_from(CaseEvent)
                    .where(CaseEvent.kind == EventKind.ESCALATED.value)
                )
                or 0
            )
        if owned:
            await db.dispose()
    return result


def _slug(roster: Sequence[AdvisorRecord], key: str) -> str:
    return next(r.node for r in roster if r.key == key)


def _schedule_close(
    events: list[tuple[datetime, int, str, object]],
    counter: itertools.count[int],
    calendar: WorkingCalendar,
    now: datetime,
    rng: random.Random,
    behaviour: Behaviour,
    ref: str,
    life: Life | None = None,
) -> None:
    # The advisor calls the founder within a working day, and closes the case weeks later
    # (with ``life``, some go into coaching instead, and close when that ends).
    contact = calendar.add_working_hours(now, rng.uniform(1, 9))
    heapq.heappush(events, (contact, next(counter), "contact", ref))
    if life is not None and rng.random() < life.coaching_share:
        later = calendar.add_working_hours(contact, 9 * rng.randint(5, 20))
        heapq.heappush(events, (later, next(counter), "coach", ref))
        return
    days = rng.randint(*behaviour.close_after_days)
    heapq.heappush(events, (calendar.add_working_hours(now, 9 * days), next(counter), "close", ref))


async def _next_timer(db: Database) -> datetime | None:
    async with db.sessions() as session:
        return await next_due(session)


async def _schedule_answer(
    db: Database,
    events: list[tuple[datetime, int, str, object]],
    counter: itertools.count[int],
    calendar: WorkingCalendar,
    now: datetime,
    rng: random.Random,
    behaviour: Behaviour,
    offer_id: int,
    advisor_id: int,
    advisors: dict[int, Advisor],
    profiles: dict[str, CaseProfile],
) -> None:
    from bot.cases.matching import case_profile

    async with db.sessions() as session:
        case = await session.scalar(
            select(Case).join(Offer, Offer.case_id == Case.id).where(Offer.id == offer_id)
        )
    assert case is not None
    profile = case_profile(case.answers, case.municipality_code, case.language)
    fit, _ = expertise_fit(profile, frozenset(advisors[advisor_id].expertise), 0.6)
    p_accept = behaviour.accept_rate * (0.4 + 0.6 * fit)
    p_decline = behaviour.decline_rate + (behaviour.accept_rate - p_accept)
    draw = rng.random()
    if draw < p_accept:
        answer = "accept"
    elif draw < p_accept + p_decline:
        answer = "outside_expertise" if draw >= p_accept + behaviour.decline_rate else "other"
    else:
        return  # ignored: the offer will expire
    delay = rng.uniform(0.5, 12.0)
    heapq.heappush(
        events,
        (
            calendar.add_working_hours(now, delay),
            next(counter),
            "respond",
            _Answer(offer_id, advisor_id, answer),
        ),
    )


async def _after_accept(
    db: Database,
    offer_id: int,
    result: Result,
    opened_at: dict[str, datetime],
    calendar: WorkingCalendar,
    now: datetime,
    node_muni: dict[int, str],
    events: list[tuple[datetime, int, str, object]],
    counter: itertools.count[int],
    rng: random.Random,
    behaviour: Behaviour,
    life: Life | None = None,
) -> None:
    async with db.sessions() as session:
        offer = await session.get(Offer, offer_id)
        if offer is None or offer.status != "accepted":
            return
        case = await session.get(Case, offer.case_id)
    assert case is not None
    result.accepted_by_offer += 1
    result.hours_to_accept.append(calendar.working_hours_between(opened_at[case.ref], now))
    if node_muni[offer.advisor_id] == case.municipality_code:
        result.home_node += 1
    _schedule_close(events, counter, calendar, now, rng, behaviour, case.ref, life)


async def _least_loaded(db: Database, municipality: str, today: date) -> str | None:
    """The simulated coordinator's pick: the least loaded advisor with room at the
    founder's node, else anywhere."""
    from bot.storage.advisors import advisor_profiles

    async with db.sessions() as session:
        profiles = await advisor_profiles(session, today)
    with_room = [p for p in profiles if p.has_room and not p.absent]
    home = [p for p in with_room if p.municipality_code == municipality] or with_room
    if not home:
        return None
    return min(home, key=lambda p: (p.committed / max(p.capacity, 1), p.key)).key


async def _sample_load(db: Database, advisors: dict[int, Advisor], result: Result) -> None:
    from sqlalchemy import func

    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(Case.advisor_id, func.count())
                .where(Case.status.in_(ACTIVE_CASE_STATUSES), Case.advisor_id.is_not(None))
                .group_by(Case.advisor_id)
            )
        ).all()
    for advisor_id, count in rows:
        capacity = advisors[int(advisor_id or 0)].capacity or 1
        result.max_load_ratio = max(result.max_load_ratio, count / capacity)


ROUTERS: dict[str, type[RankingRouter] | type[LeastLoadedHomeRouter]] = {
    "spbot ranking": RankingRouter,
    "least loaded at home node (baseline)": LeastLoadedHomeRouter,
}
