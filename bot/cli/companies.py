"""``spbot companies``: a registry extract imported (the registrations of our cases'
companies confirmed), for coordinators and admins."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.output import err, fail, operator, out, run_async, settings_of, with_workflow

if TYPE_CHECKING:
    from bot.cases.companies import ExtractResult

app = typer.Typer(help="Companies and verified starts.", no_args_is_help=True)


@app.command("import")
def import_extract(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A CSV: orgnr, name, registered, sni.")],
) -> None:
    """Import a registry extract (Bolagsverket's or SCB's): all or nothing."""
    from bot.cases.companies import ExtractInvalid

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {path}: {exc.strerror}") from None

    async def go() -> ExtractResult | list[str]:
        try:
            return await with_workflow(
                settings_of(ctx),
                lambda wf: wf.companies.import_extract(data, operator(), path.name),
            )
        except ExtractInvalid as exc:
            problems = exc.details.get("problems")
            listed = problems if isinstance(problems, list) else []
            return [str(exc), *(str(p) for p in listed)]

    result = run_async(go)
    if isinstance(result, list):
        for line in result:
            err.print(line, markup=False, highlight=False)
        raise typer.Exit(1)
    out.print(
        f"{result.rows} rows: {result.matched} of our companies confirmed, "
        f"{result.not_ours} others not kept."
    )
