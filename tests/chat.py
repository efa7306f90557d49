"""A small driver for talking to the engine in tests, the way a channel would."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.intake import IntakeEngine
from bot.engine.messages import Inbound, InboundKind, Outbound
from tests.intake_driver import AtOnce


@dataclass
class Founder(AtOnce):
    engine: IntakeEngine
    user_id: str = "founder-1"
    channel: str = "test"
    language_hint: str | None = None
    last: list[Outbound] = field(default_factory=list)

    async def send(self, kind: InboundKind, text: str) -> list[Outbound]:
        self.last = await self.engine.handle(
            Inbound(self.channel, self.user_id, kind, text, language_hint=self.language_hint)
        )
        return self.last

    async def say(self, text: str) -> list[Outbound]:
        return await self.send(InboundKind.TEXT, text)

    async def unsupported(self) -> list[Outbound]:
        """A sticker, a photo: what the intake cannot read."""
        return await self.send(InboundKind.UNSUPPORTED, "")

    async def command(self, name: str) -> list[Outbound]:
        return await self.send(InboundKind.COMMAND, name)

    async def choose(self, choice_id: str) -> list[Outbound]:
        return await self.send(InboundKind.CHOICE, choice_id)

    async def press(self, label: str) -> list[Outbound]:
        """Press the button with this label (or the label's start) on the last reply."""
        choices = self.last[-1].choices if self.last else ()
        for choice in choices:
            if choice.label == label or choice.label.removeprefix("✔ ") == label:
                return await self.choose(choice.id)
        labels = [c.label for c in choices]
        raise AssertionError(f"no button {label!r} on the last reply; buttons: {labels}")

    @property
    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    @property
    def buttons(self) -> list[str]:
        return [c.label for c in self.last[-1].choices] if self.last else []
