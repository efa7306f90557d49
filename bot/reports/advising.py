"""The report's figures of advising and evidence: meetings and sessions per node, referrals
per partner, claimed and verified starts with the companies behind them, and what the
founders answered in the survey (docs/reports.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from bot.cases.calendar import WorkingCalendar
from bot.cases.companies import StartRule, verified_start
from bot.domain import EventKind, Outcome
from bot.reports.periods import Period
from bot.reports.timeline import ACCEPTING, Spread, closed_in, first_at, last_at
from bot.storage.report_facts import CaseFact, ReportFacts

# A case advised this many minutes in the period counts as long-term (as SBA's five hours of
# counselling for a "long-term client").
LONG_TERM_MINUTES = 300


@dataclass(frozen=True)
class NodeAdvising:
    """One node's meetings (starting in the period) and advising (sessions held in it), by
    the node of the advisor who met or advised."""

    node: str
    meetings: int  # booked, held or no-show (not cancelled)
    held: int
    no_shows: int
    cancelled: int
    sessions: int
    minutes: int
    cases_advised: int
    long_term: int  # cases with at least LONG_TERM_MINUTES of advising in the period


@dataclass(frozen=True)
class PartnerReferrals:
    partner: str
    asked: int
    declined: int
    sent: int  # sent or received
    received: int
    helped: int


@dataclass(frozen=True)
class Advising:
    hours_to_first_meeting: Spread  # working hours from the accept to the first meeting
    by_node: list[NodeAdvising] = field(default_factory=list)
    referrals: list[PartnerReferrals] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(n.minutes for n in self.by_node)


@dataclass(frozen=True)
class Evidence:
    """Company starts as the funders count them (docs/reports.md): claimed by advisors (cases
    closed as company_started in the period) beside verified (companies, each once, with a
    confirmed registration in a case's period of support); the unique companies the period's
    cases name, and of them the new ones (registered at most three years before their case
    opened)."""

    claimed_starts: int = 0
    verified_starts: int = 0
    enterprises: int = 0
    new_enterprises: int = 0
    followups: dict[str, int] = field(default_factory=dict)  # sent, answered, each answer


@dataclass(frozen=True)
class Satisfaction:
    """The survey's answers in the period, for a node or the region (never per advisor)."""

    scope: str  # a node's slug, or "region"
    useful_n: int
    useful_mean: float | None  # 1–5
    recommend_n: int
    recommend_yes: float | None  # share of "yes"
    comments: int


def satisfaction_of(answers: list[tuple[str | None, str, str]]) -> list[Satisfaction]:
    def one(scope: str, mine: list[tuple[str | None, str, str]]) -> Satisfaction:
        useful = [int(v) for _, q, v in mine if q == "useful" and v.isdigit()]
        recommend = [v for _, q, v in mine if q == "recommend"]
        return Satisfaction(
            scope,
            len(useful),
            round(sum(useful) / len(useful), 2) if useful else None,
            len(recommend),
            round(recommend.count("yes") / len(recommend), 3) if recommend else None,
            sum(1 for _, q, v in mine if q == "comment" and v == "given"),
        )

    nodes = sorted({n for n, _, _ in answers if n})
    return [one("region", answers)] + [one(n, [a for a in answers if a[0] == n]) for n in nodes]


def evidence_of(cases: list[CaseFact], period: Period, rule: StartRule) -> Evidence:
    started = [
        c for c in cases if c.outcome == Outcome.COMPANY_STARTED.value and closed_in(c, period)
    ]
    # A company counts once however many cases (or founders) name it.
    verified = {
        c.company if c.company is not None else -c.id
        for c in started
        if verified_start(
            c.opened_at,
            last_at(c, EventKind.CLOSED.value),
            c.registered_on,
            c.verified_by,
            rule,
        )
    }
    named: dict[int, CaseFact] = {}
    for c in cases:
        if c.company is not None and c.company not in named:
            named[c.company] = c
    new = sum(
        1
        for c in named.values()
        if c.registered_on is not None
        and c.registered_on >= c.opened_at.date() - timedelta(days=3 * 365)
    )
    return Evidence(len(started), len(verified), len(named), new)


def advising_of(facts: ReportFacts, cohort: list[CaseFact], cal: WorkingCalendar) -> Advising:
    waits = []
    for case in cohort:
        accepted = first_at(case, ACCEPTING)
        met = facts.first_meetings.get(case.id)
        if accepted is not None and met is not None and met >= accepted:
            waits.append(cal.working_hours_between(accepted, met))
    nodes = sorted({m.node for m in facts.meetings} | {s.node for s in facts.sessions})
    by_node = []
    for slug in nodes:
        meetings = [m for m in facts.meetings if m.node == slug]
        sessions = [s for s in facts.sessions if s.node == slug]
        per_case: Counter[int] = Counter()
        for s in sessions:
            per_case[s.case_id] += s.minutes
        by_node.append(
            NodeAdvising(
                node=slug,
                meetings=sum(1 for m in meetings if m.status != "cancelled"),
                held=sum(1 for m in meetings if m.status == "held"),
                no_shows=sum(1 for m in meetings if m.status == "no_show"),
                cancelled=sum(1 for m in meetings if m.status == "cancelled"),
                sessions=len(sessions),
                minutes=sum(s.minutes for s in sessions),
                cases_advised=len(per_case),
                long_term=sum(1 for total in per_case.values() if total >= LONG_TERM_MINUTES),
            )
        )
    partners = sorted({r.partner for r in facts.referrals})
    referrals = [
        PartnerReferrals(
            partner=key,
            asked=sum(1 for r in facts.referrals if r.partner == key),
            declined=sum(1 for r in facts.referrals if r.partner == key and r.status == "declined"),
            sent=sum(
                1 for r in facts.referrals if r.partner == key and r.status in ("sent", "received")
            ),
            received=sum(1 for r in facts.referrals if r.partner == key and r.status == "received"),
            helped=sum(1 for r in facts.referrals if r.partner == key and r.outcome == "helped"),
        )
        for key in partners
    ]
    return Advising(Spread.of(waits), by_node, referrals)
