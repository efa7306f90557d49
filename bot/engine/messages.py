"""What flows in and out of the intake engine, independent of any chat platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class InboundKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # a pressed button; ``text`` is the choice id
    COMMAND = "command"  # ``text`` is the command without slash, e.g. "restart"
    UNSUPPORTED = "unsupported"  # a sticker, photo, voice message …
    EDITED = "edited"  # the founder edited an earlier message; ``text`` is the new text


@dataclass(frozen=True)
class Inbound:
    channel: str
    user_id: str
    kind: InboundKind
    text: str = ""
    message_id: str | None = None
    language_hint: str | None = None
    # The durable inbox row this message came from: the turn marks it done in its own
    # transaction, and a replayed row is recorded in the transcript once.
    inbox_id: int | None = None


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Outbound:
    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    # True when several choices may be pressed before a "done" choice.
    multi_select: bool = False
    # The stored reply (the outbox row) once the turn is saved; the channel marks it sent.
    id: int | None = None
    # A question answered by typing: the longest answer it takes (a page sizes its field).
    max_length: int | None = None

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "text": self.text,
            "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "multi_select": self.multi_select,
        }
        if self.max_length is not None:
            payload["max_length"] = self.max_length
        return payload

    @classmethod
    def from_payload(cls, data: dict[str, Any], id: int | None = None) -> Outbound:
        return cls(
            text=str(data.get("text", "")),
            choices=tuple(Choice(str(c["id"]), str(c["label"])) for c in data.get("choices") or ()),
            multi_select=bool(data.get("multi_select")),
            id=id,
            max_length=data["max_length"] if isinstance(data.get("max_length"), int) else None,
        )


COMMANDS: frozenset[str] = frozenset(
    {"start", "restart", "cancel", "status", "language", "help", "delete", "events", "meeting"}
)


def parse_command(text: str) -> tuple[str, str] | None:
    """``"/language en"`` → ``("language", "en")``; anything not starting with ``/`` → None."""
    stripped = text.strip()
    if not stripped.startswith("/") or len(stripped) < 2:
        return None
    head, _, rest = stripped[1:].partition(" ")
    name = head.split("@", 1)[0].lower()  # Telegram sends /start@BotName in groups
    return name, rest.strip()
