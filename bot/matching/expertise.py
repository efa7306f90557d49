"""Idea text → ranked sectors, each with the founder's own words that triggered it."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.compounds import (
    MIN_FUZZY_WORD,
    WEIGHT_EXACT,
    WEIGHT_HEAD,
    LexiconIndex,
    compounds_named,
    head_forms,
    hyphenated_parts,
    indefinite,
)
from bot.matching.context import OPENING_WORDS, SENTENCE_END, context_factors
from bot.matching.everyday import everyday_phrases, is_everyday, is_place
from bot.matching.lexicon import load_lexicon, not_typos
from bot.matching.words import (
    DETECTABLE_LANGUAGES,
    WORD,
    english_bases,
    english_stem,
    written_in,
)

# How much each kind of hit counts beside WEIGHT_EXACT and WEIGHT_COMPOUND (compounds.py):
# a likely typo.
WEIGHT_FUZZY = 0.6
FUZZY_CUTOFF = 87.0
MIN_SCORE = 0.25  # sectors scoring less than this share of the best are dropped
PHRASE_FILLERS = frozenset(
    {"a", "an", "the", "and", "of", "to", "for", "in", "en", "ett", "och", "av", "för", "i", "på"}
)
# Where an English verb stands: after a subject, "to", a modal or an adverb of habit.
VERB_CUES = frozenset(
    {"i", "we", "you", "they", "he", "she", "to", "will", "can", "also", "who", "usually"}
)
# "store" ends an English compound the way "butik" ends a Swedish one ("shop" does not: a
# "coffee shop", a "machine shop" and a "barber shop" sell no goods), and "school" the way
# "skola" does: a "dance school", a "cooking school", a "riding school" teach (SNI 85.5).
# So do a product's kind and an outing's: a "fitness app", "accounting software" and an
# "e-learning platform" are software, "brewery tours" and "food tours" outings. The head
# reaches two words back when both are nouns of the compound: a "health food store", a
# "craft supply store", a "restaurant ordering app".
STORE_HEADS = frozenset(
    {"store", "stores", "school", "schools", "academy", "app", "apps", "software"}
    | {"platform", "platforms", "tour", "tours"}
)
# Words between a compound's nouns and its head that end the compound: "a store", "the app".
NOT_IN_COMPOUND = frozenset(
    {"a", "an", "the", "and", "or", "of", "our", "my", "their", "your", "in", "at", "to", "for"}
    | {"with", "on", "by", "from", "is", "was", "we", "i", "it", "this", "that", "new"}
    | {"business", "businesses", "company"}  # "photo business software" is for a photographer
)
# A school the founder went to is their training, not the business: "when I was in
# architecture school", "after nursing school", "graduated from culinary school", "went to art
# school". A singular "school" right after one of these words (or a noun or two after one)
# counts for nothing and leaves the trade it names to count; "open a dance school" still
# teaches, and "an after school program" is still a school's.
ATTENDING_WORDS = frozenset(
    {"in", "from", "after", "during", "to", "through", "before", "while", "since"}
)
ATTENDED_SCHOOLS = frozenset({"school"})
# The same in Swedish: a school the founder went to ("jag har gått två år på glasskolan i
# Orrefors", "gick ut hotellskolan", "studerade vid Konstskolan") is their training; a school
# compound (its last part "skola", "skolan") counts for nothing after one of these verbs and a
# preposition, a few words back in the same sentence. "Vi ska öppna en dansskola" still
# teaches.
ATTENDING_VERBS_SV = frozenset(
    {
        *("gick", "gått", "studerade", "studerat", "läste", "läst", "utbildade"),
        *("utbildat", "utbildad", "utexaminerad", "tog", "examen"),
    }
)
ATTENDING_PREPOSITIONS_SV = frozenset({"på", "ut", "vid", "från"})
SWEDISH_SCHOOL_ENDINGS = ("skola", "skolan")
# A studio is named by what it does, not by being a studio: a "piercing studio" pierces, a
# "makeup studio" does make-up (as "pilatesstudio" and "nagelstudio" in Swedish); after a
# keyword, "studio" counts as a compound's head.
DEFERRING_HEADS = frozenset({"studio", "studios"})
# A repair shop is a workshop, not a store: "shop" after "repair" sells nothing, and what is
# repaired names the trade ("motor repair shop", "bike repair shop"); so do an upholstery,
# welding, print, tattoo or framing shop and an alterations shop.
WORKSHOP_MARKERS = frozenset(
    {"repair", "repairs", "upholstery", "welding", "print", "tattoo", "framing", "alterations"}
)
SHOP_WORDS = frozenset({"shop", "shops"})
# Every business has a building: the house a hostel builds, the premises a café renovates,
# the property its landlord owns. These words point to construction and property, but in
# the real texts read so far they stood in other trades' stories more often than in
# builders' (who name their trade: "bygg", "snickare", "VVS"); they count for half.
PREMISES_WORDS = frozenset(
    {
        *("hus", "huset", "husen", "byggnad", "byggnader", "fastighet", "fastigheten"),
        *("badrum", "tak", "renovering", "renoveringen"),
        *("renovera", "renoveras", "renoverat", "renoverade", "bygget", "bygge"),
        *("house", "building", "property", "bathroom", "roof", "renovation"),
        *("renovate", "renovated", "renovating"),
    }
)
# Whom a business serves is not what it is: youth, newcomers and the unemployed are the people
# a social enterprise is for, but a smith's young customer or a job site for young people
# names them too. They count for half; the enterprise's own words ("socialt företag",
# "arbetsträning", "kooperativ") in full.
TARGET_GROUP_WORDS = frozenset(
    {
        *("ungdom", "ungdomar", "ungdomarna", "nyanlända", "youth", "newcomers", "refugees"),
        *("unemployed", "underprivileged"),
    }
)
WEIGHT_PREMISES = 0.5


@dataclass(frozen=True)
class SectorMatch:
    sector: str
    score: float  # 0..1, relative to the idea's strongest sector
    triggers: tuple[str, ...]  # the founder's words that pointed here
    evidence: float = 0.0  # raw weight of the hits (comparable across ideas)


@dataclass(frozen=True)
class Classification:
    text: str
    sectors: tuple[SectorMatch, ...] = field(default_factory=tuple)

    @property
    def sector_ids(self) -> list[str]:
        return [s.sector for s in self.sectors]


class ExpertiseClassifier:
    """Keyword lexicon + stems (Snowball for Swedish, inflections for English) + compounds +
    typo tolerance (``typos``: a lexicon whose words were never read for near spellings of
    everyday words, like the one sni.py makes of SCB's names, is read without it)."""

    def __init__(
        self, lexicon: dict[str, dict[str, list[str]]] | None = None, typos: bool = True
    ) -> None:
        raw = lexicon if lexicon is not None else load_lexicon()
        self._typos = typos
        # One index per language the idea is written in, and one for both (an idea in mixed
        # Swedish and English, or too short to tell): an English idea is read with the English
        # words only, so that "account" is not the Swedish-stemmed "accounting" and "take" is
        # not "tak" (a roof).
        self._indexes = {
            language: LexiconIndex(raw, language) for language in (*DETECTABLE_LANGUAGES, None)
        }

    def classify(self, text: str, limit: int = 3) -> Classification:
        spans = list(WORD.finditer(text))
        words = [m.group() for m in spans]
        language = written_in(words)
        index = self._indexes[language]
        stems = [index.stem(w) for w in words]
        evidence: dict[str, float] = defaultdict(float)
        triggers: dict[str, list[str]] = defaultdict(list)
        # For ties: where a sector was first named (a founder names the business first,
        # then what it is for) and how many of its words point nowhere else.
        first_at: dict[str, int] = {}
        specific: dict[str, int] = defaultdict(int)
        position = 0

        seen: dict[tuple[str, str], int] = defaultdict(int)

        def hit(sector: str, weight: float, word: str, sectors: int, keyword: str) -> None:
            # The same keyword again says less each time (1, 1/2, 1/3 …): a word an owner
            # repeats ("retail counter … retail pick up … retail sales") is one piece of
            # evidence told three times, not three; so is one keyword in several words
            # ("potatis", "potatismos", "potatispuré" on a lunch menu).
            again = seen[sector, keyword]
            seen[sector, keyword] += 1
            evidence[sector] += weight / (1 + again)
            first_at.setdefault(sector, position)
            specific[sector] += sectors == 1
            if word not in triggers[sector]:
                triggers[sector].append(word)

        factor = context_factors(text, spans)
        used: set[int] = set()
        # Where an everyday phrase starts, and where it ends: a longer keyword phrase that
        # begins with it still names its trade ("social media" is no media company, "social
        # media management" is a marketing service).
        everyday_end: dict[int, int] = {}
        for i, first in enumerate(stems):
            for phrase in everyday_phrases(index.stem).get(first, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    used.update(range(i, i + len(phrase)))
                    everyday_end[i] = max(everyday_end.get(i, i), i + len(phrase))
        for i, first in enumerate(stems):
            if i in used and i not in everyday_end:
                continue
            for phrase, sectors in index.phrases_at.get(first, ()):
                n = len(phrase)
                if i in everyday_end and i + n <= everyday_end[i]:
                    continue
                if tuple(stems[i : i + n]) == phrase:
                    position = i
                    # A phrase counts by its words that carry meaning, two at most: "bed
                    # and breakfast" two, "a course" one, "real estate agent" two (three
                    # made the agent who sold a founder her grocery store outweigh it).
                    content = sum(w.casefold() not in PHRASE_FILLERS for w in words[i : i + n])
                    for sector in sectors:
                        hit(
                            sector,
                            WEIGHT_EXACT * min(max(content, 1), 2) * factor[i],
                            " ".join(words[i : i + n]),
                            len(sectors),
                            " ".join(phrase),
                        )
                    used.update(range(i, i + n))
                    break  # the longest phrase only: "real estate agents", not "real estate" too
        named = compounds_named(words, stems, index)
        premises = _premises(index.stem)
        shouted = not any(c.islower() for c in text)
        for i, (word, stem) in enumerate(zip(words, stems, strict=True)):
            if i in used or is_everyday(word, language, shouted) or is_place(word):
                continue
            if i and word.casefold() in SHOP_WORDS and words[i - 1].casefold() in WORKSHOP_MARKERS:
                continue
            if _attended_school(words, spans, text, i):
                continue
            if _attended_school_sv(words, spans, text, i):
                continue
            position = i
            if word.casefold() in PREMISES_WORDS | TARGET_GROUP_WORDS or stem in premises:
                factor[i] *= WEIGHT_PREMISES
            if _before_store_head(words, spans, text, i):
                # An English compound's head names the kind of business, as a Swedish one's
                # does: a "clothing store" is a shop, whatever it sells ("klädbutik").
                factor[i] *= WEIGHT_HEAD
            if i and word.casefold() in DEFERRING_HEADS and stems[i - 1] in index.single:
                factor[i] *= WEIGHT_HEAD
            earlier = next((named[h] for h in head_forms(word, stem, index) if h in named), None)
            if earlier is not None and earlier[0] < i:
                # A compound's head said again refers back to it: "bilverkstad … fyra i
                # verkstaden" is the car workshop, "hunddagis … dagiset" the dog daycare.
                for part, weight in earlier[1]:
                    for sector in index.single[part]:
                        hit(sector, weight * factor[i], word, len(index.single[part]), part)
                continue
            if stem not in index.single and index.stem is english_stem:
                stem = next((b for b in english_bases(stem) if b in index.single), stem)
                if stem not in index.single and i and words[i - 1].casefold() in VERB_CUES:
                    # A verb where a verb stands names its trade: "we clean offices",
                    # "I teach piano", "to weld" (cleaning, teaching, welding); elsewhere
                    # "town" is no towing and "floor" no flooring.
                    doing = (word.casefold() + "ing", word.casefold()[:-1] + "ing")
                    stem = next((d for d in doing if d in index.single), stem)
            elif stem not in index.single:
                stem = indefinite(word, stem, index)
            if stem in index.single:
                named_by = index.forms.get(word.casefold(), index.single[stem])
                for sector in named_by:
                    hit(sector, WEIGHT_EXACT * factor[i], word, len(named_by), stem)
                continue
            # The word as written, then its stem: a keyword is known by its stem
            # ("verkstad" → "verkst"), so "cykelverkstad" is found through "cykelverkst";
            # and the stem's reading wins when it finds the head the written form hid
            # ("dansskola": "dans" alone as written, "dans" + "skol" by the stem).
            written = index.compound_parts_of(word.casefold())
            stemmed = index.compound_parts_of(stem)
            parts = hyphenated_parts(word, index, language) or (
                stemmed if len(stemmed) > len(written) else written or stemmed
            )
            if parts:
                for part, weight in parts:
                    for sector in index.single[part]:
                        hit(sector, weight * factor[i], word, len(index.single[part]), part)
                continue
            if (
                self._typos
                and len(stem) >= MIN_FUZZY_WORD - 1
                and len(word) >= MIN_FUZZY_WORD
                and word.casefold() not in not_typos()
            ):
                near = process.extractOne(
                    stem,
                    index.fuzzy_by_length.get(len(stem), ()),
                    scorer=OSA.normalized_similarity,
                    score_cutoff=FUZZY_CUTOFF / 100,
                )
                if near is not None:
                    for sector in index.single[near[0]]:
                        sectors_ = len(index.single[near[0]])
                        hit(sector, WEIGHT_FUZZY * factor[i], word, sectors_, near[0])
        if not evidence:
            return Classification(text)
        best = max(evidence.values())
        # Equal evidence is decided by evidence too, never by the sector's name: the words
        # that point to this sector alone, then the sector named first.
        ranked = sorted(
            evidence.items(),
            key=lambda kv: (-round(kv[1], 6), -specific[kv[0]], first_at[kv[0]], kv[0]),
        )
        matches = tuple(
            SectorMatch(sector, round(value / best, 3), tuple(triggers[sector]), round(value, 3))
            for sector, value in ranked
            if value / best >= MIN_SCORE
        )
        return Classification(text, matches[:limit])


@functools.cache
def _premises(stem_of: Callable[[str], str]) -> frozenset[str]:
    """PREMISES_WORDS and TARGET_GROUP_WORDS as stems."""
    return frozenset(stem_of(w) for w in PREMISES_WORDS | TARGET_GROUP_WORDS)


def _before_store_head(words: list[str], spans: list[re.Match[str]], text: str, i: int) -> bool:
    """Whether word ``i`` is a noun of an English compound whose head is a kind of business
    (STORE_HEADS): right before it, or two before with a noun between and nothing that ends
    the compound ("health food store"; not "food for the store")."""
    for reach in (1, 2):
        j = i + reach
        if j >= len(words):
            return False
        if text[spans[j - 1].end() : spans[j].start()].strip():
            return False  # punctuation ends the compound
        if words[j].casefold() in STORE_HEADS:
            return not _attended_school(words, spans, text, j)
        if words[j].casefold() in NOT_IN_COMPOUND:
            return False
    return False


def _attended_school(words: list[str], spans: list[re.Match[str]], text: str, i: int) -> bool:
    """Whether word ``i`` is a school the founder went to (ATTENDED_SCHOOLS after one of
    ATTENDING_WORDS, right before it or before a noun or two of its compound): "in
    architecture school", "after law school"; not "a dance school"."""
    if words[i].casefold() not in ATTENDED_SCHOOLS:
        return False
    for j in range(i - 1, max(i - 4, -1), -1):
        if text[spans[j].end() : spans[j + 1].start()].strip():
            return False  # punctuation ends the compound
        if words[j].casefold() in ATTENDING_WORDS:
            # "after school" itself is an after-school programme, not law school's "after".
            return not (j == i - 1 and words[j].casefold() == "after")
        if words[j].casefold() in NOT_IN_COMPOUND | OPENING_WORDS:
            return False  # "a dance school"; "to start school" may be a school's start
    return False


def _attended_school_sv(words: list[str], spans: list[re.Match[str]], text: str, i: int) -> bool:
    """Whether word ``i`` is a Swedish school the founder went to: a school compound
    (SWEDISH_SCHOOL_ENDINGS) after a preposition of ATTENDING_PREPOSITIONS_SV that follows one
    of ATTENDING_VERBS_SV, within five words and without a sentence's end between: "gått 2 år
    på glasskolan", "gick ut hotellskolan"; not "öppna en dansskola"."""
    if not words[i].casefold().endswith(SWEDISH_SCHOOL_ENDINGS):
        return False
    preposition = False
    for j in range(i - 1, max(i - 6, -1), -1):
        if SENTENCE_END.search(text, spans[j].end(), spans[j + 1].start()):
            return False
        word = words[j].casefold()
        if word in OPENING_WORDS:
            return False
        if word in ATTENDING_PREPOSITIONS_SV:
            preposition = True
        elif word in ATTENDING_VERBS_SV:
            return preposition
    return False
