"""Meeting hours for tests: an advisor bookable every weekday, whenever the test runs."""

from __future__ import annotations

from bot.cases.actions import Actor
from bot.cases.workflow import CaseWorkflow
from bot.domain import ActorKind


async def bookable_every_weekday(
    workflow: CaseWorkflow,
    advisor_key: str,
    place_kind: str = "office",
    place: str = "Storgatan 1, Värnamo",
) -> None:
    for weekday in range(5):
        await workflow.meetings.add_hours(
            advisor_key,
            weekday=weekday,
            start_minute=8 * 60,
            end_minute=17 * 60,
            slot_minutes=60,
            place_kind=place_kind,
            place=place,
            actor=Actor(ActorKind.ADVISOR, advisor_key),
        )
