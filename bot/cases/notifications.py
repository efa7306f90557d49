"""What the case workflow tells people, through a ``Notifier`` port that channels implement."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from bot.content import Flow
from bot.content.dates import long_day
from bot.domain import Language
from bot.engine.events import NAMED_KINDS
from bot.engine.meetings import slot_text, video_place
from bot.engine.messages import Choice

if TYPE_CHECKING:
    from bot.cases.leads import Lead

log = logging.getLogger(__name__)


class NotificationKind(StrEnum):
    OFFER = "offer"  # to an advisor: a lead to accept or decline (no contact details)
    OFFER_REMINDER = "offer_reminder"  # to an advisor: the offer expires soon
    OFFER_CLOSED = "offer_closed"  # to an advisor: their offer expired, was taken or withdrawn
    LEAD_ACCEPTED = "lead_accepted"  # to the advisor who accepted: now with contact details
    ADVISOR_FOUND = "advisor_found"  # to the founder: who, where, when to expect contact
    CASE_STATUS = "case_status"  # to the founder: in contact, closed
    ESCALATED = "escalated"  # to the coordinators: nobody took the case
    CASE_ASSIGNED = "case_assigned"  # to an advisor a coordinator gave a case
    CONTACT_OVERDUE = "contact_overdue"  # to the advisor and the coordinators: no contact yet
    FOUNDER_ADDED = "founder_added"  # to the advisor who has the case: the founder added to it
    CASE_ERASED = "case_erased"  # to the advisor who had it: the founder's data is erased
    EVENT_REMINDER = "event_reminder"  # to a founder: your event is on the next working day
    EVENT_CANCELLED = "event_cancelled"  # to a founder registered or waiting: it is cancelled
    EVENT_PLACE = "event_place"  # to a founder on the waiting list: a place is yours
    # Meetings (bot/cases/meetings.py): to the advisor, and the founder where it says.
    MEETING_BOOKED = "meeting_booked"  # the founder booked a time (or moved it: data "moved")
    MEETING_CANCELLED = "meeting_cancelled"  # to the other side: the meeting is off
    MEETING_REMINDER = "meeting_reminder"  # to both, the working day before
    CONTACT_ASKED = "contact_asked"  # no time fitted: the founder asks the advisor to call
    # Referrals (bot/cases/referrals.py).
    REFERRAL_CONSENT = "referral_consent"  # to the founder: may we send your details to …?
    REFERRAL_EMAIL = "referral_email"  # to the partner: what the founder agreed to share
    REFERRAL_NEWS = "referral_news"  # to the advisor: agreed, declined, received
    FOLLOWUP = "followup"  # to the founder: how did it go? (with consent, months later)
    SURVEY = "survey"  # to the founder: how useful was it? (after the first meeting or close)
    SURVEY_ALERT = "survey_alert"  # to the coordinators: a low score or a comment
    ACCESSIBILITY_REPORT = "accessibility_report"  # to the coordinators: a reported problem


class Audience(StrEnum):
    FOUNDER = "founder"
    ADVISOR = "advisor"
    COORDINATORS = "coordinators"
    PARTNER = "partner"  # an organisation outside, by email only


@dataclass(frozen=True)
class Notification:
    kind: NotificationKind
    audience: Audience
    case_ref: str
    recipient_id: int | None = None  # founder id or advisor id; None for coordinators
    language: str = "sv"
    data: dict[str, Any] = field(default_factory=dict)
    lead: Lead | None = None  # what an advisor or coordinator sees of the case


class Notifier(Protocol):
    async def notify(self, notification: Notification) -> None:
        """Deliver one notification; raise if it finally could not be delivered."""


class LogNotifier:
    """Logs what would be sent (kind, audience and case only: never personal details)."""

    async def notify(self, notification: Notification) -> None:
        log.info(
            "notify %s %s %s about %s",
            notification.audience.value,
            notification.recipient_id or "-",
            notification.kind.value,
            notification.case_ref,
        )


@dataclass
class RecordingNotifier:
    """Keeps every notification in a list (tests, simulation)."""

    sent: list[Notification] = field(default_factory=list)

    async def notify(self, notification: Notification) -> None:
        self.sent.append(notification)

    def kinds(self) -> list[str]:
        return [n.kind.value for n in self.sent]


def founder_choices(note: Notification, flow: Flow) -> list[Choice]:
    """The buttons that come with a founder's notification (the times to book a meeting,
    yes or no to a referral): each with its label, or a content key for it."""
    if note.data.get("email_only"):
        return []
    language = Language.from_hint(note.language)
    out: list[Choice] = []
    for c in note.data.get("choices") or []:
        if not isinstance(c, dict) or not c.get("id"):
            continue
        if c.get("video_moment"):
            label = slot_text(str(c["video_moment"]), flow.text("meeting.video", language))
        else:
            label = c.get("label") or (
                flow.text(str(c["label_key"]), language) if c.get("label_key") else ""
            )
        if label:
            out.append(Choice(str(c["id"]), str(label)))
    return out


def _day(iso: str, language: Language) -> str:
    """An event's day as the founder reads it ("tisdag 8 december"); as stored if unreadable."""
    try:
        return long_day(datetime.strptime(iso, "%Y-%m-%d"), language.value)
    except ValueError:
        return iso


