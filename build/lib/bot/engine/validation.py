"""Cleaning and validating what founders type: names, free text, email, Swedish phones."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.content.schema import RuleName, ValidationRule

# Longest message kept verbatim in the transcript; anything longer is cut with a marker.
TRANSCRIPT_MAX_CHARS = 20_000
TRUNCATION_MARKER = " …[truncated]"

_BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], None
)
_WHITESPACE_RUN = re.compile(r"[ \t]+")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(raw: str) -> str:
    """NFC-normalise, drop control and bidi-override characters, trim whitespace.

    Newlines survive (ideas have paragraphs); right-to-left letters survive (names do).
    """
    text = unicodedata.normalize("NFC", raw).translate(_BIDI_CONTROLS)
    text = "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
        or ch == "\u200d"  # zero-width joiner holds emoji sequences together
    )
    lines = [_WHITESPACE_RUN.sub(" ", line).strip() for line in text.replace("\t", " ").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def for_transcript(raw: str) -> str:
    """What was typed, as faithfully as a database can hold it: NUL bytes and lone
    surrogates (which PostgreSQL refuses) become U+FFFD; very long text is cut, marked."""
    text = _UNSTORABLE.sub("\ufffd", raw)
    if len(text) <= TRANSCRIPT_MAX_CHARS:
        return text
    return text[:TRANSCRIPT_MAX_CHARS] + TRUNCATION_MARKER


@dataclass(frozen=True)
class Verdict:
    """Either a clean ``value`` or an ``error`` message key with its placeholder values."""

    value: str | None = None
    error: str | None = None
    values: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in text)


def _word_count(text: str) -> int:
    return sum(1 for word in text.split() if _has_letter(word))


def validate(rule: ValidationRule, raw: str) -> Verdict:
    text = clean_text(raw)
    if not text:
        return Verdict(error="error.empty")
    if len(text) > rule.max_length:
        return Verdict(error="error.too_long", values={"max": rule.max_length})
    if rule.rule is RuleName.NAME:
        text = " ".join(text.split())
        if not _has_letter(text):
            return Verdict(error="error.no_letters")
    elif rule.rule is RuleName.FREE_TEXT:
        if len(text) < rule.min_length:
            return Verdict(
                error=rule.follow_up or "error.too_short", values={"min": rule.min_length}
            )
        if _word_count(text) < rule.min_words:
            return Verdict(
                error=rule.follow_up or "error.too_few_words", values={"min": rule.min_words}
            )
    elif rule.rule is RuleName.EMAIL:
        return _validate_email(text)
    elif rule.rule is RuleName.PHONE_SE:
        return _validate_phone(text)
    if len(text) < rule.min_length:
        return Verdict(error="error.too_short", values={"min": rule.min_length})
    return Verdict(value=text)


def _echo(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _validate_email(text: str) -> Verdict:
    try:
        result = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError:
        return Verdict(error="error.email", values={"text": _echo(text)})
    return Verdict(value=result.normalized)


def _validate_phone(text: str) -> Verdict:
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return Verdict(error="error.phone", values={"text": _echo(text)})
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "SE"
    ):
        return Verdict(error="error.phone", values={"text": _echo(text)})
    return Verdict(value=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
