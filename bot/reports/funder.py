"""The funder report pack: the EU regional fund's common indicators for business support as
this service can count them, the companies behind them (organisation numbers, each once),
and the definitions (docs/reports.md, "The funder pack"). JSON, CSV and XLSX (openpyxl),
from the same non-personal facts as the results report.

Indicators (Regulation (EU) 2021/1058, Annex I; definitions in the Commission's
SWD(2021) 198): RCO01 enterprises supported, RCO04 enterprises with non-financial support,
RCO05 new enterprises supported. The Science Park gives advice, not money: RCO02 and RCO03
(grants, financial instruments) are not ours to count.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.cases.companies import StartRule, verified_start
from bot.content.staff_texts import CATALOG, staff_text
from bot.datafiles.csv_cells import write_csv
from bot.domain import EventKind, Outcome
from bot.reports.advising import Evidence, evidence_of
from bot.reports.equality import Split, anyone_answered, equality_splits
from bot.reports.periods import Period
from bot.reports.timeline import CONTACT, closed_in, first_at, last_at
from bot.storage.report_facts import CaseFact, ReportFacts

SCHEMA = "spbot.funder-pack/1"
NEW_WITHIN = timedelta(days=3 * 365)  # RCO05: the enterprise did not exist three years before


@dataclass(frozen=True)
class CompanyRow:
    """One enterprise supported: a sole trader's number and name are not listed (they are
    the person's), the enterprise still counts."""

    orgnr: str | None
    name: str | None
    legal_form: str
    size_class: str | None
    sni: str | None
    registered_on: str | None
    node: str | None
    new: bool
    advised: bool
    verified_start: bool


@dataclass(frozen=True)
class FunderPack:
    period: Period
    as_of: datetime
    rco01_enterprises_supported: int
    rco04_non_financial_support: int
    rco05_new_enterprises: int
    evidence: Evidence
    advising_hours: float
    sole_traders_unlisted: int
    by_node: dict[str, int] = field(default_factory=dict)
    by_size_class: dict[str, int] = field(default_factory=dict)
    by_sni_division: dict[str, int] = field(default_factory=dict)
    companies: list[CompanyRow] = field(default_factory=list)
    # From the follow-ups answered in the period (docs/reports.md "Follow-ups"): of the
    # companies asked a year (three years) after their start, those still running and those
    # answered; the people working in them as the founders told it; follow-ups unanswered.
    survival_12: tuple[int, int] = (0, 0)
    survival_36: tuple[int, int] = (0, 0)
    people_reported: int = 0
    followups_unanswered: int = 0
    # By the founder's gender, age band and country of birth: only when founders were asked
    # (SPBOT_ASK_ABOUT_FOUNDER); counts under ``min_cell`` suppressed (None).
    equality: list[Split] = field(default_factory=list)
    min_cell: int = 5

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = {
            "from": self.period.first.isoformat(),
            "to": self.period.last.isoformat(),
            "label": self.period.label(),
        }
        data["as_of"] = self.as_of.isoformat()
        return {"schema": SCHEMA, **data, "definitions": "docs/reports.md#the-funder-pack"}


def _supported(case: CaseFact) -> bool:
    """Had an advisor: accepted or assigned in its life (what RCO01 counts as support)."""
    return any(
        e.kind in (EventKind.ACCEPTED.value, EventKind.REASSIGNED.value) for e in case.events
    )


