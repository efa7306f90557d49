"""Engine replies as Telegram messages: inline keyboards for choices, long text split."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine.messages import Outbound

MAX_MESSAGE = 4096  # Telegram's limit for one text message
MAX_CALLBACK_DATA = 64  # bytes


def keyboard(reply: Outbound) -> InlineKeyboardMarkup | None:
    if not reply.choices:
        return None
    rows = [
        [InlineKeyboardButton(choice.label[:64], callback_data=choice.id)]
        for choice in reply.choices
        if len(choice.id.encode()) <= MAX_CALLBACK_DATA
    ]
    return InlineKeyboardMarkup(rows)


def chunks(text: str, size: int = MAX_MESSAGE) -> list[str]:
    """Split at line breaks where possible so no message exceeds Telegram's limit."""
    if len(text) <= size:
        return [text]
    parts: list[str] = []
    rest = text
    while len(rest) > size:
        cut = rest.rfind("\n", 0, size)
        if cut < size // 2:
            cut = size
        parts.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    if rest:
        parts.append(rest)
    return parts


def is_multi_select(replies: Sequence[Outbound]) -> bool:
    return bool(replies) and replies[-1].multi_select


def joined(replies: Sequence[Outbound]) -> list[tuple[Outbound, tuple[int, ...]]]:
    """A turn's replies as Telegram messages: a reply without buttons goes out in one message
    with the reply after it ("Trevligt, Anna!" and "Var bor du?" arrive together), while they
    fit in one message. A turn costs half as much of Telegram's ~30 messages a second, and
    the founder gets the whole answer at once. Each message comes with the stored replies
    (outbox ids) it carries."""
    out: list[tuple[Outbound, tuple[int, ...]]] = []
    for reply in replies:
        ids = (reply.id,) if reply.id is not None else ()
        if out:
            previous, carried = out[-1]
            text = f"{previous.text}\n\n{reply.text}"
            if not previous.choices and len(text) <= MAX_MESSAGE:
                out[-1] = (dataclasses.replace(reply, text=text, id=None), carried + ids)
                continue
        out.append((reply, ids))
    return out
