"""The results report: what the region promised (ideas met, company starts, companies
coached) against its goals, and how the service ran. Computed from non-personal facts only
(bot/storage/report_facts.py), so an erasure changes no figure. Every definition is written
down in docs/reports.md; this module is the one place each is computed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from bot.cases.calendar import STOCKHOLM, WorkingCalendar
from bot.cases.companies import StartRule
from bot.domain import CaseStatus, EventKind, Outcome
from bot.reports.advising import (
    Advising,
    Evidence,
    Satisfaction,
    advising_of,
    evidence_of,
    satisfaction_of,
)
from bot.reports.periods import Goals, Period
from bot.reports.timeline import ACCEPTING, CONTACT, Spread, closed_in, first_at, last_at
from bot.storage.report_facts import CaseFact, IntakeFact, OfferFact, ReportFacts

SCHEMA = "spbot.report/1"
# An intake consented to but neither submitted, cancelled nor referred this long after the
# consent is counted as abandoned (before that it is still in progress).
ABANDONED_AFTER = timedelta(days=14)
# What ends a wait for a coordinator after an escalation.
ESCALATION_ANSWERS = (
    EventKind.OFFERED.value,
    EventKind.ACCEPTED.value,
    EventKind.REASSIGNED.value,
    EventKind.MATCH_AGAIN.value,
    EventKind.CLOSED.value,
)
OFFER_STATUSES = ("accepted", "declined", "expired", "withdrawn", "pending")
ANSWERED_OR_EXPIRED = ("accepted", "declined", "expired")
# The intake promises contact within two working days: 2 × 9 working hours (08–17).
CONTACT_PROMISE_HOURS = 18.0
# Working hours to first contact, as the plot groups them (a working day is 9 hours).
CONTACT_BUCKETS = ((0, 9), (9, 18), (18, 27), (27, 45), (45, 90), (90, math.inf))


def _bucket_label(low: float, high: float) -> str:
    return f"{low:g}+" if math.isinf(high) else f"{low:g}–{high:g}"


@dataclass(frozen=True)
class Progress:
    """One promise in one scope: the count, the goal for the period and what the goal
    expects by now (pro rata for the part of the period gone)."""

    value: int
    goal: float
    expected: float

    @property
    def share_of_expected(self) -> float | None:
        return round(self.value / self.expected, 3) if self.expected > 0 else None


@dataclass(frozen=True)
class ScopeResult:
    scope: str  # region, node
    id: str  # "region" or the node's slug
    name: str
    municipality: str | None
    ideas_met: Progress
    company_starts: Progress
    coached_now: Progress  # a stock: its goal holds at every moment (not pro rata)
    coached_in_period: int
    accepted: int
    hours_to_contact: Spread


@dataclass(frozen=True)
class Funnel:
    started: int
    consented: int
    submitted: int  # cases opened in the period: the ideas met
    accepted: int
    in_contact: int
    outcome: int
    referred_out_of_region: int
    cancelled: int
    abandoned_after_consent: int
    in_progress: int


@dataclass(frozen=True)
class OfferShares:
    scope: str  # node slug or advisor key
    offers: int
    counts: dict[str, int]

    @property
    def shares(self) -> dict[str, float]:
        return {
            k: round(v / self.offers, 3) if self.offers else 0.0 for k, v in self.counts.items()
        }


@dataclass(frozen=True)
class Escalations:
    events: int
    cases: int
    waited: Spread  # working hours until a coordinator acted
    still_waiting: int


@dataclass(frozen=True)
class Deadlines:
    """Promises kept, per node (docs/reports.md): offers answered before they expired, and
    founders contacted within the two working days the intake promises."""

    node: str
    offers_due: int  # answered or expired (not withdrawn, not still pending)
    answered_in_time: int
    accepted: int  # the node's advisors' cases accepted or assigned
    contacted_in_time: int

    @property
    def answered_share(self) -> float | None:
        return round(self.answered_in_time / self.offers_due, 3) if self.offers_due else None

    @property
    def contacted_share(self) -> float | None:
        return round(self.contacted_in_time / self.accepted, 3) if self.accepted else None


@dataclass(frozen=True)
class Service:
    hours_to_accept: Spread
    hours_to_contact: Spread
    offers_per_case: float | None
    offers_by_node: list[OfferShares]
    offers_by_advisor: list[OfferShares]
    decline_reasons: dict[str, int]
    escalations: Escalations
    routed_home_share: float | None  # first offer made at the case's home node
    sectors: dict[str, int]
    needs: dict[str, int]
    stages: dict[str, int]
    channels: dict[str, int]
    outcomes: dict[str, int]
    per_month: list[tuple[str, int]]  # ("2026-03", cases opened)
    contact_buckets: list[tuple[str, int]]  # ("0–8", cases first contacted within)
    deadlines: list[Deadlines] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: datetime
    share_gone: float
    region: ScopeResult
    nodes: list[ScopeResult]
    funnel: Funnel | None  # the region's; none for one node's report
    service: Service
    node: str | None = None  # one node's report
    # The nodes' events held in the period: {node, kind, events, registered, attended}.
    events: list[dict[str, Any]] = field(default_factory=list)
    advising: Advising = field(default_factory=lambda: Advising(Spread(0, None, None)))
    evidence: Evidence = field(default_factory=Evidence)
    satisfaction: list[Satisfaction] = field(default_factory=list)
    definitions: str = "docs/reports.md"
    # Advisors' names by key, for pages a person reads (the JSON and CSV keep the keys).
    advisor_names: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape (``schema`` names its version)."""

        def scope(s: ScopeResult) -> dict[str, Any]:
            out = asdict(s)
            for key in ("ideas_met", "company_starts", "coached_now"):
                progress: Progress = getattr(s, key)
                out[key]["share_of_expected"] = progress.share_of_expected
            return out

        service = asdict(self.service)
        for key in ("offers_by_node", "offers_by_advisor"):
            service[key] = [
                {"scope": o.scope, "offers": o.offers, "counts": o.counts, "shares": o.shares}
                for o in getattr(self.service, key)
            ]
        service["per_month"] = [{"month": m, "cases": n} for m, n in self.service.per_month]
        service["contact_buckets"] = [
            {"working_hours": b, "cases": n} for b, n in self.service.contact_buckets
        ]
        return {
            "schema": SCHEMA,
            "period": {
                "from": self.period.first.isoformat(),
                "to": self.period.last.isoformat(),
                "label": self.period.label(),
            },
            "as_of": self.as_of.isoformat(),
            "share_of_period_gone": round(self.share_gone, 4),
            "node": self.node,
            "region": scope(self.region),
            "nodes": [scope(n) for n in self.nodes],
            "funnel": asdict(self.funnel) if self.funnel else None,
            "service": service,
            "events": self.events,
            "advising": asdict(self.advising),
            "evidence": asdict(self.evidence),
            "satisfaction": [asdict(s) for s in self.satisfaction],
            "definitions": self.definitions,
        }


