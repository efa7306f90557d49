"""The sector lexicon: the sectors' words (``expertise_lexicon.yaml``), the everyday trades
(``trades_lexicon.yaml``) and the occupations of ISCO-08 (English) and SSYK 2012 (Swedish)."""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from pathlib import Path

from bot.datafiles.gazetteer import DATA_DIR
from bot.datafiles.yamlfiles import read_yaml
from bot.matching.words import WORD, english_stem

LEXICON_FILE = DATA_DIR / "expertise_lexicon.yaml"
TRADES_FILE = DATA_DIR / "trades_lexicon.yaml"
ISCO_FILE = DATA_DIR / "isco08_unit_groups.csv"
ISCO_SECTORS_FILE = DATA_DIR / "isco08_sectors.yaml"
SSYK_FILE = DATA_DIR / "ssyk2012_unit_groups.csv"
SSYK_SECTORS_FILE = DATA_DIR / "ssyk2012_sectors.yaml"
EVERYDAY_SV_FILE = DATA_DIR / "everyday_words_sv.txt"
NOT_TYPOS_FILE = DATA_DIR / "not_typos.txt"
# The occupation nouns of ISCO-08's titles are the words of a title in the plural whose
# singular ends like a doer ("plumbers", "beauticians", "apiarists", "upholsterers").
_DOER_ENDINGS = ("er", "or", "ist", "ian", "ant", "eer")
# Words of titles that name no trade: what every title has ("workers", "makers"), roles in any
# organisation ("administrators", "receptionists", "advisers"), words of two trades
# ("planners": town or event; "installers": pipes or networks; "conductors": trains or
# orchestras; "dressers": pelts or furniture), everyday English ("careers", "waters",
# "layers", "vendors", "directors"; the 20,000 most frequent words, wordfreq), and nouns
# whose title maps elsewhere than their trade ("consultants" of travel, "contractors" of
# employment, "trainers" of IT).
NOT_OCCUPATIONS = frozenset(
    {
        *("workers", "makers", "operators", "technicians", "assistants", "managers"),
        *("professionals", "helpers", "labourers", "clerks", "officials", "agents"),
        *("supervisors", "specialists", "practitioners", "associates", "persons", "officers"),
        *("leaders", "advisers", "analysts", "controllers", "inspectors", "dealers", "brokers"),
        *("representatives", "administrators", "receptionists", "demonstrators", "vendors"),
        *("planners", "installers", "conductors", "dressers", "finishers", "grinders"),
        *("graders", "pressers", "sorters", "treaters", "placers", "splitters", "borers"),
        *("careers", "waters", "layers", "directors", "establishments"),
        *("consultants", "contractors", "trainers"),
    }
)
MAX_SHARED_OCCUPATION = 2  # a noun in more titles than this names no one trade
# SSYK 2012's Swedish titles name the occupation first and its domain after "inom", "vid",
# "av", "i" ("Specialister och rådgivare inom lantbruk", "Lärare i yrkesämnen"); the
# occupation words are the nouns in the plural ("bagare", "konditorer", "sjuksköterskor",
# "kockar", "jungmän"), not the adjectives ("grundutbildade", "manuella").
_SSYK_DOMAIN = re.compile(r"\s(?:inom|vid|av|i|för)\s|,\s*nivå")
_SSYK_PLURAL_ENDINGS = ("are", "er", "or", "ar", "män")
# Words of Swedish titles that name no trade: what many titles share (roles in any
# organisation, "övriga"), a verb as well as a noun ("tolkar" interprets), and words another
# sector's lexicon owns ("mäklare" is an estate agent to a founder, not a stockbroker).
NOT_OCCUPATIONS_SV = frozenset(
    {
        *("övriga", "chefer", "arbetare", "assistenter", "tekniker", "operatörer"),
        *("maskinoperatörer", "processoperatörer", "montörer", "specialister", "ingenjörer"),
        *("handläggare", "ledare", "samordnare", "arbetsledare", "förare", "utbildare"),
        *("instruktörer", "rådgivare", "konsulenter", "analytiker", "administratörer"),
        *("sekreterare", "receptionister", "utvecklare", "producenter", "förmedlare"),
        *("skötare", "säljare", "uthyrare", "tolkar", "mäklare", "planerare", "utredare"),
        *("controller", "papper"),
        # Stemmed, these are everyday words or another sector's: "styckare" → "styck" (två
        # stycken), "slipare" → "slip" (slips), "tryckare" → "tryck", "inredare" → "inred"
        # (lokalen inreddes), "värderare" → "värder", "fiskare" → "fisk" (on a lunch menu),
        # "städare" → "städ" (städer). Found by stemming the 30,000 most frequent Swedish
        # words (wordfreq, used once for the audit).
        *("styckare", "slipare", "tryckare", "inredare", "värderare", "fiskare", "städare"),
        # … or a word founders write of something else: "inköp" and "upphandling" of any
        # business, "Arbetsförmedlingen" (the public employment service), a "pilotprojekt".
        *("inköpare", "upphandlare", "arbetsförmedlare", "piloter", "vaktmästare"),
        # "scriptor" would make "script" and "description" creative, "tapetserare" (an
        # upholsterer) would take wallpapering ("tapetsera") from builders.
        *("scriptor", "tapetserare"),
    }
)
# What a title's domain names after a comma: products, not people ("Montörer, träprodukter").
_SSYK_PRODUCTS = ("produkter", "varor")


