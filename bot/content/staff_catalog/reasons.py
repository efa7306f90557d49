"""A case event's reason as a person reads it. The workflow records its reasons in English
(the audit trail's own words, stable for scripts); the console shows them in the reader's
language: exact phrases, and the few with a value in them by pattern. A reason that is
someone's own note is shown as written."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bot.domain import Outcome

PHRASES: dict[str, tuple[str, str]] = {
    "intake submitted": ("intaget inskickat", "intake submitted"),
    "new case": ("nytt ärende", "new case"),
    "match again": ("ny matchning", "matched again"),
    "the advisor accepted the offer": ("rådgivaren tog ärendet", "the advisor accepted the offer"),
    "the advisor and the founder are in contact": (
        "rådgivaren och grundaren har kontakt",
        "the advisor and the founder are in contact",
    ),
    "the advisor coaches the company": (
        "rådgivaren coachar företaget",
        "the advisor coaches the company",
    ),
    "the first meeting was held": ("det första mötet hölls", "the first meeting was held"),
    "the founder added to the case": ("grundaren lade till något", "the founder added to the case"),
    "the offer expires soon": ("erbjudandet går snart ut", "the offer expires soon"),
    "the previous offer expired": ("förra erbjudandet gick ut", "the previous offer expired"),
    "the same contact details were given by another founder": (
        "samma kontaktuppgifter har lämnats av en annan grundare",
        "the same contact details were given by another founder",
    ),
    "asked by a coordinator": ("på begäran av en samordnare", "asked by a coordinator"),
    "assigned by a coordinator": ("tilldelat av en samordnare", "assigned by a coordinator"),
    "no advisor with room fits": (
        "ingen rådgivare med plats passar",
        "no advisor with room fits",
    ),
    "founder erased": ("grundarens uppgifter raderade", "founder erased"),
}
PATTERNS: list[tuple[re.Pattern[str], tuple[str, str]]] = [
    (
        re.compile(r"^(?P<who>\S+) did not answer in time$"),
        ("{who} svarade inte i tid", "{who} did not answer in time"),
    ),
    (re.compile(r"^(?P<who>\S+) is away$"), ("{who} är frånvarande", "{who} is away")),
    (
        re.compile(r"^(?P<n>\d+) offers without an accept$"),
        ("{n} erbjudanden utan att någon tog ärendet", "{n} offers without an accept"),
    ),
    (
        re.compile(r"^still waiting for a coordinator after (?P<n>[\d.]+) working hours$"),
        (
            "väntar fortfarande på en samordnare efter {n} arbetstimmar",
            "still waiting for a coordinator after {n} working hours",
        ),
    ),
    (
        re.compile(r"^no contact with the founder after (?P<n>[\d.]+) working hours$"),
        (
            "ingen kontakt med grundaren efter {n} arbetstimmar",
            "no contact with the founder after {n} working hours",
        ),
    ),
]
DECLINES = {
    "outside_expertise": ("utanför min kompetens", "outside my expertise"),
    "no_capacity": ("har inte tid just nu", "no capacity just now"),
    "conflict_of_interest": ("jäv", "conflict of interest"),
    "other": ("annat skäl", "another reason"),
}
OUTCOMES = {
    Outcome.COMPANY_STARTED.value: ("företag startat", "company started"),
    Outcome.COACHED.value: ("coachat", "coached"),
    Outcome.REFERRED.value: ("hänvisat vidare", "referred"),
    Outcome.NOT_PURSUED.value: ("drevs inte vidare", "not pursued"),
    Outcome.NO_RESPONSE.value: ("inget svar", "no response"),
}


def case_reason(
    reason: str | None, language: str = "sv", names: Mapping[str, str] | None = None
) -> str:
    """``reason`` in ``language`` (sv, en); as written when it is not one of ours. ``names``:
    advisors' names by key (a reason names an advisor by key)."""
    if not reason:
        return ""
    pick = 1 if language == "en" else 0
    if reason in PHRASES:
        return PHRASES[reason][pick]
    if reason in OUTCOMES:
        return OUTCOMES[reason][pick]
    if reason.startswith("declined: ") and reason[10:] in DECLINES:
        said = DECLINES[reason[10:]][pick]
        return f"tackade nej: {said}" if pick == 0 else f"declined: {said}"
    for pattern, texts in PATTERNS:
        found = pattern.match(reason)
        if found:
            values = found.groupdict()
            if "who" in values and names:
                values["who"] = names.get(values["who"], values["who"])
            return texts[pick].format(**values)
    return reason


