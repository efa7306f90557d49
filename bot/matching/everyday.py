"""Words that are evidence of no trade: everyday words and phrases in either language, "it"
unless written "IT", places the founder names and streets."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable

from bot.datafiles.gazetteer import load_gazetteer
from bot.matching.lexicon import everyday_words_sv
from bot.matching.words import WORD

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
        # "El Cid" or a police CID is no cider (Snowball cuts "cider" to "cid").
        "cid",
        # Being productive is no production: "productivity", "counterproductive".
        *("productive", "productively", "productivity", "unproductive", "counterproductive"),
        # A "souped-up" car is tuned, not soup: "souped up Camrys rolled out of our garage".
        *("souped", "souped-up"),
        # Read in a sentence among the 13,000 most frequent English words: a "chartered"
        # accountant or surveyor hires no boats, a "red-haired" daughter is no hair salon, and
        # a business "financed" by a bank loan is no finance firm.
        *("chartered", "haired", "financed"),
        # A staffer is someone's employee, not a staffing agency.
        *("staffer", "staffers"),
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
    # An extension cord is a thing in a drawer, not a house extension: "copper scrap from old
    # extension cords".
    *("extension cord", "extension cords", "extension lead", "extension leads"),
    *("designed to", "integration with", "integrations with"),
    # A shop in an idiom sells nothing: "I set up shop in my garage", "newspapers are
    # folding up shop", "shut up shop".
    *("set up shop", "sets up shop", "setting up shop", "folding up shop", "fold up shop"),
    *("shut up shop", "shutting up shop", "close up shop", "closing up shop", "closed up shop"),
    # A jar's name, not a trade: "soy candles in mason jars".
    *("mason jar", "mason jars"),
    # Going to school is being a pupil, not running one: "hustling 2 middle schoolers to
    # school, swimming, track and soccer", "home from school".
    *("to school", "from school"),
    # A "cottage industry" or "cottage business" is any small home business, not a holiday
    # cottage.
    *("cottage industry", "cottage industries", "cottage business", "cottage businesses"),
    # A drink poured is no distillery: "poured my father a gin and tonic".
    *("gin and tonic", "gin and tonics", "gin tonic"),
    # "as a last resort" is no holiday resort.
    *("last resort", "last resorts"),
    # A shop "of bricks and mortar" is a physical shop, not a brickworks or a mason's.
    *("brick and mortar", "bricks and mortar", "brick-and-mortar", "bricks-and-mortar"),
    # A fare paid is a trip taken, not a bus company: "it all started with a backpack full
    # of scarves and a £1.20 bus fare".
    *("bus fare", "bus fares", "train fare", "train fares", "taxi fare", "taxi fares"),
    # A fee charged for cleaning is a rental's or a stay's, not a cleaning company's trade:
    # "a pet cleaning fee as determined by our cleaners" (a cabin's house rules).
    *("cleaning fee", "cleaning fees"),
    # Goods "i lager" or "på lager" are in stock, a shop's words, not a warehouse's trade:
    # "vi har alla storlekar i lager" ("lager" stems to "lag", so "i lag" is everyday too).
    *("i lager", "på lager"),
    # A grain in a metal, a wood or a saying is no grain farm: "refines the grain structure"
    # (a heat treater), "wood grain", "against the grain", "a grain of salt".
    *("grain structure", "wood grain", "against the grain", "grain of salt"),
)
# A street's name is a place, not a trade: "Verkstadsgatan", "Skogsvägen", "Stortorget".
STREET_ENDINGS = (
    *("gatan", "vägen", "torget", "gränd", "gränden", "stigen", "backen", "allén", "leden"),
    *("platsen", "gärdet", "street", "road", "avenue", "lane"),
)
# Words that count only as written: "IT" is the trade, "it" a pronoun.
CASE_SENSITIVE = {"it": "IT"}


@functools.cache
def everyday_phrases(
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


def is_place(word: str) -> bool:
    """A capitalised word that is a known place or a street's name."""
    if not word[:1].isupper():
        return False
    folded = word.casefold()
    return folded in place_names() or (
        folded.endswith(STREET_ENDINGS) and len(folded) > 6 and folded not in STREET_ENDINGS
    )


def is_everyday(word: str, language: str | None, shouted: bool = False) -> bool:
    """A word that is evidence of nothing: everyday words whose stem meets a keyword in the
    other language ("take" stems to Swedish "tak", a roof), "it" unless written "IT" in a
    text that is not all capitals (``shouted``: "IT IS A BAKERY"), and in Swedish (or mixed)
    text the everyday Swedish words of ``everyday_words_sv.txt``."""
    folded = word.casefold()
    if folded in CASE_SENSITIVE:
        return shouted or word != CASE_SENSITIVE[folded]
    return folded in EVERYDAY_WORDS or (language != "en" and folded in everyday_words_sv())
