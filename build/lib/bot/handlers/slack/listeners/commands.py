"""``/spbot``: away (advisors), workload, reassign, rebalance, case (coordinators)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.cases.actions import Actor
from bot.domain import ActorKind, SpbotError
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import SlackDeps
from bot.handlers.slack.texts import NOT_ALLOWED, NOT_ON_ROSTER, error_text

HELP = (
    "*/spbot away FROM TO* – you are away (dates YYYY-MM-DD); `away list`, `away cancel ID`\n"
    "*/spbot workload* – active / capacity and pending offers (coordinators)\n"
    "*/spbot reassign REF @advisor* – give a case to an advisor (coordinators)\n"
    "*/spbot rebalance* – propose moves that bring everyone within capacity (coordinators)\n"
    "*/spbot case REF* – one case (coordinators)"
)
AWAY_USAGE = (
    "Usage: `/spbot away 2026-12-20 2027-01-06`, `/spbot away list`, `/spbot away cancel 12`"
)
MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.command("/spbot")
    async def spbot(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()  # within 3 seconds, always; the work follows
        words = (command.get("text") or "").split()
        verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
        user = command["user_id"]
        try:
            text, extra = await _run(deps, verb, args, user)
        except SpbotError as exc:
            text, extra = f"Sorry: {error_text(exc)}", None
        await respond(text=text, blocks=extra, response_type="ephemeral")


async def _run(
    deps: SlackDeps, verb: str, args: list[str], user: str
) -> tuple[str, list[dict[str, Any]] | None]:
    advisor = await deps.advisor(user)
    if verb == "away":
        if advisor is None:
            return NOT_ON_ROSTER, None
        me = Actor(ActorKind.ADVISOR, advisor.key)
        if args[:1] == ["list"]:
            mine = await deps.list_absences(advisor.key)
            if not mine:
                return "You have no absences recorded.", None
            return "\n".join(f"#{a.id}: {a.starts_on} – {a.ends_on}" for a in mine), None
        if args[:1] == ["cancel"] and len(args) == 2 and args[1].isdigit():
            if int(args[1]) not in {a.id for a in await deps.list_absences(advisor.key)}:
                return f"You have no absence #{args[1]}.", None
            await deps.cases.cancel_absence(int(args[1]), me)
            return f"Absence #{args[1]} is cancelled.", None
        if len(args) != 2:
            return AWAY_USAGE, None
        try:
            first, last = date.fromisoformat(args[0]), date.fromisoformat(args[1])
        except ValueError:
            return "Dates are written YYYY-MM-DD, e.g. `/spbot away 2026-12-20 2027-01-06`", None
        await deps.cases.set_absence(advisor.key, first, last, me, "set in Slack")
        return (
            f"Noted: you are away {first} – {last}; no new leads on those days "
            "(open offers move on to a colleague when it starts today).",
            None,
        )
    if verb not in ("workload", "reassign", "rebalance", "case"):
        return HELP, None
    if advisor is None or not advisor.is_coordinator:
        return NOT_ALLOWED, None
    actor = Actor(ActorKind.COORDINATOR, advisor.key)
    if verb == "workload":
        profiles = sorted(
            await deps.workload(deps.cases.today()), key=lambda a: (a.node_slug, a.key)
        )
        rows = [
            (
                a.node_slug,
                a.name,
                f"{a.load}/{a.capacity}",
                a.pending_offers,
                "away" if a.absent else "",
            )
            for a in profiles
        ]
        return blocks.table(("node", "advisor", "active/cap", "offers", ""), rows), None
    if verb == "reassign":
        mention = MENTION.fullmatch(args[1]) if len(args) == 2 else None
        if mention is None:
            return "Usage: `/spbot reassign JKP-2026-0042 @advisor`", None
        target = await deps.advisor(mention.group(1))
        if target is None:
            return f"<@{mention.group(1)}> is not on the advisor roster.", None
        case = await deps.cases.reassign(args[0], target.key, actor)
        return f"{case.ref} is now with <@{mention.group(1)}>.", None
    if verb == "case":
        if len(args) != 1:
            return "Usage: `/spbot case JKP-2026-0042`", None
        detail = await deps.case_detail(args[0])
        s = detail.summary
        lines = [
            f"*{s.ref}* – {s.status}" + (f" ({s.outcome})" if s.outcome else ""),
            f"{s.municipality} · node {s.node or '–'} · advisor {s.advisor or '–'}",
            f"stage {s.stage or '–'} · needs {', '.join(s.needs) or '–'}",
        ]
        lines += [
            f"{e.at:%Y-%m-%d %H:%M} {e.actor_kind} {e.kind}: {e.reason or ''}"
            for e in detail.events[-10:]
        ]
        return blocks.escape("\n".join(lines)), None
    # rebalance
    plan = await deps.cases.propose_rebalance()
    if not plan.moves:
        return "Everyone is within capacity: nothing to move.", None
    return "Rebalancing proposal", blocks.rebalance_proposal(plan)
