"""The evidence facts of the results report and the funder pack (docs/reports.md): the
cases' companies, follow-up answers and survey answers — counts and codes, never a name
or a founder's words. Split from ``report_facts`` (which loads them with everything else)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain import EventKind
from bot.storage.models import Case, CaseEvent, Company, Node


@dataclass(frozen=True, slots=True)
class CompanyFact:
    orgnr: str | None  # None for a sole trader's (their personnummer: personal data)
    name: str | None  # None for a sole trader's (often the person's name)
    legal_form: str
    size_class: str | None
    sni: str | None
    registered_on: date | None


def in_period(column: Any, start: datetime, end: datetime) -> Any:
    return (column >= start) & (column < end)


async def surveys(
    conn: AsyncConnection, start: datetime, end: datetime, node: str | None
) -> list[tuple[str | None, str, str]]:
    rows = await conn.execute(
        select(Node.slug, CaseEvent.payload)
        .join(Case, Case.id == CaseEvent.case_id)
        .outerjoin(Node, Node.id == Case.node_id)
        .where(
            CaseEvent.kind == EventKind.SURVEY_ANSWERED.value,
            in_period(CaseEvent.created_at, start, end),
        )
    )
    out = []
    for slug, payload in rows:
        if not isinstance(payload, dict) or (node is not None and slug != node):
            continue
        question = str(payload.get("question", ""))
        value = (
            "given"
            if question == "comment" and payload.get("given")
            else str(payload.get("value", ""))
        )
        out.append((slug, question, value))
    return out


async def followups(conn: AsyncConnection, start: datetime, end: datetime) -> dict[str, int]:
    """Follow-ups in the period, counted: "sent", "answered", "reminded", "unanswered", each
    answer; the survival follow-ups' answers as "survival_12_running" (and 36, closed_down);
    "people": the people working in the companies, as the founders told it (the latest per
    case)."""
    rows = await conn.execute(
        select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.payload)
        .where(
            CaseEvent.kind.in_(
                (
                    EventKind.FOLLOWUP_SENT.value,
                    EventKind.FOLLOWUP_ANSWERED.value,
                    EventKind.FOLLOWUP_REMINDED.value,
                    EventKind.FOLLOWUP_UNANSWERED.value,
                    EventKind.FOLLOWUP_PEOPLE.value,
                )
            ),
            in_period(CaseEvent.created_at, start, end),
        )
        .order_by(CaseEvent.id)
    )
    out: dict[str, int] = defaultdict(int)
    people: dict[int, int] = {}
    for case_id, kind, payload in rows:
        data = payload if isinstance(payload, dict) else {}
        if kind == EventKind.FOLLOWUP_SENT.value:
            out["sent"] += 1
        elif kind == EventKind.FOLLOWUP_REMINDED.value:
            out["reminded"] += 1
        elif kind == EventKind.FOLLOWUP_UNANSWERED.value:
            out["unanswered"] += 1
        elif kind == EventKind.FOLLOWUP_PEOPLE.value:
            if isinstance(data.get("people"), int):
                people[case_id] = data["people"]
        else:
            out["answered"] += 1
            answer = data.get("answer")
            if isinstance(answer, str):
                out[answer] += 1
                if data.get("months") in (12, 36):
                    out[f"survival_{data['months']}_{answer}"] += 1
    if people:
        out["people"] = sum(people.values())
    return dict(out)


async def companies(conn: AsyncConnection, ids: set[int | None]) -> dict[int, CompanyFact]:
    """The cases' companies; a sole trader's number and name are never read (personal)."""
    wanted = [i for i in ids if i is not None]
    out: dict[int, CompanyFact] = {}
    for chunk in range(0, len(wanted), 5000):
        rows = await conn.execute(
            select(
                Company.id,
                Company.orgnr,
                Company.personal,
                Company.name,
                Company.legal_form,
                Company.size_class,
                Company.sni,
                Company.registered_on,
            ).where(Company.id.in_(wanted[chunk : chunk + 5000]))
        )
        for cid, orgnr, personal, name, form, size, sni, registered in rows:
            out[cid] = CompanyFact(
                None if personal else orgnr,
                None if personal else name,
                form,
                size,
                sni,
                registered,
            )
    return out
