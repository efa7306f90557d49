"""Idea text → ranked sectors, each with the founder's own words that triggered it."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.datafiles.gazetteer import load_gazetteer
from bot.matching.context import context_factors
from bot.matching.lexicon import everyday_words_sv, load_lexicon, not_typos
from bot.matching.words import (
    DETECTABLE_LANGUAGES,
    WORD,
    english_bases,
    english_stem,
    stemmer_for,
    written_in,
)

# How much each kind of hit counts: the word itself, inside a compound, a likely typo.
WEIGHT_EXACT = 1.0
WEIGHT_COMPOUND = 0.8
WEIGHT_FUZZY = 0.6
MIN_COMPOUND_PART = 5  # "bageri" is found in "surdegsbageri"; "mat" is not found in "format"
MIN_MODIFIER = 4  # a compound's first part: "skog" in "skogsfastighet"
FUZZY_CUTOFF = 87.0
MIN_FUZZY_WORD = 6
MIN_SCORE = 0.25  # sectors scoring less than this share of the best are dropped
# Heads of Swedish compounds that name the kind of business (a shop, a café, a workshop): in
# "klädbutik" or "tårtkafé" they outweigh what is sold. Other heads ("fastighet",
# "installation", "verkstad") give way to the modifier, which names the domain: a
# "rekondverkstad" mends cars, a "keramikverkstad" makes pottery; so do an agency and a
# studio, whatever they do ("arkitektbyrå", "designbyrå", "pilatesstudio", "nagelstudio").
# "byrå" is short for a compound part (MIN_COMPOUND_PART) but is one all the same.
SHORT_HEADS = ("byrå",)
# Kinds of business that are known only as a compound's head after a known modifier: a
# "djuraffär", "cykelaffär" or "musikaffär" is a shop and a "träningsapp" or "bokningsapp" an
# app, but "affär" alone is as often a deal ("en bra affär", listed as everyday words) and
# "affärsplan" no shop, and "julklapp" ends in "app".
HEAD_ONLY = ("affär", "app")
KIND_OF_BUSINESS = (
    "butik",
    "affär",
    "handel",
    "kafé",
    "café",
    "restaurang",
    "salong",
    "bageri",
    "klinik",
    "mottagning",
    "skola",
    "bryggeri",
    "rosteri",
    "gym",
    "odling",  # "jordgubbsodling", "tomatodling": Snowball cuts "odling" to "odl"
    # "kvällskurser", "matlagningskurser": courses, whatever they teach (as written in the
    # plural or definite; Snowball cuts a lone "kurs" to "kur", which "regnskur" ends with)
    "kurser",
)
# Everyday words that are never evidence, in either language.
# So are English words that stem like a trade's name but mean something else: an "account"
# is not accounting, a "market" not marketing, "booked" not a booking system; and what the
# founder once learned is their history, not a school ("I learned how to make pasties").
EVERYDAY_WORDS = frozenset(
    {
        *("take", "takes", "taking", "taken", "took", "make", "makes", "made", "get", "gets"),
        *("like", "account", "accounts", "market", "markets", "booked", "product", "products"),
        *("learned", "learnt", "lärde"),
        # A verb is no product: "you are treated as a friend" is not "treats" (sweets),
        # what was "stored" no store, time "wasted" no waste business.
        *("treated", "treating", "stored", "storing", "wasted", "wasting", "shopped"),
        # Frequent English words read as a trade by their stem or ending (the 20,000 most
        # frequent, wordfreq, read one by one): "tired" is no tire, "inner" no inn, "jammed"
        # no jam, "tailored" no tailor, "old-fashioned" no fashion.
        *("tired", "tiring", "inner", "inning", "innings", "thinner", "jammed", "jamming"),
        *("nailed", "fleeting", "cropped", "tailored", "fashioned", "cultured", "flowering"),
        *("miller", "tower", "towers", "sewer", "sewers", "fenced"),
        # Founders are "building" a brand, an app, a startup; the noun is the premises
        # (half at most); builders are read by their phrases ("building houses").
        "building",
        # Verbs that stem like a trade: "resorted to", "a complaint lodged", "forged a
        # partnership", "forging ties"; and "Peter" is no pet.
        *("resorted", "resorting", "lodged", "forged", "forging", "peter", "peters"),
        # "I can" is a modal, not chair caning; a candy cane or sugar cane no caner's work.
        *("can", "cane", "canes"),
        # The 60,000 most frequent English words (wordfreq) read in "I want to start …":
        # verbs and adjectives that stem like a trade ("toying with the idea", "nailing it",
        # "drugged", "dogged", "plastered", "cluttered", "undertakes", "leverages").
        *("toying", "toyed", "nailing", "lashing", "lashed", "drugged", "drugging"),
        *("clouded", "clouding", "plastered", "dogged", "dogging", "flogging", "cramping"),
        *("clamping", "clogging", "clotting", "grained", "leanings", "bearable", "tucking"),
        *("coasting", "leaching", "caching", "repelling", "rebelling", "retelling"),
        *("courtier", "courtiers", "colonist", "alternation", "leverages", "undertakes"),
        *("sandwiched", "caked", "doctored", "egged", "egging", "shunting", "constriction"),
        *("twinning", "coursing", "lather", "strainer", "droning", "stimulator", "kitchener"),
        *("inverted", "inverting"),  # not inverters
    }
)
# Everyday phrases whose words name no trade, however they stem: "of course" is no course,
# "social media" no media company, "free shipping" (every web shop's) no haulier, "job
# hunting" no hunting.
EVERYDAY_PHRASES = (
    *("of course", "social media", "free shipping", "job hunting", "house hunting"),
    *("in-house", "home office", "junk food", "junk mail"),
    # What a founder's story says of any business: it began at the "kitchen table", as "an
    # extension of" a hobby, is "a one-stop shop", is "designed to" help, has an
    # "integration with" a web shop.
    *("my kitchen table", "our kitchen table", "the kitchen table", "extension of"),
    *("extensions of", "one-stop shop", "one stop shop"),
    *("designed to", "integration with", "integrations with"),
)
# A street's name is a place, not a trade: "Verkstadsgatan", "Skogsvägen", "Stortorget".
STREET_ENDINGS = (
    *("gatan", "vägen", "torget", "gränd", "gränden", "stigen", "backen", "allén", "leden"),
    *("platsen", "gärdet", "street", "road", "avenue", "lane"),
)
# The little words inside a keyword phrase, which say nothing of the trade by themselves.
PHRASE_FILLERS = frozenset(
    {"a", "an", "the", "and", "of", "to", "for", "in", "en", "ett", "och", "av", "för", "i", "på"}
)
# Where an English verb stands: after a subject, "to", a modal or an adverb of habit.
VERB_CUES = frozenset(
    {"i", "we", "you", "they", "he", "she", "to", "will", "can", "also", "who", "usually"}
)
# Words that count only as written: "IT" is the trade, "it" a pronoun.
CASE_SENSITIVE = {"it": "IT"}
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
# A studio is named by what it does, not by being a studio: a "piercing studio" pierces, a
# "makeup studio" does make-up (as "pilatesstudio" and "nagelstudio" in Swedish); after a
# keyword, "studio" counts as a compound's head.
DEFERRING_HEADS = frozenset({"studio", "studios"})
# A repair shop is a workshop, not a store: "shop" after "repair" sells nothing, and what is
# repaired names the trade ("motor repair shop", "bike repair shop").
WORKSHOP_MARKERS = frozenset({"repair", "repairs"})
SHOP_WORDS = frozenset({"shop", "shops"})
# In a Swedish compound the modifier often names the domain ("skogsfastighet",
# "solcellsinstallation"): when the head is known too, the modifier counts a little more.
WEIGHT_MODIFIER = 0.9
WEIGHT_HEAD = 0.6
# Every business has a building: the house a hostel builds, the premises a café renovates,
# the property its landlord owns. These words point to construction and property, but in
# the real texts read so far they stood in other trades' stories more often than in
# builders' (who name their trade: "bygg", "snickare", "VVS"); they count for half.
PREMISES_WORDS = frozenset(
    {
        *("hus", "huset", "husen", "byggnad", "byggnader", "fastighet", "fastigheten"),
        *("badrum", "tak", "renovering", "renoveringen"),
        # a gym's, a plant's or a campsite's facility, not groundworks ("anläggningsarbeten")
        *("anläggning", "anläggningen", "anläggningar", "anläggningarna"),
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
    typo tolerance."""

    def __init__(self, lexicon: dict[str, dict[str, list[str]]] | None = None) -> None:
        raw = lexicon if lexicon is not None else load_lexicon()
        # One index per language the idea is written in, and one for both (an idea in mixed
        # Swedish and English, or too short to tell): an English idea is read with the English
        # words only, so that "account" is not the Swedish-stemmed "accounting" and "take" is
        # not "tak" (a roof).
        self._indexes = {
            language: _Index(raw, language) for language in (*DETECTABLE_LANGUAGES, None)
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
        for i, first in enumerate(stems):
            for phrase in _everyday_phrases(index.stem).get(first, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    used.update(range(i, i + len(phrase)))
        for i, first in enumerate(stems):
            if i in used:
                continue
            for phrase, sectors in index.phrases_at.get(first, ()):
                n = len(phrase)
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
        named = _compounds_named(words, stems, index)
        premises = _premises(index.stem)
        for i, (word, stem) in enumerate(zip(words, stems, strict=True)):
            if i in used or _is_everyday(word, language) or _is_place(word):
                continue
            if i and word.casefold() in SHOP_WORDS and words[i - 1].casefold() in WORKSHOP_MARKERS:
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
            earlier = next((named[h] for h in _head_forms(word, stem, index) if h in named), None)
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
                stem = _indefinite(word, stem, index)
            if stem in index.single:
                for sector in index.single[stem]:
                    hit(sector, WEIGHT_EXACT * factor[i], word, len(index.single[stem]), stem)
                continue
            # The word as written, then its stem: a keyword is known by its stem
            # ("verkstad" → "verkst"), so "cykelverkstad" is found through "cykelverkst";
            # and the stem's reading wins when it finds the head the written form hid
            # ("dansskola": "dans" alone as written, "dans" + "skol" by the stem).
            written = index.compound_parts_of(word.casefold())
            stemmed = index.compound_parts_of(stem)
            parts = _hyphenated_parts(word, index, language) or (
                stemmed if len(stemmed) > len(written) else written or stemmed
            )
            if parts:
                for part, weight in parts:
                    for sector in index.single[part]:
                        hit(sector, weight * factor[i], word, len(index.single[part]), part)
                continue
            if (
                len(stem) >= MIN_FUZZY_WORD - 1
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


class _Index:
    """The lexicon's words for one language (or both), ready to be looked up: single stems,
    phrases by their first stem, compound parts, and typo candidates by length."""

    def __init__(self, raw: dict[str, dict[str, list[str]]], language: str | None) -> None:
        self.stem = stemmer_for(language)
        stem = self.stem
        self.single: dict[str, set[str]] = defaultdict(set)  # stem → sectors
        phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        swedish: set[str] = set()  # stems of Swedish keywords: only they make compounds
        swedish_words: set[str] = set()  # the same keywords as written
        for sector, by_language in raw.items():
            for lang, words in by_language.items():
                if language is not None and lang != language:
                    continue
                for keyword in words:
                    stems = tuple(stem(w) for w in WORD.findall(keyword.casefold()))
                    if len(stems) == 1:
                        self.single[stems[0]].add(sector)
                        if lang == "sv":
                            swedish.add(stems[0])
                            swedish_words.add(keyword.casefold())
                    elif stems:
                        phrases[stems].add(sector)
        # Phrases by their first stem: a text is matched word by word, not phrase by phrase.
        self.phrases_at: dict[str, list[tuple[tuple[str, ...], set[str]]]] = defaultdict(list)
        for phrase, sectors in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
            self.phrases_at[phrase[0]].append((phrase, sectors))
        # Compounds are Swedish: an English keyword is no part of one ("part" is not in
        # "partihandel"). An English idea is read without compounds' parts.
        self.swedish_words = frozenset(swedish_words)
        self.head_only = frozenset(stem(w) for w in HEAD_ONLY) & swedish
        self.kind_heads = frozenset(stem(w) for w in KIND_OF_BUSINESS) & swedish | self.head_only
        short_heads = self.kind_heads | {stem(w) for w in SHORT_HEADS}
        self.compound_parts = sorted(
            (s for s in swedish if len(s) >= MIN_COMPOUND_PART or s in short_heads),
            key=len,
            reverse=True,
        )
        self._parts_set = frozenset(self.compound_parts)
        # By length: a likely typo is at most two letters longer or shorter, and rapidfuzz's
        # own scorer compares only those (a Python scorer over every key cost a millisecond
        # an idea).
        self.fuzzy_by_length: dict[int, list[str]] = defaultdict(list)
        for key in (s for s in self.single if len(s) >= MIN_FUZZY_WORD - 1):
            for length in range(len(key) - 2, len(key) + 3):
                self.fuzzy_by_length[length].append(key)
        # Modifiers may be shorter ("skog", "sol"): a compound's first part is unambiguous
        # where it starts, and three more letters must follow it.
        self.modifier_parts = sorted(
            (s for s in swedish if len(s) >= MIN_MODIFIER and s not in self.head_only),
            key=len,
            reverse=True,
        )
        self._modifier_set = frozenset(self.modifier_parts)

    def compound_parts_of(self, word: str) -> list[tuple[str, float]]:
        """A Swedish compound's known parts with their weights: the head (the longest known
        stem it ends with) and the modifier (the longest it starts with, a linking "s"
        allowed). With both known and different, the modifier weighs more (it names the
        domain); with one, it is the compound's evidence."""
        if len(word) <= MIN_COMPOUND_PART:
            return []
        head = self.head_of(word)
        modifier = self._modifier_of(word, head)
        if head in self.head_only and modifier is None:
            # "julklapp" is no app: such a head counts only after a known modifier.
            head = None
            modifier = self._modifier_of(word, head)
        if head and modifier and self.single[head] != self.single[modifier]:
            if head in self.kind_heads:
                # The head names the kind of business: a "klädbutik" is a shop, a
                # "tårtkafé" a café, whatever they sell.
                return [(head, WEIGHT_MODIFIER), (modifier, WEIGHT_HEAD)]
            return [(modifier, WEIGHT_MODIFIER), (head, WEIGHT_HEAD)]
        if head:
            return [(head, WEIGHT_COMPOUND)]
        if modifier:
            return [(modifier, WEIGHT_COMPOUND)]
        inner = self.compound_part(word)
        return [(inner, WEIGHT_COMPOUND)] if inner else []

    def _modifier_of(self, word: str, head: str | None) -> str | None:
        """The longest known part that starts ``word`` before its head (or, without a head,
        with three letters or more after it)."""
        rest = word[: len(word) - len(head)] if head else word
        return next(
            (
                rest[:k]
                for k in range(len(rest), MIN_MODIFIER - 1, -1)
                if rest[:k] in self._modifier_set and (head is not None or len(word) - k >= 3)
            ),
            None,
        )

    def head_of(self, word: str) -> str | None:
        """The longest known part that ends ``word`` with three letters or more before it:
        "cykelverkst" → "verkst" (looked up by suffix, not by scanning every part)."""
        return next((word[k:] for k in range(3, len(word)) if word[k:] in self._parts_set), None)

    def compound_part(self, word: str) -> str | None:
        """The longest known stem that ends a Swedish compound ("surdegsbageri" → "bageri")
        or starts one ("mjukvaruföretag" → "mjukvar"), or a long one inside it; of equally
        long ones, the first."""
        if len(word) <= MIN_COMPOUND_PART:
            return None
        for length in range(len(word), MIN_COMPOUND_PART - 1, -1):
            for start in range(len(word) - length + 1):
                part = word[start : start + length]
                if (
                    part in self._parts_set
                    and part not in self.head_only
                    and (start == 0 or start + length == len(word) or length >= 7)
                ):
                    return part
        return None


def _compounds_named(
    words: list[str], stems: list[str], index: _Index
) -> dict[str, tuple[int, list[tuple[str, float]]]]:
    """The Swedish compounds of a text by their head's stem, with where each was first named
    and its parts as the classifier weighs them: "bilverkstad" under "verkst"."""
    named: dict[str, tuple[int, list[tuple[str, float]]]] = {}
    for i, (word, stem) in enumerate(zip(words, stems, strict=True)):
        if not index.compound_parts:
            break
        if "-" in word:
            continue
        head = index.head_of(stem)
        if head is None or head in named:
            continue
        parts = (
            [(stem, WEIGHT_EXACT)]
            if stem in index.single
            else index.compound_parts_of(word.casefold()) or index.compound_parts_of(stem)
        )
        if parts and parts != [(head, WEIGHT_COMPOUND)]:
            named[head] = (i, parts)
    return named


def _head_forms(word: str, stem: str, index: _Index) -> tuple[str, ...]:
    """The stems a word may have as a compound's head said again: as stemmed, and without a
    definite ending ("verkstaden" → "verkstad" → "verkst", "dagiset" → "dagis")."""
    folded = word.casefold()
    forms = [stem, _indefinite(word, stem, index)]
    for ending in ("en", "et", "n", "t"):
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_COMPOUND_PART - 1:
            forms.append(index.stem(folded[: -len(ending)]))
    return tuple(forms)


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
            return True
        if words[j].casefold() in NOT_IN_COMPOUND:
            return False
    return False


def _hyphenated_parts(word: str, index: _Index, language: str | None) -> list[tuple[str, float]]:
    """A compound written with a hyphen names its parts itself, however short the first:
    "IT-lösningar" (IT), "VVS-firma" (VVS). The first part counts as a compound's modifier
    and a known last part as its head; when the first part is no keyword, only a head that
    names a kind of business counts ("AR-app")."""
    if "-" not in word:
        return []
    first, _, rest = word.partition("-")
    if not first or not rest or _is_everyday(first, language):
        return []
    folded = first.casefold()
    if folded in CASE_SENSITIVE and first != CASE_SENSITIVE[folded]:
        return []
    modifier = index.stem(folded)
    head = index.stem(rest.casefold())
    if modifier not in index.single:
        # An unknown first part before a kind of business: an "AR-app", a "Lego-butik".
        return [(head, WEIGHT_COMPOUND)] if head in index.kind_heads else []
    if head in index.single and index.single[head] != index.single[modifier]:
        return [(modifier, WEIGHT_MODIFIER), (head, WEIGHT_HEAD)]
    return [(modifier, WEIGHT_COMPOUND)]


VOWELS = "aeiouyåäöé"


def _noun_bases(folded: str) -> tuple[list[str], list[str]]:
    """The base forms a Swedish noun's inflected form may have, by the endings Snowball leaves
    or stems apart from the keyword: the definite "pizzan", "menyn", "fotot", "ölet",
    "fasaden", "gymmet", "kaklet" (a lost "e": "kakel"); the plural "odlingar", "datorer",
    "skolor"; both, "cyklarna". A short base takes no plural ending ("spelar" is a verb).
    The definite bases first, then the plural ones."""
    bases: list[str] = []

    def lost_e(base: str) -> list[str]:
        # "kaklet" → "kakel", "cyklarna" → "cykel", "läkemedlet" → "läkemedel"
        if len(base) >= 3 and base[-1] in "lrn" and base[-2] not in VOWELS:
            return [base[:-1] + "e" + base[-1]]
        return []

    if folded.endswith(("n", "t")) and len(folded) >= 5 and folded[-2] in VOWELS:
        bases.append(folded[:-1])  # "pizzan", "menyn", "byrån", "fotot", "kafét"
    if folded.endswith(("eln", "ern")) and len(folded) >= 6:
        bases.append(folded[:-1])  # "lanthandeln", "bokhandeln"
    if folded.endswith(("en", "et")) and len(folded) >= 4:
        base = folded[:-2]
        bases.append(base)
        if folded.endswith("et") and len(base) >= 3 and base[-1] == base[-2]:
            bases.append(base[:-1])  # a doubled consonant: "gymmet", "vandrarhemmet"
        bases += lost_e(base)
    for ending, extra in (("arna", ""), ("erna", ""), ("orna", "a")):
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            base = folded[: -len(ending)]
            bases += [base + extra, *lost_e(base)]
    plural = []
    if folded.endswith(("ar", "er")) and len(folded) - 2 >= 5:
        plural.append(folded[:-2])  # "odlingar", "datorer"
    if folded.endswith("or") and len(folded) - 2 >= 3:
        plural.append(folded[:-2] + "a")  # "skolor"
    return bases, plural


def _indefinite(word: str, stem: str, index: _Index) -> str:
    """A Swedish noun's keyword stem from an inflected form Snowball leaves whole or stems
    apart from the keyword ("bageriet" → "bageri", "pizzan" → "pizza", "odlingar" →
    "odling"), or a compound's base form ("vandrarhemmet" → "vandrarhem"). Only a Swedish
    keyword as written counts as a base: "innan" is no inn, "tapeten" no tapas. The stem as
    it was when no such form is known."""
    # An everyday word's forms are everyday too: "kontraktet" is no "trakt".
    definite, plural = (
        [base for base in bases if base not in everyday_words_sv()]
        for bases in _noun_bases(word.casefold())
    )
    keyword = next((base for base in definite + plural if base in index.swedish_words), None)
    if keyword is not None:
        return index.stem(keyword)
    if index.compound_parts_of(stem):
        return stem
    # A compound's definite form, "vandrarhemmet"; a plural is too often a verb for this
    # ("förflyttar" is no "flytt").
    return next((base for base in definite if _compound_of_trades(base, index)), stem)


def _compound_of_trades(word: str, index: _Index) -> bool:
    """A compound with known parts whose head is no everyday word: "vandrarhem", but not
    "stockholmstrakt" (the Stockholm area, though "traktor" stems to "trakt")."""
    head = index.head_of(word)
    return bool(index.compound_parts_of(word)) and head not in everyday_words_sv()


@functools.cache
def _premises(stem_of: Callable[[str], str]) -> frozenset[str]:
    """PREMISES_WORDS and TARGET_GROUP_WORDS as stems."""
    return frozenset(stem_of(w) for w in PREMISES_WORDS | TARGET_GROUP_WORDS)


@functools.cache
def _everyday_phrases(
    stem_of: Callable[[str], str],
) -> dict[str, list[tuple[str, ...]]]:
    """EVERYDAY_PHRASES as stems, by their first stem."""
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in EVERYDAY_PHRASES:
        stems = tuple(stem_of(w) for w in WORD.findall(phrase.casefold()))
        by_first[stems[0]].append(stems)
    return by_first


@functools.cache
def place_names() -> frozenset[str]:
    """Every Swedish municipality's name and the region's localities, casefolded: a place the
    founder names ("Storfors", "Bondstorp", "Hästebäcken") is evidence of no trade."""
    gazetteer = load_gazetteer()
    names = [m.name for m in gazetteer.municipalities.values()]
    names += [locality.name for locality in gazetteer.localities]
    return frozenset(word.casefold() for name in names for word in WORD.findall(name))


def _is_place(word: str) -> bool:
    """A capitalised word that is a known place or a street's name."""
    if not word[:1].isupper():
        return False
    folded = word.casefold()
    return folded in place_names() or (
        folded.endswith(STREET_ENDINGS) and len(folded) > 6 and folded not in STREET_ENDINGS
    )


def _is_everyday(word: str, language: str | None) -> bool:
    """A word that is evidence of nothing: everyday words whose stem meets a keyword in the
    other language ("take" stems to Swedish "tak", a roof), "it" unless written "IT", and in
    Swedish (or mixed) text the everyday Swedish words of ``everyday_words_sv.txt``."""
    folded = word.casefold()
    if folded in CASE_SENSITIVE:
        return word != CASE_SENSITIVE[folded]
    return folded in EVERYDAY_WORDS or (language != "en" and folded in everyday_words_sv())
