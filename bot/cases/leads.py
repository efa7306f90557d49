"""What an advisor sees of a case: a frozen, typed ``Lead``. Contact details only after the
advisor has the case; before that, not even the founder's name."""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True)
class LeadFact:
    """One line of what an advisor reads about a case, in the reader's language."""

    key: str  # place, stage, needs, sectors, sni, language
    label: str
    value: str


def lead_facts(lead: Lead, language: str) -> list[LeadFact]:
    """The one list of a lead's facts every staff surface shows — the Slack card, the
    console's desk, case and person pages: labels from the staff catalog, tags and the stage
    by their names (never ids). The idea itself and the contact details are shown apart."""
    from bot.content.staff_texts import staff_text
    from bot.datafiles.taxonomy import load_taxonomy
    from bot.domain import Language

    taxonomy = load_taxonomy()
    reader = Language.from_hint(language)

    def names(tags: Iterable[str]) -> str:
        return ", ".join(taxonomy.label(tag, reader) for tag in tags) or "–"

    def fact(key: str, value: str) -> LeadFact:
        return LeadFact(key, staff_text(f"lead.{key}", language), value)

    place = lead.municipality
    if lead.locality and lead.locality != lead.municipality:
        place = f"{lead.locality} ({lead.municipality})"
    sectors = names(s.id for s in lead.sectors)
    said_by = lead.sectors[0].said_by if lead.sectors else None
    if said_by in ("founder", "staff"):
        sectors += f" ({staff_text(f'lead.sector_by_{said_by}', language)})"
    facts = [
        fact("place", place),
        fact("stage", staff_text(f"stage.{lead.stage}", language) if lead.stage else "–"),
        fact("needs", names(lead.needs)),
        fact("sectors", sectors),
    ]
    if lead.sni:
        facts.append(fact("sni", lead.sni))
    facts.append(fact("language", staff_text(f"language.{lead.language}", language)))
    return facts