def _sector_of_occupation(code: str, mapping: dict[str, dict[str, str | None]]) -> str | None:
    for table, key in (("unit", code), ("minor", code[:3]), ("submajor", code[:2])):
        if key in (mapping.get(table) or {}):
            return mapping[table][key]
    return None


def occupation_words(
    titles: Path = ISCO_FILE, sectors: Path = ISCO_SECTORS_FILE
) -> dict[str, list[str]]:
    """Sector → the English occupation nouns of ISCO-08's unit groups mapped to it: what a
    founder says they are ("I'm a plumber", "we are upholsterers")."""
    mapping = read_yaml(sectors.read_text(encoding="utf-8"))
    with titles.open(encoding="utf-8", newline="") as f:
        rows = [(row["code"], row["title"]) for row in csv.DictReader(f)]
    nouns = {
        code: {
            w
            for w in (w.casefold() for w in WORD.findall(title))
            if len(w) >= 4
            and w.endswith("s")
            and english_stem(w).endswith(_DOER_ENDINGS)
            and w not in NOT_OCCUPATIONS
        }
        for code, title in rows
    }
    shared = Counter(w for ws in nouns.values() for w in ws)
    out: dict[str, set[str]] = defaultdict(set)
    for code, ws in nouns.items():
        sector = _sector_of_occupation(code, mapping)
        if sector is not None:
            out[sector].update(w for w in ws if shared[w] <= MAX_SHARED_OCCUPATION)
    return {sector: sorted(ws) for sector, ws in out.items()}


def occupation_words_sv(
    titles: Path = SSYK_FILE, sectors: Path = SSYK_SECTORS_FILE
) -> dict[str, list[str]]:
    """Sector → the Swedish occupation words of SSYK 2012's unit groups mapped to it: what a
    founder says they are ("jag är bagare", "vi är snickare"). A word of titles in more than
    one sector (or in a title that names no trade) names no one trade."""
    mapping = read_yaml(sectors.read_text(encoding="utf-8"))
    with titles.open(encoding="utf-8", newline="") as f:
        rows = [(row["code"], row["title"]) for row in csv.DictReader(f)]
    sector_of_word: dict[str, set[str | None]] = defaultdict(set)
    for code, title in rows:
        sector = _sector_of_occupation(code, mapping)
        head = _SSYK_DOMAIN.split(title, maxsplit=1)[0]
        for m in WORD.finditer(head):
            word = m.group().casefold()
            if head[m.end() : m.end() + 1] == "-":
                continue  # "Guld- och silversmeder": a part of the next word
            if (
                len(word) >= 4
                and word.endswith(_SSYK_PLURAL_ENDINGS)
                and word not in NOT_OCCUPATIONS_SV
                and not word.endswith(_SSYK_PRODUCTS)
                and word not in everyday_words_sv()
            ):
                sector_of_word[word].add(sector)
    out: dict[str, list[str]] = defaultdict(list)
    for word, found in sorted(sector_of_word.items()):
        if len(found) == 1 and (sector := next(iter(found))) is not None:
            out[sector].append(word)
    return dict(out)


@functools.cache
def everyday_words_sv(path: Path = EVERYDAY_SV_FILE) -> frozenset[str]:
    """Everyday Swedish words that are evidence of no trade (one a line, ``#`` comments)."""
    return _word_list(path)


@functools.cache
def not_typos(path: Path = NOT_TYPOS_FILE) -> frozenset[str]:
    """Real words the typo matcher must not take for a keyword ("thinking" is no "thinning")."""
    return _word_list(path)


def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and w[0] != "#")


def load_lexicon(
    path: Path = LEXICON_FILE,
    trades: Path | None = TRADES_FILE,
    occupations: Path | None = ISCO_FILE,
) -> dict[str, dict[str, list[str]]]:
    """The sector words, with the everyday trades (SNI 2007 activity names) and, in English,
    the occupations of ISCO-08 merged in."""
    data: dict[str, dict[str, list[str]]] = read_yaml(path.read_text(encoding="utf-8"))
    extras: list[tuple[str, str, list[str]]] = []
    if trades is not None and trades.exists():
        extra: dict[str, dict[str, list[str]]] = read_yaml(trades.read_text(encoding="utf-8"))
        extras += [(s, lang, ws) for s, by in extra.items() for lang, ws in by.items()]
    if occupations is not None and occupations.exists():
        extras += [(s, "en", ws) for s, ws in occupation_words(occupations).items()]
        extras += [(s, "sv", ws) for s, ws in occupation_words_sv().items()]
    for sector, language, words in extras:
        known = data.setdefault(sector, {}).setdefault(language, [])
        known.extend(w for w in words if w not in known)
    return data
