"""The saved state of one founder's intake conversation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
        """An independent copy (answers and context are JSON-like: dicts, lists, scalars;
        copying them by hand costs a third of ``copy.deepcopy``, on every turn)."""
        return replace(self, answers=_copy_json(self.answers), context=_copy_json(self.context))


def _copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy_json(v) for v in value]
    return value
