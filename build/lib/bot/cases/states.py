"""The case state machine: which transitions exist, and the outcomes a case can close with."""

from __future__ import annotations

from enum import StrEnum

from bot.domain import CaseStatus, Outcome, SpbotError

__all__ = ["TRANSITIONS", "AlreadyTaken", "DeclineReason", "OfferStatus", "Outcome"]


class OfferStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # a coordinator moved the case while the offer was open


class DeclineReason(StrEnum):
    OUTSIDE_EXPERTISE = "outside_expertise"
    NO_CAPACITY = "no_capacity"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    OTHER = "other"


S = CaseStatus
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    S.NEW: frozenset({S.OFFERED, S.ESCALATED, S.ACCEPTED, S.REFERRED_OUT, S.CLOSED}),
    S.OFFERED: frozenset({S.OFFERED, S.ACCEPTED, S.ESCALATED, S.CLOSED}),
    S.ESCALATED: frozenset({S.OFFERED, S.ACCEPTED, S.REFERRED_OUT, S.CLOSED}),
    S.ACCEPTED: frozenset({S.ACCEPTED, S.IN_CONTACT, S.COACHING, S.OFFERED, S.ESCALATED, S.CLOSED}),
    S.IN_CONTACT: frozenset({S.IN_CONTACT, S.COACHING, S.ACCEPTED, S.CLOSED}),
    # Coaching is a stock, not an outcome: the case stays open while the company is coached
    # and closes with the outcome when the coaching ends (reports count both).
    S.COACHING: frozenset({S.COACHING, S.ACCEPTED, S.CLOSED}),
    S.REFERRED_OUT: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


class InvalidTransition(SpbotError):
    code = "invalid_transition"


class AlreadyTaken(SpbotError):
    code = "already_taken"


def check_transition(ref: str, current: CaseStatus, target: CaseStatus) -> None:
    if target not in TRANSITIONS[current]:
        raise InvalidTransition(
            f"case {ref} is {current.value}; it cannot become {target.value}",
            ref=ref,
            current=current.value,
            target=target.value,
        )
