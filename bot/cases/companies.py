"""Companies and verified starts: the evidence the region's funders accept.

A case names its company by organisation number (``cases/orgnr.py`` checks it); the same
number is the same company, however many cases or founders name it. A company start claimed
by an advisor (a case closed as ``company_started``) is **verified** when its company has a
registration date within the case's period of support — from ``before_days`` before the case
opened to ``after_days`` after it closed (settings) — and the registration was confirmed:
by an advisor who saw it, or by a registry extract a coordinator imported (Bolagsverket's or
SCB's: organisation number, name, registration date, SNI). docs/reports.md has the rule.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.cases.actions import Actor
from bot.cases.context import CaseContext
from bot.cases.holding import ensure_holder
from bot.cases.orgnr import OrgnrInvalid, parse_orgnr
from bot.domain import SIZE_CLASSES, AuditKind, EventKind, FieldInvalid, SpbotError
from bot.storage import case_rows
from bot.storage.erasure import add_audit
from bot.storage.models import Case, Company

MAX_IMPORT_ROWS = 100_000


class CompanyInvalid(FieldInvalid):
    """A company record that cannot be kept (``field``, ``problem``: see ``FieldInvalid``)."""

    code = "company_invalid"


@dataclass(frozen=True)
class RowProblem:
    """One row of an extract that cannot be read: its number and a stable code."""

    row: int
    problem: str  # orgnr, not_a_date
    message: str  # English, for the CLI

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


class ExtractInvalid(SpbotError):
    """A registry extract with errors: nothing was imported. ``problems`` lists each row's
    (``RowProblem``); ``problem`` is the file's own (a stable code) when it has one."""

    code = "extract_invalid"

    def __init__(
        self, message: str, *, problems: list[RowProblem], problem: str = "invalid"
    ) -> None:
        super().__init__(message, problems=problems, problem=problem)

    @property
    def rows(self) -> list[RowProblem]:
        listed = self.details["problems"]
        return [p for p in listed if isinstance(p, RowProblem)] if isinstance(listed, list) else []

    @property
    def problem(self) -> str:
        return str(self.details["problem"])


@dataclass(frozen=True)
class CompanyView:
    id: int
    orgnr: str | None  # as written; a sole trader's with the last four digits hidden
    name: str | None
    legal_form: str
    registered_on: date | None
    sni: str | None
    size_class: str | None
    verified_by: str | None
    personal: bool
    also_in: tuple[str, ...] = ()  # other cases naming the same company


@dataclass(frozen=True)
class StartRule:
    before_days: int = 30  # a registration this long before the case opened still counts
    after_days: int = 365  # and this long after it closed

    def window(self, opened: datetime, closed: datetime | None) -> tuple[date, date]:
        end = (closed or opened).date() + timedelta(days=self.after_days)
        return opened.date() - timedelta(days=self.before_days), end


@dataclass
class ExtractResult:
    rows: int = 0
    matched: int = 0  # companies we know, now confirmed by the registry
    not_ours: int = 0  # companies no case names (most of an extract)
    problems: list[RowProblem] = field(default_factory=list)


def _view(c: Company) -> CompanyView:
    shown = None
    if c.orgnr:
        shown = f"{c.orgnr[:6]}-****" if c.personal else f"{c.orgnr[:6]}-{c.orgnr[6:]}"
    return CompanyView(
        c.id,
        shown,
        c.name,
        c.legal_form,
        c.registered_on,
        c.sni,
        c.size_class,
        c.verified_by,
        c.personal,
    )


