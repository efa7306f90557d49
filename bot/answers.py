"""A case's answers, typed: what the founder told the intake and what the product added to it
(the sectors read and confirmed, a staff correction, the SNI suggestion, follow-up consent).

A case keeps its answers as a JSON object (``case.answers``): that stays the stored form, and
the JSON export gives it as it is. Everything that reads them reads them here, once, so that a
key is spelled in one place and a wrong type from old data is an absent value, never a crash.
``FLOW_ANSWERS`` are the answers the intake's steps may give; ``spbot content check`` refuses a
flow whose step stores an answer this module does not read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The answers a flow step may store (its ``answer:``), each read by a field below.
FLOW_ANSWERS = frozenset(
    {"name", "place", "idea", "sector", "stage", "needs", "contact_method", "email", "phone"}
)


@dataclass(frozen=True)
class SectorAnswer:
    """A sector kept with the case: the reading's score and the founder's words behind it;
    whether the founder confirmed it or a staff member corrected to it."""

    id: str
    score: float = 1.0
    triggers: tuple[str, ...] = ()
    confirmed: bool = False
    corrected: bool = False

    @property
    def source(self) -> str | None:
        """Who settled it: "staff", "founder", or None for the classifier's reading."""
        return "staff" if self.corrected else "founder" if self.confirmed else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str | int) and not isinstance(v, bool))


def _mapping(raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, Mapping) else {}


def _sector(value: Any) -> SectorAnswer | None:
    if not isinstance(value, Mapping) or not value.get("id"):
        return None
    score = value.get("score", 1.0)
    return SectorAnswer(
        id=str(value["id"]),
        score=float(score)
        if isinstance(score, int | float) and not isinstance(score, bool)
        else 1.0,
        triggers=_texts(value.get("triggers")),
        confirmed=value.get("confirmed") is True,
        corrected=value.get("corrected") is True,
    )


@dataclass(frozen=True)
class CaseAnswers:
    name: str | None = None
    contact_method: str | None = None
    email: str | None = None
    phone: str | None = None
    idea: str | None = None
    municipality_code: str | None = None
    locality: str | None = None
    stage: str | None = None
    needs: tuple[str, ...] = ()
    # The sector the founder confirmed at the intake (None: "something else" or an old case).
    sector: str | None = None
    # The readings the founder was shown, best first.
    sector_readings: tuple[str, ...] = ()
    # The sectors an advisor sees (the confirmed one alone, else the reading), best first.
    sectors: tuple[SectorAnswer, ...] = ()
    # A staff correction: the sector ids before and after.
    corrected_from: tuple[str, ...] = ()
    corrected_to: str | None = None
    sni_code: str | None = None
    sni_name: str | None = None
    # Whether the founder agreed to be asked how it went (None: not asked yet).
    followup_consent: bool | None = None
    # The founder's data was erased (what is personal is gone from these answers).
    erased: bool = False

    @classmethod
    def read(cls, raw: Any) -> CaseAnswers:
        """The answers of a stored case; anything missing or of the wrong type is absent."""
        if not isinstance(raw, Mapping):
            return cls()
        place, correction = _mapping(raw, "place"), _mapping(raw, "sector_correction")
        sni, followup = _mapping(raw, "sni"), _mapping(raw, "followup")
        consent = followup.get("consent")
        listed = raw.get("sectors")
        sectors: list[Any] = listed if isinstance(listed, list) else []
        return cls(
            name=_text(raw.get("name")),
            contact_method=_text(raw.get("contact_method")),
            email=_text(raw.get("email")),
            phone=_text(raw.get("phone")),
            idea=_text(raw.get("idea")),
            municipality_code=_text(place.get("municipality_code")),
            locality=_text(place.get("locality")),
            stage=_text(raw.get("stage")),
            needs=_texts(raw.get("needs")),
            sector=_text(raw.get("sector")),
            sector_readings=_texts(raw.get("sector_readings")),
            sectors=tuple(s for s in (_sector(v) for v in sectors) if s is not None),
            corrected_from=_texts(correction.get("from")),
            corrected_to=_text(correction.get("to")),
            sni_code=_text(sni.get("code")),
            sni_name=_text(sni.get("name")),
            followup_consent=consent if isinstance(consent, bool) else None,
            erased=raw.get("erased") is True,
        )

    @property
    def sector_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sectors)
