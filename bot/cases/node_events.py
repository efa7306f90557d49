"""The nodes' meeting places: events (idea evenings, afterworks, creative workshops,
start-your-own-business evenings), founders' registrations with a waiting list, a reminder
the working day before (a durable timer), and everyone told when an event is cancelled.
Every change to an event is in the audit log."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.actions import Actor
from bot.cases.calendar import STOCKHOLM
from bot.cases.context import CaseContext, Outbox
from bot.cases.event_drafts import EventDraft, EventInvalid, EventProblem, checked
from bot.cases.holding import require_node
from bot.cases.notifications import Audience, Notification, NotificationKind
from bot.domain import AuditKind, Language, NotFoundError, TimerKind
from bot.records import EventListing
from bot.storage import case_rows, timers
from bot.storage import node_events as rows
from bot.storage.erasure import add_audit
from bot.storage.models import EventRegistration, NodeEvent, Timer

REMINDER_AT = time(9, 0)


class EventNotFound(NotFoundError):
    code = "event_not_found"


class Registration(StrEnum):
    """What came of asking for a place."""

    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    ALREADY = "already"  # registered (or waiting) before: nothing changed
    FULL = "full"  # no place, and the founder did not ask for the waiting list
    CLOSED = "closed"  # registration not open, cancelled or in the past


def reminder_due(starts_at: datetime, ctx: CaseContext) -> datetime:
    """09:00 in Sweden on the working day before the event's day."""
    day = starts_at.astimezone(STOCKHOLM).date() - timedelta(days=1)
    while not ctx.calendar.is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, REMINDER_AT, STOCKHOLM).astimezone(starts_at.tzinfo)