SUBJECTS = {
    "conversation": ("samtal nr {n}", "conversation no. {n}"),
    "demo-intake": ("samtal nr {n} (demo)", "conversation no. {n} (demo)"),
    "founder": ("person nr {n}", "person no. {n}"),
}


def audit_subject(subject: str | None, language: str = "sv") -> str:
    """What an audit entry is about, as a person reads it ("conversation:4" is "samtal nr
    4"); a staff member's email or anything else as written."""
    if not subject:
        return ""
    kind, _, n = subject.partition(":")
    if kind in SUBJECTS and n:
        return SUBJECTS[kind][1 if language == "en" else 0].format(n=n)
    return subject


WHY = {
    "known": ("har arbetat med personen förut", "has worked with this founder before"),
    "fit": (
        "kompetens {fit}: {matched} ({n} av {wanted})",
        "expertise {fit}: {matched} ({n} of {wanted})",
    ),
    "fit_none": (
        "kompetens {fit}: inget gemensamt med ärendet",
        "expertise {fit}: nothing in common with the case",
    ),
    "home": ("personens hemnod: {node}", "the founder's home node: {node}"),
    "away": ("{km} km bort: {node}", "{km} km away: {node}"),
    "load": (
        "{load} aktiva ärenden och {offered} erbjudna, plats för {capacity}",
        "{load} active and {offered} offered cases, room for {capacity}",
    ),
    "speaks": ("talar {language}", "speaks {language}"),
    "silent": ("talar inte {language}", "does not speak {language}"),
    "interpreter": (
        "personen skrev på {language}: erbjud tolk om ni inte har ett gemensamt språk",
        "the founder wrote in {language}: offer an interpreter if you share no language",
    ),
}
LANGUAGE_NAMES = {
    "sv": ("svenska", "Swedish"),
    "en": ("engelska", "English"),
    "ar": ("arabiska", "Arabic"),
    "fa": ("persiska", "Persian"),
    "bs": ("bosniska", "Bosnian"),
    "pl": ("polska", "Polish"),
    "so": ("somaliska", "Somali"),
}


def match_reasons(
    why: Mapping[str, object] | None, language: str = "sv", label: Callable[[str], str] = str
) -> list[str]:
    """Why an advisor was offered a case, line by line in the reader's language, from the
    facts the ranking kept (``Candidate.why``); ``label`` names an expertise tag."""
    if not why:
        return []
    pick = 1 if language == "en" else 0

    def say(key: str, **values: object) -> str:
        return WHY[key][pick].format(**values)

    spoken = str(why.get("language") or "")
    spoken = LANGUAGE_NAMES.get(spoken, (spoken, spoken))[pick]
    tags = why.get("matched")
    matched = [label(str(tag)) for tag in tags] if isinstance(tags, list) else []
    share = why.get("fit")
    fit = f"{float(share) if isinstance(share, int | float) else 0.0:.0%}".replace("%", "\u00a0%")
    lines = [say("known")] if why.get("known") else []
    lines.append(
        say("fit", fit=fit, matched=", ".join(matched), n=len(matched), wanted=why.get("wanted"))
        if matched
        else say("fit_none", fit=fit)
    )
    node = why.get("node") or ""
    lines.append(
        say("home", node=node)
        if why.get("home")
        else say("away", km=why.get("distance_km"), node=node)
    )
    lines.append(
        say("load", load=why.get("load"), offered=why.get("offered"), capacity=why.get("capacity"))
    )
    lines.append(say("speaks" if why.get("speaks") else "silent", language=spoken))
    if not why.get("speaks") and why.get("language") not in ("sv", "en"):
        lines.append(say("interpreter", language=spoken))
    return lines
