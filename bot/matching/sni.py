"""Idea → the SNI code a founder will most likely register the business under (a suggestion).

The trades of ``data/sni_trades.yaml`` are read like sectors (the same stems, compounds and
typo tolerance as ``expertise.py``): each code's everyday words are its evidence. The best code
within the sector the founder confirmed is suggested; if none of its codes is named, the best
code overall (the founder's sector and SCB's may differ: a hairdresser is personal services).

Beyond that selection, every detail code of SNI 2025 (``data/sni2025.csv``, 835 codes) is read
by the words of its official name — only the specific ones: a word in more than
``MAX_SHARED`` names ("tillverkning", "detaljhandel", "motorfordon") names no trade in
particular. A trade the curated list lacks ("Jag vill driva en golfbana" → 93112 Drift av
golfbanor) still gets a code, and its sector from ``data/sni_divisions.yaml``.

An idea in English is read the same way by the English names of NACE Rev. 2.1
(``data/nace21_classes.csv``, the 651 classes SNI 2025 refines: its first four digits): "I want
to open a barber shop" → 96210 by "Hairdressing and barber activities".
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml
from bot.matching.expertise import ExpertiseClassifier
from bot.matching.words import WORD, written_in

SNI_FILE = DATA_DIR / "sni_trades.yaml"
NAMES_FILE = DATA_DIR / "sni2025.csv"
DIVISIONS_FILE = DATA_DIR / "sni_divisions.yaml"
NACE_FILE = DATA_DIR / "nace21_classes.csv"
NATIONAL_FILE = DATA_DIR / "national_activity_names.csv"
# A word of SNI names in more names than this is no evidence of any one trade.
MAX_SHARED = 4
_NAME_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class SniCode:
    code: str
    name: str
    sector: str


@dataclass(frozen=True)
class SniCandidate:
    code: str
    name: str
    sector: str
    score: float
    triggers: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"{self.code} {self.name}"


@functools.cache
def load_sni(path: Path = SNI_FILE) -> tuple[dict[str, SniCode], dict[str, dict[str, list[str]]]]:
    raw = read_yaml(path.read_text(encoding="utf-8"))["codes"]
    codes = {str(c): SniCode(str(c), v["name"], v["sector"]) for c, v in raw.items()}
    words = {
        str(c): {"sv": list(v.get("sv", [])), "en": list(v.get("en", []))} for c, v in raw.items()
    }
    return codes, words


@functools.cache
def load_names(path: Path = NAMES_FILE) -> dict[str, str]:
    """Every SNI 2025 detail code with SCB's Swedish name."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


@functools.cache
def load_nace(path: Path = NACE_FILE) -> dict[str, str]:
    """Every class of NACE Rev. 2.1 (four digits, the first four of an SNI 2025 code) with
    Eurostat's English name."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["class"]: row["name"] for row in csv.DictReader(f)}


@functools.cache
def load_national_names(path: Path = NATIONAL_FILE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The English names of other classifications' most detailed activities (NAICS, Japan's,
    Korea's, Singapore's, India's, the UK's …), each with the NACE Rev. 2.1 classes (four
    digits) the published concordances take it to; bench/build_national_names.py says how."""
    with path.open(encoding="utf-8", newline="") as f:
        return tuple((row["name"], tuple(row["nace21"].split())) for row in csv.DictReader(f))


@functools.cache
def division_sectors(path: Path = DIVISIONS_FILE) -> tuple[dict[str, str | None], dict[str, str]]:
    raw = read_yaml(path.read_text(encoding="utf-8"))
    return dict(raw["divisions"]), dict(raw.get("groups") or {})


def sector_of(code: str) -> str | None:
    """The project's sector for an SNI code: its own, its group's, else its division's (None:
    a division no founder starts in)."""
    divisions, groups = division_sectors()
    return groups.get(code) or groups.get(code[:3]) or divisions.get(code[:2])


# SCB's names make a trade of a word and a generic head ("Begravningsverksamhet",
# "Osttillverkning", "Måleriarbeten"): the word before the head is the trade a founder writes
# ("begravningsbyrå", "ostmakare", "målerifirma").
_GENERIC_HEADS = ("verksamhet", "tillverkning", "arbeten", "utvinning", "odling", "handel")


