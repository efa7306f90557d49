"""Place resolution: a founder's free text → a municipality of the region (or a clear no)."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.datafiles.gazetteer import Gazetteer, load_gazetteer
from bot.domain import PlaceCandidate, PlaceResult, PlaceStatus
from bot.matching.words import fold

_POSTCODE = re.compile(r"(?<!\d)(\d{3})\s?(\d{2})(?!\d)")
_PREFIX = re.compile(r"(?<!\d)(\d{3})(?!\d)")
_SUFFIXES = (" kommun", " kommuns", " municipality", " stad", " tätort")
# Place names that are also everyday Swedish or English words ("jag bor i …", "we are …").
# Inside a sentence they never beat another place; alone they are only a guess to confirm.
COMMON_WORDS = frozenset(
    {
        "bor",
        "vara",
        "are",
        "ale",
        "mark",
        "berg",
        "ange",
        "ang",
        "kil",
        "hok",
        "eda",
        "mala",
        "nora",
        "orsa",
        "lund",
        "sala",
        "sater",
        "salem",
        "boden",
        "hult",
        "ryd",
        "nye",
        "lanna",
        "tierp",
        "heby",
        "ed",
    }
)
PREPOSITIONS = frozenset(
    {
        "i",
        "in",
        "på",
        "pa",
        "från",
        "fran",
        "nära",
        "nara",
        "near",
        "at",
        "from",
        "utanför",
        "utanfor",
        "till",
        "to",
        "around",
        "kring",
        "vid",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class _Entry:
    candidate: PlaceCandidate


class ExactPlaceResolver:
    """Exact names (with or without å/ä/ö, with or without "kommun") and postal codes,
    found alone or inside a sentence. No typo tolerance: see ``FuzzyPlaceResolver``."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self._names: dict[str, list[_Entry]] = defaultdict(list)
        g = self.gazetteer
        for m in g.municipalities.values():
            cand = PlaceCandidate(m.code, m.name, None, m.in_region)
            self._names[fold(m.name)].append(_Entry(cand))
        for loc in g.localities:
            mun = g.municipalities[loc.municipality_code]
            cand = PlaceCandidate(mun.code, mun.name, loc.name, mun.in_region)
            if fold(loc.name) != fold(mun.name):
                self._names[fold(loc.name)].append(_Entry(cand))
        self.max_words = max(len(name.split()) for name in self._names)

    def resolve(self, text: str) -> PlaceResult:
        cleaned = " ".join(text.split())
        if not cleaned:
            return PlaceResult(text, PlaceStatus.UNKNOWN)
        by_code = self._by_postal_code(cleaned)
        if by_code is not None:
            return by_code
        entries, only_common = self._names_in(cleaned)
        result = self._decide(text, entries)
        if only_common and result.status is not PlaceStatus.UNKNOWN:
            return PlaceResult(text, result.status, result.candidates, 0.5, exact=False)
        return result

    # --- postal codes ----------------------------------------------------------------------

    def _by_postal_code(self, text: str) -> PlaceResult | None:
        g = self.gazetteer
        match = _POSTCODE.search(text)
        area = None
        if match:
            area = g.postal_areas.get(match.group(1) + match.group(2)) or g.postal_areas.get(
                match.group(1)
            )
        elif (prefix := _PREFIX.search(text)) is not None:
            area = g.postal_areas.get(prefix.group(1))
        if area is None:
            return None
        mun = g.municipalities.get(area.municipality_code)
        if mun is None:
            return None
        cand = PlaceCandidate(mun.code, mun.name, area.locality, mun.in_region)
        if not mun.in_region:
            return PlaceResult(text, PlaceStatus.OUT_OF_REGION, (cand,), 1.0, exact=True)
        exact = len(area.code) == 5 and not area.uncertain
        return PlaceResult(text, PlaceStatus.RESOLVED, (cand,), 1.0 if exact else 0.8, exact)

    # --- names -----------------------------------------------------------------------------

    def _names_in(self, text: str) -> tuple[list[_Entry], bool]:
        """Known places named in the text, and whether they are all just common words."""
        whole = self._strip_suffix(fold(text).strip(" .,!?"))
        if whole in self._names:
            return self._names[whole], False
        words = [self._base_form(fold(w)) for w in _WORD.findall(text)]
        found: list[_Entry] = []
        common: list[_Entry] = []
        i = 0
        while i < len(words):
            for size in range(min(self.max_words, len(words) - i), 0, -1):
                key = " ".join(words[i : i + size])
                if key in self._names:
                    if key not in COMMON_WORDS:
                        found.extend(self._names[key])
                    elif i > 0 and words[i - 1] in PREPOSITIONS:  # "jag bor i Bor"
                        common.extend(self._names[key])
                    else:  # "jag bor här": a verb, not a place
                        i += 1
                        break
                    i += size
                    break
            else:
                i += 1
        return (found, False) if found else (common, bool(common))

    def _strip_suffix(self, name: str) -> str:
        for suffix in _SUFFIXES:
            if name.endswith(suffix):
                return self._base_form(name[: -len(suffix)].strip())
        return name

    def _base_form(self, word: str) -> str:
        """Swedish genitive: "jönköpings" (kommun, län) → "jönköping"."""
        if word.endswith("s") and word not in self._names and word[:-1] in self._names:
            return word[:-1]
        return word

    def _decide(self, text: str, entries: list[_Entry]) -> PlaceResult:
        if not entries:
            return PlaceResult(text, PlaceStatus.UNKNOWN)
        in_region = _unique([e.candidate for e in entries if e.candidate.in_region])
        outside = _unique([e.candidate for e in entries if not e.candidate.in_region])
        if len(in_region) == 1:
            # A name that also exists outside the region is resolved in-region, but confirmed.
            spelled = text.casefold()
            name = (in_region[0].locality or in_region[0].municipality).casefold()
            outside_spelled = [o for o in outside if o.label.casefold() in spelled]
            if outside_spelled and name not in spelled:  # "Håbo" is not "Habo"
                return PlaceResult(
                    text, PlaceStatus.OUT_OF_REGION, (outside_spelled[0],), 1.0, True
                )
            exact = not outside or (name in spelled and not outside_spelled)
            return PlaceResult(text, PlaceStatus.RESOLVED, tuple(in_region), 1.0, exact)
        if len(in_region) > 1:
            # "Huskvarna, Jönköping" names one municipality twice: that is not ambiguous.
            codes = {c.municipality_code for c in in_region}
            if len(codes) == 1:
                best = max(in_region, key=lambda c: c.locality is not None)
                return PlaceResult(text, PlaceStatus.RESOLVED, (best,), 1.0, True)
            return PlaceResult(text, PlaceStatus.AMBIGUOUS, tuple(in_region), 0.5)
        return PlaceResult(text, PlaceStatus.OUT_OF_REGION, tuple(outside[:1]), 1.0, True)


