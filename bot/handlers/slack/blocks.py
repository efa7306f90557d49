"""Slack Block Kit for spbot: lead cards, the decline modal, escalations, App Home, tables.

Everything a founder wrote is escaped for mrkdwn, so nobody can ping @channel or forge links.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.cases.actions import SESSION_CHANNELS, SESSION_KINDS, RebalancePlan
from bot.cases.leads import Lead, lead_facts
from bot.cases.states import DeclineReason, Outcome
from bot.content.staff_catalog.reasons import match_reasons
from bot.content.staff_texts import staff_text
from bot.datafiles.taxonomy import load_taxonomy
from bot.domain import Language
from bot.handlers.slack.texts import slack_date, t

Block = dict[str, Any]


def decline_label(reason: str, lang: str = "sv") -> str:
    return staff_text(f"decline.{reason}", lang)


def outcome_label(outcome: str, lang: str = "sv") -> str:
    return staff_text(f"outcome.{outcome}", lang)


def status_label(status: str, lang: str = "sv") -> str:
    return staff_text(f"status.{status}", lang)


def escape(text: object) -> str:
    """Slack's three mrkdwn control characters, as Slack documents them."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _labels(tags: Sequence[str], lang: str = "sv") -> str:
    taxonomy = load_taxonomy()
    return ", ".join(taxonomy.label(tag, Language.from_hint(lang)) for tag in tags) or "–"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:3000]}]}


def lead_fields(ref: str, lead: Lead | None, lang: str = "sv") -> list[Block]:
    """What an advisor sees of a case: the idea, where, stage, needs, sectors and why, in
    words (the stage and the tags by their labels, never raw ids)."""
    if lead is None:
        return [section(t("lead", lang, ref=escape(ref)))]
    triggers = [t for s in lead.sectors for t in s.triggers]
    blocks = [
        section(f"{t('new_lead', lang, ref=escape(ref))}\n>{escape(lead.idea or '')[:1500]}"),
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*{escape(f.label)}*\n{escape(f.value)}"}
                for f in lead_facts(lead, lang)
            ],
        },
    ]
    if triggers:
        blocks.append(context(t("words", lang, words=escape(", ".join(triggers)))))
    return blocks


def why_lines(data: dict[str, Any], lang: str = "sv") -> list[str]:
    """Why this advisor, in the advisor's language (the facts the ranking kept); the
    ranking's own English lines for an offer made before those were kept."""
    taxonomy = load_taxonomy()
    found = match_reasons(
        data.get("why"), lang, lambda tag: taxonomy.label(tag, Language.from_hint(lang))
    )
    return found or [str(line) for line in data.get("explanation") or []]


def offer_card(
    ref: str,
    offer_id: int,
    lead: Lead | None,
    explanation: Sequence[str],
    expires_at: str | None,
    lang: str = "sv",
) -> list[Block]:
    why = "\n".join(f"• {escape(line)}" for line in explanation)
    return [
        *lead_fields(ref, lead, lang),
        section(f"{t('why_you', lang)}\n{why or '–'}"),
        context(t("answer_by", lang, when=slack_date(expires_at, lang))),
        {
            "type": "actions",
            "block_id": f"offer:{offer_id}",
            "elements": [
                {
                    "type": "button",
                    "style": "primary",
                    "action_id": "offer_accept",
                    "text": {"type": "plain_text", "text": t("accept", lang)},
                    "value": str(offer_id),
                },
                {
                    "type": "button",
                    "action_id": "offer_decline",
                    "text": {"type": "plain_text", "text": t("decline", lang)},
                    "value": str(offer_id),
                },
            ],
        },
    ]


def closed_card(ref: str, lead: Lead | None, result: str, lang: str = "sv") -> list[Block]:
    """The card after an answer: the same lead, the outcome, and no buttons. ``result`` is
    our own mrkdwn (it may mention the advisor); nothing a founder wrote goes in it."""
    return [*lead_fields(ref, lead, lang), context(result)]


