"""Swedish organisation numbers (organisationsnummer), without storage.

Ten digits, NNNNNN-NNNN, the last a Luhn check digit over the other nine (Skatteverket's
SKV 709). A legal person's number has 20 or more in digits three and four (no month is that
large); its first digit names the kind of organisation (5 aktiebolag, 7 ekonomisk förening,
8 ideell förening or stiftelse, 9 handelsbolag or kommanditbolag, 2 state, region or
municipality). A sole trader (enskild näringsidkare) has no number of their own: their
personnummer is the company's, so it is personal data (shown masked, erased with the
founder). Written with a century (16 for organisations, 19 or 20 for people) it has twelve
digits; both forms are read, ten are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain import SpbotError

LEGAL_FORMS = {
    "2": "public_body",
    "5": "aktiebolag",
    "7": "ekonomisk_forening",
    "8": "ideell_forening",
    "9": "handelsbolag",
}


class OrgnrInvalid(SpbotError):
    """Not an organisation number; ``reason`` says which rule it broke."""

    code = "orgnr_invalid"


@dataclass(frozen=True)
class OrgNumber:
    digits: str  # ten digits, no hyphen
    personal: bool  # a personnummer: a sole trader's, personal data
    legal_form: str  # aktiebolag, …, enskild_firma for a personnummer, other

    @property
    def display(self) -> str:
        """As people write it; a personnummer with its last four digits hidden."""
        if self.personal:
            return f"{self.digits[:6]}-****"
        return f"{self.digits[:6]}-{self.digits[6:]}"

    @property
    def full(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def parse_orgnr(text: str) -> OrgNumber:
    """Read an organisation number (or a sole trader's personnummer) as people write it:
    with or without the hyphen, spaces, or the century. ``OrgnrInvalid`` otherwise."""
    raw = text.strip().replace(" ", "")
    if not raw or len(raw) > 15:
        raise OrgnrInvalid("empty or too long", reason="length")
    plus = "+" in raw  # a personnummer of someone over 100: still a person
    compact = raw.replace("-", "").replace("+", "")
    if not compact.isdigit() or not compact.isascii():
        raise OrgnrInvalid("only digits and a hyphen", reason="characters")
    if len(compact) == 12:
        century, compact = compact[:2], compact[2:]
        if century not in ("16", "18", "19", "20"):
            raise OrgnrInvalid("the century is not 16, 18, 19 or 20", reason="century")
    if len(compact) != 10:
        raise OrgnrInvalid("ten digits (or twelve with the century)", reason="length")
    if not luhn_ok(compact):
        raise OrgnrInvalid("the check digit does not match", reason="check_digit")
    month = int(compact[2:4])
    if month >= 20 and not plus:
        form = LEGAL_FORMS.get(compact[0], "other")
        return OrgNumber(compact, False, form)
    day = int(compact[4:6])
    day = day - 60 if day > 60 else day  # a samordningsnummer's day
    try:
        date(2000, month, day)  # a leap year, so 29 February passes
    except ValueError:
        raise OrgnrInvalid("neither an organisation nor a person number", reason="date") from None
    return OrgNumber(compact, True, "enskild_firma")
