"""The non-personal facts the results report is computed from (see docs/reports.md).

Every fact here survives a founder's erasure: case rows keep municipality, node, status,
outcome, stage, needs and sector ids; case events, offers and the audit log's intake
milestones are kept (erasure only removes free-text notes). Nothing here reads a name, a
contact detail or a founder's words. A few set-based queries, not one per case: a report
over ten years of history stays well under two seconds (bench/reports.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.answers import CaseAnswers
from bot.domain import CaseStatus, EventKind
from bot.storage.db import Database
from bot.storage.evidence_facts import CompanyFact as CompanyFact
from bot.storage.evidence_facts import companies as _companies
from bot.storage.evidence_facts import followups as _followups
from bot.storage.evidence_facts import in_period as _in_period
from bot.storage.evidence_facts import surveys as _surveys
from bot.storage.models import (
    AdvisingSession,
    Advisor,
    AuditEntry,
    Case,
    CaseEvent,
    Company,
    FounderProfile,
    Meeting,
    Municipality,
    Node,
    Offer,
    Partner,
    Referral,
)
from bot.storage.node_events import counts_by_node_and_kind

# The case events a report reads (the timeline of each case).
TIMELINE_KINDS = (
    EventKind.OPENED.value,
    EventKind.OFFERED.value,
    EventKind.ACCEPTED.value,
    EventKind.REASSIGNED.value,
    EventKind.MATCH_AGAIN.value,
    EventKind.ESCALATED.value,
    EventKind.IN_CONTACT.value,
    EventKind.COACHING_STARTED.value,
    EventKind.CLOSED.value,
)
# The audit log's milestones of an intake (bot/engine/intake.py writes them with each turn).
FUNNEL_KINDS = (
    "intake_started",
    "consent_carried",
    "consent_given",
    "intake_submitted",
    "intake_cancelled",
    "referred_out_of_region",
)


@dataclass(frozen=True, slots=True)
class NodeFact:
    slug: str
    name: str
    municipality_code: str
    municipality: str


@dataclass(frozen=True, slots=True)
class CaseEventFact:
    kind: str
    at: datetime
    channel: str | None = None  # of the ``opened`` event


@dataclass(slots=True)
class CaseFact:
    id: int
    ref: str
    opened_at: datetime
    municipality_code: str
    node: str | None  # the home node: the node of the founder's municipality
    status: str
    outcome: str | None
    advisor_node: str | None  # the node of the advisor who holds (or held) it
    stage: str | None
    needs: tuple[str, ...]
    sector: str | None  # the first (strongest) sector
    events: list[CaseEventFact] = field(default_factory=list)
    # The case's company: its id (one company, many cases), registration and who confirmed it.
    company: int | None = None
    registered_on: date | None = None
    verified_by: str | None = None
    # The founder's optional answers (gender, age band, born abroad): only ever counted.
    gender: str | None = None
    age_band: str | None = None
    born_abroad: str | None = None

    @property
    def channel(self) -> str | None:
        for event in self.events:
            if event.kind == EventKind.OPENED.value:
                return event.channel
        return None


@dataclass(frozen=True, slots=True)
class OfferFact:
    case_id: int
    advisor_key: str
    advisor_node: str
    status: str
    offered_at: datetime
    responded_at: datetime | None
    decline_reason: str | None


@dataclass(frozen=True, slots=True)
class IntakeFact:
    """One intake (a conversation) by its milestones: kind → first time."""

    subject: str
    milestones: dict[str, datetime]


@dataclass(frozen=True, slots=True)
class MeetingFact:
    case_id: int
    node: str  # the advisor's node
    starts_at: datetime
    status: str  # booked, cancelled, held, no_show


@dataclass(frozen=True, slots=True)
class SessionFact:
    case_id: int
    node: str  # the node of the advisor who logged it
    held_on: date
    minutes: int


@dataclass(frozen=True, slots=True)
class ReferralFact:
    partner: str  # its key
    status: str  # asked, declined, sent, received
    outcome: str | None


@dataclass(frozen=True)
class ReportFacts:
    nodes: list[NodeFact]
    cases: dict[int, CaseFact]  # opened in the period, or closed or coached in it
    offers: list[OfferFact]  # of the cases opened in the period
    intakes: list[IntakeFact]  # started in the period
    events: list[dict[str, Any]] = field(default_factory=list)  # held in it, per node, kind
    meetings: list[MeetingFact] = field(default_factory=list)  # starting in the period
    # The first meeting (not cancelled) of each case opened in the period: case id → start.
    first_meetings: dict[int, datetime] = field(default_factory=dict)
    sessions: list[SessionFact] = field(default_factory=list)  # held in the period
    referrals: list[ReferralFact] = field(default_factory=list)  # asked in the period
    companies: dict[int, CompanyFact] = field(default_factory=dict)  # the cases' companies
    # Follow-ups in the period: "sent", "answered" and each answer, counted.
    followups: dict[str, int] = field(default_factory=dict)
    # Survey answers in the period: (the case's node, question, value); comments as "given".
    surveys: list[tuple[str | None, str, str]] = field(default_factory=list)
    advisor_names: dict[str, str] = field(default_factory=dict)  # key → name


async def load_report_facts(
    db: Database,
    start: datetime,
    end: datetime,
    node: str | None = None,
    now: datetime | None = None,
) -> ReportFacts:
    """Facts for the period [start, end): the cases opened in it, and those closed or
    being coached in it (a company start counts when the case closes, whenever it opened),
    each with its timeline; their offers; the intakes started in it. ``node``: one node's
    cases only (the intake funnel is the region's: a node is known only once a place is)."""
    async with db.bulk_reading() as conn:
        nodes = await _nodes(conn)
        home = await _home_nodes(conn)
        cases = await _cases(conn, start, end, home, node)
        await _timelines(conn, cases)
        offers = await _offers(conn, start, end, home, node)
        intakes = await _intakes(conn, start, end) if node is None else []
        events = [
            e
            for e in await counts_by_node_and_kind(conn, start, end, now)
            if node is None or e["node"] in (node, None)
        ]
        meetings, first, sessions, referrals = await _advising(conn, start, end, home, node)
        companies = await _companies(conn, {c.company for c in cases.values() if c.company})
        followups = await _followups(conn, start, end)
        surveys = await _surveys(conn, start, end, node)
        names = {str(k): str(n) for k, n in await conn.execute(select(Advisor.key, Advisor.name))}
    return ReportFacts(
        nodes,
        cases,
        offers,
        intakes,
        events,
        meetings,
        first,
        sessions,
        referrals,
        companies,
        followups,
        surveys,
        names,
    )


async def _advising(
    conn: AsyncConnection,
    start: datetime,
    end: datetime,
    home_nodes: dict[str, str],
    node: str | None,
) -> tuple[list[MeetingFact], dict[int, datetime], list[SessionFact], list[ReferralFact]]:
    """Meetings starting in the period, each case's first meeting, the sessions held in
    it and the referrals asked in it (a node's report: its advisors' meetings and
    sessions, its cases' referrals). No notes, no names."""
    meetings_q = (
        select(Meeting.case_id, Node.slug, Meeting.starts_at, Meeting.status)
        .join(Advisor, Advisor.id == Meeting.advisor_id)
        .join(Node, Node.id == Advisor.node_id)
        .where(_in_period(Meeting.starts_at, start, end))
    )
    sessions_q = (
        select(AdvisingSession.case_id, Node.slug, AdvisingSession.held_on, AdvisingSession.minutes)
        .join(Advisor, Advisor.id == AdvisingSession.advisor_id)
        .join(Node, Node.id == Advisor.node_id)
        .where(AdvisingSession.held_on >= start.date(), AdvisingSession.held_on < end.date())
    )
    if node is not None:
        meetings_q = meetings_q.where(Node.slug == node)
        sessions_q = sessions_q.where(Node.slug == node)
    first_q = (
        select(Meeting.case_id, func.min(Meeting.starts_at))
        .join(Case, Case.id == Meeting.case_id)
        .where(Meeting.status != "cancelled", _in_period(Case.created_at, start, end))
        .group_by(Meeting.case_id)
    )
    referrals_q = (
        select(Partner.key, Referral.status, Referral.outcome, Case.municipality_code)
        .join(Partner, Partner.id == Referral.partner_id)
        .join(Case, Case.id == Referral.case_id)
        .where(_in_period(Referral.asked_at, start, end))
    )
    meetings = [MeetingFact(*row) for row in await conn.execute(meetings_q)]
    first = {case_id: at for case_id, at in await conn.execute(first_q)}
    sessions = [SessionFact(*row) for row in await conn.execute(sessions_q)]
    referrals = [
        ReferralFact(key, status, outcome)
        for key, status, outcome, municipality in await conn.execute(referrals_q)
        if node is None or home_nodes.get(municipality) == node
    ]
    return meetings, first, sessions, referrals


async def _nodes(conn: AsyncConnection) -> list[NodeFact]:
    rows = await conn.execute(
        select(Node.slug, Node.name, Node.municipality_code, Municipality.name)
        .join(Municipality, Municipality.code == Node.municipality_code)
        .order_by(Municipality.name, Node.slug)
    )
    return [NodeFact(*row) for row in rows]


async def _home_nodes(conn: AsyncConnection) -> dict[str, str]:
    """Municipality code → its node's slug (the first, should a municipality get two)."""
    rows = await conn.execute(select(Node.municipality_code, Node.slug).order_by(Node.id))
    out: dict[str, str] = {}
    for code, slug in rows:
        out.setdefault(code, slug)
    return out


async def _cases(
    conn: AsyncConnection,
    start: datetime,
    end: datetime,
    home_nodes: dict[str, str],
    node: str | None,
) -> dict[int, CaseFact]:
    closed_or_coached = (
        select(CaseEvent.case_id)
        .where(
            or_(
                (CaseEvent.kind == EventKind.CLOSED.value)
                & _in_period(CaseEvent.created_at, start, end),
                (CaseEvent.kind == EventKind.COACHING_STARTED.value) & (CaseEvent.created_at < end),
            )
        )
        .scalar_subquery()
    )
    held_by = Node.__table__.alias("held_by")
    query = (
        select(
            Case.id,
            Case.ref,
            Case.created_at,
            Case.municipality_code,
            Case.status,
            Case.outcome,
            held_by.c.slug,
            Case.answers,
            Company.id,
            Company.registered_on,
            Company.verified_by,
            FounderProfile.gender,
            FounderProfile.age_band,
            FounderProfile.born_abroad,
        )
        .outerjoin(Company, Company.id == Case.company_id)
        .outerjoin(FounderProfile, FounderProfile.founder_id == Case.founder_id)
        .outerjoin(Advisor, Advisor.id == Case.advisor_id)
        .outerjoin(held_by, held_by.c.id == Advisor.node_id)
        .where(
            or_(
                _in_period(Case.created_at, start, end),
                Case.id.in_(closed_or_coached),
                Case.status == CaseStatus.COACHING.value,
            )
        )
    )
    if node is not None:
        query = query.where(
            Case.municipality_code.in_([m for m, slug in home_nodes.items() if slug == node])
        )
    out: dict[int, CaseFact] = {}
    for row in await conn.execute(query):
        answers = CaseAnswers.read(row[7])
        out[row[0]] = CaseFact(
            id=row[0],
            ref=row[1],
            opened_at=row[2],
            municipality_code=row[3],
            node=home_nodes.get(row[3]),
            status=row[4],
            outcome=row[5],
            advisor_node=row[6],
            stage=answers.stage,
            needs=answers.needs,
            sector=answers.sectors[0].id if answers.sectors else None,
            company=row[8],
            registered_on=row[9],
            verified_by=row[10],
            gender=row[11],
            age_band=row[12],
            born_abroad=row[13],
        )
    return out


async def _timelines(conn: AsyncConnection, cases: dict[int, CaseFact]) -> None:
    ids = list(cases)
    for chunk in range(0, len(ids), 5000):  # bound the IN list (SQLite's variable limit)
        part = ids[chunk : chunk + 5000]
        rows = await conn.execute(
            select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.created_at, CaseEvent.payload)
            .where(CaseEvent.case_id.in_(part), CaseEvent.kind.in_(TIMELINE_KINDS))
            .order_by(CaseEvent.case_id, CaseEvent.created_at, CaseEvent.id)
        )
        for case_id, kind, at, payload in rows:
            channel = None
            if kind == EventKind.OPENED.value and isinstance(payload, dict):
                value = payload.get("channel")
                channel = value if isinstance(value, str) else None
            cases[case_id].events.append(CaseEventFact(kind, at, channel))


