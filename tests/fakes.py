"""In-memory implementations of the engine's ports, for fast property tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain import ConcurrentUpdateError, Language
from bot.engine.messages import Inbound, Outbound
from bot.engine.ports import OpenedCase
from bot.engine.state import ConversationState


@dataclass
class InMemoryConversationStore:
    conversations: dict[int, ConversationState] = field(default_factory=dict)
    transcript: list[tuple[int, str, str]] = field(default_factory=list)
    erased: list[int] = field(default_factory=list)
    finished_requests: list[int] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _founders: dict[tuple[str, str], int] = field(default_factory=dict)

    async def load_latest(self, channel: str, user_id: str) -> ConversationState | None:
        mine = [
            c for c in self.conversations.values() if (c.channel, c.user_id) == (channel, user_id)
        ]
        return max(mine, key=lambda c: c.id).copy() if mine else None

    async def start_conversation(
        self,
        channel: str,
        user_id: str,
        flow: str,
        step: str,
        language: Language,
        consent: bool = False,
    ) -> ConversationState:
        founder = self._founders.setdefault((channel, user_id), len(self._founders) + 1)
        state = ConversationState(
            next(self._ids), founder, channel, user_id, flow, step, language, consent=consent
        )
        self.conversations[state.id] = state.copy()
        return state

    async def record_inbound(self, state: ConversationState, inbound: Inbound, text: str) -> None:
        self.transcript.append((state.id, "inbound", text))

    async def save_turn(
        self,
        state: ConversationState,
        outbound: Sequence[Outbound],
        *,
        inbound: tuple[Inbound, str] | None = None,
        consented: bool = False,
        milestones: Sequence[str] = (),
    ) -> list[int]:
        stored = self.conversations[state.id]
        if stored.version != state.version:
            raise ConcurrentUpdateError("stale")
        saved = state.copy()
        saved.version += 1
        self.conversations[state.id] = saved
        if inbound is not None:
            self.transcript.append((state.id, "inbound", inbound[1]))
        self.transcript.extend((state.id, "outbound", o.text) for o in outbound)
        return [next(self._ids) for _ in outbound]

    async def finish_request(self, inbox_id: int) -> None:
        self.finished_requests.append(inbox_id)

    async def erase_founder(self, founder_id: int, why: str = "deleted_on_request") -> None:
        self.erased.append(founder_id)
        for cid in [c.id for c in self.conversations.values() if c.founder_id == founder_id]:
            del self.conversations[cid]
        self._founders = {k: v for k, v in self._founders.items() if v != founder_id}

    async def case_status(self, case_ref: str) -> str | None:
        return "new"


@dataclass
class FakeCaseOpener:
    opened: dict[int, OpenedCase] = field(default_factory=dict)

    async def open_case(self, state: ConversationState) -> OpenedCase:
        if state.id not in self.opened:
            self.opened[state.id] = OpenedCase(f"TST-2026-{len(self.opened) + 1:04d}", "Testby")
        return self.opened[state.id]

    async def cases_of(self, founder_id: int) -> list[tuple[str, str]]:
        return []  # the fake's cases are not followed by founder

    async def add_to_case(self, ref: str, text: str) -> None:
        raise AssertionError("no open case in the fake")
