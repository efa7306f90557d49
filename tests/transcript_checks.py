"""What every channel's transcript test shares: playing a turn, and checking after the turns
the case the script expects (or none), the founder's messages kept, and — for channels that
answer later — when the product has finished answering."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.storage.case_queries import list_cases
from bot.storage.db import Database
from bot.storage.models import Case, Conversation, InboxItem, Message


async def play(founder: Any, turn: dict[str, Any]) -> bool:
    """Play one turn of a transcript through a channel's founder (``say``, ``press``,
    ``choose``, ``command``, ``unsupported``); False when the channel cannot carry it (a
    method answers False: a web page sends no sticker, Telegram no empty message)."""
    if "say" in turn:
        done = await founder.say(str(turn["say"]))
    elif "say_repeated" in turn:
        done = await founder.say(turn["say_repeated"]["text"] * turn["say_repeated"]["times"])
    elif "press" in turn:
        done = await founder.press(turn["press"])
    elif "choice" in turn:
        done = await founder.choose(turn["choice"])
    elif "command" in turn:
        done = await founder.command(turn["command"])
    elif "unsupported" in turn:
        done = await founder.unsupported()
    else:
        raise AssertionError(f"unknown turn {turn}")
    return done is not False


async def check_case(path: Path, script: dict[str, Any], db: Database) -> None:
    """The one case the script expects, with its fields and answers; or none."""
    cases = await list_cases(db)
    expected_case = script.get("case")
    if expected_case is None:
        assert cases == [], f"{path.name}: no case expected, found {[c.ref for c in cases]}"
        return
    assert len(cases) == 1, f"{path.name}: expected one case, found {len(cases)}"
    async with db.sessions() as session:
        case = await session.scalar(select(Case))
    assert case is not None
    for key, value in expected_case.items():
        if key == "answers":
            for answer, expected_value in value.items():
                assert case.answers.get(answer) == expected_value, f"answer {answer}"
        else:
            assert getattr(case, key) == value, f"case.{key}"


async def inbound_stored(db: Database) -> int:
    async with db.sessions() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(Message).where(Message.direction == "inbound")
            )
            or 0
        )


async def channels_used(db: Database) -> set[str]:
    async with db.sessions() as session:
        return set(await session.scalars(select(Conversation.channel)))


async def answered(db: Database) -> bool:
    """Nothing waits in the inbox and every stored reply went out."""
    async with db.sessions() as session:
        waiting = await session.scalar(
            select(func.count()).select_from(InboxItem).where(InboxItem.processed_at.is_(None))
        )
        unsent = await session.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.direction == "outbound", Message.delivered_at.is_(None))
        )
    return not waiting and not unsent