async def _offers(
    conn: AsyncConnection,
    start: datetime,
    end: datetime,
    home_nodes: dict[str, str],
    node: str | None,
) -> list[OfferFact]:
    query = (
        select(
            Offer.case_id,
            Advisor.key,
            Node.slug,
            Offer.status,
            Offer.offered_at,
            Offer.responded_at,
            Offer.decline_reason,
        )
        .join(Case, Case.id == Offer.case_id)
        .join(Advisor, Advisor.id == Offer.advisor_id)
        .join(Node, Node.id == Advisor.node_id)
        .where(_in_period(Case.created_at, start, end))
        .order_by(Offer.id)
    )
    if node is not None:
        query = query.where(
            Case.municipality_code.in_([m for m, slug in home_nodes.items() if slug == node])
        )
    return [OfferFact(*row) for row in await conn.execute(query)]


async def _intakes(conn: AsyncConnection, start: datetime, end: datetime) -> list[IntakeFact]:
    started = (
        select(AuditEntry.subject)
        .where(AuditEntry.kind == "intake_started", _in_period(AuditEntry.created_at, start, end))
        .scalar_subquery()
    )
    rows = await conn.execute(
        select(AuditEntry.subject, AuditEntry.kind, AuditEntry.created_at)
        .where(AuditEntry.kind.in_(FUNNEL_KINDS), AuditEntry.subject.in_(started))
        .order_by(AuditEntry.id)
    )
    milestones: dict[str, dict[str, datetime]] = defaultdict(dict)
    for subject, kind, at in rows:
        if subject is not None:
            milestones[subject].setdefault(kind, at)
    return [IntakeFact(subject, kinds) for subject, kinds in milestones.items()]