# Words of SCB's names that say how, for whom or in what form, not which trade ("över hav",
# "för egen räkning", "mobil restaurangverksamhet", "boende för barn", "med undantag för …
# verk"), and words whose stems are everyday Swedish ("verk" in verkligen, "bondad" in bonde,
# "pannor" in pannkakor, "mineral" in dominerar). Found by reading the 20,000 most frequent
# Swedish words (wordfreq, used once for the audit) through the names alone: each word read
# as a code whose trade it does not name was looked at by a person, and the name word that
# took it listed here (docs/matching.md). A trade they named is still read by its other
# words and by the curated trades (sni_trades.yaml).
_SWEDISH_NAME_WORDS = frozenset(
    {
        # How, for whom, in what form: function words and words of manner.
        *("över", "före", "från", "utan", "utom", "egen", "eget", "egna", "liknande"),
        *("övrig", "övriga", "övrigt", "andra", "annan", "annat", "samt", "eller", "inom"),
        *("avseende", "icke", "till", "mest", "därav", "inklusive", "oavsett", "undantag"),
        *("särskild", "särskilda", "särskilt", "allmän", "allmänt", "öppen", "enskilda"),
        *("personliga", "personligt", "lätta", "tunga", "tung", "mobil", "levande", "färska"),
        *("mjukt", "beredda", "begränsad", "sluten", "slutlig", "blandat", "utförd", "utövas"),
        *("anpassad", "traditionell", "alternativ", "fysisk", "psykisk", "inre", "brett"),
        *("nationella", "internationella", "tekniska", "teknik", "kemiska", "organiska"),
        *("finansiell", "industriell", "industri", "kulturell", "historiska", "militära"),
        *("materiella", "sammansatta", "ädla", "monterad", "lagad", "räkning", "beräkning"),
        # Whom the trade serves or what it is part of: the customers, not the trade.
        *("barn", "ungdomar", "vuxna", "äldre", "skolor", "institutioner", "omsorgs"),
        *("hushåll", "hushålls", "hemmet", "företag", "företags", "kommunal", "kommunala"),
        *("gymnasial", "problem", "privat", "organisationer", "politiska"),
        *("evenemang", "media", "medier", "kultur", "ekonomi", "vetenskap", "miljö"),
        # Words any business writes of itself.
        *("arbets", "arbeten", "tjänster", "försäljning", "ägare", "egendom", "uppdrag"),
        *("planering", "organisation", "administration", "marknadsföring", "utveckling"),
        *("informations", "program", "bild", "skapande", "delar", "lager", "kontors"),
        *("anläggning", "installation", "lagring", "förpacknings", "överföring", "samband"),
        *("försörjning", "insamling", "tillhandahållande", "återförsäljning", "agenter"),
        *("verksamheter", "apparater", "förare", "analys", "risk", "skydds", "fonder"),
        *("tillgångar", "tillgänglig", "marknader", "material", "service", "artiklar"),
        # Stems of everyday words: "verk" (verkligen), "mark" (marknad), "massa" (massor),
        # "gång" (gånger), "vägar" (väger), "berg" and "sand" (surnames), "koppar" (kopp),
        # "tankar" (tanke), "papp" (pappa), "lyft", "kyla", "värme" (Värmland), "halm"
        # (Halmstad), "kork" (korkad), "bondad" (bonde), "pannor" (pannkakor), "hosting"
        # (hosta), "mineral" (dominerar), "fasta" (fastighet), "drivning" (drivna) …
        *("verk", "mark", "massa", "gång", "vägar", "berg", "sand", "koppar", "tankar"),
        *("papp", "pappers", "lyft", "kyla", "värme", "halm", "kork", "bondad", "pannor"),
        *("hosting", "mineral", "fasta", "drivning", "rotting", "behållare", "stärkelse"),
        *("mattor", "jord", "vatten", "flaska", "drog", "växt", "växande", "getter"),
        *("skal", "profiler", "skivor", "krets", "flytande", "fritids", "nöjes", "tävling"),
        *("beställning", "bevarande", "sändning", "mätning", "noter", "vägg", "kust"),
        *("lokaler", "ledningar", "anslutning", "ändamål", "stiftelser", "postbefordran"),
        *("investment", "finansiera", "humanitära", "utbrett", "navigering", "marknads"),
        *("säkerhets", "materiel"),
    }
)


def _name_words(name: str) -> set[str]:
    found = set()
    for word in (w.casefold() for w in _NAME_WORD.findall(name)):
        if word in _SWEDISH_NAME_WORDS:
            continue
        found.add(word)
        for head in _GENERIC_HEADS:
            modifier = word.removesuffix(head)
            if modifier != word and len(modifier) >= 4 and modifier not in _SWEDISH_NAME_WORDS:
                found.add(modifier)  # a joining s ("begravnings-") goes with the stem
    return found


def _english_words(name: str) -> set[str]:
    return {w.casefold() for w in _NAME_WORD.findall(name)} - _ENGLISH_NAME_WORDS


# Words of NACE's names that say how, not what ("Manufacture of other ... except ...", "as
# part of network supply services": a party's "do your part" is no gas storage), and the
# trading verbs of "Buying and selling of own real estate": every shop sells ("we sell used
# books online" is no property dealer).
_ENGLISH_NAME_WORDS = frozenset(
    {"activities", "other", "except", "including", "related", "similar", "than", "with", "from"}
    | {"part", "buying", "selling"}
)


def name_lexicon(
    names: dict[str, str], english: dict[str, str] | None = None
) -> dict[str, dict[str, list[str]]]:
    """Each code's specific name words as evidence: SCB's Swedish name, and the English name
    of its NACE class (codes without a sector left out). A word is specific when it is in at
    most MAX_SHARED names (of codes in Swedish, of classes in English: a class's name stands
    for all its codes)."""
    words = {code: _name_words(name) for code, name in names.items()}
    shared = Counter(w for ws in words.values() for w in ws)
    classes = {c: _english_words(name) for c, name in (english or {}).items()}
    shared_en = Counter(w for ws in classes.values() for w in ws)
    return {
        code: {
            "sv": sorted(w for w in ws if shared[w] <= MAX_SHARED),
            "en": sorted(w for w in classes.get(code[:4], ()) if shared_en[w] <= MAX_SHARED),
        }
        for code, ws in words.items()
        if sector_of(code) is not None
    }


