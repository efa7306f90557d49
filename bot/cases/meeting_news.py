"""What a meeting tells people: the founder's words for it, the advisor's news, and the
calendar invitations by email (one iCalendar builder for both sides)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.calendar import STOCKHOLM
from bot.cases.context import Outbox, first_language
from bot.cases.ics import meeting_invitation
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.content.dates import long_moment
from bot.engine.meetings import when, where
from bot.records import MeetingView
from bot.storage.models import Advisor, Case


def summary(view: MeetingView, language: str) -> str:
    if language == "en":
        return f"Meeting with Science Park ({view.case_ref})"
    return f"Möte med Science Park ({view.case_ref})"


def founder_data(view: MeetingView, language: str) -> dict[str, Any]:
    data = {
        "meeting_id": view.id,
        "advisor": view.advisor_name,
        "when_text": when(view, language),
        "where_text": where(view, language),
    }
    if view.place_kind == "video":
        data["video_link"] = view.place  # said with the word in the founder's language
    return data


def invitation(
    view: MeetingView,
    to: str,
    language: str,
    stamp: datetime,
    *,
    organizer: str | None,
    attendee: str | None,
) -> dict[str, Any]:
    """An email invitation as a notification carries it (the mailer sends it)."""
    return {
        "to": to,
        "language": language,
        "ics": meeting_invitation(
            view,
            summary=summary(view, language),
            organizer=organizer,
            attendee=attendee,
            stamp=stamp,
        ).decode(),
        "when_text": long_moment(view.starts_at.astimezone(STOCKHOLM), language),
        "status": view.status,
    }


def advisor_note(
    stamp: datetime,
    kind: NotificationKind,
    case: Case,
    advisor: Advisor,
    view: MeetingView,
    *,
    moved: bool = False,
    email_only: bool = False,
) -> Notification:
    """To the advisor: in Slack (or the console), with the invitation for their email."""
    language = first_language(advisor.languages)
    data: dict[str, Any] = {
        "meeting_id": view.id,
        "starts_at": view.starts_at.isoformat(),
        "ends_at": view.ends_at.isoformat(),
        "place_kind": view.place_kind,
        "place": view.place,
        "founder": view.founder_name or "",
        "moved": moved,
        "email_only": email_only,
    }
    if advisor.email and kind is not NotificationKind.MEETING_REMINDER:
        data["invitation"] = invitation(
            view, advisor.email, language, stamp, organizer=advisor.email, attendee=None
        )
    return Notification(kind, Audience.ADVISOR, case.ref, advisor.id, language, data)


async def founder_invitation(
    session: AsyncSession, case: Case, view: MeetingView, outbox: Outbox, stamp: datetime
) -> None:
    """The founder's calendar invitation (or cancellation) by email, when they gave an
    address in the case; their channel has the words already (the turn's reply)."""
    email = (case.answers or {}).get("email")
    if case.founder_id is None or not email:
        return
    advisor = await session.get(Advisor, case.advisor_id) if case.advisor_id else None
    kind = (
        NotificationKind.MEETING_BOOKED
        if view.status != "cancelled"
        else NotificationKind.MEETING_CANCELLED
    )
    outbox.add(
        Notification(
            kind,
            Audience.FOUNDER,
            case.ref,
            case.founder_id,
            case.language,
            {
                **founder_data(view, case.language),
                "email_only": True,
                "invitation": invitation(
                    view,
                    str(email),
                    case.language,
                    stamp,
                    organizer=advisor.email if advisor else None,
                    attendee=str(email),
                ),
            },
        )
    )
