"""What an advisor sees of a case: a frozen, typed ``Lead``. Contact details only after the
advisor has the case; before that, not even the founder's name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectorHit:
    id: str
    score: float
    triggers: tuple[str, ...] = ()
    # Who said so: "founder" (confirmed at the intake), "staff" (corrected), or None (read
    # from the idea's words only).
    said_by: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None
    method: str | None
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class Lead:
    ref: str
    idea: str | None
    municipality: str
    locality: str | None
    stage: str | None
    needs: tuple[str, ...]
    sectors: tuple[SectorHit, ...]
    language: str
    contact: Contact | None = None  # only for the advisor who has the case
    sni: str | None = None  # the SNI code the founder was told they will likely register under
    erased: bool = False  # the founder's data is erased: no idea, contact or conversation left