def contact_details(ref: str, lead: Lead | None, lang: str = "sv") -> list[Block]:
    contact = lead.contact if lead else None
    name = contact.name if contact else None
    lines = [t("contact_line", lang, name=escape(name or t("founder", lang)), ref=escape(ref))]
    if contact and contact.email:
        lines.append(t("email", lang, value=escape(contact.email)))
    if contact and contact.phone:
        lines.append(t("phone", lang, value=escape(contact.phone)))
    method = (contact.method if contact else None) or ""
    lines.append(
        t(
            "prefers",
            lang,
            method=escape(t(f"method.{method}", lang) if method else "–"),
            tongue=escape(lead.language if lead else "sv"),
        )
    )
    return [section("\n".join(lines)), *lead_fields(ref, lead, lang)]


def decline_modal(offer_id: int, ref: str, lang: str = "sv") -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "decline_offer",
        "private_metadata": str(offer_id),
        "title": {"type": "plain_text", "text": t("decline_title", lang)},
        "submit": {"type": "plain_text", "text": t("decline", lang)},
        "close": {"type": "plain_text", "text": t("cancel", lang)},
        "blocks": [
            section(t("decline_why", lang, ref=escape(ref))),
            {
                "type": "input",
                "block_id": "reason",
                "label": {"type": "plain_text", "text": t("reason", lang)},
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": decline_label(reason, lang)},
                            "value": reason.value,
                        }
                        for reason in DeclineReason
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "note",
                "optional": True,
                "label": {"type": "plain_text", "text": t("note_for_coordinator", lang)},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 1000,
                },
            },
        ],
    }


def session_modal(ref: str, today: str, lang: str = "sv") -> dict[str, Any]:
    """Log a session of advising (the console's form, in Slack)."""

    def select(block: str, label: str, options: tuple[str, ...]) -> Block:
        return {
            "type": "input",
            "block_id": block,
            "label": {"type": "plain_text", "text": t(label, lang)},
            "element": {
                "type": "static_select",
                "action_id": "value",
                "initial_option": _option(f"session.{block}.{options[0]}", options[0], lang),
                "options": [_option(f"session.{block}.{o}", o, lang) for o in options],
            },
        }

    def text(block: str, label: str, limit: int, multiline: bool) -> Block:
        return {
            "type": "input",
            "block_id": block,
            "optional": True,
            "label": {"type": "plain_text", "text": t(label, lang)},
            "element": {
                "type": "plain_text_input",
                "action_id": "value",
                "multiline": multiline,
                "max_length": limit,
            },
        }

    return {
        "type": "modal",
        "callback_id": "log_session",
        "private_metadata": ref,
        "title": {"type": "plain_text", "text": t("log_session", lang)[:24]},
        "submit": {"type": "plain_text", "text": t("save", lang)},
        "close": {"type": "plain_text", "text": t("cancel", lang)},
        "blocks": [
            section(t("session_for", lang, ref=escape(ref))),
            {
                "type": "input",
                "block_id": "held_on",
                "label": {"type": "plain_text", "text": t("session.held_on", lang)},
                "element": {"type": "datepicker", "action_id": "value", "initial_date": today},
            },
            {
                "type": "input",
                "block_id": "minutes",
                "label": {"type": "plain_text", "text": t("session.minutes", lang)},
                "element": {
                    "type": "number_input",
                    "action_id": "value",
                    "is_decimal_allowed": False,
                    "min_value": "1",
                    "max_value": "480",
                    "initial_value": "60",
                },
            },
            select("kind", "session.kind", SESSION_KINDS),
            select("channel", "session.channel", SESSION_CHANNELS),
            text("notes", "session.notes", 4000, True),
            text("next_step", "session.next_step", 1000, False),
            context(t("session.notes_hint", lang)),
        ],
    }


