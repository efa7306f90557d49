"""``/spbot``: away (advisors), workload, reassign, rebalance, case (coordinators); for a
founder (someone not on the roster) the intake's commands: ``/spbot status``, ``/spbot delete``."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.actions import Actor
from bot.domain import ActorKind, SpbotError
from bot.engine.messages import COMMANDS, Inbound, InboundKind
from bot.handlers.slack import blocks
from bot.handlers.slack.deps import CHANNEL, SlackDeps
from bot.handlers.slack.render import post_replies
from bot.handlers.slack.texts import error_text, lang_of, t

MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def register(app: AsyncApp, deps: SlackDeps) -> None:
    @app.command("/spbot")
    async def spbot(
        ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()  # within 3 seconds, always; the work follows
        words = (command.get("text") or "").split()
        verb, args = (words[0].lower(), words[1:]) if words else ("help", [])
        user = command["user_id"]
        if verb in COMMANDS and await deps.advisor(user) is None:
            # A founder's "/spbot status" is the intake's /status (Slack keeps "/status" for
            # itself): played like a message, answered in the founder's DM with the app.
            inbound = Inbound(CHANNEL, user, InboundKind.COMMAND, " ".join([verb, *args]))
            replies = await deps.engine.handle(inbound)
            # To the founder's own DM with the app, whatever channel it was typed in.
            await post_replies(client, user, replies, deps.delivered)
            return
        try:
            text, extra = await _run(deps, verb, args, user)
        except SpbotError as exc:
            lang = lang_of(await deps.advisor(user))
            text, extra = t("sorry", lang, why=error_text(exc, lang)), None
        await respond(text=text, blocks=extra, response_type="ephemeral")


async def _run(
    deps: SlackDeps, verb: str, args: list[str], user: str
) -> tuple[str, list[dict[str, Any]] | None]:
    advisor = await deps.advisor(user)
    lang = lang_of(advisor)
    if verb == "away":
        if advisor is None:
            return t("not_on_roster", lang), None
        me = Actor(ActorKind.ADVISOR, advisor.key)
        if args[:1] == ["list"]:
            mine = await deps.list_absences(advisor.key)
            if not mine:
                return t("no_absences", lang), None
            return "\n".join(f"#{a.id}: {a.starts_on} – {a.ends_on}" for a in mine), None
        if args[:1] == ["cancel"] and len(args) == 2 and args[1].isdigit():
            if int(args[1]) not in {a.id for a in await deps.list_absences(advisor.key)}:
                return t("no_absence", lang, id=args[1]), None
            await deps.cases.cancel_absence(int(args[1]), me)
            return t("absence_cancelled", lang, id=args[1]), None
        if len(args) != 2:
            return t("away_usage", lang), None
        try:
            first, last = date.fromisoformat(args[0]), date.fromisoformat(args[1])
        except ValueError:
            return t("dates", lang), None
        await deps.cases.set_absence(advisor.key, first, last, me, "set in Slack")
        return t("away_noted", lang, first=first, last=last), None
    if verb not in ("workload", "reassign", "rebalance", "case"):
        return t("help", lang), None
    if advisor is None or not advisor.is_coordinator:
        return t("not_allowed", lang), None
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
                t("away", lang) if a.absent else "",
            )
            for a in profiles
        ]
        return blocks.table(tuple(t("workload_header", lang).split(",")), rows), None
    if verb == "reassign":
        mention = MENTION.fullmatch(args[1]) if len(args) == 2 else None
        if mention is None:
            return t("reassign_usage", lang), None
        target = await deps.advisor(mention.group(1))
        if target is None:
            return t("not_on_roster_mention", lang, user=mention.group(1)), None
        case = await deps.cases.reassign(args[0], target.key, actor)
        return t("now_with", lang, ref=case.ref, user=mention.group(1)), None
    if verb == "case":
        if len(args) != 1:
            return t("case_usage", lang), None
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
        return t("within_capacity", lang), None
    return t("proposal_text", lang), blocks.rebalance_proposal(plan, "", lang)