def build_funder_pack(
    facts: ReportFacts,
    period: Period,
    now: datetime,
    rule: StartRule | None = None,
    min_cell: int = 5,
) -> FunderPack:
    rule = rule or StartRule()
    cases = [c for c in facts.cases.values() if c.company is not None and _supported(c)]
    sessions_by_case = Counter(s.case_id for s in facts.sessions)
    held = {m.case_id for m in facts.meetings if m.status == "held"}
    evidence = evidence_of(list(facts.cases.values()), period, rule)
    verified_ids = _verified_companies(facts, period, rule)
    rows: dict[int, CompanyRow] = {}
    brought_by: dict[int, CaseFact] = {}  # each company's first case (its founder's answers)
    for case in sorted(cases, key=lambda c: c.opened_at):
        assert case.company is not None
        company = facts.companies.get(case.company)
        if company is None:
            continue
        advised = (
            sessions_by_case[case.id] > 0 or case.id in held or first_at(case, CONTACT) is not None
        )
        new = company.registered_on is not None and (
            company.registered_on >= case.opened_at.date() - NEW_WITHIN
        )
        earlier = rows.get(case.company)
        brought_by.setdefault(case.company, case)
        rows[case.company] = CompanyRow(
            orgnr=_display(company.orgnr),
            name=company.name,
            legal_form=company.legal_form,
            size_class=company.size_class,
            sni=company.sni,
            registered_on=company.registered_on.isoformat() if company.registered_on else None,
            node=(earlier.node if earlier else None) or case.advisor_node or case.node,
            new=new or (earlier.new if earlier else False),
            advised=advised or (earlier.advised if earlier else False),
            verified_start=case.company in verified_ids,
        )
    listed = list(rows.values())
    opened = [c for c in facts.cases.values() if period.start <= c.opened_at < period.end]
    equality = (
        equality_splits(
            opened,
            brought_by.values(),
            [c for k, c in brought_by.items() if k in verified_ids],
            min_cell,
        )
        if anyone_answered(facts.cases.values())
        else []
    )
    return FunderPack(
        period=period,
        as_of=now,
        rco01_enterprises_supported=len(listed),
        rco04_non_financial_support=sum(1 for r in listed if r.advised),
        rco05_new_enterprises=sum(1 for r in listed if r.new),
        evidence=evidence,
        advising_hours=round(sum(s.minutes for s in facts.sessions) / 60, 1),
        sole_traders_unlisted=sum(1 for r in listed if r.orgnr is None),
        by_node=dict(Counter(r.node or "–" for r in listed)),
        by_size_class=dict(Counter(r.size_class or "unknown" for r in listed)),
        by_sni_division=dict(Counter((r.sni or "")[:2] or "unknown" for r in listed)),
        companies=sorted(listed, key=lambda r: (r.orgnr is None, r.orgnr or "")),
        survival_12=_survival(facts.followups, 12),
        survival_36=_survival(facts.followups, 36),
        people_reported=facts.followups.get("people", 0),
        followups_unanswered=facts.followups.get("unanswered", 0),
        equality=equality,
        min_cell=min_cell,
    )


def _survival(followups: dict[str, int], months: int) -> tuple[int, int]:
    running = followups.get(f"survival_{months}_running", 0)
    answered = running + followups.get(f"survival_{months}_closed_down", 0)
    return running, answered


def _verified_companies(facts: ReportFacts, period: Period, rule: StartRule) -> set[int]:
    return {
        c.company
        for c in facts.cases.values()
        if c.company is not None
        and c.outcome == Outcome.COMPANY_STARTED.value
        and closed_in(c, period)
        and verified_start(
            c.opened_at, last_at(c, EventKind.CLOSED.value), c.registered_on, c.verified_by, rule
        )
    }


def _display(orgnr: str | None) -> str | None:
    return f"{orgnr[:6]}-{orgnr[6:]}" if orgnr else None


INDICATORS = (
    ("RCO01", "rco01_enterprises_supported"),
    ("RCO04", "rco04_non_financial_support"),
    ("RCO05", "rco05_new_enterprises"),
)


def to_json(pack: FunderPack) -> str:
    return json.dumps(pack.to_dict(), ensure_ascii=False, indent=2)


COLUMNS = (
    "orgnr",
    "name",
    "legal_form",
    "size_class",
    "sni",
    "registered_on",
    "node",
    "new",
    "advised",
    "verified_start",
)


def to_csv(pack: FunderPack) -> str:
    """The companies, one row each (the list a progress report asks for)."""
    return write_csv(COLUMNS, [asdict(r) for r in pack.companies])