def founder_text(note: Notification, flow: Flow) -> str | None:
    """What a founder reads for a notification, in their language (None: nothing to say)."""
    language = Language.from_hint(note.language)
    if note.data.get("email_only"):
        return None  # a calendar invitation only: the channel has had the words
    if note.kind is NotificationKind.ADVISOR_FOUND and note.data.get("choices"):
        return flow.text(
            "notify.advisor_found_book",
            language,
            case_ref=note.case_ref,
            advisor=note.data.get("advisor", ""),
            node=note.data.get("node", ""),
            within_days=note.data.get("within_days", 2),
        )
    if note.kind in (NotificationKind.MEETING_CANCELLED, NotificationKind.MEETING_REMINDER):
        link = note.data.get("video_link")
        return flow.text(
            f"notify.{note.kind.value}",
            language,
            advisor=note.data.get("advisor", ""),
            when=note.data.get("when_text", ""),
            where=(
                video_place(flow.text("meeting.video", language), str(link))
                if link
                else note.data.get("where_text", "")
            ),
        )
    if note.kind is NotificationKind.REFERRAL_CONSENT:
        shares = [flow.text(f"referral.share.{s}", language) for s in note.data.get("shares", [])]
        listed = (
            f"{', '.join(shares[:-1])} {flow.text('referral.and', language)} {shares[-1]}"
            if len(shares) > 1
            else "".join(shares)
        )
        what = note.data.get("what_en" if language is Language.EN else "what_sv", "")
        return flow.text(
            "notify.referral_consent",
            language,
            partner=note.data.get("partner", ""),
            what=what,
            shares=listed,
            advisor=note.data.get("advisor", ""),
        )
    if note.kind is NotificationKind.ADVISOR_FOUND:
        return flow.text(
            "notify.advisor_found",
            language,
            case_ref=note.case_ref,
            advisor=note.data.get("advisor", ""),
            node=note.data.get("node", ""),
            within_days=note.data.get("within_days", 2),
        )
    if note.kind in (
        NotificationKind.EVENT_REMINDER,
        NotificationKind.EVENT_CANCELLED,
        NotificationKind.EVENT_PLACE,
    ):
        d = note.data
        title, kind = str(d.get("title", "")), d.get("kind")
        if d.get("title_language", language.value) != language.value and kind in NAMED_KINDS:
            title += f" ({flow.text(f'events.kind.{kind}', language)})"
        return flow.text(
            f"notify.{note.kind.value}",
            language,
            title=title,
            date=_day(str(d.get("date", "")), language),
            time=d.get("time", ""),
            place=d.get("place", ""),
        )
    if note.kind is NotificationKind.CASE_STATUS:
        status = flow.text(f"case_status.{note.data.get('status', 'new')}", language)
        text = flow.text("notify.case_status", language, case_ref=note.case_ref, status=status)
        if note.data.get("followup_ask"):
            text += " " + flow.text("followup.ask", language)
        return text
    if note.kind is NotificationKind.FOLLOWUP:
        months = note.data.get("months")
        text = (
            flow.text(f"notify.survival.{months}", language, case_ref=note.case_ref)
            if months in (12, 36)
            else flow.text("notify.followup", language, case_ref=note.case_ref)
        )
        if note.data.get("reminder"):
            text = flow.text("notify.followup_reminder", language) + " " + text
        return text
    if note.kind is NotificationKind.SURVEY:
        return flow.text("notify.survey", language, case_ref=note.case_ref)
    return None
