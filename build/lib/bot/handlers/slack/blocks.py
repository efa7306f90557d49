"""Slack Block Kit for spbot: lead cards, the decline modal, escalations, App Home, tables.

Everything a founder wrote is escaped for mrkdwn, so nobody can ping @channel or forge links.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.cases.actions import RebalancePlan
from bot.cases.calendar import STOCKHOLM
from bot.cases.leads import Lead
from bot.cases.states import DeclineReason, Outcome
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import Language

Block = dict[str, Any]

DECLINE_LABELS = {
    DeclineReason.OUTSIDE_EXPERTISE: "Outside my expertise",
    DeclineReason.NO_CAPACITY: "No capacity",
    DeclineReason.CONFLICT_OF_INTEREST: "Conflict of interest",
    DeclineReason.OTHER: "Other",
}
OUTCOME_LABELS = {
    Outcome.COMPANY_STARTED: "Company started",
    Outcome.COACHED: "Coached",
    Outcome.REFERRED: "Referred elsewhere",
    Outcome.NOT_PURSUED: "Not pursued",
    Outcome.NO_RESPONSE: "No response from the founder",
}


def escape(text: object) -> str:
    """Slack's three mrkdwn control characters, as Slack documents them."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _when(iso: str | None) -> str:
    if not iso:
        return "–"
    moment = datetime.fromisoformat(iso).astimezone(STOCKHOLM)
    return moment.strftime("%a %d %b %H:%M")


def _labels(tags: Sequence[str]) -> str:
    taxonomy = load_taxonomy()
    return ", ".join(taxonomy.label(t, Language.EN) for t in tags) or "–"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:3000]}]}


def lead_fields(ref: str, lead: Lead | None) -> list[Block]:
    """What an advisor sees of a case: the idea, where, stage, needs, sectors and why."""
    if lead is None:
        return [section(f"*Lead {escape(ref)}*")]
    sectors = [s.id for s in lead.sectors]
    triggers = [t for s in lead.sectors for t in s.triggers]
    place = escape(lead.municipality)
    if lead.locality:
        place = f"{escape(lead.locality)} ({place})"
    blocks = [
        section(f"*New lead {escape(ref)}*\n>{escape(lead.idea or '')[:1500]}"),
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*Where*\n{place}"},
                {"type": "mrkdwn", "text": f"*Stage*\n{escape(lead.stage or '–')}"},
                {"type": "mrkdwn", "text": f"*Needs*\n{escape(_labels(lead.needs))}"},
                {"type": "mrkdwn", "text": f"*Sectors*\n{escape(_labels(sectors))}"},
            ],
        },
    ]
    if triggers:
        blocks.append(context("Founder's words: " + escape(", ".join(triggers))))
    return blocks


def offer_card(
    ref: str,
    offer_id: int,
    lead: Lead | None,
    explanation: Sequence[str],
    expires_at: str | None,
) -> list[Block]:
    why = "\n".join(f"• {escape(line)}" for line in explanation)
    return [
        *lead_fields(ref, lead),
        section(f"*Why you*\n{why}" if why else "*Why you*\n–"),
        context(
            f"Please answer by {_when(expires_at)} (Swedish time). "
            "Contact details are shown once you accept."
        ),
        {
            "type": "actions",
            "block_id": f"offer:{offer_id}",
            "elements": [
                {
                    "type": "button",
                    "style": "primary",
                    "action_id": "offer_accept",
                    "text": {"type": "plain_text", "text": "Accept"},
                    "value": str(offer_id),
                },
                {
                    "type": "button",
                    "action_id": "offer_decline",
                    "text": {"type": "plain_text", "text": "Decline"},
                    "value": str(offer_id),
                },
            ],
        },
    ]


def closed_card(ref: str, lead: Lead | None, result: str) -> list[Block]:
    """The card after an answer: the same lead, the outcome, and no buttons. ``result`` is
    our own mrkdwn (it may mention the advisor); nothing a founder wrote goes in it."""
    return [*lead_fields(ref, lead), context(result)]


def contact_details(ref: str, lead: Lead | None) -> list[Block]:
    contact = lead.contact if lead else None
    name = contact.name if contact else None
    lines = [f"*{escape(name or 'The founder')}* – case {escape(ref)}"]
    if contact and contact.email:
        lines.append(f"Email: {escape(contact.email)}")
    if contact and contact.phone:
        lines.append(f"Phone: {escape(contact.phone)}")
    lines.append(
        f"Prefers: {escape((contact.method if contact else None) or '–')}, "
        f"language: {escape(lead.language if lead else 'sv')}"
    )
    return [section("\n".join(lines)), *lead_fields(ref, lead)]


