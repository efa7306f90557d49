"""Property tests: whatever a founder sends, the engine answers politely and never crashes."""

from __future__ import annotations

import asyncio
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content import load_flow
from bot.engine.intake import IntakeEngine
from bot.engine.messages import COMMANDS, Inbound, InboundKind
from bot.matching.places import ExactPlaceResolver
from tests.fakes import FakeCaseOpener, InMemoryConversationStore

FLOW = load_flow()
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
PLACES = ExactPlaceResolver()
KNOWN_CHOICES = [
    "consent:accept",
    "consent:decline",
    "consent:lang_en",
    "consent:lang_ar",
    "language:ar",
    "stage:idea",
    "needs:export",
    "needs:_done",
    "contact_method:email",
    "summary:confirm",
    "summary:edit",
    "place:yes",
    "place:0",
    "delete:yes",
    "delete:no",
    "nonsense",
    "",
]

inbound_strategy = st.one_of(
    st.builds(lambda t: (InboundKind.TEXT, t), st.text(max_size=300)),
    st.builds(
        lambda t: (InboundKind.TEXT, t),
        st.sampled_from(
            [
                "Värnamo",
                "¹",
                "٣",
                "1",
                "2",
                "Anna",
                "anna@example.se",
                "070-1234567",
                "Jag vill starta ett företag som säljer cyklar i Jönköping",
            ]
        ),
    ),
    st.builds(lambda c: (InboundKind.CHOICE, c), st.sampled_from(KNOWN_CHOICES)),
    st.builds(lambda c: (InboundKind.COMMAND, c), st.sampled_from([*sorted(COMMANDS), "nope"])),
    st.just((InboundKind.UNSUPPORTED, "")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(inbound_strategy, min_size=1, max_size=25))
def test_any_sequence_gets_replies_and_no_error_text(
    consent_first: bool, messages: list[tuple[InboundKind, str]]
) -> None:
    if consent_first:  # most sequences should get past the consent question
        messages = [(InboundKind.CHOICE, "consent:accept"), *messages]
    store = InMemoryConversationStore()
    engine = IntakeEngine(FLOW, store, FakeCaseOpener(), PLACES)

    async def play() -> None:
        for kind, text in messages:
            replies = await engine.handle(Inbound("test", "u", kind, text))
            assert replies, f"no reply to {kind} {text!r}"
            for reply in replies:
                assert reply.text.strip()
                assert "Traceback" not in reply.text and "Error" not in reply.text
                # A placeholder the founder typed (a name "{a}") is theirs, shown back as typed.
                typed = {m.group(0) for _, t in messages for m in PLACEHOLDER.finditer(t)}
                unfilled = set(PLACEHOLDER.findall(reply.text)) - typed
                assert not unfilled, f"unfilled placeholder: {reply.text!r}"

    asyncio.run(play())
    # Every inbound message reached the transcript (redacted or not), except after erasure.
    inbound = [t for t in store.transcript if t[1] == "inbound"]
    assert len(inbound) == len(messages)
