"""The roster in the console: advisors listed, added, edited and deactivated one at a time,
and imported or exported as CSV, with the same row-and-field checks as ``spbot roster``."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.responses import Response

from bot.console.permissions import Action
from bot.console.views.cases import actor_of
from bot.console.web import Req, view
from bot.datafiles.roster import (
    AdvisorRecord,
    FieldProblem,
    RosterError,
    parse_roster_text,
    parse_rows,
    write_roster,
)
from bot.storage.advisors import export_roster, import_roster

MAX_UPLOAD = 1_000_000  # bytes


def _checks(r: Req) -> dict[str, Any]:
    return {
        "known_nodes": [n.slug for n in r.console.gazetteer.nodes],
        "known_tags": r.console.taxonomy.tags,
    }


# The advisor form's fields, in the form's order, each with its label in the staff catalog.
FORM_FIELDS = {
    "key": "roster.key",
    "name": "roster.name",
    "node": "case.node",
    "email": "roster.email",
    "slack_user_id": "roster.slack",
    "expertise": "roster.expertise",
    "languages": "roster.languages",
    "capacity": "roster.capacity",
}
# A file's columns: the form's, and the two flags.
FILE_FIELDS = {**FORM_FIELDS, "is_coordinator": "roster.coordinator", "active": "roster.active"}


def _file_problems(r: Req, exc: RosterError) -> list[str]:
    """A file's problems, row by row in the reader's language; the file-level ones (a file
    that cannot be read) as they are."""
    if not exc.fields:
        return exc.problems
    return [
        r.t(
            "roster.row_problem",
            row=p.row,
            field=r.t(FILE_FIELDS[p.field]) if p.field in FILE_FIELDS else p.field,
            problem=r.problem_text(p.code, p.detail),
        )
        for p in exc.fields
    ]


def _form_page(
    r: Req,
    record: dict[str, Any],
    *,
    new: bool,
    problems: list[FieldProblem],
    status: int = 200,
) -> Response:
    """The form; each problem in the reader's language beside its field and in the summary
    above (which links to the field), the values as entered kept."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(r.problem_text(problem.code, problem.detail))
    return r.render(
        "advisor.html",
        status=status,
        record=record,
        new=new,
        errors=errors,
        field_labels=FORM_FIELDS,
        nodes=r.console.gazetteer.nodes,
        sectors=r.console.taxonomy.sectors,
        needs=r.console.taxonomy.needs,
    )


@view(Action.ROSTER)
async def roster(r: Req) -> Response:
    records = await export_roster(r.console.db)
    return r.render("roster.html", records=records, problems=[])


@view(Action.ROSTER)
async def roster_csv(r: Req) -> Response:
    body = write_roster(await export_roster(r.console.db), "csv")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="roster.csv"'},
    )


@view(Action.ROSTER)
async def roster_import(r: Req) -> Response:
    assert r.form is not None
    upload = r.form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return r.back(r.url("roster") + "?err=file_missing")
    raw = await upload.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        return r.back(r.url("roster") + "?err=file_too_large")
    suffix = "." + upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else ""
    try:
        text = raw.decode("utf-8-sig")
        records = parse_roster_text(text, suffix, **_checks(r))
    except UnicodeDecodeError:
        return await _roster_with(r, [r.t("roster.not_utf8")])
    except RosterError as exc:
        return await _roster_with(r, _file_problems(r, exc))
    actor = actor_of(r)
    summary = await import_roster(
        r.console.db, records, replace=r.field("replace", 4) == "yes", actor=actor
    )
    return r.render(
        "roster.html",
        records=await export_roster(r.console.db),
        problems=[],
        imported=summary.line(),
    )


async def _roster_with(r: Req, problems: list[str]) -> Response:
    return r.render(
        "roster.html", status=400, records=await export_roster(r.console.db), problems=problems
    )


@view(Action.ROSTER)
async def advisor_new(r: Req) -> Response:
    empty = AdvisorRecord(key="x", name="x", node="x").model_dump(mode="json")
    empty.update(key="", name="", node="")
    return _form_page(r, empty, new=True, problems=[])


@view(Action.ROSTER)
async def advisor_edit(r: Req) -> Response:
    key = str(r.request.path_params.get("key", ""))[:64]
    found = [rec for rec in await export_roster(r.console.db) if rec.key == key]
    if not found:
        return r.not_found()
    return _form_page(r, found[0].model_dump(mode="json"), new=False, problems=[])


@view(Action.ROSTER)
async def advisor_save(r: Req) -> Response:
    assert r.form is not None
    new = r.field("new", 4) == "yes"
    row: dict[str, Any] = {
        "key": r.field("key", 64),
        "name": r.field("name", 200),
        "node": r.field("node", 64),
        "email": r.field("email", 254),
        "slack_user_id": r.field("slack_user_id", 32),
        "expertise": [v for v in r.form.getlist("expertise") if isinstance(v, str)][:100],
        "languages": [v for v in r.form.getlist("languages") if isinstance(v, str)][:10] or ["sv"],
        "capacity": r.field("capacity", 4) or "0",
        "is_coordinator": r.field("is_coordinator", 4) == "yes",
        "active": r.field("active", 4) == "yes",
    }
    current = await export_roster(r.console.db)
    existing = {rec.key for rec in current}
    problems: list[FieldProblem] = []
    taken = {rec.slack_user_id: rec.key for rec in current if rec.slack_user_id}
    if row["slack_user_id"] and taken.get(row["slack_user_id"], row["key"]) != row["key"]:
        holder = taken[row["slack_user_id"]]
        problems.append(
            FieldProblem(1, "slack_user_id", "slack_taken", f"already used by '{holder}'", holder)
        )
    if new and row["key"] in existing:
        problems.append(
            FieldProblem(
                1, "key", "key_taken", f"'{row['key']}' is already on the roster", row["key"]
            )
        )
    if not new and row["key"] not in existing:
        return r.not_found()
    if not problems:
        try:
            records = parse_rows([(1, row)], **_checks(r))
        except RosterError as exc:
            problems = exc.fields
    if problems:
        return _form_page(r, row, new=new, problems=problems, status=400)
    await import_roster(r.console.db, records, actor=actor_of(r))
    return r.back(r.url("roster"), ok="advisor_saved")