def coached_in(case: CaseFact, period: Period, now: datetime) -> bool:
    """Coached at some time in the period: the coaching started before the period ended and
    had not ended before it began; or the case closed in the period as ``coached`` (a
    coaching that was never marked as started)."""
    started = first_at(case, (EventKind.COACHING_STARTED.value,))
    if started is not None:
        ended = last_at(case, EventKind.CLOSED.value) if case.status == "closed" else None
        return started < min(period.end, now) and (ended is None or ended >= period.start)
    return case.outcome == Outcome.COACHED.value and closed_in(case, period)


def build_report(
    facts: ReportFacts,
    period: Period,
    goals: Goals,
    now: datetime,
    node: str | None = None,
    working: WorkingCalendar | None = None,
    rule: StartRule | None = None,
) -> Report:
    cal = working or WorkingCalendar()
    gone = period.share_gone(now)
    year_share = period.share_of_year()
    cases = list(facts.cases.values())
    cohort = [c for c in cases if period.start <= c.opened_at < period.end]
    to_accept: dict[int, float] = {}
    to_contact: dict[int, float] = {}
    for case in cohort:
        accepted = first_at(case, ACCEPTING)
        if accepted is not None:
            to_accept[case.id] = cal.working_hours_between(case.opened_at, accepted)
        contact = first_at(case, CONTACT)
        if contact is not None:
            to_contact[case.id] = cal.working_hours_between(case.opened_at, contact)

    def progress(value: int, yearly_goal: float) -> Progress:
        goal = yearly_goal * year_share
        return Progress(value, round(goal, 2), round(goal * gone, 2))

    def scope_result(
        scope: str,
        sid: str,
        name: str,
        municipality: str | None,
        goal: dict[str, float],
        mine: list[CaseFact],
    ) -> ScopeResult:
        opened = [c for c in mine if period.start <= c.opened_at < period.end]
        return ScopeResult(
            scope=scope,
            id=sid,
            name=name,
            municipality=municipality,
            ideas_met=progress(len(opened), goal["ideas"]),
            company_starts=progress(
                sum(
                    1
                    for c in mine
                    if c.outcome == Outcome.COMPANY_STARTED.value and closed_in(c, period)
                ),
                goal["starts"],
            ),
            coached_now=Progress(
                sum(1 for c in mine if c.status == CaseStatus.COACHING.value),
                round(goal["coached"], 2),
                round(goal["coached"], 2),
            ),
            coached_in_period=sum(1 for c in mine if coached_in(c, period, now)),
            accepted=sum(1 for c in opened if c.id in to_accept),
            hours_to_contact=Spread.of([to_contact[c.id] for c in opened if c.id in to_contact]),
        )

    node_rows = []
    for n in facts.nodes:
        if node is not None and n.slug != node:
            continue
        mine = [c for c in cases if c.node == n.slug]
        node_rows.append(
            scope_result("node", n.slug, n.name, n.municipality, goals.nodes[n.slug], mine)
        )
    region = (
        scope_result("region", "region", "", None, goals.region, cases)
        if node is None
        else node_rows[0]
    )
    return Report(
        period=period,
        as_of=now,
        share_gone=gone,
        region=region,
        nodes=node_rows,
        funnel=_funnel(facts.intakes, cohort, now) if node is None else None,
        service=_service(cohort, facts.offers, to_accept, to_contact, cal, period),
        node=node,
        events=facts.events,
        advising=advising_of(facts, cohort, cal),
        evidence=replace(
            evidence_of(cases, period, rule or StartRule()), followups=facts.followups
        ),
        satisfaction=satisfaction_of(facts.surveys),
        advisor_names=facts.advisor_names,
    )


