"""``spbot places``, ``classify`` and ``match``: matching for scripts and operators.

Output with ``--json`` / ``--jsonl`` is a stable interface: other tools call these commands.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer

from bot.cli.output import database, fail, out, print_json, run_async, settings_of
from bot.domain import PlaceResult

places_app = typer.Typer(help="Place resolution.", no_args_is_help=True)


def _emit(data: Any) -> None:
    print_json(data, indent=None)


def _lines() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\n")


def place_json(result: PlaceResult) -> dict[str, Any]:
    best = result.best
    return {
        "input": result.input,
        "status": result.status.value,
        "municipality_code": best.municipality_code if best else None,
        "municipality": best.municipality if best else None,
        "locality": best.locality if best else None,
        "in_region": best.in_region if best else None,
        "score": result.score,
        "confirm": not result.exact,
        "candidates": [
            {
                "municipality_code": c.municipality_code,
                "municipality": c.municipality,
                "locality": c.locality,
                "in_region": c.in_region,
            }
            for c in result.candidates
        ],
    }


def _batch_or_one(
    text: str | None,
    jsonl: bool,
    one: Callable[[str], dict[str, Any]],
    show: Callable[[dict[str, Any]], None],
    as_json: bool,
) -> None:
    if jsonl:
        for line in _lines():
            _emit(one(line))
        return
    if text is None:
        raise fail("give a TEXT, or --jsonl to read one text per line from stdin", 2)
    data = one(text)
    if as_json:
        _emit(data)
    else:
        show(data)


@places_app.command("resolve")
def places_resolve(
    text: Annotated[str | None, typer.Argument(help="What the founder wrote.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One text per stdin line → JSON lines.")
    ] = False,
) -> None:
    """Resolve free text to a municipality of the region (or say why not)."""
    from bot.assembly import build_place_resolver

    resolver = build_place_resolver()

    def show(d: dict[str, Any]) -> None:
        where = d["municipality"] and f"{d['municipality']} ({d['municipality_code']})"
        extra = f", {d['locality']}" if d["locality"] else ""
        out.print(
            f"{d['status']}: {where or '–'}{extra}  score {d['score']}"
            + ("  (confirm with the founder)" if d["confirm"] and where else "")
        )
        if d["status"] == "ambiguous":
            for c in d["candidates"]:
                out.print(f"  - {c['municipality']} {c['locality'] or ''}")

    _batch_or_one(text, jsonl, lambda t: place_json(resolver.resolve(t)), show, as_json)


def classify(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The idea in the founder's words.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="One text per stdin line → JSON lines.")
    ] = False,
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help="Score the classifier against the sectors founders confirmed and staff "
            "corrected in this database's cases.",
        ),
    ] = False,
) -> None:
    """Classify an idea into ranked sectors, with the words that triggered each."""
    from bot.assembly import build_idea_meaning
    from bot.matching.expertise import ExpertiseClassifier
    from bot.matching.semantic import as_english
    from bot.matching.sni import SniReader, read_sectors, suggest_code

    classifier = ExpertiseClassifier()
    sni = SniReader()
    meaning = build_idea_meaning(settings_of(ctx))
    if evaluate:
        _evaluate(ctx, lambda t: read_sectors(classifier, sni, t, meaning), as_json)
        return

    def one(t: str) -> dict[str, Any]:
        result = classifier.classify(t)
        candidates = sni.candidates(t, limit=3)
        reader = meaning.reader() if meaning is not None else None
        near = reader.read(t)[:3] if reader is not None else []
        offered = read_sectors(classifier, sni, t, meaning)
        return {
            "input": t,
            "sectors": [
                {"id": s.sector, "score": s.score, "triggers": list(s.triggers)}
                for s in result.sectors
            ],
            # What the model reads: an English idea itself, a Swedish idea's words in English
            # (gloss.py); null for an idea too short to tell its language.
            "read_as": as_english(t) if reader is not None else None,
            # The sectors nearest in meaning, with the names nearest the idea.
            "meaning": [
                {"id": m.sector, "score": round(m.score, 3), "like": list(m.like)} for m in near
            ],
            # The sectors of the SNI 2025 codes whose names the idea uses: in a Swedish idea
            # they order the lexicon's readings (sni.NAMES_WEIGHT).
            "names": [
                {"id": sector, "score": round(score, 3)}
                for sector, score in sorted(sni.name_sectors(t).items(), key=lambda kv: -kv[1])
            ],
            # What the founder is offered: the lexicon's reading (in Swedish ordered with SCB's
            # names; failing it, the SNI trades' sectors) joined with the meaning.
            "offered": offered,
            # The SNI code the founder would be told of, had they confirmed the first reading.
            "sni_suggested": _code_json(
                suggest_code(
                    sni, t, offered[0] if offered else None, meaning.code if meaning else None
                )
            ),
            "sni": [
                {
                    "code": c.code,
                    "name": c.name,
                    "sector": c.sector,
                    "score": c.score,
                    "triggers": list(c.triggers),
                }
                for c in candidates
            ],
        }

    def show(d: dict[str, Any]) -> None:
        if not d["sectors"]:
            out.print("No sector recognised by the lexicon.")
        for s in d["sectors"]:
            out.print(f"{s['id']:<24} {s['score']:.2f}  ← {', '.join(s['triggers'])}")
        if d["read_as"] and d["read_as"] != d["input"]:
            out.print(f"Read by meaning as: {d['read_as']}")
        for m in d["meaning"]:
            out.print(f"{m['id']:<24} {m['score']:.2f}  ≈ {', '.join(m['like'])}")
        if d["names"]:
            out.print(f"SCB's names: {', '.join(n['id'] for n in d['names'])}")
        if d["offered"]:
            out.print(f"Offered: {', '.join(d['offered'])}")
        if d["sni_suggested"]:
            tip = d["sni_suggested"]
            out.print(f"SNI code suggested: {tip['code']} {tip['name']}")
        for c in d["sni"]:
            out.print(f"SNI {c['code']} {c['name']}  ← {', '.join(c['triggers'])}")

    _batch_or_one(text, jsonl, one, show, as_json)


def _evaluate(ctx: typer.Context, read_idea: Any, as_json: bool) -> None:
    from bot.matching.evaluation import Labelled, evaluate
    from bot.storage.sector_truths import sector_truths

    async def truths() -> list[Any]:
        async with database(settings_of(ctx)) as db:
            return await sector_truths(db)

    found = run_async(truths)
    result = evaluate(read_idea, (Labelled(t.idea, t.sector) for t in found))
    data = result.as_json() | {
        "by_founders": sum(t.source == "founder" for t in found),
        "by_staff": sum(t.source == "staff" for t in found),
    }
    if as_json:
        _emit(data)
        return
    if not result.total:
        out.print("No case has a confirmed or corrected sector yet.")
        return
    out.print(
        f"{result.total} ideas ({data['by_founders']} confirmed by founders, "
        f"{data['by_staff']} corrected by staff): first reading right {data['top1']:.0%}, "
        f"among the first three {data['top3']:.0%}, no sector {data['no_sector']:.0%}"
    )
    for miss in data["misses"][:10]:  # type: ignore[index]
        out.print(f"  {miss['truth']:<24} read as {miss['read']:<24} {miss['ideas']}")


def _code_json(found: tuple[str, str] | None) -> dict[str, str] | None:
    return {"code": found[0], "name": found[1]} if found else None


def _candidate_json(c: Any) -> dict[str, Any]:
    a = c.advisor
    return {
        "advisor_key": a.key,
        "advisor": a.name,
        "node": a.node_slug,
        "score": c.score,
        "home": c.home,
        "fits": c.fits,
        "distance_km": c.distance_km,
        "components": c.components,
        "matched": list(c.matched),
        "explanation": list(c.explanation),
    }


def match(
    ctx: typer.Context,
    case_ref: Annotated[str | None, typer.Argument(help="Rank advisors for this case.")] = None,
    municipality: Annotated[str | None, typer.Option(help="SCB code, e.g. 0683.")] = None,
    sector: Annotated[list[str] | None, typer.Option(help="Sector id (repeatable).")] = None,
    need: Annotated[list[str] | None, typer.Option(help="Need id (repeatable).")] = None,
    language: Annotated[str, typer.Option(help="sv or en")] = "sv",
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Rank advisors for a case (by reference) or for a described case, with explanations."""
    from bot.cases.calendar import stockholm_today
    from bot.cases.matching import load_pool, rank_case
    from bot.datafiles.gazetteer import load_gazetteer
    from bot.datafiles.taxonomy import load_taxonomy
    from bot.matching.ranking import CaseProfile

    taxonomy = load_taxonomy()
    if case_ref is None:
        region = {m.code for m in load_gazetteer().region}
        problems = []
        if municipality not in region:
            problems.append(
                f"--municipality must be one of the region's codes ({', '.join(sorted(region))})"
            )
        problems += [f"unknown sector '{s}'" for s in sector or [] if s not in taxonomy.sectors]
        problems += [f"unknown need '{n}'" for n in need or [] if n not in taxonomy.needs]
        if language not in ("sv", "en"):
            problems.append(f"unknown language '{language}'")
        if problems:
            raise fail("; ".join(problems))

    async def go() -> list[Any]:
        today = stockholm_today()
        async with database(settings_of(ctx)) as db:
            if case_ref is not None:
                _, ranked = await rank_case(db, case_ref, today, limit=limit)
                return ranked
            pool = await load_pool(db, today)
            profile = CaseProfile(
                str(municipality),
                tuple((s, 1.0) for s in sector or []),
                tuple(need or []),
                language,
            )
            return pool.rank(profile, limit=limit)

    ranked = run_async(go)
    if as_json:
        _emit([_candidate_json(c) for c in ranked])
        return
    if not ranked:
        out.print("No advisor can take this case now (everyone is away, full or excluded).")
        return
    for i, c in enumerate(ranked, 1):
        out.print(f"[bold]{i}. {c.advisor.name}[/bold] ({c.advisor.node_name}) score {c.score}")
        for line in c.explanation:
            out.print(f"     {line}", markup=False)