class SniReader:
    def __init__(
        self, path: Path = SNI_FILE, names: Path = NAMES_FILE, nace: Path | None = NACE_FILE
    ) -> None:
        self.codes, words = load_sni(path)
        self._reader = ExpertiseClassifier(words)
        self.names = load_names(names)
        english = load_nace(nace) if nace is not None else None
        # SCB's and Eurostat's names are read by their words, stems and compounds, not by near
        # spellings: "previous" is no "precious" metal, "marriage" no "carriage".
        self._all = ExpertiseClassifier(name_lexicon(self.names, english), typos=False)

    def candidates(self, text: str, limit: int = 5) -> list[SniCandidate]:
        """The curated trades the idea names; failing those, the SNI 2025 names it uses."""
        read = self._reader.classify(text, limit=limit)
        if read.sectors:
            return [
                SniCandidate(
                    m.sector,
                    self.codes[m.sector].name,
                    self.codes[m.sector].sector,
                    m.score,
                    m.triggers,
                )
                for m in read.sectors
            ]
        return [
            SniCandidate(
                m.sector, self.names[m.sector], sector_of(m.sector) or "", m.score, m.triggers
            )
            for m in self._all.classify(text, limit=limit).sectors
        ]

    def name_sectors(self, text: str) -> dict[str, float]:
        """The sectors of the SNI 2025 codes whose names the idea uses, each with its best
        code's score (1 for the code named most)."""
        found: dict[str, float] = {}
        for match in self._all.classify(text, limit=5).sectors:
            sector = sector_of(match.sector)
            if sector is not None:
                found[sector] = max(found.get(sector, 0.0), match.score)
        return found

    def sectors(self, text: str) -> list[str]:
        """The sectors of the SNI codes an idea names, best first (for an idea the sector
        lexicon cannot read)."""
        return list(dict.fromkeys(c.sector for c in self.candidates(text) if c.sector))

    def suggest(self, text: str, sector: str | None = None) -> SniCandidate | None:
        found = self.candidates(text)
        within = [c for c in found if c.sector == sector]
        best = within or found
        return best[0] if best else None


# A Swedish idea's words are ordered by SCB's names before its meaning (semantic.py, read
# through its words in English) is joined to them. The sectors of the codes whose names the
# idea uses add this share of their score to the lexicon's sectors, which orders them when
# they lie close ("Vi har en gård med stuguthyrning": a farm and a rental tie by the
# lexicon's words, and SCB names "Stug- och rumsuthyrning"); it adds no sector the lexicon
# did not read. Chosen on the Swedish dev texts as first read (bench/fresh_dev_sv.py): 0.2
# read 99 of 114 right first against 96 without, none worse; 0.35 read 98, 0.5 96, 0.75 93
# (docs/benchmarks.md).
NAMES_WEIGHT = 0.2


def read_sectors(
    classifier: ExpertiseClassifier,
    sni: SniReader,
    text: str,
    semantic: Callable[[str, list[str]], list[str]] | None = None,
) -> list[str]:
    """The sectors an idea is read as, best first, for the founder to confirm: the sector
    lexicon's (in Swedish ordered with SCB's names, NAMES_WEIGHT); failing those, the sectors
    of the SNI 2025 trades the idea names; and, given ``semantic`` (semantic.py), those
    words' reading joined with the idea's meaning."""
    reading = classifier.classify(text).sectors
    if not reading:
        read = sni.sectors(text)
    elif written_in(WORD.findall(text)) == "sv":
        read = ordered_by_names(sni, text, [(m.sector, m.score) for m in reading])
    else:
        read = [m.sector for m in reading]
    return semantic(text, read) if semantic is not None else read


def ordered_by_names(sni: SniReader, text: str, words: list[tuple[str, float]]) -> list[str]:
    """The lexicon's sectors (with their scores, best first) ordered with SCB's names: each
    gains NAMES_WEIGHT of the score of the sector's codes the idea's words name; no sector
    is added."""
    names = sni.name_sectors(text)
    score = {sector: value + NAMES_WEIGHT * names.get(sector, 0.0) for sector, value in words}
    return sorted(score, key=lambda sector: -score[sector])


def suggest_code(
    sni: SniReader,
    text: str,
    sector: str | None,
    semantic: Callable[[str, str | None], tuple[str, str] | None] | None = None,
) -> tuple[str, str] | None:
    """The SNI code (and SCB's name) to suggest to a founder: the SNI trades' best within the
    sector the founder confirmed; when the words name no code in that sector, and given
    ``semantic`` (semantic.py), the code nearest in meaning within it; else the best found."""
    found = sni.suggest(text, sector)
    if semantic is not None and (found is None or (sector and found.sector != sector)):
        near = semantic(text, sector)
        if near is not None:
            return near
    return (found.code, found.name) if found else None