def _funnel(intakes: list[IntakeFact], cohort: list[CaseFact], now: datetime) -> Funnel:
    consented = [i for i in intakes if {"consent_given", "consent_carried"} & i.milestones.keys()]
    ended = {"intake_submitted", "intake_cancelled", "referred_out_of_region"}
    open_ = [i for i in consented if not ended & i.milestones.keys()]

    def consent_at(i: IntakeFact) -> datetime:
        return min(
            i.milestones[k] for k in ("consent_given", "consent_carried") if k in i.milestones
        )

    abandoned = sum(1 for i in open_ if now - consent_at(i) >= ABANDONED_AFTER)
    return Funnel(
        started=len(intakes),
        consented=len(consented),
        submitted=len(cohort),
        accepted=sum(1 for c in cohort if first_at(c, ACCEPTING) is not None),
        in_contact=sum(1 for c in cohort if first_at(c, CONTACT) is not None),
        outcome=sum(1 for c in cohort if c.status == CaseStatus.CLOSED.value and c.outcome),
        referred_out_of_region=sum(1 for i in intakes if "referred_out_of_region" in i.milestones),
        cancelled=sum(1 for i in intakes if "intake_cancelled" in i.milestones),
        abandoned_after_consent=abandoned,
        in_progress=len(open_) - abandoned,
    )