class Companies:
    def __init__(self, ctx: CaseContext, rule: StartRule | None = None) -> None:
        self.ctx = ctx
        self.rule = rule or StartRule()

    async def of_case(self, ref: str, actor: Actor) -> CompanyView | None:
        async with self.ctx.db.sessions() as session:
            case = await case_rows.find_case(session, ref)
            await ensure_holder(session, case, actor)
            company = await session.get(Company, case.company_id) if case.company_id else None
            return _view(company) if company else None

    async def record(
        self,
        ref: str,
        actor: Actor,
        *,
        orgnr: str,
        name: str = "",
        registered_on: date | None = None,
        sni: str | None = None,
        size_class: str | None = None,
        confirmed: bool = False,
    ) -> CompanyView:
        """Name the case's company (found by its number, or added); ``confirmed``: the
        advisor has seen the registration (then the date is needed)."""
        try:
            number = parse_orgnr(orgnr)
        except OrgnrInvalid:
            raise CompanyInvalid(
                "not an organisation number", field="orgnr", problem="orgnr"
            ) from None
        name = " ".join(name.split())[:200]
        if name and not name.isprintable():
            raise CompanyInvalid(
                "control characters in the name", field="name", problem="control_characters"
            )
        if size_class and size_class not in SIZE_CLASSES:
            raise CompanyInvalid("unknown size class", field="size_class", problem="unknown_choice")
        if sni and not (sni.replace(".", "").isdigit() and len(sni) <= 8):
            raise CompanyInvalid("an SNI code is digits", field="sni", problem="sni_digits")
        today = self.ctx.today()
        if registered_on is not None and registered_on > today:
            raise CompanyInvalid(
                "a registration date in the future", field="registered_on", problem="in_the_future"
            )
        if confirmed and registered_on is None:
            raise CompanyInvalid(
                "a confirmed registration has its date",
                field="registered_on",
                problem="date_needed",
            )
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            case = await case_rows.lock_case(session, ref)
            await ensure_holder(session, case, actor)
            if case.founder_id is None:
                raise CompanyInvalid("the founder's data is erased", field="case", problem="erased")
            company = await session.scalar(select(Company).where(Company.orgnr == number.digits))
            if company is None:
                company = Company(
                    orgnr=number.digits,
                    personal=number.personal,
                    legal_form=number.legal_form,
                    created_at=now,
                    updated_at=now,
                )
                session.add(company)
            if name:
                company.name = name
            if registered_on is not None:
                company.registered_on = registered_on
            if sni:
                company.sni = sni
            if size_class:
                company.size_class = size_class
            if confirmed and company.verified_by is None:
                company.verified_by, company.verified_at = "advisor", now
            company.updated_at = now
            await session.flush()
            case.company_id = company.id
            others = tuple(
                (
                    await session.scalars(
                        select(Case.ref).where(Case.company_id == company.id, Case.id != case.id)
                    )
                ).all()
            )
            self.ctx.event(
                session,
                case,
                actor,
                EventKind.COMPANY_RECORDED,
                None,
                {"company": company.id, "confirmed": confirmed, "also_in": list(others)},
                now,
            )
            return replace(_view(company), also_in=others)

    async def import_extract(self, data: bytes, actor: Actor, source: str) -> ExtractResult:
        """A registry extract (CSV: orgnr, name, registered, sni; a header row; comma or
        semicolon): every row checked first, all or nothing. Companies a case names get
        their registration confirmed; the rest are not ours and are not kept."""
        rows = _rows(data)
        result = ExtractResult(rows=len(rows))
        parsed: list[tuple[str, str, date | None, str | None]] = []
        for number, row in enumerate(rows, start=2):
            try:
                org = parse_orgnr(row.get("orgnr", ""))
            except OrgnrInvalid as exc:
                result.problems.append(RowProblem(number, "orgnr", str(exc)))
                continue
            when: date | None = None
            if row.get("registered"):
                try:
                    when = date.fromisoformat(row["registered"].strip())
                except ValueError:
                    result.problems.append(
                        RowProblem(number, "not_a_date", "the date is not YYYY-MM-DD")
                    )
                    continue
            sni = (row.get("sni") or "").strip() or None
            parsed.append((org.digits, (row.get("name") or "").strip()[:200], when, sni))
        if result.problems:
            raise ExtractInvalid(
                f"{len(result.problems)} rows have errors; nothing was imported",
                problems=result.problems[:50],
            )
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            for digits, name, when, sni in parsed:
                company = await session.scalar(select(Company).where(Company.orgnr == digits))
                if company is None:
                    result.not_ours += 1
                    continue
                result.matched += 1
                company.registered_on = when or company.registered_on
                company.name = name or company.name
                company.sni = sni or company.sni
                company.verified_by, company.verified_at = "registry", now
                company.updated_at = now
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.REGISTRY_IMPORTED,
                source[:128],
                None,
                {"rows": result.rows, "matched": result.matched, "not_ours": result.not_ours},
                now,
            )
        return result


def _rows(data: bytes) -> list[dict[str, str]]:
    if len(data) > 20_000_000:
        raise ExtractInvalid("the file is larger than 20 MB", problems=[], problem="file_too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:2000]
    dialect = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    if reader.fieldnames is None:
        raise ExtractInvalid("the file is empty", problems=[], problem="file_empty")
    names = {f.strip().lower(): f for f in reader.fieldnames if f}
    aliases = {
        "orgnr": ("orgnr", "organisationsnummer", "org_nr", "organisation_number"),
        "name": ("name", "namn", "foretagsnamn", "företagsnamn"),
        "registered": ("registered", "registreringsdatum", "registration_date", "reg_datum"),
        "sni": ("sni", "sni_kod", "sni-kod", "sni_code"),
    }
    columns = {
        key: next((names[a] for a in options if a in names), None)
        for key, options in aliases.items()
    }
    if columns["orgnr"] is None:
        raise ExtractInvalid(
            "no column of organisation numbers (orgnr)", problems=[], problem="no_orgnr_column"
        )
    out: list[dict[str, str]] = []
    for row in reader:
        if len(out) >= MAX_IMPORT_ROWS:
            raise ExtractInvalid(
                f"more than {MAX_IMPORT_ROWS} rows", problems=[], problem="too_many_rows"
            )
        out.append({key: str(row.get(col) or "") for key, col in columns.items() if col})
    return out


def verified_start(
    opened: datetime,
    closed: datetime | None,
    registered_on: date | None,
    verified_by: str | None,
    rule: StartRule,
) -> bool:
    """The one rule for a verified start (docs/reports.md): a confirmed registration within
    the case's period of support."""
    if registered_on is None or verified_by is None:
        return False
    first, last = rule.window(opened, closed)
    return first <= registered_on <= last