def _option(key: str, value: str, lang: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": t(key, lang)[:75]}, "value": value}


def escalation(ref: str, reason: str, lead: Lead | None, lang: str = "sv") -> list[Block]:
    return [
        section(t("needs_coordinator", lang, ref=escape(ref), reason=escape(reason))),
        *lead_fields(ref, lead, lang),
        {
            "type": "actions",
            "block_id": f"escalated:{ref}",
            "elements": [
                {
                    "type": "users_select",
                    "action_id": "assign_case",
                    "placeholder": {"type": "plain_text", "text": t("assign_to", lang)},
                },
                {
                    "type": "button",
                    "action_id": "match_again",
                    "value": ref,
                    "text": {"type": "plain_text", "text": t("match_again", lang)},
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


def home(
    offers: Sequence[dict[str, Any]], cases: Sequence[dict[str, Any]], lang: str = "sv"
) -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": t("your_leads", lang)}}
    ]
    if not offers:
        blocks.append(context(t("no_offers", lang)))
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
                        "text": {"type": "plain_text", "text": t("accept", lang)},
                        "value": str(o["offer_id"]),
                    },
                    {
                        "type": "button",
                        "action_id": "offer_decline",
                        "text": {"type": "plain_text", "text": t("decline", lang)},
                        "value": str(o["offer_id"]),
                    },
                ],
            }
        )
    blocks.append({"type": "header", "text": {"type": "plain_text", "text": t("your_cases", lang)}})
    if not cases:
        blocks.append(context(t("no_cases", lang)))
    for c in cases:
        blocks.append(
            section(
                f"*{escape(c['ref'])}* ({escape(status_label(c['status'], lang))}) – "
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
                    "text": {"type": "plain_text", "text": t("in_contact", lang)},
                }
            )
        if c["status"] in ("accepted", "in_contact", "coaching"):
            elements.append(
                {
                    "type": "button",
                    "action_id": "case_log_session",
                    "value": c["ref"],
                    "text": {"type": "plain_text", "text": t("log_session", lang)},
                }
            )
            elements.append(
                {
                    "type": "button",
                    "action_id": "case_company",
                    "value": c["ref"],
                    "text": {"type": "plain_text", "text": t("company", lang)},
                }
            )
        if c["status"] in ("accepted", "in_contact"):
            elements.append(
                {
                    "type": "button",
                    "action_id": "case_coaching",
                    "value": c["ref"],
                    "text": {"type": "plain_text", "text": t("coaching", lang)},
                }
            )
        elements.append(
            {
                "type": "static_select",
                "action_id": "case_close",
                "placeholder": {"type": "plain_text", "text": t("close_with", lang)},
                "options": [
                    {
                        "text": {"type": "plain_text", "text": outcome_label(o, lang)},
                        "value": f"{c['ref']}|{o.value}",
                    }
                    for o in Outcome
                ],
            }
        )
        elements.append(
            {
                "type": "static_select",
                "action_id": "case_sector",
                "placeholder": {"type": "plain_text", "text": t("wrong_sector", lang)},
                "options": [
                    {
                        "text": {"type": "plain_text", "text": _labels([s], lang)[:75]},
                        "value": f"{c['ref']}|{s}",
                    }
                    for s in load_taxonomy().sectors
                ],
            }
        )
        blocks.append({"type": "actions", "block_id": f"case:{c['ref']}", "elements": elements})
    return {"type": "home", "blocks": blocks[:100]}


def rebalance_proposal(plan: RebalancePlan, intro: str = "", lang: str = "sv") -> list[Block]:
    """A proposal to approve or discard; Approve carries only the proposal's id (it is
    checked against the state again when pressed)."""
    listing = "\n".join(f"• {m.case_ref}: {m.from_key} → {m.to_key}" for m in plan.moves[:40])
    more = t("and_more", lang, n=len(plan.moves) - 40) if len(plan.moves) > 40 else ""
    return [
        section(
            t("proposal", lang, intro=intro, id=plan.proposal_id, n=len(plan.moves))
            + f"\n{escape(listing)}{more}"
        ),
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "style": "primary",
                    "action_id": "rebalance_approve",
                    "text": {"type": "plain_text", "text": t("approve", lang)},
                    "value": str(plan.proposal_id),
                },
                {
                    "type": "button",
                    "action_id": "rebalance_discard",
                    "text": {"type": "plain_text", "text": t("discard", lang)},
                    "value": "discard",
                },
            ],
        },
    ]
