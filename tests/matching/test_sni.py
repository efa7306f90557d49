"""Idea → the SNI 2025 code a founder will likely register under: within the confirmed
sector first, every code in the data file real and named as SCB names it."""

from __future__ import annotations

import re

from bot.datafiles.taxonomy import load_taxonomy
from bot.matching.sni import SniReader, load_sni


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
