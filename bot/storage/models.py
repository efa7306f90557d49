"""Typed SQLAlchemy 2 models: reference data, roster, founders, conversations, cases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite has no BIGINT autoincrement; the variant keeps ids 64-bit on PostgreSQL.
BigId = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on every database (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored: use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Municipality(Base):
    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    seat: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    in_region: Mapped[bool] = mapped_column(Boolean, default=False)


class Node(Base):
    __tablename__ = "node"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), index=True)


class Advisor(Base):
    __tablename__ = "advisor"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # stable roster id
    name: Mapped[str] = mapped_column(String(200))
    node_id: Mapped[int] = mapped_column(ForeignKey("node.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    slack_user_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    expertise: Mapped[list[str]] = mapped_column(default=list)
    languages: Mapped[list[str]] = mapped_column(default=list)
    capacity: Mapped[int] = mapped_column(Integer, default=5)
    is_coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The SHA-256 of the secret in the advisor's private calendar feed URL (None: no feed).
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AdvisorAbsence(Base):
    __tablename__ = "advisor_absence"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    advisor_id: Mapped[int] = mapped_column(
        ForeignKey("advisor.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))


class Founder(Base):
    __tablename__ = "founder"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    language: Mapped[str] = mapped_column(String(8))
    consent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FounderProfile(Base):
    """The founder's optional answers for the funders' equality reporting (gender, age band,
    born outside Sweden; each may be "unsaid"): asked only when a setting turns it on, kept
    apart from the idea and the cases, read only into aggregates, gone with the founder."""

    __tablename__ = "founder_profile"

    founder_id: Mapped[int] = mapped_column(
        ForeignKey("founder.id", ondelete="CASCADE"), primary_key=True
    )
    gender: Mapped[str | None] = mapped_column(String(16))
    age_band: Mapped[str | None] = mapped_column(String(16))
    born_abroad: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ChannelIdentity(Base):
    __tablename__ = "channel_identity"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    founder_id: Mapped[int] = mapped_column(
        ForeignKey("founder.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Conversation(Base):
    __tablename__ = "conversation"
    __table_args__ = (Index("ix_conversation_identity", "channel", "external_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    founder_id: Mapped[int] = mapped_column(
        ForeignKey("founder.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    flow: Mapped[str] = mapped_column(String(64))
    step: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), index=True)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    case_ref: Mapped[str | None] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """One line of a transcript, inbound or outbound."""

    __tablename__ = "message"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversation.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(32))
    channel_message_id: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))  # text, choice, command, unsupported, reply
    text: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Inbound: the inbox row it came from (a replayed row is recorded once).
    inbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("inbox.id", ondelete="SET NULL"), unique=True
    )
    # Outbound: the reply as the channel renders it, and when the platform took it (the
    # outbox: a reply still undelivered after a crash is sent again).
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    delivered_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_message_undelivered", "direction", "delivered_at"),)


class CaseSequence(Base):
    """The last number handed out per year, so references stay unique under concurrency."""

    __tablename__ = "case_sequence"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    __tablename__ = "case"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True)
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversation.id", ondelete="SET NULL"), unique=True
    )
    founder_id: Mapped[int | None] = mapped_column(
        ForeignKey("founder.id", ondelete="SET NULL"), index=True
    )
    municipality_code: Mapped[str] = mapped_column(ForeignKey("municipality.code"), index=True)
    node_id: Mapped[int | None] = mapped_column(ForeignKey("node.id"), index=True)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("advisor.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The company the case is about (a start, or a company coached): one company, many cases.
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("company.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Offer(Base):
    __tablename__ = "offer"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    advisor_id: Mapped[int] = mapped_column(ForeignKey("advisor.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    offered_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    decline_reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    explanation: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Where the offer's card was posted (Slack channel and message ts), to update it in place.
    card_channel: Mapped[str | None] = mapped_column(String(32))
    card_ts: Mapped[str | None] = mapped_column(String(32))


class CaseEvent(Base):
    """Append-only audit trail of a case: who did what, why, when."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Set once, by erasure, when personal free text in ``reason``/``payload`` was removed:
    # the only change the database lets through (see migration 0005's triggers).
    redacted_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Append-only audit trail of what is not one case's: consent, referrals, roster imports
    and deactivations, absences, rebalancing, erasures, staff reads."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    subject: Mapped[str | None] = mapped_column(String(128))  # advisor key, case ref, …
    reason: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class RebalanceProposal(Base):
    """A rebalancing as it was proposed, with a fingerprint of the state it was computed
    on: approving it applies exactly these moves, and only while the state still matches."""

    __tablename__ = "rebalance_proposal"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    moves: Mapped[list[Any]] = mapped_column(JSON)  # [[case ref, advisor key], …]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_at: Mapped[datetime | None]
    applied_by: Mapped[str | None] = mapped_column(String(64))


