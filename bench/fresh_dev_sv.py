"""The Swedish dev texts and the Swedish local news read as they were first read: how the
classifier reads Swedish text it has not seen.

The lexicon was corrected on the Swedish dev texts and the news, so it reads them far better
than text it has not seen. Every real-text file was committed before its first run: this
reads each file's Swedish dev texts with the classifier of the commit that added it (``git
archive`` of that commit's ``bot`` package, in a Python process of its own), and lists the
misses of that day. A change meant to help Swedish text in general (not one word for one
text) can be judged by how many of those misses it would have caught; the held-out parts are
not read. Beside that day's reading: the same lexicon's sectors ordered with today's SCB
names (sni.ordered_by_names), and those joined with the idea's meaning, read through its
words in English (gloss.py, semantic.py) — the way the product reads a Swedish idea today.
The figures SWEDISH_LEXICON_BONUS and NAMES_WEIGHT were chosen on come from here.

    .venv/bin/python -m bench.fresh_dev_sv
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from bench.classifier import DATA, NEWS_TITLES, REAL_SET_TITLES
from bench.fresh_dev import added_in, run_in, tree_at
from bot.matching.semantic import IdeaMeaning
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
    meaning = IdeaMeaning()
    if meaning.reader() is None:
        print("(the model is not installed: the readings with meaning are the words')")
    with tempfile.TemporaryDirectory() as tmp:
        dev = [name for name, _ in REAL_SET_TITLES if _has_swedish_dev(DATA / name)]
        report("Swedish dev texts", dev, sni, meaning, Path(tmp))
        news = [name for name, _ in NEWS_TITLES if _has_swedish_dev(DATA / name)]
        report("Swedish local news (tuning)", news, sni, meaning, Path(tmp))


def _has_swedish_dev(path: Path) -> bool:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return any(r["part"] == "dev" and r.get("lang") == "sv" for r in rows)


def report(title: str, names: list[str], sni: SniReader, meaning: IdeaMeaning, work: Path) -> None:
    """The files' Swedish dev texts as first read: that day's reading; its words joined with
    today's SCB names; and those joined with the idea's meaning (semantic.py), as the
    product reads a Swedish idea today."""
    right = with_names = with_meaning = total = 0
    misses = []
    for name in names:
        path = DATA / name
        for row in read_at(added_in(path), path, work):
            accept = [row["sector"], *(row.get("also") or [])]
            total += 1
            names_read = joined(row, sni)
            with_names += bool(names_read) and names_read[0] in accept
            meant = meaning(row["text"], names_read)
            with_meaning += bool(meant) and meant[0] in accept
            if row["read"] and row["read"][0] in accept:
                right += 1
            else:
                misses.append((name, row["sector"], row["read"][:2], row["text"][:90]))
    print(f"{total} {title} of {len(names)} files, read as first read:")
    print(f"  that day's reading: {right} right first ({right / total:.1%})")
    print(f"  its words joined with today's SCB names: {with_names} ({with_names / total:.1%})")
    print(f"  and with the meaning of the idea: {with_meaning} ({with_meaning / total:.1%})")
    print("misses of their day (file, label, read, text):")
    for name, sector, read, text in misses:
        print(f"  {name}: {sector} ← {read} {text!r}")
    print()


if __name__ == "__main__":
    main()
