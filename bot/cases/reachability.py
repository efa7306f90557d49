"""Nothing offered into the void: advisors nobody can reach (no Slack member id, no console
account) get no offers (``WorkflowSettings.offer_only_reachable``), and the coordinators are
told who they are, once for each change of that list, however many workers run."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.content.staff_texts import staff_text
from bot.domain import AuditKind
from bot.storage.advisors import unreachable_advisors
from bot.storage.db import Database
from bot.storage.erasure import add_audit
from bot.storage.retention import chore_exists, claim_chore

log = logging.getLogger(__name__)
# The coordinators' channel is shared: in Swedish, the organisation's language.
LANGUAGE = "sv"


class UnreachableNotice:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        post: Callable[[str], Awaitable[None]],
    ) -> None:
        self.db = db
        self.clock = clock
        self.post = post

    async def run_if_changed(self) -> str | None:
        """Tell the coordinators when the list changed since they were last told."""
        people = await unreachable_advisors(self.db)
        keys = ",".join(k for k, _ in people)
        digest = hashlib.sha256(keys.encode()).hexdigest()[:20]
        name = f"unreach:{digest}"
        # A read first (this runs every timer round): a list already told costs no write.
        if await chore_exists(self.db, name):
            return None
        # One claim per distinct list: the first worker to see it tells, nobody else.
        if not await claim_chore(self.db, name, self.clock(), timedelta(days=3650)):
            return None
        if not people:
            return None
        names = ", ".join(f"{name} ({key})" for key, name in people)
        text = staff_text("slack.unreachable", LANGUAGE, names=names)
        await self.post(text)
        async with self.db.transaction() as session:
            add_audit(
                session, "system", None, AuditKind.UNREACHABLE_ADVISORS_TOLD, None, None,
                {"advisors": [k for k, _ in people]}, self.clock(),
            )  # fmt: skip
        log.info("told the coordinators about %s unreachable advisors", len(people))
        return text