class ServerKey(Base):
    """A random key this installation signs with (form tokens), made once on first use and
    shared by every process through the database; never shown, never exported."""

    __tablename__ = "server_key"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]


class Chore(Base):
    """When a periodic job (retention) last ran: claimed by compare-and-set, so it runs once
    a day however many workers there are."""

    __tablename__ = "chore"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_run_at: Mapped[datetime]


class Timer(Base):
    """A durable timer (offer expiry, reminder): fires once, even with several workers."""

    __tablename__ = "timer"
    __table_args__ = (Index("ix_timer_due", "fired_at", "due_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("case.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"))
    # An event reminder's registration (timers that are not a case's).
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_registration.id", ondelete="CASCADE"), index=True
    )
    # A meeting reminder's meeting.
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime]
    fired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InboxItem(Base):
    """A platform request accepted for processing (a Telegram update, a Slack event). It is
    written, and committed, before the platform gets its 200; processing marks it done in
    the turn's own transaction. Unique per platform, bot and update id, so a redelivery is a
    no-op; the payload is cleared once processed (it holds personal text)."""

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    bot: Mapped[str] = mapped_column(String(64))  # Telegram bot id, Slack app/team
    update_id: Mapped[str] = mapped_column(String(128))
    chat: Mapped[str] = mapped_column(String(128))  # the founder: one chat, strictly in order
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    processed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))  # done, failed

    __table_args__ = (
        UniqueConstraint("platform", "bot", "update_id", name="uq_inbox_platform_update"),
        Index("ix_inbox_pending", "processed_at", "platform", "chat", "id"),
    )


class StaffAccount(Base):
    """Someone who signs in to the console: a role, and for advisors their roster entry.
    The password is set by the person through a one-time link; only hashes are kept."""

    __tablename__ = "staff_account"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # lower case
    role: Mapped[str] = mapped_column(String(16))  # advisor, node_manager, coordinator, admin
    # A node manager's nodes (slugs): what they see and act on. Empty for the other roles.
    nodes: Mapped[list[str]] = mapped_column(JSON, default=list)
    advisor_id: Mapped[int | None] = mapped_column(
        ForeignKey("advisor.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8), default="sv")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    setup_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    setup_expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffSession(Base):
    """A signed-in browser. The cookie holds a random token; only its hash is stored, so a
    copy of the database signs nobody in. Sign-out deletes the row."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("staff_account.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class NodeEvent(Base):
    """A meeting place's event: an idea evening, afterwork, creative workshop or
    start-your-own-business evening at a node (or for the whole region, ``node_id`` None)."""

    __tablename__ = "node_event"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)  # iCalendar UID
    node_id: Mapped[int | None] = mapped_column(ForeignKey("node.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title_sv: Mapped[str] = mapped_column(String(120))
    title_en: Mapped[str | None] = mapped_column(String(120))
    description_sv: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)
    registration_open: Mapped[bool] = mapped_column(Boolean, default=True)
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class EventRegistration(Base):
    """A founder's place at an event (or on its waiting list). The personal fields go with
    an erasure (the founder, name, contact); the row stays, so the counts stay."""

    __tablename__ = "event_registration"
    __table_args__ = (UniqueConstraint("event_id", "founder_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("node_event.id", ondelete="CASCADE"), index=True
    )
    founder_id: Mapped[int | None] = mapped_column(
        ForeignKey("founder.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(254))  # email or phone
    language: Mapped[str] = mapped_column(String(8), default="sv")
    status: Mapped[str] = mapped_column(String(16))  # registered, waitlisted, cancelled
    attended: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    cancelled_at: Mapped[datetime | None]


# The models of meetings, the session log, companies and referrals live in their own module
# (bot/storage/advising_models.py); imported here so every table is in ``Base.metadata``
# before the rule below, and so ``bot.storage.models`` names every model.
from bot.storage.advising_models import (  # noqa: E402, I001
    AdvisingSession as AdvisingSession,
    Company as Company,
    Meeting as Meeting,
    MeetingHours as MeetingHours,
    Partner as Partner,
    Referral as Referral,
)

# Ids are never reused (migration 0010): on SQLite, whose default hands the newest row's id
# out again once that row is deleted, every table with a surrogate id is AUTOINCREMENT; an
# id that names a subject in the audit log (``conversation:N``) keeps naming that one.
for _table in Base.metadata.tables.values():
    if [column.name for column in _table.primary_key.columns] == ["id"]:
        _table.dialect_options["sqlite"]["autoincrement"] = True
