"""The models of advising beyond the case itself: advisors' meeting hours, booked meetings, the
session log, companies (organisation numbers, verified starts) and referrals to partners.
Registered on the same ``Base`` as every other model (``bot.storage.models`` imports this
module and re-exports its classes)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, BigId, utcnow


class MeetingHours(Base):
    """One weekly block of an advisor's bookable hours: a weekday, a span in Swedish time cut
    into slots, and the place (their node's office, another node, or video with a link)."""

    __tablename__ = "meeting_hours"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    advisor_id: Mapped[int] = mapped_column(
        ForeignKey("advisor.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(Integer)  # 0 Monday … 4 Friday
    start_minute: Mapped[int] = mapped_column(Integer)  # minutes after midnight, Swedish time
    end_minute: Mapped[int] = mapped_column(Integer)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=60)
    place_kind: Mapped[str] = mapped_column(String(16))  # office, node, video
    node_id: Mapped[int | None] = mapped_column(ForeignKey("node.id"))
    place: Mapped[str] = mapped_column(String(300))  # the address, or the video link
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Meeting(Base):
    """A booked meeting between a case's founder and its advisor. One row per meeting: a new
    time is the same meeting (its iCalendar UID) with a higher SEQUENCE. ``slot_key`` holds
    the advisor's time while the meeting is on, and is unique: two bookings never get one
    slot; cancelling frees it (NULL)."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    advisor_id: Mapped[int] = mapped_column(ForeignKey("advisor.id"), index=True)
    founder_id: Mapped[int | None] = mapped_column(
        ForeignKey("founder.id", ondelete="SET NULL"), index=True
    )
    hours_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_hours.id", ondelete="SET NULL")
    )
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place_kind: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), index=True)  # booked, cancelled, held, no_show
    slot_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(8), default="sv")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdvisingSession(Base):
    """One logged session of advising (the session log): when, how long, what kind, how,
    and the advisor's short notes and next step. The notes are personal data: read only by
    the holder, the node's managers and admins (each read logged), erased with the founder;
    the minutes stay, so the advising hours stay counted."""

    __tablename__ = "advising_session"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    advisor_id: Mapped[int] = mapped_column(ForeignKey("advisor.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # first_meeting, advice, coaching, workshop
    channel: Mapped[str] = mapped_column(String(16))  # in_person, video, phone
    notes: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    logged_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Company(Base):
    """A company the region supported, known by its organisation number (unique: a company
    counts once however many cases name it). A sole trader's number is their personnummer:
    ``personal``, and erased with the founder (the row stays, without number and name, so the
    counts stay). ``verified_by``: who confirmed the registration (an advisor who saw it, or
    a registry extract a coordinator imported)."""

    __tablename__ = "company"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    orgnr: Mapped[str | None] = mapped_column(String(10), unique=True)
    personal: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(200))
    legal_form: Mapped[str] = mapped_column(String(32))
    registered_on: Mapped[date | None] = mapped_column(Date)
    sni: Mapped[str | None] = mapped_column(String(8))
    size_class: Mapped[str | None] = mapped_column(String(8))
    verified_by: Mapped[str | None] = mapped_column(String(16))  # advisor, registry
    verified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Partner(Base):
    """An organisation advisors refer founders to (Almi, Nyföretagarcentrum, …): loaded from
    ``bot/data/partners.yaml``; the address referrals go to is set by an admin."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    what_sv: Mapped[str] = mapped_column(Text, default="")
    what_en: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Referral(Base):
    """A warm referral of a case's founder to a partner: asked (the founder is asked in
    their channel), declined, sent (with only what the founder agreed to share), received
    (the partner confirmed with the link in the email), and its outcome. The partner's link
    is a secret; only its hash is kept."""

    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    shares: Mapped[list[str]] = mapped_column(JSON, default=list)  # name, contact, idea
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    asked_by: Mapped[str | None] = mapped_column(String(64))
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    received_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(32))
