"""An advisor's bookable meeting hours and private calendar feed: kept by the advisor (or by
staff for them: coordinators anyone's, node managers their nodes' advisors'), every change in
the audit log. The rule for free times is ``cases/slots.py``; booking is ``cases/meetings.py``."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from bot.cases.actions import Actor, NotAllowed
from bot.cases.context import CaseContext
from bot.cases.holding import require_node
from bot.cases.meeting_times import hours_of_row
from bot.cases.slots import Hours, HoursInvalid, check_hours
from bot.domain import ActorKind, AuditKind, NotFoundError
from bot.records import MeetingView
from bot.storage import case_rows
from bot.storage import meetings as rows
from bot.storage.erasure import add_audit
from bot.storage.models import Advisor, MeetingHours


class MeetingHoursDesk:
    ctx: CaseContext

    # --- the advisor's hours ---------------------------------------------------------------

    async def hours(self, advisor_key: str) -> list[Hours]:
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return [hours_of_row(r, n) for r, n in await rows.hours_of(session, advisor.id)]

    async def add_hours(
        self,
        advisor_key: str,
        *,
        weekday: int,
        start_minute: int,
        end_minute: int,
        slot_minutes: int,
        place_kind: str,
        place: str,
        actor: Actor,
        node_slug: str | None = None,
        valid_from: date | None = None,
        valid_until: date | None = None,
    ) -> Hours:
        """A weekly block of bookable hours (the advisor themself, or staff for them)."""
        place = check_hours(weekday, start_minute, end_minute, slot_minutes, place_kind, place)
        if valid_from and valid_until and valid_until < valid_from:
            raise HoursInvalid("the last day is before the first", field="valid_until")
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            node_id: int | None = None
            if place_kind == "office":
                node_id = advisor.node_id
            elif place_kind == "node":
                node_id = await rows.node_id_of(session, node_slug or "")
                if node_id is None:
                    raise HoursInvalid("choose the node the hours are at", field="node")
            row = MeetingHours(
                advisor_id=advisor.id,
                weekday=weekday,
                start_minute=start_minute,
                end_minute=end_minute,
                slot_minutes=slot_minutes,
                place_kind=place_kind,
                node_id=node_id,
                place=place,
                valid_from=valid_from,
                valid_until=valid_until,
                created_at=now,
            )
            session.add(row)
            await session.flush()
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.MEETING_HOURS_ADDED,
                f"advisor:{advisor.key}",
                None,
                {"hours": row.id, "weekday": weekday, "place_kind": place_kind},
                now,
            )
            name = await case_rows.node_name(session, node_id) if node_id else None
            return hours_of_row(row, name)

    async def remove_hours(self, hours_id: int, actor: Actor) -> None:
        """Remove a block: times already booked in it stay booked."""
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            row = await session.get(MeetingHours, hours_id)
            advisor = await session.get(Advisor, row.advisor_id) if row else None
            if row is None or advisor is None:
                raise NotFoundError(f"no meeting hours {hours_id}", hours=hours_id)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            await session.delete(row)
            add_audit(
                session,
                actor.kind.value,
                actor.id,
                AuditKind.MEETING_HOURS_REMOVED,
                f"advisor:{advisor.key}",
                None,
                {"hours": hours_id},
                now,
            )

    @staticmethod
    def _may_manage(actor: Actor, advisor: Advisor, node_slug: str | None) -> None:
        """An advisor keeps their own hours; a node manager their nodes' advisors'; a
        coordinator or admin anyone's."""
        if actor.kind is ActorKind.ADVISOR:
            if actor.id != advisor.key:
                raise NotAllowed("only your own hours", advisor=advisor.key)
            return
        require_node(actor, node_slug)

    # --- the calendar feed ------------------------------------------------------------------

    async def make_feed(self, advisor_key: str, actor: Actor) -> str:
        """A new secret for the advisor's private calendar feed (the old link stops working).
        Returned once; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        await self._set_feed(advisor_key, actor, rows.token_hash(token))
        return token

    async def revoke_feed(self, advisor_key: str, actor: Actor) -> None:
        await self._set_feed(advisor_key, actor, None)

    async def _set_feed(self, advisor_key: str, actor: Actor, value: str | None) -> None:
        now = self.ctx.clock()
        async with self.ctx.db.transaction() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            self._may_manage(actor, advisor, await case_rows.node_slug(session, advisor.node_id))
            advisor.calendar_token_hash = value
            kind = AuditKind.CALENDAR_FEED_MADE if value else AuditKind.CALENDAR_FEED_REVOKED
            add_audit(
                session, actor.kind.value, actor.id, kind, f"advisor:{advisor.key}", None, {}, now
            )

    async def feed(self, token: str, past_days: int = 60) -> tuple[str, list[MeetingView]] | None:
        """The advisor's name and meetings for the feed with this secret (None: no such)."""
        since = self.ctx.clock() - timedelta(days=past_days)
        async with self.ctx.db.sessions() as session:
            advisor = await rows.advisor_by_feed(session, token)
            if advisor is None or not advisor.active:
                return None
            return advisor.name, await rows.feed_meetings(session, advisor.id, since)

    async def has_feed(self, advisor_key: str) -> bool:
        async with self.ctx.db.sessions() as session:
            advisor = await case_rows.active_advisor(session, advisor_key)
            return advisor.calendar_token_hash is not None