def _service(
    cohort: list[CaseFact],
    offers: list[OfferFact],
    to_accept: dict[int, float],
    to_contact: dict[int, float],
    cal: WorkingCalendar,
    period: Period,
) -> Service:
    by_case: dict[int, list[OfferFact]] = {}
    for offer in offers:
        by_case.setdefault(offer.case_id, []).append(offer)
    home = {c.id: c.node for c in cohort}
    firsts = [o[0] for cid, o in by_case.items() if cid in home]
    waits: list[float] = []
    escalation_events = escalated_cases = still_waiting = 0
    for case in cohort:
        pending: datetime | None = None
        escalated = False
        for event in case.events:
            if event.kind == EventKind.ESCALATED.value:
                escalation_events += 1
                escalated = True
                pending = pending or event.at
            elif pending is not None and event.kind in ESCALATION_ANSWERS:
                waits.append(cal.working_hours_between(pending, event.at))
                pending = None
        escalated_cases += escalated
        still_waiting += pending is not None
    months = Counter(c.opened_at.astimezone(STOCKHOLM).strftime("%Y-%m") for c in cohort)
    return Service(
        hours_to_accept=Spread.of(list(to_accept.values())),
        hours_to_contact=Spread.of(list(to_contact.values())),
        offers_per_case=round(len(offers) / len(cohort), 2) if cohort else None,
        offers_by_node=_offer_shares(offers, lambda o: o.advisor_node),
        offers_by_advisor=_offer_shares(offers, lambda o: o.advisor_key),
        decline_reasons=_counted(
            o.decline_reason or "other" for o in offers if o.status == "declined"
        ),
        escalations=Escalations(
            escalation_events, escalated_cases, Spread.of(waits), still_waiting
        ),
        routed_home_share=(
            round(sum(1 for o in firsts if o.advisor_node == home[o.case_id]) / len(firsts), 3)
            if firsts
            else None
        ),
        sectors=_counted(c.sector or "unknown" for c in cohort),
        needs=_counted(n for c in cohort for n in c.needs),
        stages=_counted(c.stage or "unknown" for c in cohort),
        channels=_counted(c.channel or "unknown" for c in cohort),
        outcomes=_counted(c.outcome for c in cohort if c.outcome),
        per_month=[(f"{y}-{m:02d}", months.get(f"{y}-{m:02d}", 0)) for y, m in period.months()],
        contact_buckets=[
            (_bucket_label(lo, hi), sum(1 for h in to_contact.values() if lo <= h < hi))
            for lo, hi in CONTACT_BUCKETS
        ],
        deadlines=_deadlines(cohort, offers, cal),
    )


def _deadlines(
    cohort: list[CaseFact], offers: list[OfferFact], cal: WorkingCalendar
) -> list[Deadlines]:
    nodes = sorted(
        {o.advisor_node for o in offers} | {c.advisor_node for c in cohort if c.advisor_node}
    )
    out = []
    for node in nodes:
        due = [o for o in offers if o.advisor_node == node and o.status in ANSWERED_OR_EXPIRED]
        accepted = [
            c for c in cohort if c.advisor_node == node and first_at(c, ACCEPTING) is not None
        ]
        in_time = 0
        for case in accepted:
            took, contact = first_at(case, ACCEPTING), first_at(case, CONTACT)
            if took is not None and contact is not None:
                in_time += cal.working_hours_between(took, contact) <= CONTACT_PROMISE_HOURS
        out.append(
            Deadlines(
                node,
                len(due),
                sum(1 for o in due if o.status != "expired"),
                len(accepted),
                in_time,
            )
        )
    return out


def _offer_shares(offers: list[OfferFact], key: Any) -> list[OfferShares]:
    groups: dict[str, Counter[str]] = {}
    for offer in offers:
        groups.setdefault(key(offer), Counter())[offer.status] += 1
    return [
        OfferShares(scope, sum(c.values()), {s: c.get(s, 0) for s in OFFER_STATUSES})
        for scope, c in sorted(groups.items())
    ]


def _counted(values: Iterable[str | None]) -> dict[str, int]:
    counts = Counter(v for v in values if v)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
