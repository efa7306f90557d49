"""One turn of the conversation: a working copy of the state plus the replies being built."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.content.schema import Flow, Step
from bot.domain import AuditKind, Language
from bot.engine.messages import Choice, Outbound

if TYPE_CHECKING:
    from bot.engine.events import EventAction
    from bot.engine.followups import FollowUpPress
    from bot.engine.meetings import MeetingAction
    from bot.engine.profile import ProfilePress
    from bot.engine.referrals import ReferralAnswer
    from bot.engine.surveys import SurveyPress
from bot.engine.state import ConversationState


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass
class Turn:
    flow: Flow
    state: ConversationState
    replies: list[Outbound] = field(default_factory=list)
    # Set when the founder confirmed the summary: the engine opens the case before saving.
    submit: bool = False
    # Set when the founder's data must be erased instead of saved, and why (an audit kind:
    # "consent_declined" or "deleted_on_request").
    erase: bool = False
    erase_why: AuditKind = AuditKind.DELETED_ON_REQUEST
    # A founder with an open case chose to start something new: the engine opens a new
    # conversation and plays /restart there.
    restart_new: bool = False
    # (case ref, text) a founder adds to their open case; the engine passes it on.
    add_note: tuple[str, str] | None = None
    # Set by /status on a submitted conversation: the engine looks up the case's status.
    wants_case_status: bool = False
    # Set by /events: the engine lists what is coming; and a button pressed for an event.
    wants_events: bool = False
    event_action: EventAction | None = None
    # Set by /meeting: the engine shows the founder's meeting; and a button pressed for one.
    wants_meeting: bool = False
    meeting_action: MeetingAction | None = None
    # A founder's yes or no to a referral (the engine passes it to the referral desk).
    referral_answer: ReferralAnswer | None = None
    # A press on a follow-up's buttons, or the organisation number typed after one.
    followup_press: FollowUpPress | None = None
    followup_orgnr: tuple[str, str] | None = None  # (case ref, the text typed)
    followup_people: tuple[str, str] | None = None  # (case ref, the number typed)
    # A survey answer: a press, or the comment typed after the last question.
    survey_press: SurveyPress | None = None
    # An answer to the optional questions about the founder (or "skip").
    profile_press: ProfilePress | None = None
    # How the engine reads an idea: sector ids, best first (the founder confirms one).
    read_idea: Callable[[str], list[str]] | None = None

    @property
    def language(self) -> Language:
        return self.state.language

    @property
    def step(self) -> Step:
        return self.flow.steps[self.state.step]

    def text(self, key: str, **values: object) -> str:
        template = (
            self.flow.messages[key].get(self.language)
            or self.flow.messages[key][self.flow.default_language]
        )
        merged = _Blank(self.template_values())
        merged.update(values)
        return template.format_map(merged)

    def template_values(self) -> dict[str, Any]:
        answers = self.state.answers
        name = str(answers.get("name", ""))
        values: dict[str, Any] = {"name": name, "first_name": name.split(" ")[0] if name else ""}
        if self.state.case_ref:
            values["case_ref"] = self.state.case_ref
        return values

    def say(self, key: str, *choices: Choice, multi: bool = False, **values: object) -> None:
        self.replies.append(Outbound(self.text(key, **values), tuple(choices), multi))

    def say_error(self, key: str, values: Mapping[str, object]) -> None:
        self.replies.append(Outbound(self.text(key, **values)))

    def choice(self, choice_id: str, label_key: str) -> Choice:
        return Choice(choice_id, self.text(label_key))

    def vocabulary_choices(self, prefix: str, vocab_id: str) -> list[Choice]:
        return [
            Choice(f"{prefix}:{item.id}", self.text(item.label))
            for item in self.flow.vocabularies[vocab_id]
        ]

    def vocabulary_label(self, vocab_id: str, item_id: str) -> str:
        return self.flow.vocabulary_label(vocab_id, item_id, self.language)

    def go_to(self, step_id: str) -> None:
        self.state.step = step_id
        self.state.context.pop("pending", None)

    def complete_step(self, choice_id: str | None = None) -> str:
        """Move on from the current step; return the next step id."""
        step = self.step
        next_step = (
            step.next_by_choice.get(choice_id or "", step.next)
            if step.next_by_choice
            else step.next
        )
        return_to = self.state.context.get("return_to")
        if return_to and not step.next_by_choice:
            self.state.context.pop("return_to", None)
            next_step = return_to
        assert next_step is not None  # the schema guarantees every non-final step has a next
        self.go_to(next_step)
        return next_step