def to_xlsx(pack: FunderPack, texts: dict[str, str]) -> bytes:
    """A workbook: the indicators, the companies, the definitions (``texts``: the labels in
    the reader's language)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = texts["sheet.indicators"]
    bold = Font(bold=True)
    sheet.append([texts["title"], pack.period.label()])
    sheet["A1"].font = bold
    sheet.append([])
    sheet.append([texts["col.indicator"], texts["col.name"], texts["col.value"]])
    for cell in sheet[3]:
        cell.font = bold
    for code, key in INDICATORS:
        sheet.append([code, texts[f"ind.{code}"], getattr(pack, key)])
    sheet.append(["", texts["claimed_starts"], pack.evidence.claimed_starts])
    sheet.append(["", texts["verified_starts"], pack.evidence.verified_starts])
    sheet.append(["", texts["advising_hours"], pack.advising_hours])
    sheet.append(["", texts["sole_traders"], pack.sole_traders_unlisted])
    for months, (running, answered) in ((12, pack.survival_12), (36, pack.survival_36)):
        sheet.append(["", texts[f"survival_{months}"], f"{running} / {answered}"])
    sheet.append(["", texts["people_reported"], pack.people_reported])
    sheet.append(["", texts["followups_unanswered"], pack.followups_unanswered])
    for title, counts in (
        (texts["by_node"], pack.by_node),
        (texts["by_size"], pack.by_size_class),
        (texts["by_sni"], pack.by_sni_division),
    ):
        sheet.append([])
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        for key, count in sorted(counts.items()):
            sheet.append([key, "", count])
    sheet.column_dimensions["B"].width = 48
    companies = book.create_sheet(texts["sheet.companies"])
    companies.append([texts[f"col.{'company' if c == 'name' else c}"] for c in COLUMNS])
    for cell in companies[1]:
        cell.font = bold
    for r in pack.companies:
        companies.append(
            [
                r.orgnr or texts["unlisted"],
                r.name or "",
                r.legal_form,
                r.size_class or "",
                r.sni or "",
                r.registered_on or "",
                r.node or "",
                texts["yes"] if r.new else texts["no"],
                texts["yes"] if r.advised else texts["no"],
                texts["yes"] if r.verified_start else texts["no"],
            ]
        )
    if pack.equality:
        _equality_sheet(book.create_sheet(texts["sheet.equality"]), pack, texts, bold)
    definitions = book.create_sheet(texts["sheet.definitions"])
    for line in texts["definitions"].split("\n"):
        definitions.append([line])
    definitions.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def equality_lines(pack: FunderPack, texts: dict[str, str]) -> list[tuple[bool, list[Any]]]:
    """The equality splits as rows of cells, each marked whether it is a heading: the note,
    then per dimension a heading row and its three rows; a suppressed count reads "<5"."""
    hidden = f"<{pack.min_cell}"
    lines: list[tuple[bool, list[Any]]] = [
        (False, [texts["equality.note"].format(min_cell=pack.min_cell)])
    ]
    for split in pack.equality:
        lines.append((False, []))
        heading = [texts[f"equality.{split.dimension}"]]
        heading += [texts[f"equality.{c}"] for c in split.columns]
        lines.append((True, [*heading, texts["equality.col.total"]]))
        for row, counts in split.rows.items():
            cells = [hidden if counts[c] is None else counts[c] for c in split.columns]
            lines.append((False, [texts[f"equality.row.{row}"], *cells, split.totals[row]]))
    return lines


def _equality_sheet(sheet: Any, pack: FunderPack, texts: dict[str, str], bold: Any) -> None:
    for heading, line in equality_lines(pack, texts):
        sheet.append(line)
        if heading:
            for cell in sheet[sheet.max_row]:
                cell.font = bold
    sheet.column_dimensions["A"].width = 28


def funder_texts(language: str) -> dict[str, str]:
    """The workbook's labels in the reader's language (the staff catalog's ``funder.*``)."""
    return {
        key.removeprefix("funder."): staff_text(key, language)
        for key in CATALOG
        if key.startswith("funder.")
    }
