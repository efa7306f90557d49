"""Idea → the SNI 2025 code a founder will likely register under: within the confirmed
sector first, every code in the data file real and named as SCB names it."""

from __future__ import annotations

import re

from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.expertise import ExpertiseClassifier
from bot.matching.sni import (
    SniReader,
    load_nace,
    load_names,
    load_sni,
    name_lexicon,
    read_sectors,
    sector_of,
)


def test_a_bakery_a_hairdresser_and_a_home_cleaner() -> None:
    reader = SniReader()
    bakery = reader.suggest("Ett surdegsbageri som levererar bröd till kaféer.", "food_beverage")
    assert bakery is not None and bakery.code == "10710" and "surdegsbageri" in bakery.triggers
    hair = reader.suggest("Jag öppnar en frisörsalong med barberare i Tranås.", None)
    assert hair is not None and hair.display == "96210 Frisörer och barberare"
    cleaning = reader.suggest("Hemstädning med RUT för familjer i Nässjö.", "business_services")
    assert cleaning is not None and cleaning.code == "96910"


def test_the_confirmed_sector_goes_first() -> None:
    reader = SniReader()
    text = "Ett kafé med egen kafferostning och försäljning av kaffebönor."
    as_food = reader.suggest(text, "food_beverage")
    assert as_food is not None and as_food.sector == "food_beverage"
    assert reader.suggest("Zxqv plorf wibble.", "food_beverage") is None


def test_every_code_is_a_five_digit_code_with_a_sector_of_the_taxonomy() -> None:
    codes, words = load_sni()
    sectors = set(load_taxonomy().sectors)
    assert len(codes) >= 90
    for code, entry in codes.items():
        assert re.fullmatch(r"\d{5}", code), code
        assert entry.name and entry.sector in sectors, code
        assert words[code]["sv"] and words[code]["en"], code


def test_a_trade_the_curated_list_lacks_is_read_by_its_sni_2025_name() -> None:
    """The whole classification (835 detail codes) by the specific words of SCB's names: a
    golf course, a funeral director, a chimney sweep, a painting firm get their code and its
    sector, and the idea a sector when the sector lexicon finds none."""
    reader = SniReader()
    for idea, code, sector in (
        ("Jag vill driva en golfbana i Vaggeryd.", "93112", "tourism_hospitality"),
        ("Jag vill starta en begravningsbyrå i Eksjö.", "96300", "business_services"),
        ("Jag ska bli skorstensfejare.", "81222", "construction_property"),
        ("Jag startar en målerifirma.", "43341", "construction_property"),
        ("Jag vill odla svamp i en gammal ladugård.", "01135", "agriculture_forestry"),
    ):
        found = reader.suggest(idea)
        assert found is not None and (found.code, found.sector) == (code, sector), idea
        assert found.name == load_names()[code]
    classifier = ExpertiseClassifier()
    idea = "Jag vill driva en golfbana i Vaggeryd."
    assert read_sectors(classifier, reader, idea)[:1] == (
        classifier.classify(idea).sector_ids[:1] or ["tourism_hospitality"]
    )


def test_words_many_sni_names_share_are_no_evidence() -> None:
    """'Tillverkning', 'detaljhandel', 'motorfordon' name hundreds of trades: an idea is not
    read as one of them by such a word."""
    lexicon = name_lexicon(load_names())
    words = {w for entry in lexicon.values() for w in entry["sv"]}
    assert {"tillverkning", "detaljhandel", "motorfordon", "verksamhet"}.isdisjoint(words)
    assert SniReader().suggest("Tillverkning, partihandel och detaljhandel via internet.") is None


def test_the_full_list_is_sni_2025_as_scb_names_it() -> None:
    names = load_names()
    assert len(names) == 835 and all(re.fullmatch(r"\d{5}", c) for c in names)
    codes, _ = load_sni()
    assert all(names[c] == entry.name for c, entry in codes.items()), "curated names agree"
    sectors = set(load_taxonomy().sectors)
    assert {sector_of(c) for c in names} - {None} <= sectors
    assert sector_of("84110") is None and sector_of("93130") == "health_life_science"


def test_an_english_idea_is_read_by_the_english_names_of_nace() -> None:
    """SCB's names are Swedish; NACE Rev. 2.1, which SNI 2025 refines, names the same classes
    in English. A trade the curated list lacks, told in English, gets its code and sector."""
    reader = SniReader()
    for idea, code, sector in (
        ("We want to raise sheep and goats on our farm.", "01450", "agriculture_forestry"),
        ("I want to open a funeral parlour.", "96300", "business_services"),
        ("I will open a museum of old toys.", "91210", "creative_culture"),
    ):
        found = reader.suggest(idea)
        assert found is not None and (found.code, found.sector) == (code, sector), idea
    without = SniReader(nace=None)
    assert without.suggest("I want to open a funeral parlour.") is None


