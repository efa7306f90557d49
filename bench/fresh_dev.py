"""The dev texts read as they were first read: a fairer dev measure for the meaning reader.

The lexicon and the names lists were corrected on the dev texts, so they read those texts far
better (97.5 %) than texts they have not seen; a reader added beside them cannot be judged
there. Every real-text file was committed before its first run, so the lexicon and names of
the commit that added a file had never seen its texts. This reads each file's dev texts (in
English) with the sector lexicon of that commit, builds the meaning reader's names with
today's rule (semantic.references) over that commit's data files, and joins the two readings
with today's ``combine`` — beside the same with today's names of other classifications
(national_activity_names.csv) added. The held-out parts are not read.

    .venv/bin/python -m bench.fresh_dev                  # files added since c02b716
    .venv/bin/python -m bench.fresh_dev --since dd4d343  # fewer, later files

Each commit's tree is taken with ``git archive`` into a temporary directory and read by a
Python process of its own (its `bot` package, not today's); the names' vectors are cached as
the product caches them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, cast

import numpy as np

from bench.classifier import DATA, REAL_SET_TITLES
from bot.matching.encoder import SentenceEncoder, installed_model
from bot.matching.semantic import Reference, SemanticReader, combine, national_references

ROOT = Path(__file__).resolve().parent.parent
# The first commit whose tree has the names lists the meaning reader reads.
SINCE = "c02b716"

# Run inside an old tree: its lexicon's reading of a file's dev texts, and today's rule for the
# meaning reader's names over its data (the loaders' names have not changed since SINCE).
OLD_TREE_READER = r"""
import json, sys
from collections import defaultdict
from pathlib import Path
import yaml
import bot
from bot.datafiles.yamlfiles import read_yaml
from bot.matching.expertise import ExpertiseClassifier
from bot.matching.lexicon import load_lexicon
from bot.matching.sni import SniReader, load_names, load_nace, load_sni, read_sectors, sector_of

data = Path(bot.__file__).parent / "data"
names = Path(sys.argv[2])
classifier, sni = ExpertiseClassifier(), SniReader()
texts = []
for row in yaml.safe_load(open(sys.argv[1], encoding="utf-8")):
    if row["part"] == "dev" and row.get("lang", "en") == "en":
        texts.append({**row, "read": read_sectors(classifier, sni, row["text"])})
found = {}
def add(text, sector, code=None):
    if sector and text.strip():
        key = (text.strip().casefold(), sector)
        first, known = found.get(key, (text.strip(), None))
        found[key] = (first, known or code)
codes_of = defaultdict(list)
for code in load_names():
    codes_of[code[:4]].append(code)
for nace_class, name in load_nace().items():
    within = codes_of[nace_class]
    sectors = {sector_of(c) for c in within} - {None}
    if len(sectors) == 1:
        add(name, sectors.pop(), within[0] if len(within) == 1 else None)
trades, words = load_sni()
for code, trade in trades.items():
    for word in words[code]["en"]:
        add(word, trade.sector, code)
try:
    lexicon = load_lexicon(occupations=None)
except TypeError:
    lexicon = load_lexicon()
for sector, by in lexicon.items():
    for word in by.get("en", []):
        add(word, sector)
trade_names = read_yaml((names / "trade_names.yaml").read_text(encoding="utf-8")) or {}
for sector, by in trade_names.items():
    for name in (by or {}).get("en", []) or []:
        add(name, sector)
everyday = read_yaml((names / "sni_everyday_names.yaml").read_text(encoding="utf-8")) or {}
for number, by in (everyday.get("codes") or {}).items():
    for name in (by or {}).get("en", []) or []:
        add(name, sector_of(str(number)), str(number))
