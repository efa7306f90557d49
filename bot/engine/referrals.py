"""A referral in the conversation: the founder's yes or no to sending their details to a
partner organisation (the question comes as news from the advisor). The workflow (a
``ReferralDesk``) sends nothing without the yes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.engine.events import continue_intake
from bot.engine.messages import Inbound, InboundKind
from bot.engine.turn import Turn


class ReferralDesk(Protocol):
    async def answer(self, founder_id: int, referral_id: int, yes: bool) -> tuple[str, str]:
        """(sent, declined, already or unknown; the partner's name)."""


@dataclass(frozen=True)
class ReferralAnswer:
    referral_id: int
    yes: bool


def parse_answer(inbound: Inbound) -> ReferralAnswer | None:
    """``refer:yes:12`` or ``refer:no:12`` from a button; a malformed one is referral 0
    (answered in words: nothing is sent); None for anything else."""
    if inbound.kind is not InboundKind.CHOICE or not inbound.text.startswith("refer:"):
        return None
    parts = inbound.text.split(":")
    if len(parts) != 3 or parts[1] not in ("yes", "no"):
        return ReferralAnswer(0, False)
    if not (parts[2].isascii() and parts[2].isdigit() and len(parts[2]) <= 12):
        return ReferralAnswer(0, False)
    return ReferralAnswer(int(parts[2]), parts[1] == "yes")


def say_result(turn: Turn, result: str, partner: str) -> None:
    turn.say(
        {
            "sent": "referral.sent",
            "declined": "referral.declined",
            "already": "referral.already",
        }.get(result, "referral.unknown"),
        partner=partner,
    )


async def play(turn: Turn, desk: ReferralDesk | None) -> None:
    """The founder's yes or no (nothing is sent without a yes and their consent to storage)."""
    answer = turn.referral_answer
    if answer is None:
        return
    result, partner = (
        await desk.answer(turn.state.founder_id, answer.referral_id, answer.yes)
        if desk is not None and answer.referral_id and turn.state.consent
        else ("unknown", "")
    )
    say_result(turn, result, partner)
    continue_intake(turn)
