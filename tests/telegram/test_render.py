"""A turn's replies as Telegram messages: an acknowledgement rides with the next question."""

from __future__ import annotations

from bot.engine.messages import Choice, Outbound
from bot.handlers.telegram.render import MAX_MESSAGE, joined


def test_a_reply_without_buttons_goes_with_the_next() -> None:
    thanks = Outbound("Trevligt, Anna!", id=1)
    question = Outbound("Var bor du?", id=2)
    [(message, ids)] = joined([thanks, question])
    assert message.text == "Trevligt, Anna!\n\nVar bor du?" and ids == (1, 2)


def test_buttons_end_a_message_and_long_texts_stay_apart() -> None:
    asked = Outbound("Är det okej?", (Choice("consent:yes", "Ja"),), id=1)
    after = Outbound("Bra!", id=2)
    long = Outbound("x" * (MAX_MESSAGE - 10), id=3)
    last = Outbound("Berätta om din idé", id=4)
    messages = joined([asked, after, long, last])
    assert [ids for _, ids in messages] == [(1,), (2, 3), (4,)]
    assert messages[0][0].choices == asked.choices


def test_replies_not_stored_carry_no_ids() -> None:
    [(message, ids)] = joined([Outbound("Hej"), Outbound("Hur mår du?", id=7)])
    assert ids == (7,) and message.id is None
