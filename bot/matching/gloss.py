"""A Swedish idea in English words, for the meaning reader (semantic.py), whose model reads
English only.

Each word the Swedish–English dictionary knows, as written or by its lemma ("frisörerna" →
"frisör"), is given its first English translation; a compound the dictionary lacks is given
its parts' ("kaffebönor" → "coffee bean"), unless it is a name (written with a capital inside
a sentence); the idea's function words and everyday words are left out; words the dictionary
does not know (names of people and places, words it lacks) are kept as written. The result is
no translation — "Vi rostar kaffebönor och säljer kaffet till kaféer i Eksjö" comes out as
"rust coffee bean sell coffee café in Eksjö" — but it puts the idea's things into the words
the trades' names are written in, which is what the meaning reader compares.

The dictionary is Folkets lexikon (KTH), reduced to one English word or phrase per Swedish
headword (folkets_sv_en.tsv, bot/data/SOURCES.md); the lemmas come from simplemma's Swedish
data. How much this helps was measured on the Swedish texts as first read
(docs/benchmarks.md, "Swedish ideas read by meaning").
"""

from __future__ import annotations

import functools

import simplemma

from bot.datafiles.gazetteer import DATA_DIR
from bot.matching.everyday import is_everyday
from bot.matching.words import WORD, function_words

GLOSSARY_FILE = DATA_DIR / "folkets_sv_en.tsv"
# Each of a compound's parts must be this long: "cykelverkstad" is "cykel" + "verkstad", but
# no one- or two-letter word ("te", "ö") is taken for a part, and a word shorter than two
# parts is never split.
MIN_PART = 3
# The letters that join a compound's parts ("skogsägare", "kyrkogård") or that the first
# part loses in it ("skolgård" from "skola", "pojkvän" from "pojke").
_JOINING = ("s",)
_LOST_ENDINGS = ("a", "e")
# What a sentence (or a quotation, or a title) ends with: the word after it is written with a
# capital whether or not it is a name. It is looked for in the characters before a word, at
# most _LOOK_BACK of them (spaces and line breaks between).
_SENTENCE_ENDS = '.!?:–-"”»'
_LOOK_BACK = 80


@functools.cache
def glossary() -> tuple[dict[str, str], dict[str, str]]:
    """The dictionary's headwords in lower case, and its capitalised ones (names and
    abbreviations: "Sida", "BO") by their lower case: a word written in lower case is never
    taken for one of those."""
    common: dict[str, str] = {}
    proper: dict[str, str] = {}
    with GLOSSARY_FILE.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            word, english = line.rstrip("\n").split("\t", 1)
            if word == word.lower():
                common[word] = english
            else:
                proper.setdefault(word.lower(), english)
    return common, proper


@functools.lru_cache(maxsize=16384)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="sv").lower()


@functools.lru_cache(maxsize=16384)
def english_of(word: str, compound: bool = True) -> str | None:
    """The English of one Swedish word: of the word, of its lemma, or (written with a
    capital) of a name or abbreviation; else, given ``compound``, of its compound parts;
    None if unknown."""
    common, proper = glossary()
    low = word.lower()
    for form in (low, _lemma(low)):
        if form in common:
            return common[form]
    if word != low and low in proper:
        return proper[low]
    parts = _compound_parts(low) if compound else None
    return " ".join(parts) if parts else None


def _compound_parts(word: str) -> tuple[str, str] | None:
    """A compound's modifier and head in English, the longest known head first."""
    common, _ = glossary()
    for form in dict.fromkeys((_lemma(word), word)):
        for cut in range(MIN_PART, len(form) - MIN_PART + 1):
            modifier, head = form[:cut], form[cut:]
            english_head = common.get(head) or common.get(_lemma(head))
            if not english_head:
                continue
            candidates = [modifier]
            if modifier.endswith(_JOINING):
                candidates.append(modifier[:-1])
            candidates += [modifier + ending for ending in _LOST_ENDINGS]
            for candidate in candidates:
                if len(candidate) >= MIN_PART and candidate in common:
                    return common[candidate], english_head
    return None


def in_english(text: str) -> str:
    """The idea's words in English, in their order (see the module's docstring). A word
    written with a capital inside a sentence that the dictionary does not know is a name, and
    is kept whole: "Hedblom" is no "hed" and "blom", "Vetlanda" no "vet" and "landa"."""
    skip = function_words("sv")
    out = []
    for found in WORD.finditer(text):
        word = found.group()
        if word.casefold() in skip or is_everyday(word, "sv"):
            continue
        # What comes before the word (a window, so a long text costs no more per word).
        before = text[max(0, found.start() - _LOOK_BACK) : found.start()].rstrip()
        name = word[0].isupper() and bool(before) and before[-1] not in _SENTENCE_ENDS
        out.append(english_of(word, compound=not name) or word)
    return " ".join(out)
