"""Terminal channel: the intake in a terminal, choices as numbered options."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from bot.engine.intake import IntakeEngine
from bot.engine.messages import Inbound, InboundKind, Outbound
from bot.engine.steps import is_number

CHANNEL = "terminal"
QUIT_WORDS = frozenset({"/quit", "/exit", "/avsluta"})

ReadLine = Callable[[str], Awaitable[str | None]]
Write = Callable[[str], None]


def render(replies: Sequence[Outbound]) -> str:
    lines: list[str] = []
    for reply in replies:
        lines.append(reply.text)
        lines.extend(f"  {i}. {choice.label}" for i, choice in enumerate(reply.choices, 1))
        lines.append("")
    return "\n".join(lines)


def to_inbound(line: str, user_id: str, last: Sequence[Outbound], hint: str | None) -> Inbound:
    """A typed line as an engine message: a number picks one of the last offered choices."""
    choices = last[-1].choices if last else ()
    stripped = line.strip()
    if is_number(stripped) and choices and 1 <= int(stripped) <= len(choices):
        return Inbound(
            CHANNEL, user_id, InboundKind.CHOICE, choices[int(stripped) - 1].id, language_hint=hint
        )
    return Inbound(CHANNEL, user_id, InboundKind.TEXT, line, language_hint=hint)


async def _read_stdin(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_chat(
    engine: IntakeEngine,
    user_id: str,
    *,
    language_hint: str | None = None,
    read_line: ReadLine = _read_stdin,
    write: Write = print,
) -> None:
    """Talk to the engine until the founder types /quit or input ends."""
    replies = await engine.handle(
        Inbound(CHANNEL, user_id, InboundKind.COMMAND, "start", language_hint=language_hint)
    )
    write(render(replies))
    while True:
        line = await read_line("> ")
        if line is None or line.strip().lower() in QUIT_WORDS:
            write("Hej då! / Goodbye! (Skriv `spbot chat` igen för att fortsätta.)")
            return
        new = await engine.handle(to_inbound(line, user_id, replies, language_hint))
        if new:
            replies = new
        write(render(new))
