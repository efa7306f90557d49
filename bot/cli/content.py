"""``spbot content``: checking the conversation content."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.output import fail, out, settings_of
from bot.domain import SpbotError

app = typer.Typer(help="Conversation content.", no_args_is_help=True)


@app.command("check")
def content_check(
    ctx: typer.Context,
    file: Annotated[
        Path | None, typer.Argument(help="Flow file (default: the configured one).")
    ] = None,
) -> None:
    """Validate the conversation content: schema, step targets, every message in every language."""
    from bot.content import load_flow

    path = file or settings_of(ctx).flow_file
    try:
        flow = load_flow(path)
    except SpbotError as exc:
        raise fail(str(exc)) from None
    out.print(
        f"{path}: OK – {len(flow.steps)} steps, {len(flow.messages)} messages in "
        f"{', '.join(lang.value for lang in flow.languages)}."
    )
    for lang in flow.drafts:
        out.print(f"{lang.value}: a draft, to be reviewed by a native speaker")
