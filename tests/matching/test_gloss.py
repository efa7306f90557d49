"""A Swedish idea's words in English, for the meaning reader (bot/matching/gloss.py)."""

from __future__ import annotations

from bot.matching.gloss import english_of, glossary, in_english


def test_a_swedish_idea_comes_out_as_its_things_in_english() -> None:
    """Function words and everyday words are left out, the rest given its first English
    translation, a name of a place kept as written."""
    assert in_english("Jag vill öppna en cykelverkstad i Värnamo.") == (
        "open bicycle shop in Värnamo"
    )
    assert in_english("Vi rostar kaffebönor och säljer kaffet till kaféer i Eksjö.") == (
        "rust coffee bean sell coffee café in Eksjö"
    )


def test_inflected_words_are_read_by_their_lemma() -> None:
    assert english_of("frisörerna") == "hairdresser"
    assert english_of("bagerier") == "baker's"


def test_a_compound_the_dictionary_lacks_is_read_by_its_parts() -> None:
    common, _ = glossary()
    assert "kaffebönor" not in common and "kaffeböna" not in common
    assert english_of("kaffebönor") == "coffee bean"
    # Both parts must be known: "xyz" is no word, so "xyzmat" is not "… food".
    assert english_of("xyzmat") is None


def test_a_word_in_lower_case_is_never_taken_for_a_name_or_an_abbreviation() -> None:
    assert english_of("LRF") == "the Federation of Swedish Farmers"
    assert english_of("lrf") is None


def test_words_the_dictionary_does_not_know_are_kept_as_written() -> None:
    assert in_english("Hunddagis i Gislaved") == "Hunddagis in Gislaved"
    assert in_english("") == ""


def test_a_capitalised_word_inside_a_sentence_is_a_name_and_kept_whole() -> None:
    """A surname is no compound ("Hedblom" is not "hed" and "blom", a moor flower), nor is a
    place; at the start of a sentence a capital tells nothing, and a compound is read."""
    assert (
        in_english("Hon heter Moa Hedblom och bor i Vetlanda.")
        == "she be called Moa Hedblom nest in Vetlanda"
    )
    assert in_english("Kaffebönor rostar vi här.") == "coffee bean rust"
