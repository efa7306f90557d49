"""What flows in and out of the intake engine, independent of any chat platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class InboundKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"  # a pressed button; ``text`` is the choice id
    COMMAND = "command"  # ``text`` is the command without slash, e.g. "restart"
    UNSUPPORTED = "unsupported"  # a sticker, photo, voice message …


@dataclass(frozen=True)
class Inbound:
    channel: str
    user_id: str
    kind: InboundKind
    text: str = ""
    message_id: str | None = None
    language_hint: str | None = None


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


COMMANDS: frozenset[str] = frozenset(
    {"start", "restart", "cancel", "status", "language", "help", "delete"}
)


def parse_command(text: str) -> tuple[str, str] | None:
    """``"/language en"`` → ``("language", "en")``; anything not starting with ``/`` → None."""
    stripped = text.strip()
    if not stripped.startswith("/") or len(stripped) < 2:
        return None
    head, _, rest = stripped[1:].partition(" ")
    name = head.split("@", 1)[0].lower()  # Telegram sends /start@BotName in groups
    return name, rest.strip()
