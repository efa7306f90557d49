"""What a word says about the business where it stands in the sentence: after a customer
preposition or whom the idea helps it says less, in the founder's background much less, and
right after what the founder opens, runs or is, more. The classifier (``expertise.py``)
multiplies each word's evidence by its factor."""

from __future__ import annotations

import re

# Words after "för", "till", "åt", "på", "hos" (for, to, at, on) name the customer, not the
# business ("SaaS för små verkstäder" is software; "solceller på lantbruk" is energy): they
# count for less. "för att" (in order to) is a purpose, not a customer.
CUSTOMER_WORDS = frozenset({"för", "till", "åt", "på", "hos", "for", "at", "on"})
# English "to" is mostly the infinitive ("I want to open a bakery"): it names a customer only
# after a verb of selling or delivering ("sell to cafés").
CUSTOMER_PAIRS = frozenset(
    (verb, "to")
    for verb in (
        "sell",
        "sells",
        "selling",
        "sold",
        "deliver",
        "delivers",
        "delivering",
        "delivered",
        "supply",
        "supplies",
        "supplying",
        "offer",
        "offers",
        "offering",
        "rent",
        "renting",
    )
)
WEIGHT_CUSTOMER = 0.5
# Whom or what a business carries are its passengers and cargo, not its trade: "vi ser fram
# mot att köra skolelever", "we transport horses", "vi fraktar möbler". Swedish "köra" also
# starts things ("köra igång ett café") or says what is done ("vi kör en pizzeria", "kör med
# ekologiskt"); those go on as written. English "drive" is left out: what follows it is as
# often the vehicle ("driving their vehicle without insurance", an auto body shop's
# customers) or a result ("drive sales").
CARRYING_WORDS = frozenset(
    {
        *("köra", "kör", "körde", "kört", "skjutsa", "skjutsar", "skjutsade", "frakta"),
        *("fraktar", "fraktade", "transportera", "transporterar", "transporterade"),
        *("transport", "transports", "transporting"),
        *("transported", "haul", "hauls", "hauling", "hauled", "ferry", "ferries"),
        *("ferrying", "ferried", "shuttle", "shuttles", "shuttling", "shuttled"),
    }
)
NOT_CARRIED = frozenset({"igång", "vidare", "på", "med", "en", "ett", "den", "det", "a", "an"})
# Idioms in which those prepositions name nobody: "till slut" (in the end), "till salu" (for
# sale), "på sikt" (in time), "hos oss" (at ours), "for example", "at first", "on our farm".
NOT_A_CUSTOMER = frozenset(
    {
        *(("till", "slut"), ("till", "sist"), ("till", "exempel"), ("till", "och")),
        *(("till", "salu"), ("till", "vardags"), ("för", "tillfället"), ("för", "närvarande")),
        *(("för", "övrigt"), ("på", "sikt"), ("på", "plats"), ("på", "riktigt")),
        *(("på", "nytt"), ("på", "grund"), ("hos", "oss"), ("hos", "mig")),
        *(("for", "example"), ("for", "instance"), ("for", "now"), ("for", "sale")),
        *(("at", "first"), ("at", "least"), ("at", "all"), ("at", "home"), ("at", "our")),
        *(("at", "my"), ("on", "our"), ("on", "my"), ("on", "top"), ("on", "site")),
    }
)
# What someone works on is the work, not a customer: "I don't work on Sport Utility Vehicles",
# "we work on boats" (a mechanic's, a boat repairer's trade).
WORKED_ON = frozenset({("work", "on"), ("works", "on")})
# "Vi på Gårdsbageriet", "we at Acme": the founders' own company, not a customer.
OWN_COMPANY = frozenset({"vi", "we", "oss", "us"})
# Whom the business helps are its customers ("an app that helps farmers plan the harvest",
# "vi hjälper restauranger att minska svinnet"); what it helps with is the trade ("I help
# with bookkeeping", "hjälper till med").
HELPING_WORDS = frozenset(
    {"help", "helps", "helping", "hjälper", "hjälpa", "hjälpte"}
    # "an app that enables pet owners to …", "lets families book …"
    | {"enable", "enables", "enabling", "allow", "allows", "allowing", "lets"}
)
HELPED_WITH = frozenset({"with", "med", "till", "to", "you", "dig", "er", "people"})
# The founder's background is not the business: "jag har jobbat som undersköterska i tio år,
# nu vill jag öppna ett bageri"; "my background is in IT, but I want to farm". Words after
# these weigh little until the clause turns ("nu", "men", "now", "but") or the sentence ends.
BACKGROUND_WORDS = frozenset(
    {
        "bakgrund",
        "tidigare",
        "pensionerad",
        "utbildad",
        "background",
        "previously",
        "former",
        "retired",
        # What the founder quit is their past: "I decided to quit teaching", "slutade som".
        "quit",
        "quitting",
        "slutade",
    }
)
BACKGROUND_PAIRS = frozenset(
    {
        ("jobbat", "som"),
        ("arbetat", "som"),
        ("jobbade", "som"),
        ("arbetade", "som"),
        ("jobbar", "som"),
        ("arbetar", "som"),
        # … and in a field: "har jobbat inom vården i tjugo år", like "worked in".
        *(("jobbat", "inom"), ("arbetat", "inom"), ("jobbade", "inom"), ("arbetade", "inom")),
        *(("jobbar", "inom"), ("arbetar", "inom")),
        ("worked", "as"),
        ("worked", "for"),
        ("worked", "in"),
        ("working", "in"),
        ("was", "in"),
        ("work", "as"),
        ("working", "as"),
        ("used", "to"),
        ("trained", "as"),
        ("left", "my"),
        ("leaving", "my"),
        # Where the founder (or the reader) has been is a place visited, not the business:
        # "have you ever been to an antique store or flea market and seen a cane chair?",
        # "I went to culinary school".
        ("been", "to"),
        ("went", "to"),
        # What someone once owned or ran is their past: "the driver once owned several
        # travel agencies that went bust".
        *(("once", "owned"), ("once", "ran"), ("once", "worked"), ("once", "had")),
        ("sa", "upp"),
        ("sade", "upp"),
        # What someone is paid in is a payment, not the business: "we ran around my dad's
        # shop and got paid in ice cream sandwiches", "fick betalt i glass".
        *(("paid", "in"), ("paid", "with"), ("betalt", "i"), ("betalt", "med")),
    }
)
# The founder's youth is background too: "när jag var tretton år bryggde jag …", "when I was
# a kid I baked with my grandmother".
BACKGROUND_TRIPLES = frozenset(
    {("när", "jag", "var"), ("när", "vi", "var"), ("when", "i", "was"), ("when", "we", "were")}
    # What the founder once wanted to be: "I wanted to be a psychiatrist".
    | {("wanted", "to", "be"), ("dreamed", "of", "being")}
    # What the founder did before: "från att ha drivit lantbruk öppnade han en verkstad".
    | {("från", "att", "ha")}
    # The circumstances then: "at the time, my husband owned a service station".
    | {("at", "the", "time"), ("på", "den", "tiden")}
)
# Where the founder buys things is a supplier, not the business: "I ordered all my supplies
# from an online store", "vi köper kaffet från ett rosteri". The few words after "from" a
# purchase weigh like background.
BUYING_WORDS = frozenset(
    {
        *("buy", "buys", "buying", "bought", "order", "ordered", "ordering"),
        *("purchase", "purchased", "purchasing", "source", "sourced", "sourcing"),
        *("köpa", "köper", "köpte", "köpt", "beställa", "beställer", "beställde", "beställt"),
    }
)
SUPPLIER_WORDS = frozenset({"from", "från"})
BUYING_REACH = 5  # words between the purchase and "from"
SUPPLIER_REACH = 4  # words after "from" that name the supplier
# What the business does without is not the business: "my speakers come without the retail
# markup", "we farmed without electricity", "still without power and broadband". The few
# words after "without" weigh like background. (Swedish "utan" is left out: after "inte"
# it names what the business is instead, "inte en butik utan en verkstad".)
ABSENT_WORDS = frozenset({"without"})
TURNING_WORDS = frozenset({"nu", "men", "now", "but", "instead", "istället", "därför"})
WEIGHT_BACKGROUND = 0.3
BACKGROUND_VERB = 3  # words after a background cue that still belong to it
# What the founder opens, starts or runs is the business: "I want to open a small bakery",
# "jag driver en frisörsalong", "I'm a freelance photographer". The few words after these
# weigh more, until the sentence ends.
OPENING_WORDS = frozenset(
    {
        *("open", "opened", "opening", "start", "started", "starting", "run", "runs"),
        *("running", "own", "owns", "launch", "launched", "launching"),
        *("öppna", "öppnar", "öppnat", "öppnade", "starta", "startar", "startat", "startade"),
        *("driva", "driver", "drivit", "drev", "äger"),
        *("reopen", "reopened", "reopening", "re-open", "re-opened", "re-opening"),
        *("founded", "co-founded", "operates", "operated", "grundade", "grundat", "grundades"),
        *("återöppna", "återöppnar", "återöppnat", "återöppnade"),
    }
)
# Words are split at apostrophes, so "I'm" is read as "I" "m".
OPENING_PAIRS = frozenset(
    {
        *(("i", "am"), ("i", "m"), ("we", "are"), ("jag", "är"), ("vi", "är"), ("set", "up")),
        *(("being", "a"), ("being", "an")),  # "being a charter guide is constant work"
        # What a firm specialises in: "a firm specializing in kitchen renovations",
        # "specialiserade på begravningsbinderier", "med inriktning på barn".
        *(("specializes", "in"), ("specialises", "in"), ("specializing", "in")),
        *(("specialising", "in"), ("specialized", "in"), ("specialised", "in")),
        *(("focuses", "on"), ("focused", "on"), ("specialiserat", "på"), ("specialiserad", "på")),
        *(("specialiserade", "på"), ("specialiserar", "sig"), ("inriktning", "på")),
        *(("inriktat", "på"), ("inriktad", "på"), ("fokuserar", "på"), ("fokus", "på")),
        # What the business is: "our business is a consignment shop", "företaget är en...".
        *(("business", "is"), ("company", "is"), ("företaget", "är"), ("firman", "är")),
        # What the idea is: "min idé är en app som …", "my idea is a mobile bakery".
        *(("idé", "är"), ("idén", "är"), ("idea", "is")),
        # Whose owner or founder someone is: "the owner of Rude Awakening Coffee House",
        # "grundaren av Bageriet", "ägare till en frisörsalong".
        *(("owner", "of"), ("owners", "of"), ("founder", "of"), ("co-founder", "of")),
        *(("ägare", "av"), ("ägare", "till"), ("ägaren", "av"), ("ägaren", "till")),
        *(("grundare", "av"), ("grundaren", "av"), ("grundare", "till")),
        # What the founder takes over: "ta över byns lanthandel", "took over the bakery".
        *(("ta", "över"), ("tar", "över"), ("tog", "över"), ("tagit", "över")),
        *(("take", "over"), ("takes", "over"), ("took", "over"), ("taking", "over")),
        # Who the founders are, said in passing: "for us as scarf wholesalers", "vi som
        # bönder" is rarer; "we as a family" names no trade and changes nothing.
        *(("us", "as"), ("we", "as")),
    }
)
WEIGHT_OPENING = 2.5
OPENING_REACH = 4
SENTENCE_END = re.compile(r"[.!?;\n]")  # where a sentence, and every cue in it, ends


