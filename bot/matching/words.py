"""An idea's words: how they are cut out of the text, which language they are in, and how
each language's words are stemmed to meet the lexicon's."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import snowballstemmer

# A word, with its hyphens ("co-op") and an ampersand between letters ("B&B", "R&D").
WORD = re.compile(r"[^\W_]+(?:[-&][^\W_]+)*", re.UNICODE)

# The idea's language, told by its function words; None when it is unclear (then both
# languages' words count).
DETECTABLE_LANGUAGES = ("sv", "en")
_FUNCTION_WORDS = {
    "sv": frozenset(
        (
            *("och", "jag", "att", "är", "det", "en", "ett", "som", "på", "med", "för", "av"),
            *("till", "vi", "min", "mitt", "mina", "vår", "vårt", "har", "inte", "om", "kan"),
            *("vill", "ska", "där", "här", "eller", "men", "nu", "också", "hos", "från"),
            *("efter", "under", "sin", "sitt"),
        )
    ),
    "en": frozenset(
        (
            *("the", "and", "i", "to", "a", "of", "is", "my", "we", "in", "for", "with"),
            *("have", "that", "it", "our", "an", "at", "on", "be", "will", "want", "this"),
            *("from", "are", "was", "as", "by", "or", "but", "so", "can", "do", "me", "you"),
        )
    ),
}


def function_words(language: str) -> frozenset[str]:
    """The function words a language is told by ("och", "jag", "att"; "the", "and", "I")."""
    return _FUNCTION_WORDS[language]


def written_in(words: list[str]) -> str | None:
    """The language an idea is written in, by its function words ("och", "jag", "att";
    "the", "and", "I"): one clearly outnumbering the other (twice as many, at least two), else
    None."""
    counts = {
        language: sum(1 for w in words if w.casefold() in vocabulary)
        for language, vocabulary in _FUNCTION_WORDS.items()
    }
    sv, en = counts["sv"], counts["en"]
    if sv >= 2 and sv >= 2 * en:
        return "sv"
    if en >= 2 and en >= 2 * sv:
        return "en"
    return None


def _stemmers() -> tuple[snowballstemmer.stemmer, snowballstemmer.stemmer]:
    return snowballstemmer.stemmer("swedish"), snowballstemmer.stemmer("english")


_SV, _EN = _stemmers()


# Words Snowball makes into another word of another trade, kept whole: "sömnad" (sewing)
# would be "sömn" (sleep), though its inflections ("sömnaden", "sömnader") stem to "sömnad".
_KEPT_WHOLE = frozenset({"sömnad"})


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word's stem: the shorter of its Swedish and English Snowball stems (it unifies more
    inflections: "bagerier" → "bageri"). Cached for the process: every classifier (the
    sectors', the SNI reader's) and every start share it."""
    word = unicodedata.normalize("NFC", word.casefold())
    if word in _KEPT_WHOLE:
        return word
    return str(min(_SV.stemWord(word), _EN.stemWord(word), key=len))


_ENGLISH_KEEP_S = ("ss", "us", "is", "ous")


@functools.lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    """An English word without its inflection only: the plural ("bakeries" → "bakery",
    "coaches" → "coach", "farms" → "farm"), nothing else. Snowball's English stems also
    strip what makes another word of it, and join words of different meaning: "wellness" and
    "well", "development" and "developer", "apartment" and "apart", "animation" and
    "animal" — in English text every "well" was a wellness business. Accents go too: an
    English "café", "décor" or "crêperie" is the "cafe", "decor" or "creperie" of the
    lexicon."""
    word = fold(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(_ENGLISH_KEEP_S):
        return word[:-1]
    return word


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Värnamo" → "varnamo", "Småland" → "smaland",
    "café" → "cafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_bases(word: str) -> tuple[str, ...]:
    """The keywords an English -ing, -ed or -er form may come from, most likely first:
    "designing" → "design", "baked" → "bake", "shopping" → "shop", and the trade a doer
    does: "bookkeeper" → "bookkeeping", "caterer" → "catering", "baker" → "bake". Looked up
    only when the word itself is no keyword, so that "renovating" finds "renovate" without
    "wellness" finding "well"."""
    for ending in ("ing", "ed", "er"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            base = word[: -len(ending)]
            single = base[:-1] if len(base) > 2 and base[-1] == base[-2] else base
            if ending == "er":
                return (base + "ing", single + "ing", base, base + "e")
            return (base, base + "e", single)
    return ()


def stemmer_for(language: str | None) -> Callable[[str], str]:
    """How a language's words are stemmed: an English idea by its inflections only (and
    english_bases), a Swedish or mixed one by Snowball (Swedish compounds and endings)."""
    return english_stem if language == "en" else stem
