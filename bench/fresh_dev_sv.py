"""The Swedish dev texts read as they were first read: how the words read Swedish text they
have not seen.

Swedish is read by its words — the lexicon's, ordered with SCB's names — not by meaning (the
meaning reader reads English only), and the lexicon was corrected on the Swedish dev texts,
so it reads them far better than text it has not seen. Every real-text file was committed
before its first run: this reads each file's Swedish dev texts with the classifier of the
commit that added it (``git archive`` of that commit's ``bot`` package, in a Python process
of its own), and lists the misses of that day.
A change meant to help Swedish text in general (not one word for one text) can be judged by
how many of those misses it would have caught; the held-out parts are not read. Beside that
day's reading, the same lexicon's sectors are ordered with today's second reader of Swedish
ideas, SCB's names (sni.ordered_by_names), the way the product orders them.

    .venv/bin/python -m bench.fresh_dev_sv
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from bench.classifier import DATA, REAL_SET_TITLES
from bench.fresh_dev import added_in, run_in, tree_at
from bot.matching.sni import SniReader, ordered_by_names

# Run inside an old tree: its reading of a file's Swedish dev texts. The oldest trees have no
# SNI reader: their classifier's reading is the reading of their day.
OLD_TREE_READER = r"""
import json, sys
import yaml
from bot.matching.expertise import ExpertiseClassifier

classifier = ExpertiseClassifier()
try:
    from bot.matching.sni import SniReader, read_sectors
    sni = SniReader()
    def read(text):
        return read_sectors(classifier, sni, text)
except ImportError:
    def read(text):
        return classifier.classify(text).sector_ids
texts = []
for row in yaml.safe_load(open(sys.argv[1], encoding="utf-8")):
    if row["part"] == "dev" and row.get("lang", "en") == "sv":
        words = [[m.sector, m.score] for m in classifier.classify(row["text"]).sectors]
        texts.append({**row, "read": read(row["text"]), "words": words})
json.dump(texts, sys.stdout, ensure_ascii=False)
"""


def read_at(commit: str, path: Path, work: Path) -> list[dict[str, Any]]:
    """A file's Swedish dev texts read by the classifier of ``commit``."""
    texts: list[dict[str, Any]] = run_in(tree_at(commit, work), OLD_TREE_READER, str(path))
    return texts


def joined(row: dict[str, Any], sni: SniReader) -> list[str]:
    """That day's lexicon's sectors ordered with today's SCB names, as sni.read_sectors joins
    them (that day's reading as it was when the lexicon read nothing)."""
    if not row["words"]:
        return list(row["read"])
    return ordered_by_names(sni, row["text"], [(s, v) for s, v in row["words"]])


def main() -> None:
    sni = SniReader()
    right = with_names = total = files = 0
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, _ in REAL_SET_TITLES:
            path = DATA / name
            rows = yaml.safe_load(path.read_text(encoding="utf-8"))
            if not any(r["part"] == "dev" and r.get("lang") == "sv" for r in rows):
                continue
            files += 1
            for row in read_at(added_in(path), path, Path(tmp)):
                accept = [row["sector"], *(row.get("also") or [])]
                total += 1
                names = joined(row, sni)
                with_names += bool(names) and names[0] in accept
                if row["read"] and row["read"][0] in accept:
                    right += 1
                else:
                    misses.append((name, row["sector"], row["read"][:2], row["text"][:90]))
    print(f"{total} Swedish dev texts of {files} files, read as first read:")
    print(f"  that day's reading: {right} right first ({right / total:.1%})")
    print(f"  its words joined with today's SCB names: {with_names} ({with_names / total:.1%})")
    print("\nmisses of their day (file, label, read, text):")
    for name, sector, read, text in misses:
        print(f"  {name}: {sector} ← {read} {text!r}")


if __name__ == "__main__":
    main()