def decline_modal(offer_id: int, ref: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "decline_offer",
        "private_metadata": str(offer_id),
        "title": {"type": "plain_text", "text": "Decline the lead"},
        "submit": {"type": "plain_text", "text": "Decline"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(f"Why are you declining {escape(ref)}? The case moves on to the next advisor."),
            {
                "type": "input",
                "block_id": "reason",
                "label": {"type": "plain_text", "text": "Reason"},
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": [
                        {"text": {"type": "plain_text", "text": label}, "value": reason.value}
                        for reason, label in DECLINE_LABELS.items()
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "note",
                "optional": True,
                "label": {"type": "plain_text", "text": "Anything the coordinator should know?"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 1000,
                },
            },
        ],
    }


def escalation(ref: str, reason: str, lead: Lead | None) -> list[Block]:
    return [
        section(f":warning: *{escape(ref)} needs a coordinator*: {escape(reason)}"),
        *lead_fields(ref, lead),
        {
            "type": "actions",
            "block_id": f"escalated:{ref}",
            "elements": [
                {
                    "type": "users_select",
                    "action_id": "assign_case",
                    "placeholder": {"type": "plain_text", "text": "Assign to…"},
                },
                {
                    "type": "button",
                    "action_id": "match_again",
                    "value": ref,
                    "text": {"type": "plain_text", "text": "Match again"},
                },
            ],
        },
    ]


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A monospace table for an ephemeral message."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    lines = [
        "  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=False)) for r in [header, *rows]
    ]
    return "```\n" + escape("\n".join(lines)) + "\n```"


def home(offers: Sequence[dict[str, Any]], cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    blocks: list[Block] = [{"type": "header", "text": {"type": "plain_text", "text": "Your leads"}}]
    if not offers:
        blocks.append(context("No open offers."))
    for o in offers:
        blocks.append(
            section(
                f"*{escape(o['ref'])}* – {escape(o['municipality'])}: "
                f"{escape((o['idea'] or '')[:200])}"
            )
        )
        blocks.append(
            {
                "type": "actions",
                "block_id": f"offer:{o['offer_id']}",
                "elements": [
                    {
                        "type": "button",
                        "style": "primary",
                        "action_id": "offer_accept",
                        "text": {"type": "plain_text", "text": "Accept"},
                        "value": str(o["offer_id"]),
                    },
                    {
                        "type": "button",
                        "action_id": "offer_decline",
                        "text": {"type": "plain_text", "text": "Decline"},
                        "value": str(o["offer_id"]),
                    },
                ],
            }
        )
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": "Your cases"}})
    if not cases:
        blocks.append(context("No active cases."))
    for c in cases:
        blocks.append(
            section(
                f"*{escape(c['ref'])}* ({escape(c['status'])}) – "
                f"{escape(c['name'] or '')}, {escape(c['municipality'])}"
            )
        )
        elements: list[Block] = []
        if c["status"] == "accepted":
            elements.append(
                {
                    "type": "button",
                    "action_id": "case_contacted",
                    "value": c["ref"],
                    "text": {"type": "plain_text", "text": "We are in contact"},
                }
            )
        if c["status"] in ("accepted", "in_contact"):
            elements.append(
                {
                    "type": "button",
                    "action_id": "case_coaching",
                    "value": c["ref"],
                    "text": {"type": "plain_text", "text": "I am coaching the company"},
                }
            )
        elements.append(
            {
                "type": "static_select",
                "action_id": "case_close",
                "placeholder": {"type": "plain_text", "text": "Close with outcome…"},
                "options": [
                    {
                        "text": {"type": "plain_text", "text": label},
                        "value": f"{c['ref']}|{o.value}",
                    }
                    for o, label in OUTCOME_LABELS.items()
                ],
            }
        )
        blocks.append({"type": "actions", "block_id": f"case:{c['ref']}", "elements": elements})
    return {"type": "home", "blocks": blocks[:100]}


def rebalance_proposal(plan: RebalancePlan, intro: str = "") -> list[Block]:
    """A proposal to approve or discard; Approve carries only the proposal's id (it is
    checked against the state again when pressed)."""
    listing = "\n".join(f"• {m.case_ref}: {m.from_key} → {m.to_key}" for m in plan.moves[:40])
    more = f"\n… and {len(plan.moves) - 40} more" if len(plan.moves) > 40 else ""
    return [
        section(
            f"{intro}*Rebalancing proposal {plan.proposal_id}* ({len(plan.moves)} moves)\n"
            f"{escape(listing)}{more}"
        ),
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "style": "primary",
                    "action_id": "rebalance_approve",
                    "text": {"type": "plain_text", "text": "Approve"},
                    "value": str(plan.proposal_id),
                },
                {
                    "type": "button",
                    "action_id": "rebalance_discard",
                    "text": {"type": "plain_text", "text": "Discard"},
                    "value": "discard",
                },
            ],
        },
    ]