class NodeEvents:
    def __init__(self, ctx: CaseContext, horizon_days: int = 42) -> None:
        self.ctx = ctx
        self.horizon = timedelta(days=horizon_days)

    # --- coordinators -------------------------------------------------------------------

    async def add(self, draft: EventDraft, actor: Actor) -> EventListing:
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            ids = await rows.node_ids(session)
            draft = checked(draft, now, set(ids))
            require_node(actor, draft.node)
            event = self._new(draft, ids, now)
            session.add(event)
            await session.flush()
            self._audit(session, actor, AuditKind.EVENT_ADDED, event, now)
            return await self._listing(session, event.id)

    async def update(self, event_id: int, draft: EventDraft, actor: Actor) -> EventListing:
        """Change an event (not a cancelled or past one); reminders follow a new time."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            event = await self._event(session, event_id, lock=True)
            ids = await rows.node_ids(session)
            require_node(actor, await case_rows.node_slug(session, event.node_id))
            if event.cancelled_at is not None or event.ends_at < now:
                raise EventInvalid(
                    "a cancelled or past event is not changed", field="event", problem="over"
                )
            draft = checked(draft, now, set(ids), new=draft.starts_at != event.starts_at)
            require_node(actor, draft.node)
            moved = draft.starts_at != event.starts_at
            self._apply(event, draft, ids, now)
            if moved:
                for reg in await rows.registrations(session, event.id):
                    if reg.status == "registered":
                        await self._arm_reminder(session, reg, event, now)
            self._audit(session, actor, AuditKind.EVENT_CHANGED, event, now)
            return await self._listing(session, event.id)

    async def cancel(self, event_id: int, actor: Actor, reason: str | None = None) -> int:
        """Cancel the event and tell everyone registered or waiting, in their channel and
        language. Returns how many were told. Cancelling twice changes nothing."""
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            event = await self._event(session, event_id, lock=True)
            require_node(actor, await case_rows.node_slug(session, event.node_id))
            if event.cancelled_at is not None:
                return 0
            event.cancelled_at = now
            event.updated_at = now
            told = 0
            for reg in await rows.registrations(session, event.id):
                if reg.status in ("registered", "waitlisted") and reg.founder_id is not None:
                    outbox.add(self._note(NotificationKind.EVENT_CANCELLED, reg, event))
                    told += 1
            self._audit(session, actor, AuditKind.EVENT_CANCELLED, event, now, reason)
        await self.ctx.deliver(outbox)
        return told

    async def mark_attended(
        self, registration_id: int, attended: bool | None, actor: Actor
    ) -> None:
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            reg = await session.get(EventRegistration, registration_id)
            if reg is None:
                raise EventNotFound(f"no registration {registration_id}")
            event = await self._event(session, reg.event_id)
            require_node(actor, await case_rows.node_slug(session, event.node_id))
            reg.attended = attended
            self._audit(
                session,
                actor,
                AuditKind.EVENT_ATTENDANCE,
                event,
                now,
                None,
                {"registration": reg.id},
            )

    async def import_events(
        self, drafts: list[EventDraft], actor: Actor, source: str
    ) -> tuple[int, int]:
        """Add (or, by UID, update) every draft, all or nothing. Returns (added, updated)."""
        now = self.ctx.clock()
        added = updated = 0
        async with self.ctx.db.transaction() as session:
            ids = await rows.node_ids(session)
            for draft in drafts:
                require_node(actor, draft.node)
                existing = await rows.event_by_uid(session, draft.uid) if draft.uid else None
                if existing is not None:
                    self._apply(existing, checked(draft, now, set(ids), new=False), ids, now)
                    updated += 1
                else:
                    session.add(self._new(checked(draft, now, set(ids)), ids, now))
                    added += 1
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.EVENTS_IMPORTED,
                source[:128],
                None,
                {"added": added, "updated": updated},
                now,
            )
        return added, updated

    # --- founders -----------------------------------------------------------------------

    async def upcoming(
        self, municipality_code: str | None, founder_id: int | None = None, limit: int = 5
    ) -> list[EventListing]:
        """What is coming within the horizon at the founder's node (and the region's own
        events), or in the whole region when the municipality is unknown."""
        now = self.ctx.clock()
        async with self.ctx.db.sessions() as session:
            node = (
                await rows.node_of_municipality(session, municipality_code)
                if municipality_code
                else None
            )
            return await rows.listings(
                session,
                since=now,
                until=now + self.horizon,
                node=node,
                founder_id=founder_id,
                limit=limit,
            )

    async def listing(self, event_id: int, founder_id: int | None = None) -> EventListing:
        async with self.ctx.db.sessions() as session:
            found = await rows.listings(
                session, event_id=event_id, founder_id=founder_id, include_cancelled=True
            )
        if not found:
            raise EventNotFound(f"no event {event_id}")
        return found[0]

    async def register(
        self,
        event_id: int,
        founder_id: int,
        name: str,
        contact: str,
        language: str,
        waitlist: bool = False,
    ) -> Registration:
        """A place for the founder (or a place on the waiting list, when asked for). The
        event row is locked, so two founders cannot take the last place."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            event = await self._event(session, event_id, lock=True)
            if event.cancelled_at is not None or not event.registration_open:
                return Registration.CLOSED
            if event.starts_at <= now:
                return Registration.CLOSED
            reg = await rows.registration_of(session, event.id, founder_id)
            if reg is not None and reg.status in ("registered", "waitlisted"):
                return Registration.ALREADY
            full = event.capacity is not None and await rows.taken(session, event.id) >= (
                event.capacity
            )
            if full and not waitlist:
                return Registration.FULL
            status = "waitlisted" if full else "registered"
            if reg is None:
                reg = EventRegistration(event_id=event.id, founder_id=founder_id)
                session.add(reg)
            reg.name, reg.contact, reg.language = name[:200], contact[:254], language
            reg.status, reg.created_at, reg.cancelled_at = status, now, None
            await session.flush()
            if status == "registered":
                await self._arm_reminder(session, reg, event, now)
            add_audit(
                session,
                "founder",
                None,
                AuditKind(f"event_{status}"),
                f"event:{event.id}",
                None,
                {"registration": reg.id},
                now,
            )
            return Registration(status)

    async def unregister(self, event_id: int, founder_id: int) -> bool:
        """The founder gives up their place (or leaves the waiting list); the first one
        waiting gets the place and is told. False when there was nothing to cancel."""
        now = self.ctx.clock()
        outbox = Outbox()
        async with self.ctx.db.transaction() as session:
            event = await self._event(session, event_id, lock=True)
            reg = await rows.registration_of(session, event.id, founder_id)
            if reg is None or reg.status not in ("registered", "waitlisted"):
                return False
            had_place = reg.status == "registered"
            reg.status, reg.cancelled_at = "cancelled", now
            await timers.disarm_registration_timers(session, reg.id, now)
            if had_place and event.cancelled_at is None and event.starts_at > now:
                waiting = await rows.first_waitlisted(session, event.id)
                if waiting is not None:
                    waiting.status = "registered"
                    await self._arm_reminder(session, waiting, event, now)
                    outbox.add(self._note(NotificationKind.EVENT_PLACE, waiting, event))
            add_audit(
                session, "founder", None, AuditKind.EVENT_UNREGISTERED, f"event:{event.id}", None,
                {"registration": reg.id}, now,
            )  # fmt: skip
        await self.ctx.deliver(outbox)
        return True

    # --- calendars ---------------------------------------------------------------------------

    async def feed(self, node: str | None = None, past_days: int = 30) -> list[EventListing]:
        """For the public calendar: from ``past_days`` ago on, cancelled ones included (so a
        subscriber's copy is marked cancelled); a node's with the region's own events."""
        now = self.ctx.clock()
        async with self.ctx.db.sessions() as session:
            return await rows.listings(
                session,
                since=now - timedelta(days=past_days),
                node=node,
                include_cancelled=True,
            )

    async def nodes(self) -> dict[str, str]:
        """Node slug → name."""
        async with self.ctx.db.sessions() as session:
            return await rows.node_names(session)

    async def registrations(self, event_id: int) -> list[EventRegistration]:
        async with self.ctx.db.sessions() as session:
            await self._event(session, event_id)
            return list(await rows.registrations(session, event_id))

    async def problems(
        self, drafts: list[EventDraft], numbers: list[int] | None = None
    ) -> list[EventProblem]:
        """What is wrong with each draft (nothing saved): for an import, all at once;
        ``numbers``: each draft's entry in the file (else 1, 2, …)."""
        now = self.ctx.clock()
        async with self.ctx.db.sessions() as session:
            ids = set(await rows.node_ids(session))
        found = []
        for index, draft in enumerate(drafts):
            number = numbers[index] if numbers and index < len(numbers) else index + 1
            try:
                checked(draft, now, ids)
            except EventInvalid as exc:
                found.append(EventProblem(number, draft.title_sv, exc))
        return found

    # --- the reminder timer ---------------------------------------------------------------

    async def fire_reminder(
        self, session: AsyncSession, timer: Timer, outbox: Outbox, now: datetime
    ) -> None:
        """The working day before: a reminder to a founder still registered for an event
        that is still on (a cancelled event or registration: nothing)."""
        reg = (
            await session.get(EventRegistration, timer.registration_id)
            if timer.registration_id
            else None
        )
        if reg is None or reg.status != "registered" or reg.founder_id is None:
            return
        event = await rows.get_event(session, reg.event_id)
        if event is None or event.cancelled_at is not None or event.starts_at <= now:
            return
        outbox.add(self._note(NotificationKind.EVENT_REMINDER, reg, event))

    # --- inside ---------------------------------------------------------------------------

    async def _arm_reminder(
        self, session: AsyncSession, reg: EventRegistration, event: NodeEvent, now: datetime
    ) -> None:
        await timers.disarm_registration_timers(session, reg.id, now)
        due = reminder_due(event.starts_at, self.ctx)
        if due > now:
            timers.arm_registration_timer(session, TimerKind.EVENT_REMINDER, reg.id, due)

    def _note(
        self, kind: NotificationKind, reg: EventRegistration, event: NodeEvent
    ) -> Notification:
        language = Language.from_hint(reg.language).value
        title_language = "en" if language == "en" and event.title_en else "sv"
        title = event.title_en if title_language == "en" and event.title_en else event.title_sv
        local = event.starts_at.astimezone(STOCKHOLM)
        return Notification(
            kind,
            Audience.FOUNDER,
            f"event-{event.id}",
            reg.founder_id,
            language,
            {
                "event_id": event.id,
                "title": title,
                "title_language": title_language,
                "kind": event.kind,
                "date": local.strftime("%Y-%m-%d"),
                "time": local.strftime("%H:%M"),
                "place": event.place,
                # Where the founder asked to be told (their own address, for the web chat's
                # email; never shown to anyone else).
                "email": reg.contact if reg.contact and "@" in reg.contact else None,
            },
        )

    @staticmethod
    async def _event(session: AsyncSession, event_id: int, lock: bool = False) -> NodeEvent:
        event = await rows.get_event(session, event_id, lock=lock)
        if event is None:
            raise EventNotFound(f"no event {event_id}", event_id=event_id)
        return event

    @staticmethod
    async def _listing(session: AsyncSession, event_id: int) -> EventListing:
        found = await rows.listings(session, event_id=event_id, include_cancelled=True)
        return found[0]

    @staticmethod
    def _new(draft: EventDraft, ids: dict[str, int], now: datetime) -> NodeEvent:
        event = NodeEvent(uid=draft.uid or f"{secrets.token_hex(12)}@spbot", created_at=now)
        NodeEvents._apply(event, draft, ids, now)
        return event

    @staticmethod
    def _apply(event: NodeEvent, draft: EventDraft, ids: dict[str, int], now: datetime) -> None:
        event.node_id = ids[draft.node] if draft.node else None
        event.kind = draft.kind
        event.title_sv, event.title_en = draft.title_sv, draft.title_en
        event.description_sv, event.description_en = draft.description_sv, draft.description_en
        event.starts_at, event.ends_at = draft.starts_at, draft.ends_at
        event.place, event.capacity = draft.place, draft.capacity
        event.registration_open = draft.registration_open
        event.updated_at = now

    @staticmethod
    def _audit(
        session: AsyncSession,
        actor: Actor,
        kind: AuditKind,
        event: NodeEvent,
        now: datetime,
        reason: str | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        add_audit(
            session,
            actor.kind.value,
            actor.id,
            kind,
            f"event:{event.id}",
            reason,
            {"title": event.title_sv, "starts_at": event.starts_at.isoformat(), **(extra or {})},
            now,
        )
