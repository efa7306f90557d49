"""The saved state of one founder's intake conversation."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.domain import ConversationStatus, Language


@dataclass
class ConversationState:
    id: int
    founder_id: int
    channel: str
    user_id: str
    flow: str
    step: str
    language: Language
    status: ConversationStatus = ConversationStatus.ACTIVE
    consent: bool = False
    answers: dict[str, Any] = field(default_factory=dict)
    # Transient, step-local data: pending place candidates, selected needs, a pending delete …
    context: dict[str, Any] = field(default_factory=dict)
    version: int = 1
    case_ref: str | None = None

    def copy(self) -> ConversationState:
        return copy.deepcopy(self)
