"""Plain Swedish (klarspråk) in what founders read: the intake's messages and the chat
page's own words. The rules that can be checked by machine, after Språkrådet's
"Myndigheternas skrivregler" (ch. 1.3–1.4: short sentences, everyday words) and the
Government Offices' "Svarta listan" of officialese; the rest (the important first, the reader
as "du", terms explained, one-word verbs over particle verbs for readers new to Swedish) is
in docs/content.md and was applied by hand."""

from __future__ import annotations

import re
import statistics

import pytest

from bot.content import load_flow
from bot.handlers.web.texts import TEXTS

# A sentence a founder reads has at most this many words; on average far fewer.
LONGEST_SENTENCE = 20
AVERAGE_SENTENCE = 10

# Officialese with an everyday word for it (Svarta listan; Myndigheternas skrivregler 1.4).
OFFICIALESE = (
    "erhålla", "erhåller", "tillhandahålla", "tillhandahåller", "samt", "avseende",
    "beträffande", "vederbörande", "därest", "torde", "emedan", "icke", "ävensom",
    "densamma", "tillse", "delge", "inkomma", "inkommer", "ombesörja", "erforderlig",
    "erforderliga", "erfordras", "handha", "föreligger", "föreligga", "härmed", "åligger",
    "tillställa", "i syfte att", "i enlighet med", "med anledning av", "vänligen",
    "kontaktuppgifter",
)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?:])\s+|\n+")
_WORD = re.compile(r"\{\w+\}|[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+")


def swedish_texts() -> dict[str, str]:
    flow = load_flow()
    texts = {f"intake:{key}": flow.text(key, "sv") for key in flow.messages}
    texts |= {f"web:{key}": pair[0] for key, pair in TEXTS.items()}
    return texts


def sentences(text: str) -> list[list[str]]:
    out = []
    for part in _SENTENCE.split(text):
        words = _WORD.findall(part.replace("/", " "))
        if words:
            out.append(words)
    return out


def test_sentences_are_short() -> None:
    long = [
        (key, len(words), " ".join(words))
        for key, text in swedish_texts().items()
        for words in sentences(text)
        if len(words) > LONGEST_SENTENCE
    ]
    assert long == [], "split these into shorter sentences"
    lengths = [len(w) for text in swedish_texts().values() for w in sentences(text)]
    assert statistics.mean(lengths) <= AVERAGE_SENTENCE


@pytest.mark.parametrize("word", OFFICIALESE)
def test_everyday_words(word: str) -> None:
    found = [
        key
        for key, text in swedish_texts().items()
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    ]
    assert found == [], f"'{word}' has an everyday word: {found}"


def test_the_checks_catch_what_they_should() -> None:
    assert max(len(s) for s in sentences("Ett. " + "ord " * 21 + "slut.")) == 22
    assert sentences("Skriv /start {name}!") == [["Skriv", "start", "{name}"]]