def context_factors(text: str, found: list[re.Match[str]]) -> list[float]:
    """Per word, how much it says about the business: 1; WEIGHT_CUSTOMER once a customer
    preposition has been seen ("för att" does not count), whom the idea helps ("hjälper
    bönder") or what it carries ("köra skolelever"); WEIGHT_BACKGROUND after words that
    tell the founder's background ("jag har jobbat som snickare", "I used to work as a
    nurse", "när jag var tretton år") until the clause turns back to the plan ("nu", "men",
    "now", "but") — each until the sentence ends;
    WEIGHT_BACKGROUND too for the few words after "from" a purchase, which name a supplier
    ("I ordered my supplies from an online store"), and after "without" ("without the retail
    markup"); and WEIGHT_OPENING for the few words
    after what the founder opens, starts, runs or is, or what the idea is ("open a bakery",
    "jag driver en salong", "min idé är en app")."""
    words = [m.group().casefold() for m in found]
    out: list[float] = []
    customer = background = 1.0
    opening_left = supplier_left = 0
    background_at = bought_at = -len(words)
    for i, word in enumerate(words):
        if i and SENTENCE_END.search(text, found[i - 1].end(), found[i].start()):
            customer = background = 1.0
            opening_left = supplier_left = 0
            bought_at = -len(words)
        # The clause turns back to the plan at "nu", "men" … or at what the founder opens,
        # unless that verb is the background's own ("tidigare drev jag", "från att ha drivit").
        if word in TURNING_WORDS or (word in OPENING_WORDS and i - background_at > BACKGROUND_VERB):
            background = 1.0
        weight = min(customer, background)
        if supplier_left:
            weight = min(weight, WEIGHT_BACKGROUND)
            supplier_left -= 1
        if opening_left:
            weight *= WEIGHT_OPENING
            opening_left -= 1
        out.append(weight)
        following = words[i + 1] if i + 1 < len(words) else ""
        if (
            (
                word in CUSTOMER_WORDS
                and following != "att"
                and (word, following) not in NOT_A_CUSTOMER
                and (not i or words[i - 1] not in OWN_COMPANY)
                and (not i or (words[i - 1], word) not in OPENING_PAIRS | WORKED_ON)
            )
            or (i and (words[i - 1], word) in CUSTOMER_PAIRS)
            or (word in CARRYING_WORDS and following not in NOT_CARRIED)
            or (word in HELPING_WORDS and following not in HELPED_WITH)
        ):
            customer = WEIGHT_CUSTOMER
            opening_left = 0
        after = words[i + 2] if i + 2 < len(words) else ""
        if (
            word in BACKGROUND_WORDS
            or (word, following) in BACKGROUND_PAIRS
            or (word, following, after) in BACKGROUND_TRIPLES
        ):
            background = WEIGHT_BACKGROUND
            background_at = i
            opening_left = 0
        if word in BUYING_WORDS:
            bought_at = i
        elif (word in SUPPLIER_WORDS and i - bought_at <= BUYING_REACH) or word in ABSENT_WORDS:
            supplier_left = SUPPLIER_REACH
        if word in OPENING_WORDS:
            opening_left = OPENING_REACH
        elif (word, following) in OPENING_PAIRS:
            opening_left = OPENING_REACH + 1  # the pair's second word is the cue's own
    return out