def _unique(candidates: list[PlaceCandidate]) -> list[PlaceCandidate]:
    seen: dict[tuple[str, str | None], PlaceCandidate] = {}
    for c in candidates:
        seen.setdefault((c.municipality_code, c.locality), c)
    return list(seen.values())


# Words that carry no place in sentences like "jag bor i …", "I live near …".
STOP_WORDS = frozenset(
    """
    jag du vi ni de han hon man bor bodde flyttar flytta ska skall kommer att i på på från till
    nära utanför inne ute och eller men med hos vid mot av för den det en ett min mitt mina vår
    vårt vara är var har hade här där just nu numera snart området trakten kommun kommuns stad
    staden län länet centrala centrum norra södra östra västra utkanten landet landsbygden i'm
    im am is are was we you they he she my our the a an in at on near from to of and or but
    live living lives based located moving move will be town city village municipality county
    area outside close by around just currently soon
    """.split()  # noqa: SIM905 - a word list reads best as words
)
FUZZY_ACCEPT = 85.0  # at or above: a confident guess, still confirmed with the founder
FUZZY_ASK = 72.0  # between ASK and ACCEPT: offered as choices; below: unknown


class FuzzyPlaceResolver(ExactPlaceResolver):
    """``ExactPlaceResolver`` plus typo tolerance (rapidfuzz) for names not found exactly.

    Exact answers always win: an exact out-of-region name ("Tranemo") is never fuzzed into
    the region, and a guess is never silent — it comes back non-exact, to be confirmed.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(gazetteer)
        self._keys = list(self._names)

    def resolve(self, text: str) -> PlaceResult:
        exact = super().resolve(text)
        # Only a lone everyday word ("jag bor i Bor", score 0.5) is worth a second look.
        if exact.status is PlaceStatus.AMBIGUOUS or (
            exact.status is not PlaceStatus.UNKNOWN and exact.score >= 0.8
        ):
            return exact
        fuzzy = self._fuzzy(text)
        if fuzzy is not None:
            return fuzzy
        return exact

    def _fuzzy(self, text: str) -> PlaceResult | None:
        words = [fold(w) for w in _WORD.findall(text)]
        words = [w for w in words if w not in STOP_WORDS and w not in COMMON_WORDS]
        queries = {w for w in words if len(w) >= 4}
        queries |= {f"{a} {b}" for a, b in itertools.pairwise(words)}
        scored: dict[tuple[str, str | None], tuple[float, PlaceCandidate]] = {}
        for query in queries:
            for key, score, _ in process.extract(
                query, self._keys, scorer=_similarity, limit=6, score_cutoff=FUZZY_ASK
            ):
                for entry in self._names[key]:
                    c = entry.candidate
                    ident = (c.municipality_code, c.locality)
                    if ident not in scored or scored[ident][0] < score:
                        scored[ident] = (score, c)
        if not scored:
            return None
        ranked = sorted(scored.values(), key=lambda sc: (-sc[0], not sc[1].in_region, sc[1].label))
        top_score, top = ranked[0]
        close = [c for s, c in ranked if s >= top_score - 6 and s >= FUZZY_ASK]
        close_codes = {c.municipality_code for c in close}
        score = round(top_score / 100, 3)
        if top_score >= FUZZY_ACCEPT and len(close_codes) == 1:
            status = PlaceStatus.RESOLVED if top.in_region else PlaceStatus.OUT_OF_REGION
            return PlaceResult(text, status, (top,), score, exact=False)
        in_region = [c for c in close if c.in_region] or [c for _, c in ranked if c.in_region]
        if not in_region:
            if top_score >= FUZZY_ACCEPT:
                return PlaceResult(text, PlaceStatus.OUT_OF_REGION, (top,), score, exact=False)
            return None
        return PlaceResult(text, PlaceStatus.AMBIGUOUS, tuple(_unique(in_region)[:6]), score)


def _similarity(a: str, b: str, *, score_cutoff: float | None = None, **_: object) -> float:
    """Edit similarity that counts a swapped pair of letters ("Jönkpöing") as one typo."""
    if abs(len(a) - len(b)) > 3:
        return 0.0
    return max(fuzz.ratio(a, b), OSA.normalized_similarity(a, b) * 100)