def test_nace_names_every_class_of_sni_2025_and_its_shared_words_are_no_evidence() -> None:
    classes = load_nace()
    assert len(classes) == 651 and all(re.fullmatch(r"\d{4}", c) for c in classes)
    assert {code[:4] for code in load_names()} == set(classes)
    assert classes["9621"] == "Hairdressing and barber activities"
    lexicon = name_lexicon(load_names(), classes)
    english = {w for entry in lexicon.values() for w in entry["en"]}
    assert {"manufacture", "retail", "wholesale", "activities", "repair"}.isdisjoint(english)
    assert "hairdressing" in lexicon["96210"]["en"]


def test_selling_is_no_property_dealing() -> None:
    """ "Buying and selling of own real estate" (NACE 68.11) made every idea that sells
    something a property dealer when the sector lexicon had no word for it: "we sell used
    books online" was read as construction and property first. Trading verbs say how, not
    what; the books are what is sold."""
    reader = SniReader()
    assert reader.sectors("We sell used books online.")[0] == "retail_ecommerce"
    lexicon = name_lexicon(load_names(), load_nace())
    assert {"buying", "selling"}.isdisjoint(lexicon["68110"]["en"])


def test_words_that_say_how_or_for_whom_and_everyday_stems_are_no_code() -> None:
    """SCB's names say "sjötrafik över hav", "för egen räkning", "mobil restaurangverksamhet",
    "med undantag för … verk": read as evidence, a founder taking over dad's workshop got sea
    traffic and paper mills, one starting a firm of her own securities trading, one who
    "verkligen" wants to start leasing of intellectual property, and a charcuterie that takes
    over its factory (news_sv_eighth) the tip of a passenger ferry. Such words, and the name
    words whose stems are everyday Swedish, name no code; the trades' own words still do."""
    reader = SniReader()
    for idea, wrong in (
        ("Vi tar över pappas verkstad.", {"50101", "50201", "17129"}),
        ("Jag vill starta en egen firma som hjälper folk.", {"64993"}),
        ("Jag vill verkligen starta något eget.", {"77400", "98100"}),
        ("Hemgården tar över fabriken och köper fastigheten.", {"50101", "50102"}),
        ("Vi säljer mobilskal och tillbehör.", {"56120"}),
        # Names are read by their words, not near spellings: "previous" is no "precious".
        ("My previous job was in a bank.", {"24410"}),
    ):
        assert wrong.isdisjoint(c.code for c in reader.candidates(idea)), idea
    lexicon = name_lexicon(load_names())
    assert "över" not in lexicon["50101"]["sv"] and "egen" not in lexicon["64993"]["sv"]
    assert "verk" not in lexicon["77400"]["sv"] and "massa" not in lexicon["17110"]["sv"]
    for idea, code in (
        ("Jag vill starta en massatillverkning.", "17110"),
        ("Jag vill odla svamp i en gammal ladugård.", "01135"),
        ("Jag vill göra cider av äpplen från gården.", "11030"),
        ("Vi vill prägla mynt.", "32110"),
    ):
        found = reader.suggest(idea)
        assert found is not None and found.code == code, idea


def test_scbs_names_order_a_swedish_ideas_close_readings() -> None:
    """A Swedish idea has no reader by meaning; SCB's names are its second reader. A farm and
    a cottage rental tie by the lexicon's words, and SCB names "Stug- och rumsuthyrning": the
    rental leads, the farm second. The names add no sector the lexicon did not read, and an
    English idea keeps the lexicon's order (the meaning reader joins it instead)."""
    classifier, reader = ExpertiseClassifier(), SniReader()
    idea = "Vi har en gård med stuguthyrning."
    assert classifier.classify(idea).sector_ids == ["agriculture_forestry", "tourism_hospitality"]
    assert read_sectors(classifier, reader, idea) == [
        "tourism_hospitality",
        "agriculture_forestry",
    ]
    assert reader.name_sectors(idea) == {"tourism_hospitality": 1.0}
    clear = "Vi driver en hästgård med ridskola."
    assert read_sectors(classifier, reader, clear) == classifier.classify(clear).sector_ids
    english = "We have a farm with cottage rentals."
    assert read_sectors(classifier, reader, english) == classifier.classify(english).sector_ids
