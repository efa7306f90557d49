"""A restart mid-intake loses nothing: a new engine on the same database resumes the step."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import select

from bot.app import build_services
from bot.engine.messages import Inbound, Outbound
from bot.engine.state import ConversationState
from bot.settings import Settings
from bot.storage.conversations import SqlConversationStore
from bot.storage.models import Message
from tests.chat import Founder


async def test_new_engine_resumes_at_the_same_step(settings: Settings) -> None:
    first = await build_services(settings)
    founder = Founder(first.engine, user_id="resume-1")
    await founder.command("start")
    await founder.press("Ja, det går bra")
    await founder.say("Karin Berg")
    await founder.say("Nässjö")
    await first.close()  # the process dies here

    second = await build_services(settings)
    founder = Founder(second.engine, user_id="resume-1")
    await founder.command("start")
    assert "Välkommen tillbaka" in founder.text
    assert "Berätta om din idé" in founder.text
    await founder.say("Jag vill starta en hållbar klädbutik med second hand-kläder i Nässjö.")
    assert "Vilket stämmer bäst?" in founder.text and "Butik och e-handel" in founder.buttons
    state = await SqlConversationStore(second.db).load_latest("test", "resume-1")
    assert state is not None
    assert state.answers["name"] == "Karin Berg"
    assert state.answers["place"]["municipality_code"] == "0682"
    await second.close()


class CrashingStore(SqlConversationStore):
    """Dies after the founder's message is recorded, before the new state is saved."""

    async def save_turn(
        self,
        state: ConversationState,
        outbound: Sequence[Outbound],
        *,
        inbound: tuple[Inbound, str] | None = None,
        consented: bool = False,
        milestones: Sequence[str] = (),
    ) -> list[int]:
        raise ConnectionError("the database went away")


async def test_crash_between_answer_and_reply_keeps_the_answer(settings: Settings) -> None:
    services = await build_services(settings)
    founder = Founder(services.engine, user_id="crash-1")
    await founder.command("start")
    await founder.press("Ja, det går bra")

    services.engine.store = CrashingStore(services.db)
    with pytest.raises(ConnectionError):
        await founder.say("Gustav Holm")
    async with services.db.sessions() as session:
        texts = (await session.scalars(select(Message.text).order_by(Message.id))).all()
    assert texts[-1] == "Gustav Holm", "the answer is stored before anything else can fail"

    # After the restart the same question is asked again, and the answer goes through.
    services.engine.store = SqlConversationStore(services.db)
    await founder.say("Gustav Holm")
    assert "Trevligt, Gustav!" in founder.text
    await services.close()
