"""``spbot founders``: a person's data on request — export it (GDPR art. 15 and 20) or erase
it (art. 17, the same routine as ``/delete``), found by case reference, email or phone."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.output import (
    database,
    operator,
    out,
    print_json,
    run_async,
    settings_of,
    with_workflow,
)
from bot.domain import ActorKind, AuditKind

if TYPE_CHECKING:
    from bot.cases.erasure import ErasureReport

app = typer.Typer(help="Founders' data: export and erasure on request.", no_args_is_help=True)
NEEDLE = typer.Argument(metavar="REF|EMAIL|PHONE", help="A case reference, email or phone.")


@app.command("export")
def founders_export(
    ctx: typer.Context,
    needle: Annotated[str, NEEDLE],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Everything stored about the person, as JSON (schema in docs/privacy.md)."""
    import json

    from bot.storage.export import export_founder, find_founder

    async def go() -> dict[str, object]:
        async with database(settings_of(ctx)) as db:
            return await export_founder(db, await find_founder(db, needle))

    data = run_async(go)
    if output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        out.print(f"Wrote {output}.")
    else:
        print_json(data)


@app.command("erase")
def founders_erase(
    ctx: typer.Context,
    needle: Annotated[str, NEEDLE],
    reason: Annotated[str, typer.Option(help="Who asked, and how (for the audit trail).")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase everything personal about the person (their open cases are closed)."""
    from bot.storage.export import find_founder

    async def go() -> ErasureReport:
        async with database(settings_of(ctx)) as db:
            founder_id = await find_founder(db, needle)
        if not yes:
            typer.confirm(f"Erase everything about founder {founder_id}?", abort=True)
        return await with_workflow(
            settings_of(ctx),
            lambda wf: wf.erase_founder(founder_id, operator(ActorKind.ADMIN), reason),
        )

    report = run_async(go)
    kept = ", ".join(report.cases) or "none"
    out.print(f"Erased founder {report.founder_id}; cases kept without personal data: {kept}.")


@app.command("link")
def founders_link(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="REF|EMAIL|PHONE", help="The founder to keep.")],
    merge: Annotated[
        str, typer.Argument(metavar="OTHER", help="The same person's other record (a case ref).")
    ],
    reason: Annotated[str, typer.Option(help="How you know they are one person.")],
) -> None:
    """Two founders are one person (e.g. on Telegram and in a Slack DM, confirmed by an
    advisor or a coordinator): the second's channels, conversations and cases move to the
    first. Never done by itself; audited."""
    from bot.storage.erasure import add_audit
    from bot.storage.export import find_founder, link_founders
    from bot.storage.models import utcnow

    async def go() -> tuple[int, int, list[str]]:
        async with database(settings_of(ctx)) as db:
            kept, merged = await find_founder(db, keep), await find_founder(db, merge)
            moved = await link_founders(db, kept, merged)
            async with db.transaction() as session:
                actor = operator(ActorKind.COORDINATOR)
                add_audit(
                    session,
                    actor.kind.value,
                    actor.id,
                    AuditKind.FOUNDERS_LINKED,
                    None,
                    reason,
                    {"kept": kept, "merged": merged, "cases": moved},
                    utcnow(),
                )
            return kept, merged, moved

    kept, merged, moved = run_async(go)
    out.print(f"Founder {merged} is now founder {kept}; cases moved: {', '.join(moved) or 'none'}.")
