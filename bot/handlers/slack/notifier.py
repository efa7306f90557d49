"""Staff news in Slack (the ``Notifier`` port): lead cards to advisors, updates in place,
escalations to the coordinators' channel; and case news for founders who use Slack."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.cases.notifications import (
    Audience,
    Notification,
    NotificationKind,
    founder_choices,
    founder_text,
)
from bot.content import Flow
from bot.domain import SpbotError
from bot.engine.messages import Outbound
from bot.handlers.slack import blocks
from bot.handlers.slack.render import reply_blocks
from bot.handlers.slack.texts import slack_date, t
from bot.records import OfferCard, StaffMember

log = logging.getLogger(__name__)
CLOSED = ("expired", "withdrawn", "accepted", "declined", "erased", "away")
# The coordinators' channel is read by the whole group: in Swedish, the organisation's
# language (each person's own language applies in their DMs and the App Home).
CHANNEL_LANGUAGE = "sv"


MEETING_NEWS = (
    NotificationKind.MEETING_BOOKED,
    NotificationKind.MEETING_CANCELLED,
    NotificationKind.MEETING_REMINDER,
    NotificationKind.CONTACT_ASKED,
)


def meeting_news(note: Notification, lang: str) -> str:
    """An advisor's news of a meeting, one line: booked (or moved), cancelled, tomorrow,
    or no time fitted."""
    d = note.data
    ref = blocks.escape(note.case_ref)
    if note.kind is NotificationKind.CONTACT_ASKED:
        return t("meeting.contact_asked", lang, ref=ref)
    where = blocks.escape(str(d.get("place", "")))
    values = {
        "ref": ref,
        "founder": blocks.escape(str(d.get("founder") or "")) or "–",
        "when": slack_date(str(d.get("starts_at") or ""), lang),
        "where": where,
    }
    if note.kind is NotificationKind.MEETING_BOOKED:
        return t("meeting.moved" if d.get("moved") else "meeting.booked", lang, **values)
    if note.kind is NotificationKind.MEETING_CANCELLED:
        return t("meeting.cancelled", lang, **values)
    return t("meeting.reminder", lang, **values)


class NotDelivered(SpbotError):
    code = "not_delivered"


class SlackStaffNotifier:
    def __init__(
        self,
        client: AsyncWebClient,
        coordinators_channel: str | None,
        *,
        staff_by_id: Callable[[int], Awaitable[StaffMember | None]],
        offer_card: Callable[[int], Awaitable[OfferCard | None]],
        record_card: Callable[[int, str, str], Awaitable[None]],
    ) -> None:
        self.client = client
        self.coordinators_channel = coordinators_channel
        self.staff_by_id = staff_by_id
        self.offer_card = offer_card
        self.record_card = record_card

    async def notify(self, note: Notification) -> None:
        try:
            await self._notify(note)
        except SlackApiError as exc:
            raise NotDelivered(
                f"Slack refused {note.kind.value}: {exc.response.get('error')}"
            ) from None

    async def _notify(self, note: Notification) -> None:
        kind = note.kind
        if kind is NotificationKind.CONTACT_OVERDUE and note.audience is Audience.COORDINATORS:
            if self.coordinators_channel:
                await self.client.chat_postMessage(
                    channel=self.coordinators_channel,
                    text=f":hourglass: {note.case_ref}: "
                    f"{blocks.escape(note.data.get('reason', ''))}",
                )
            return
        if kind is NotificationKind.ACCESSIBILITY_REPORT:
            if self.coordinators_channel:
                d = note.data
                text = t(
                    "accessibility_report",
                    CHANNEL_LANGUAGE,
                    page=blocks.escape(str(d.get("page") or "–")),
                    reply_to=blocks.escape(str(d.get("reply_to") or "–")),
                    description=blocks.escape(str(d.get("description", "")))[:2500],
                )
                await self.client.chat_postMessage(channel=self.coordinators_channel, text=text)
            return
        if kind is NotificationKind.SURVEY_ALERT:
            if self.coordinators_channel:
                d = note.data
                text = t(
                    "survey_alert",
                    CHANNEL_LANGUAGE,
                    ref=blocks.escape(note.case_ref),
                    node=blocks.escape(str(d.get("node", ""))),
                    answer=blocks.escape(
                        str(d.get("comment") or f"{d.get('question')}: {d.get('value')}")
                    )[:2500],
                )
                await self.client.chat_postMessage(channel=self.coordinators_channel, text=text)
            return
        if kind is NotificationKind.ESCALATED:
            if not self.coordinators_channel:
                raise NotDelivered("SLACK_COORDINATORS_CHANNEL is not set")
            lang = CHANNEL_LANGUAGE
            await self.client.chat_postMessage(
                channel=self.coordinators_channel,
                text=t("needs_coordinator_text", lang, ref=note.case_ref),
                blocks=blocks.escalation(
                    note.case_ref, str(note.data.get("reason", "")), note.lead, lang
                ),
            )
            return
        if note.recipient_id is None:
            return
        advisor = await self.staff_by_id(note.recipient_id)
        if advisor is None or not advisor.slack_user_id:
            raise NotDelivered(f"advisor {note.recipient_id} has no Slack user id")
        user = advisor.slack_user_id
        lang = advisor.language
        if kind is NotificationKind.OFFER:
            offer_id = int(note.data["offer_id"])
            response = await self.client.chat_postMessage(
                channel=user,
                text=t("new_lead_text", lang, ref=note.case_ref),
                blocks=blocks.offer_card(
                    note.case_ref,
                    offer_id,
                    note.lead,
                    blocks.why_lines(note.data, lang),
                    note.data.get("expires_at"),
                    lang,
                ),
            )
            await self.record_card(offer_id, str(response["channel"]), str(response["ts"]))
        elif kind is NotificationKind.OFFER_REMINDER:
            card = await self.offer_card(int(note.data["offer_id"]))
            await self.client.chat_postMessage(
                channel=card.channel if card and card.channel else user,
                thread_ts=card.ts if card else None,
                text=t("reminder", lang, ref=note.case_ref),
            )
        elif kind is NotificationKind.OFFER_CLOSED:
            card = await self.offer_card(int(note.data["offer_id"]))
            if card and card.channel and card.ts:
                status = str(note.data.get("status"))
                result = t(f"closed.{status}", lang) if status in CLOSED else status
                await self.client.chat_update(
                    channel=card.channel,
                    ts=card.ts,
                    text=f"{note.case_ref}: {result}",
                    blocks=blocks.closed_card(note.case_ref, None, result, lang),
                )
        elif kind is NotificationKind.FOUNDER_ADDED:
            await self.client.chat_postMessage(
                channel=user,
                text=t(
                    "founder_added_text",
                    lang,
                    ref=note.case_ref,
                    note=blocks.escape(note.data.get("note", "")),
                ),
                blocks=[
                    blocks.section(
                        t("founder_added", lang, ref=blocks.escape(note.case_ref))
                        + f"\n>{blocks.escape(note.data.get('note', ''))[:2900]}"
                    )
                ],
            )
        elif kind is NotificationKind.CASE_ERASED:
            await self.client.chat_postMessage(
                channel=user,
                text=t("case_erased", lang, ref=note.case_ref),
            )
        elif kind is NotificationKind.CONTACT_OVERDUE:
            await self.client.chat_postMessage(
                channel=user,
                text=t(
                    "contact_overdue",
                    lang,
                    ref=note.case_ref,
                    reason=blocks.escape(note.data.get("reason", "")),
                ),
            )
        elif kind is NotificationKind.REFERRAL_NEWS:
            status = str(note.data.get("status"))
            if status in ("sent", "declined", "received"):
                await self.client.chat_postMessage(
                    channel=user,
                    text=t(
                        f"referral.{status}",
                        lang,
                        ref=blocks.escape(note.case_ref),
                        partner=blocks.escape(str(note.data.get("partner", ""))),
                    ),
                )
        elif kind in MEETING_NEWS:
            if note.data.get("email_only"):
                return  # the advisor did it: only their calendar needs the word
            news = meeting_news(note, lang)
            await self.client.chat_postMessage(
                channel=user, text=news, blocks=[blocks.section(news)]
            )
        elif kind in (NotificationKind.LEAD_ACCEPTED, NotificationKind.CASE_ASSIGNED):
            intro = t("new_case" if kind is NotificationKind.CASE_ASSIGNED else "thanks", lang)
            await self.client.chat_postMessage(
                channel=user,
                text=f"{intro}: {note.case_ref}",
                blocks=[
                    blocks.section(t("please_contact", lang, intro=intro)),
                    *blocks.contact_details(note.case_ref, note.lead, lang),
                ],
            )


class SlackFounderNotifier:
    """Case news for founders who did their intake in a Slack DM."""

    def __init__(
        self,
        client: AsyncWebClient,
        flow: Flow,
        identities: Callable[[int], Awaitable[list[tuple[str, str]]]],
    ) -> None:
        """``identities(founder_id)`` lists (channel, external id) for a founder."""
        self.client = client
        self.flow = flow
        self.identities = identities

    async def notify(self, note: Notification) -> None:
        if note.audience is not Audience.FOUNDER or note.recipient_id is None:
            return
        text = founder_text(note, self.flow)
        if text is None:
            return
        reply = Outbound(text, tuple(founder_choices(note, self.flow)))
        for channel, user in await self.identities(note.recipient_id):
            if channel == "slack":
                await self.client.chat_postMessage(
                    channel=user, text=blocks.escape(text)[:3000], blocks=reply_blocks(reply)
                )
