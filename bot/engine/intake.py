"""The intake engine: one inbound message in, the replies out, state saved in between."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.content.schema import Flow
from bot.domain import AuditKind, ConcurrentUpdateError, ConversationStatus, Language, NotFoundError
from bot.engine import (
    commands,
    events,
    followups,
    meetings,
    profile,
    referrals,
    steps,
    surveys,
)
from bot.engine.events import EventBoard
from bot.engine.followups import FollowUpDesk
from bot.engine.meetings import MeetingDesk
from bot.engine.messages import Choice, Inbound, InboundKind, Outbound, parse_command
from bot.engine.ports import CaseOpener, ConversationStore, PlaceResolver
from bot.engine.profile import ProfileDesk
from bot.engine.referrals import ReferralDesk
from bot.engine.state import ConversationState
from bot.engine.surveys import SurveyDesk, SurveyPress
from bot.engine.turn import Turn
from bot.engine.validation import for_transcript
from bot.faults import crash_point

log = logging.getLogger(__name__)

_CLOSED = (ConversationStatus.SUBMITTED, ConversationStatus.REFERRED)

# Text stored instead of what was typed before the founder consented to storage.
NOT_STORED = "[not stored: no consent yet]"


@dataclass(frozen=True)
class Preview:
    """The replies to someone who has not consented, their language, and whether the
    answer was consent (then nothing is shown from here: the real turn is played)."""

    replies: list[Outbound]
    language: Language
    consented: bool


class IntakeEngine:
    """Channel-agnostic intake. The engine owns conversation state; channels only render."""

    def __init__(
        self,
        flow: Flow,
        store: ConversationStore,
        cases: CaseOpener,
        places: PlaceResolver,
        events: EventBoard | None = None,
        read_idea: Callable[[str], list[str]] | None = None,
        suggest_sni: Callable[[str, str | None], tuple[str, str] | None] | None = None,
        meetings: MeetingDesk | None = None,
        referrals: ReferralDesk | None = None,
        followups: FollowUpDesk | None = None,
        surveys: SurveyDesk | None = None,
        profiles: ProfileDesk | None = None,
    ) -> None:
        """``read_idea(text)``: the sectors an idea's words point to, best first.
        ``suggest_sni(text, sector)``: the SNI code (and its name) the founder will most
        likely register under, as a suggestion."""
        self.flow = flow
        self.read_idea = read_idea
        self.suggest_sni = suggest_sni
        self.store = store
        self.cases = cases
        self.places = places
        self.events = events
        self.meetings = meetings
        self.referrals = referrals
        self.followups = followups
        self.surveys = surveys
        # Only when the region asks the optional questions (SPBOT_ASK_ABOUT_FOUNDER).
        self.profiles = profiles

    def _suggest_sni(self, turn: Turn) -> None:
        """The SNI code the founder will most likely register under, kept with the answers
        (the advisor sees it too): from the idea and the sector the founder confirmed."""
        answers = turn.state.answers
        if self.suggest_sni is None or not answers.get("idea"):
            return
        sector = answers.get("sector")
        found = self.suggest_sni(str(answers["idea"]), str(sector) if sector else None)
        if found is None:
            answers.pop("sni", None)
        else:
            answers["sni"] = {"code": found[0], "name": found[1]}

    async def handle(self, inbound: Inbound) -> list[Outbound]:
        """Process one founder message. Every inbound and outbound message is stored
        before this returns, so the caller may send the replies right away."""
        state = await self._current_state(inbound)
        text = self._transcript_text(state, inbound)
        # From the durable inbox, the message is recorded with the turn (the inbox row holds
        # it until then); otherwise it is committed first, before the turn is played.
        durable = inbound.inbox_id is not None
        if not durable:
            try:
                await self.store.record_inbound(state, inbound, text)
            except ConcurrentUpdateError:  # erased meanwhile (another process): start afresh
                state = await self._current_state(inbound)
                text = self._transcript_text(state, inbound)
                await self.store.record_inbound(state, inbound, text)
        command = self._command(inbound)
        offer_case: str | None = None
        if command and command[0] == "restart" and state.status in _CLOSED:
            # One person, one open case: a founder whose case is still open is asked first.
            offer_case = await self._open_case(state)
            if offer_case is None:
                state = await self._new_conversation_after(state)
        for attempt in range(3):
            if offer_case is not None:
                turn = Turn(self.flow, state.copy(), read_idea=self.read_idea)
                commands.offer_open_case(turn, offer_case)
            else:
                turn = self._play(state, inbound, command)
            if turn.restart_new:
                state = await self._new_conversation_after(state)
                turn = self._play(state, inbound, ("restart", ""))
            if turn.add_note is not None:
                await self.cases.add_to_case(*turn.add_note)
            if turn.erase:
                await self.store.erase_founder(state.founder_id, turn.erase_why)
                log.info("erased founder %s on request", state.founder_id)
                if inbound.inbox_id is not None:
                    # No turn is saved to mark the request done: done here, or it would be
                    # played again and start a conversation for someone just erased.
                    await self.store.finish_request(inbound.inbox_id)
                return turn.replies
            if turn.submit:
                self._suggest_sni(turn)
                opened = await self.cases.open_case(turn.state)
                turn.state.case_ref = opened.ref
                turn.state.status = ConversationStatus.SUBMITTED
                turn.say("submit.done", municipality=opened.municipality)
                sni = turn.state.answers.get("sni")
                if isinstance(sni, dict):
                    turn.say("submit.sni", code=sni["code"], name=sni["name"])
                if turn.language not in (Language.SV, Language.EN):
                    turn.say("submit.interpreter")
                log.info("conversation %s submitted as case %s", state.id, opened.ref)
                await self._announce_events(turn)
                await profile.offer(turn, self.profiles)
            if turn.wants_events or turn.event_action is not None:
                await self._events_turn(turn)
            if turn.wants_meeting or turn.meeting_action is not None:
                await meetings.play(turn, self.meetings, self.cases)
            if turn.survey_press is not None:
                await surveys.play(turn, self.surveys)
            if turn.profile_press is not None:
                await profile.play(turn, self.profiles)
            if (
                turn.followup_press is not None
                or turn.followup_orgnr is not None
                or turn.followup_people is not None
            ):
                await followups.play(turn, self.followups)
            if turn.referral_answer is not None:
                await referrals.play(turn, self.referrals)
            if turn.wants_case_status and turn.state.case_ref:
                cases = await self.cases.cases_of(turn.state.founder_id)
                if len(cases) > 1:
                    lines = "\n".join(
                        f"• {ref}: {turn.text(f'case_status.{status}')}" for ref, status in cases
                    )
                    turn.say("command.status.cases", cases=lines)
                else:
                    status = await self.store.case_status(turn.state.case_ref)
                    turn.say(
                        "command.status.submitted",
                        status=turn.text(f"case_status.{status or 'new'}"),
                    )
            if turn.state.status is not ConversationStatus.ACTIVE:
                # Step-local data has no use in a closed conversation; a pending /delete has.
                keep = {
                    "followup_orgnr",
                    "followup_people",
                    "survey_comment",
                    "confirm_delete",
                    "open_case",
                    "adding_to",
                    "event_signup",
                    "event_name",
                    "event_email",
                } & turn.state.context.keys()
                turn.state.context = {k: turn.state.context[k] for k in keep}
            crash_point("mid_turn")
            try:
                ids = await self.store.save_turn(
                    turn.state,
                    turn.replies,
                    inbound=(inbound, text) if durable else None,
                    consented=turn.state.consent and not state.consent,
                    milestones=_milestones(state, turn.state),
                )
            except ConcurrentUpdateError:
                # Another process moved this conversation on; replay on the fresh state.
                log.info("conversation %s changed underneath (attempt %s)", state.id, attempt)
                # (It may be gone: erased meanwhile by an operator. Then it starts afresh.)
                # What the transcript keeps depends on the state too (consent given
                # meanwhile): it is worked out again from the fresh one.
                state = await self._current_state(inbound)
                text = self._transcript_text(state, inbound)
                offer_case = None
                continue
            return [replace(reply, id=i) for reply, i in zip(turn.replies, ids, strict=True)]
        return [Outbound(self._text("error.internal", state.language))]

    async def preview(
        self, channel: str, language_hint: str | None, inbound: Inbound | None = None
    ) -> Preview:
        """What someone who has not consented sees, stored nowhere: the flow's start and,
        when given, ``inbound`` answered after it. The web chat shows this before anything
        is saved; when the answer gives consent (``Preview.consented``), the channel plays
        the start and that answer through ``handle``, which stores from then on."""
        state = ConversationState(
            id=0,
            founder_id=0,
            channel=channel,
            user_id="",
            flow=self.flow.flow,
            step=self.flow.first_step,
            language=Language.from_hint(language_hint, self.flow.default_language),
        )
        turn = self._play(
            state, Inbound(state.channel, "", InboundKind.COMMAND, "start"), ("start", "")
        )
        if inbound is None:
            return Preview(turn.replies, turn.state.language, consented=False)
        before = turn.state
        turn = self._play(before, inbound, self._command(inbound))
        if turn.state.consent:
            return Preview([], turn.state.language, consented=True)
        if turn.state.context.get("confirm_delete"):
            # /delete before consent: there is nothing to delete.
            turn = Turn(self.flow, before.copy(), read_idea=self.read_idea)
            turn.say("consent.declined")
        elif turn.wants_events and self.events is not None:
            await self._events_turn(turn)  # the calendar is public; signing up needs consent
        elif (
            turn.submit
            or turn.add_note
            or turn.event_action
            or turn.wants_case_status
            or turn.wants_meeting
            or turn.meeting_action
            or turn.referral_answer
            or turn.followup_press
            or turn.followup_orgnr
            or turn.followup_people
            or turn.survey_press
            or turn.profile_press
        ):
            # Nothing of this can happen before consent; answered as at the start.
            turn = self._play(
                before, Inbound(state.channel, "", InboundKind.COMMAND, "start"), ("start", "")
            )
        return Preview(turn.replies, turn.state.language, consented=False)

    async def _current_state(self, inbound: Inbound) -> ConversationState:
        state = await self.store.load_latest(inbound.channel, inbound.user_id)
        if state is not None:
            return state
        language = Language.from_hint(inbound.language_hint, self.flow.default_language)
        return await self.store.start_conversation(
            inbound.channel, inbound.user_id, self.flow.flow, self.flow.first_step, language
        )

    @staticmethod
    def _transcript_text(state: ConversationState, inbound: Inbound) -> str:
        """Free text typed before consent is not stored; buttons and commands hold nothing
        personal and are kept so the transcript still reads as it happened."""
        if state.consent or inbound.kind in (InboundKind.CHOICE, InboundKind.COMMAND):
            return for_transcript(inbound.text)
        if inbound.kind is InboundKind.TEXT and parse_command(inbound.text):
            return for_transcript(inbound.text)
        return NOT_STORED

    @staticmethod
    def _command(inbound: Inbound) -> tuple[str, str] | None:
        if inbound.kind is InboundKind.CHOICE and inbound.text.startswith("language:"):
            return ("language", inbound.text.removeprefix("language:")[:8])  # /language's buttons
        if inbound.kind is InboundKind.COMMAND:
            return parse_command("/" + inbound.text.strip().lstrip("/"))
        if inbound.kind is InboundKind.TEXT:
            return parse_command(inbound.text)
        return None

    def _play(
        self, state: ConversationState, inbound: Inbound, command: tuple[str, str] | None
    ) -> Turn:
        turn = Turn(self.flow, state.copy(), read_idea=self.read_idea)
        action = events.parse_action(inbound)
        meeting = meetings.parse_action(inbound)
        referral = referrals.parse_answer(inbound)
        followup = followups.parse_press(inbound)
        survey = surveys.parse_press(inbound)
        about = profile.parse_press(inbound)
        if inbound.kind is InboundKind.EDITED:
            # An edit is not a new answer (it may be to any earlier question): the first
            # answer stands, and the founder is told how to change it. Nothing else moves.
            turn.say("error.edited")
        elif action is not None:
            turn.event_action = action  # played by the engine (it needs the event board)
        elif meeting is not None:
            turn.meeting_action = meeting  # played by the engine (it needs the meeting desk)
        elif referral is not None:
            turn.referral_answer = referral  # played by the engine (it needs the referral desk)
        elif followup is not None:
            turn.followup_press = followup  # played by the engine (it needs the follow-up desk)
        elif about is not None:
            turn.profile_press = about  # played by the engine (it needs the profile desk)
        elif survey is not None:
            turn.state.context.pop("survey_comment", None)
            turn.survey_press = survey  # played by the engine (it needs the survey desk)
        elif (
            turn.state.context.get("survey_comment")
            and command is None
            and inbound.kind is InboundKind.TEXT
        ):
            ref = str(turn.state.context.pop("survey_comment"))
            turn.survey_press = SurveyPress(ref, "comment", inbound.text)
        elif (
            turn.state.context.get("followup_orgnr")
            and command is None
            and inbound.kind is InboundKind.TEXT
        ):
            ref = str(turn.state.context.pop("followup_orgnr"))
            turn.followup_orgnr = (ref, inbound.text)
        elif (
            turn.state.context.get("followup_people")
            and command is None
            and inbound.kind is InboundKind.TEXT
        ):
            ref = str(turn.state.context.pop("followup_people"))
            turn.followup_people = (ref, inbound.text)
        elif (
            turn.state.context.get("event_signup")
            and command is None
            and inbound.kind is InboundKind.TEXT
        ):
            turn.event_action = events.take_signup_answer(turn, inbound)
        elif turn.state.context.get("confirm_delete") and command is None:
            commands.take_delete_confirmation(turn, inbound)
        elif turn.state.context.get("open_case") and command is None:
            commands.take_open_case_choice(turn, inbound)
        elif (
            turn.state.context.get("adding_to")
            and command is None
            and inbound.kind is InboundKind.TEXT
        ):
            commands.take_addition(turn, inbound)
        elif command is not None:
            commands.run(turn, *command)
        elif inbound.kind is InboundKind.UNSUPPORTED:
            turn.say("error.not_text")
            steps.ask(turn)
        elif turn.state.status is not ConversationStatus.ACTIVE:
            commands.explain_closed(turn)
        else:
            steps.take(turn, inbound, self.places)
        return turn

    async def _announce_events(self, turn: Turn) -> None:
        """Right after an intake: the next one or two events at the founder's node."""
        if self.events is None:
            return
        place = turn.state.answers.get("place") or {}
        code = place.get("municipality_code") if isinstance(place, dict) else None
        coming = await self.events.upcoming(code, turn.state.founder_id, limit=2)
        if coming:
            events.say_list(turn, coming, "events.after_submit")

    async def _events_turn(self, turn: Turn) -> None:
        """/events, or a button pressed for an event (or the sign-up's last answer)."""
        state = turn.state
        if self.events is None:
            turn.say("events.none")
            events.continue_intake(turn)
            return
        action = turn.event_action
        if action is None:
            place = state.answers.get("place") or {}
            code = place.get("municipality_code") if isinstance(place, dict) else None
            coming = await self.events.upcoming(code, state.founder_id, limit=5)
            if coming:
                events.say_list(turn, coming, "events.list")
            else:
                turn.say("events.none")
            events.continue_intake(turn)
            return
        try:
            event = await self.events.listing(action.event_id, state.founder_id)
        except NotFoundError:
            event = None
        if event is None or action.action == "unknown":
            turn.say("events.unknown")
            events.continue_intake(turn)
            return
        title = events.title(turn, event)
        moment = events.when(event, state.language.value)
        if action.action == "leave":
            left = await self.events.unregister(event.id, state.founder_id)
            turn.say("events.left" if left else "events.nothing_to_leave", title=title)
            events.continue_intake(turn)
            return
        if not state.consent:
            turn.say("events.needs_consent")
            events.continue_intake(turn)
            return
        contact = events.contact_of(turn)
        if contact is None:
            events.ask_for_contact(turn, action)
            return
        result = await self.events.register(
            event.id,
            state.founder_id,
            contact[0],
            contact[1],
            state.language.value,
            waitlist=action.action == "wait",
        )
        if result == "full":
            turn.say(
                "events.result.full",
                Choice(
                    f"event:wait:{event.id}",
                    turn.text("events.wait", title=event.title_in(state.language.value)[:40]),
                ),
                title=title,
            )
        else:
            turn.say(f"events.result.{result}", title=title, when=moment, place=event.place)
        events.continue_intake(turn)

    async def _open_case(self, state: ConversationState) -> str | None:
        for ref, status in await self.cases.cases_of(state.founder_id):
            if status not in ("closed", "referred_out"):
                return ref
        return None

    def _text(self, key: str, language: Language) -> str:
        return self.flow.text(key, language)

    async def _new_conversation_after(self, state: ConversationState) -> ConversationState:
        """A new conversation for a founder whose last one is closed (a new idea)."""
        return await self.store.start_conversation(
            state.channel,
            state.user_id,
            self.flow.flow,
            self.flow.after_restart if state.consent else self.flow.first_step,
            state.language,
            consent=state.consent,
        )


def _milestones(before: ConversationState, after: ConversationState) -> list[AuditKind]:
    """What the audit log keeps of a turn (no personal data, so it survives an erasure; the
    results report's funnel counts these): an intake started (its first turn; with
    ``consent_carried`` when a founder who consented before starts a new idea), consent
    given, an intake submitted, cancelled, or referred outside the region."""
    out: list[AuditKind] = []
    if before.version == 1:
        out.append(AuditKind.INTAKE_STARTED)
        if before.consent:
            out.append(AuditKind.CONSENT_CARRIED)
    if after.consent and not before.consent:
        out.append(AuditKind.CONSENT_GIVEN)
    if after.status is not before.status:
        if after.status is ConversationStatus.SUBMITTED:
            out.append(AuditKind.INTAKE_SUBMITTED)
        elif after.status is ConversationStatus.CANCELLED:
            out.append(AuditKind.INTAKE_CANCELLED)
        elif after.status is ConversationStatus.REFERRED:
            out.append(AuditKind.REFERRED_OUT_OF_REGION)
    return out