refs = [[text, sector, code] for (_, sector), (text, code) in found.items()]
json.dump({"texts": texts, "refs": refs}, sys.stdout, ensure_ascii=False)
"""


class EachTextOnce:
    """The encoder, remembering every text it has embedded: each file's ideas are read by
    two readers (with and without the other classifications' names), and a name common to
    many commits' names is the same vector each time."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self._encoder = encoder
        self._known: dict[str, np.ndarray] = {}
        self.dimensions = encoder.dimensions

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._known]
        if missing:
            self._known.update(zip(missing, self._encoder.embed(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dimensions), np.float32)
        return np.stack([self._known[t] for t in texts])


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def added_in(path: Path) -> str:
    return git("log", "--diff-filter=A", "--format=%H", "-1", "--", str(path.relative_to(ROOT)))


def tree_at(commit: str, work: Path) -> Path:
    """The ``bot`` package of ``commit``, unpacked under ``work`` (once)."""
    tree = work / commit[:12]
    if not tree.exists():
        tree.mkdir()
        archive = subprocess.run(
            ["git", "archive", commit, "bot"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def run_in(tree: Path, code: str, *args: str) -> Any:
    """``code`` run by a Python process of its own with ``tree``'s package on its path; what it
    prints, as JSON."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=tree.parent,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def read_at(commit: str, path: Path, work: Path) -> dict[str, Any]:
    """A file's dev texts read by the lexicon of ``commit``, and that commit's names."""
    tree = tree_at(commit, work)
    names = tree / "names"
    if not names.exists():
        names.mkdir()
        for name in ("trade_names", "sni_everyday_names"):
            for where in (f"bench/data/{name}.yaml", f"bot/data/{name}.yaml"):
                try:
                    (names / f"{name}.yaml").write_text(git("show", f"{commit}:{where}") + "\n")
                    break
                except subprocess.CalledProcessError:
                    continue
            else:
                (names / f"{name}.yaml").write_text("codes: {}\n")
    result: dict[str, Any] = run_in(tree, OLD_TREE_READER, str(path), str(names))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--since", default=SINCE)
    args = parser.parse_args()
    since = git("rev-parse", args.since)
    # Each text embedded once, whichever reader asks (SemanticReader calls embed only).
    encoder = cast(
        SentenceEncoder,
        EachTextOnce(SentenceEncoder(installed_model())),  # type: ignore[arg-type]
    )
    national = national_references()
    counts: dict[str, int] = defaultdict(int)
    files = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, _ in REAL_SET_TITLES:
            path = DATA / name
            commit = added_in(path)
            if (
                since != commit
                and subprocess.run(
                    ["git", "merge-base", "--is-ancestor", since, commit], cwd=ROOT
                ).returncode
            ):
                continue
            read = read_at(commit, path, Path(tmp))
            if not read["texts"]:
                continue
            files += 1
            then = [Reference(t, s, c) for t, s, c in read["refs"]]
            known = {(r.text.casefold(), r.sector) for r in then}
            added = []
            for r in national:
                if (r.text.casefold(), r.sector) not in known:
                    known.add((r.text.casefold(), r.sector))
                    added.append(r)
            readers = {
                "names of the day": SemanticReader(encoder, then),
                "and other classifications' names": SemanticReader(encoder, then + added),
            }
            for row in read["texts"]:
                accept = [row["sector"], *(row.get("also") or [])]
                lexicon = row["read"]
                counts["texts"] += 1
                counts["lexicon"] += bool(lexicon) and lexicon[0] in accept
                for label, reader in readers.items():
                    meaning = reader.read(row["text"])
                    joined = combine(lexicon, meaning)
                    counts[f"{label}: meaning alone"] += bool(meaning) and (
                        meaning[0].sector in accept
                    )
                    counts[f"{label}: joined"] += bool(joined) and joined[0] in accept
    n = counts.pop("texts")
    print(f"{n} English dev texts of {files} files added since {args.since}, read as first read\n")
    print("| reading | right first | share |")
    print("|---|---:|---:|")
    for label, right in counts.items():
        print(f"| {label} | {right} | {right / n:.1%} |")


if __name__ == "__main__":
    main()
