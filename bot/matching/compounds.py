"""Reading a word by the lexicon: its stem, phrase or typo candidates, and a Swedish
compound's parts — the head that names the kind of business ("klädbutik" is a shop) or the
modifier that names the domain ("rekondverkstad" mends cars), definite and plural forms, and
a compound's head said again ("verkstaden" after "bilverkstad")."""

from __future__ import annotations

from collections import defaultdict

from bot.matching.everyday import CASE_SENSITIVE, is_everyday
from bot.matching.lexicon import everyday_words_sv
from bot.matching.words import WORD, stemmer_for

# How much a hit counts: the word itself, or found inside a Swedish compound.
WEIGHT_EXACT = 1.0
WEIGHT_COMPOUND = 0.8
MIN_COMPOUND_PART = 5  # "bageri" is found in "surdegsbageri"; "mat" is not found in "format"
MIN_MODIFIER = 4  # a compound's first part: "skog" in "skogsfastighet"
MIN_FUZZY_WORD = 6  # shorter words are never taken for a keyword's typo
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
    # "skolbuss", "turistbuss", "Smålandsbussen": a bus company, whoever rides (the
    # pupils of a "skolbuss" are its passengers, not a school)
    "buss",
    # "kvällskurser", "matlagningskurser": courses, whatever they teach (as written in the
    # plural or definite; Snowball cuts a lone "kurs" to "kur", which "regnskur" ends with)
    "kurser",
)
# In a Swedish compound the modifier often names the domain ("skogsfastighet",
# "solcellsinstallation"): when the head is known too, the modifier counts a little more.
WEIGHT_MODIFIER = 0.9
# An everyday word that begins with a keyword and goes on this many letters or more is
# another word ("konst-ruera", "fast-pris"); fewer are the keyword's endings ("bygg-a").
MIN_EVERYDAY_REST = 4
WEIGHT_HEAD = 0.6


class LexiconIndex:
    """The lexicon's words for one language (or both), ready to be looked up: single stems,
    phrases by their first stem, compound parts, and typo candidates by length."""

    def __init__(self, raw: dict[str, dict[str, list[str]]], language: str | None) -> None:
        self.stem = stemmer_for(language)
        stem = self.stem
        self.single: dict[str, set[str]] = defaultdict(set)  # stem → sectors
        phrases: dict[tuple[str, ...], set[str]] = defaultdict(set)
        swedish: set[str] = set()  # stems of Swedish keywords: only they make compounds
        swedish_words: set[str] = set()  # the same keywords as written
        written: dict[str, set[str]] = defaultdict(set)  # one-word keywords as written
        for sector, by_language in raw.items():
            for lang, words in by_language.items():
                if language is not None and lang != language:
                    continue
                for keyword in words:
                    stems = tuple(stem(w) for w in WORD.findall(keyword.casefold()))
                    if len(stems) == 1:
                        self.single[stems[0]].add(sector)
                        written[keyword.casefold()].add(sector)
                        if lang == "sv":
                            swedish.add(stems[0])
                            swedish_words.add(keyword.casefold())
                    elif stems:
                        phrases[stems].add(sector)
        # A keyword's form listed on its own names only its own sectors where another form of
        # the same stem names others: "paintings" are artworks, while "painting" is also the
        # painter's trade.
        self.forms: dict[str, frozenset[str]] = {
            form: frozenset(sectors)
            for form, sectors in written.items()
            if sectors != self.single[stem(form)]
        }
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
        # Everyday words a compound may begin or end with: a keyword inside one is there by
        # accident ("hyreskontrakt" ends in "kontrakt", not in "trakt" of "traktor";
        # "konstruerar" begins with "konstruera", not with "konst").
        self._everyday_parts = frozenset(
            form
            for word in everyday_words_sv()
            for form in (word, stem(word))
            if len(form) >= MIN_COMPOUND_PART
            and form not in swedish_words
            and form not in self.single
        )
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
        # An everyday word the compound begins with hides the keywords it begins with.
        everyday = next(
            (
                word[:k]
                for k in range(len(word), MIN_COMPOUND_PART - 1, -1)
                if word[:k] in self._everyday_parts
            ),
            "",
        )
        return next(
            (
                rest[:k]
                for k in range(len(rest), MIN_MODIFIER - 1, -1)
                if rest[:k] in self._modifier_set
                and (head is not None or len(word) - k >= 3)
                and not _hides(everyday, rest[:k])
            ),
            None,
        )

    def head_of(self, word: str) -> str | None:
        """The longest known part that ends ``word`` with three letters or more before it:
        "cykelverkst" → "verkst" (looked up by suffix, not by scanning every part)."""
        everyday = ""
        for k in range(3, len(word)):
            if word[k:] in self._parts_set:
                # unless an everyday word ends the compound: "hyreskontrakt", "mysteriet"
                return None if _hides(everyday, word[k:]) else word[k:]
            if not everyday and word[k:] in self._everyday_parts:
                everyday = word[k:]
        return None

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
                    and not self._hidden(word, start, start + length)
                ):
                    return part
        return None

    def _hidden(self, word: str, start: int, end: int) -> bool:
        """Whether the part ``word[start:end]`` lies inside an everyday word of ``word``
        that hides it (``_hides``): looked for only once a part is found."""
        part = word[start:end]
        return any(
            word[a:b] in self._everyday_parts and _hides(word[a:b], part)
            for a in range(start + 1)
            for b in range(end, len(word) + 1)
        )


def _hides(everyday: str, part: str) -> bool:
    """Whether an everyday word hides a keyword inside it: "kontrakt" hides "trakt",
    "konstruera" "konst", "fastpris" "fast"; but the keyword with an ending of a few letters
    ("städer", "bygga", "handels", "spelare") is the keyword itself, and its compounds
    ("städerska", "byggarbetare", "handelsträdgård") are read by it."""
    if len(everyday) <= len(part) or part not in everyday:
        return False
    return not everyday.startswith(part) or len(everyday) - len(part) >= MIN_EVERYDAY_REST


def compounds_named(
    words: list[str], stems: list[str], index: LexiconIndex
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


def head_forms(word: str, stem: str, index: LexiconIndex) -> tuple[str, ...]:
    """The stems a word may have as a compound's head said again: as stemmed, and without a
    definite ending ("verkstaden" → "verkstad" → "verkst", "dagiset" → "dagis")."""
    folded = word.casefold()
    forms = [stem, indefinite(word, stem, index)]
    for ending in ("en", "et", "n", "t"):
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_COMPOUND_PART - 1:
            forms.append(index.stem(folded[: -len(ending)]))
    return tuple(forms)


def hyphenated_parts(
    word: str, index: LexiconIndex, language: str | None
) -> list[tuple[str, float]]:
    """A compound written with a hyphen names its parts itself, however short the
    first: "IT-lösningar" (IT), "VVS-firma" (VVS). The first part counts as a compound's modifier
    and a known last part as its head; when the first part is no keyword, only a head that
    names a kind of business counts ("AR-app")."""
    if "-" not in word:
        return []
    first, _, rest = word.partition("-")
    if not first or not rest or is_everyday(first, language):
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


def indefinite(word: str, stem: str, index: LexiconIndex) -> str:
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


def _compound_of_trades(word: str, index: LexiconIndex) -> bool:
    """A compound with known parts whose head is no everyday word: "vandrarhem", but not
    "stockholmstrakt" (the Stockholm area, though "traktor" stems to "trakt")."""
    head = index.head_of(word)
    return bool(index.compound_parts_of(word)) and head not in everyday_words_sv()
