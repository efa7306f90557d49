"""``spbot simulate``: a year of intakes through the workflow, beside a baseline router."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bot.cli.output import fail, run_async, settings_of


def simulate(
    ctx: typer.Context,
    ideas: Annotated[int, typer.Option(min=1, max=20000, help="Intakes over the year.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same year).")] = 1,
    accept_rate: Annotated[float, typer.Option(min=0, max=1)] = 0.7,
    decline_rate: Annotated[float, typer.Option(min=0, max=1)] = 0.1,
) -> None:
    """Replay a year of intakes through the case workflow with simulated advisors, for this
    routing and a least-loaded-at-home-node baseline, side by side (scratch databases)."""
    from bot.assembly import DEMO_ROSTER, workflow_settings
    from bot.datafiles.gazetteer import load_gazetteer
    from bot.datafiles.roster import parse_roster
    from bot.datafiles.taxonomy import load_taxonomy
    from bot.sim.simulation import ROUTERS, Behaviour
    from bot.sim.simulation import simulate as run_simulation

    if accept_rate + decline_rate > 1:
        raise fail("--accept-rate and --decline-rate add up to more than 1")
    roster = parse_roster(
        DEMO_ROSTER,
        known_nodes=[n.slug for n in load_gazetteer().nodes],
        known_tags=load_taxonomy().tags,
    )
    behaviour = Behaviour(accept_rate=accept_rate, decline_rate=decline_rate)
    settings = workflow_settings(settings_of(ctx))

    async def go() -> list[dict[str, str]]:
        rows = []
        for name, router in ROUTERS.items():
            result = await run_simulation(ideas, seed, roster, router(), name, behaviour, settings)
            rows.append(result.row())
        return rows

    rows = run_async(go)
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row[h] for h in header) + " |" for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")
