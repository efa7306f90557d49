"""The second reader of ideas, by meaning (Swedish ones through their words in English): the
model's sums, its files checked, the names' vectors cached, and how its reading joins the
lexicon's."""

from __future__ import annotations

import itertools
import logging
import shutil
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest

from bot.matching.encoder import ModelUnavailable, SentenceEncoder, installed_model
from bot.matching.expertise import ExpertiseClassifier
from bot.matching.semantic import (
    FLOOR,
    IdeaMeaning,
    SemanticMatch,
    VectorCache,
    combine,
    references,
)
from bot.matching.sni import SniReader, read_sectors, suggest_code


@pytest.fixture(scope="module")
def model_dir() -> Path:
    found = installed_model()
    assert found is not None, "the model is installed by `make install` (requirements/model.txt)"
    return found


@pytest.fixture(scope="module")
def encoder(model_dir: Path) -> SentenceEncoder:
    return SentenceEncoder(model_dir)


@pytest.fixture(scope="module")
def meaning(model_dir: Path) -> IdeaMeaning:
    return IdeaMeaning(model_dir)


def test_the_encoder_gives_the_reference_implementations_vectors(encoder: SentenceEncoder) -> None:
    """The first dimensions and the similarities sentence-transformers 6.3 gives for the same
    texts with the same model (computed once beside this test, outside the project)."""
    texts = [
        "We fix bikes in our garage.",
        "A sourdough bakery that delivers bread to cafés.",
        "bicycle repair",
    ]
    first = [
        [0.01091, 0.06507, -0.00374, 0.01187, -0.02043, -0.01646],
        [0.00824, 0.01646, 0.01248, -0.01422, -0.03144, -0.03708],
        [0.01588, 0.04143, -0.01232, -0.00044, 0.01053, 0.00978],
    ]
    vectors = encoder.embed(texts)
    assert vectors.shape == (3, 768)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[:, :6], first, atol=1e-4)
    similarity = vectors @ vectors.T
    assert similarity[0, 2] == pytest.approx(0.64363, abs=1e-4)  # the bikes are a repair
    assert similarity[0, 1] == pytest.approx(0.25685, abs=1e-4)
    # Past the model's 384 word pieces nothing is read (the relative positions' farthest
    # buckets and the truncation both as the reference has them).
    long = encoder.embed(["Hello " * 500])[0]
    assert np.allclose(long[:4], [0.01511, -0.026, -0.0072, -0.02186], atol=1e-4)


def test_texts_are_embedded_alike_alone_or_in_a_batch(
    encoder: SentenceEncoder, tmp_path: Path
) -> None:
    """Padding in a batch changes nothing: a short text beside a long one is the same vector."""
    short, long = "bakery", "We run a small bakery and café with sourdough bread. " * 30
    alone = encoder.embed([short])[0]
    together = encoder.embed([long, short])
    assert np.allclose(alone, together[1], atol=1e-5)
    assert encoder.embed([]).shape == (0, 768)
    # No names, no vectors, but of the model's width all the same.
    assert VectorCache(tmp_path).vectors([], encoder).shape == (0, encoder.dimensions)


def test_model_files_that_are_not_the_published_ones_are_refused(
    model_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(model_dir / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 1024)
    with pytest.raises(ModelUnavailable, match="not the published"):
        SentenceEncoder(tmp_path)
    # The product reads by the lexicon alone then, and says so once.
    caplog.set_level(logging.WARNING, logger="bot.matching.semantic")
    fallback = IdeaMeaning(tmp_path, cache_dir=tmp_path / "cache")
    idea = "I am going to drive people to the airport in my own van."
    assert fallback(idea, ["manufacturing"]) == ["manufacturing"]
    assert fallback(idea, ["manufacturing"]) == ["manufacturing"]
    assert [r.getMessage() for r in caplog.records].count(
        "ideas are read by their words only: "
        f"{tmp_path / 'model.safetensors'} is not the published "
        "sentence-transformers/all-mpnet-base-v2@e8c3b32edf5434bc2275fc9bab85f82640a19130"
    ) == 1


def test_a_missing_model_leaves_the_lexicons_reading(tmp_path: Path) -> None:
    missing = IdeaMeaning(tmp_path / "nowhere", cache_dir=tmp_path)
    assert missing("We fix bikes and sell used bicycles.", []) == []


def test_an_idea_the_lexicon_misreads_is_read_by_its_meaning(meaning: IdeaMeaning) -> None:
    """No word of the sector lexicon, and "drive" and "van" point the SNI names to a maker
    of drive parts and a driving school; the idea means a transport service."""
    c, sni = ExpertiseClassifier(), SniReader()
    idea = "I am going to drive people to the airport in my own van."
    assert read_sectors(c, sni, idea)[0] == "manufacturing"
    assert read_sectors(c, sni, idea, meaning)[0] == "transport_logistics"
    reader = meaning.reader()
    assert reader is not None
    best = reader.read(idea)[0]
    assert best.sector == "transport_logistics" and len(best.like) == 3


def test_a_clear_reading_of_the_lexicon_stays_first(meaning: IdeaMeaning) -> None:
    c, sni = ExpertiseClassifier(), SniReader()
    for idea, sector in (
        (
            "I want to open a sourdough bakery with a small café in the old station.",
            "food_beverage",
        ),
        ("We build websites and apps for small shops.", "digital_tech"),
        ("I want to rent out kayaks and canoes by the lake in summer.", "tourism_hospitality"),
    ):
        assert read_sectors(c, sni, idea, meaning)[0] == sector, idea


def test_a_swedish_idea_is_read_by_its_words_in_english(meaning: IdeaMeaning) -> None:
    """The model reads English: a Swedish idea is read through its words in English
    (gloss.py). A hostel building a house for its guests is read by the lexicon as building;
    its meaning is the hostel."""
    c, sni = ExpertiseClassifier(), SniReader()
    idea = (
        "Vi bygger ett nytt hus med fler rum till vårt vandrarhem, så att gästerna får eget badrum."
    )
    assert read_sectors(c, sni, idea)[0] == "construction_property"
    assert read_sectors(c, sni, idea, meaning)[:2] == [
        "tourism_hospitality",
        "construction_property",
    ]


def test_an_idea_too_short_to_tell_its_language_is_not_read_by_the_model(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An idea whose language its words do not tell keeps the lexicon's reading, and the
    model is not even looked for (a missing model says nothing in the log)."""
    never = IdeaMeaning(tmp_path / "nowhere", cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING):
        assert never("Bageri i Värnamo", ["food_beverage"]) == ["food_beverage"]
    assert not caplog.records
    # A Swedish idea is read by the model, whose absence is said (and the lexicon's reading kept).
    with caplog.at_level(logging.WARNING):
        idea = "Jag vill starta ett bageri med surdegsbröd i Värnamo och sälja till kaféer."
        assert never(idea, ["food_beverage"]) == ["food_beverage"]
    assert "ideas are read by their words only" in caplog.text


def test_vague_english_gets_no_sector_from_meaning_alone(meaning: IdeaMeaning) -> None:
    """Words of any idea ("start my own business", "funding for my startup") lie about as
    near some trade's names as a real idea's words do; with nothing the lexicon read, they
    name no sector."""
    reader = meaning.reader()
    assert reader is not None
    for vague in (
        "I want to start my own business and I would like some help with it.",
        "Can you help me with funding for my startup? I have a good idea.",
        "I have an idea and I want to start a company with my friend.",
    ):
        assert reader.read(vague)[0].score < FLOOR, vague
        assert meaning(vague, []) == [], vague


def test_combine_joins_the_two_readings() -> None:
    near = [
        SemanticMatch("transport_logistics", 0.62, ("taxi",)),
        SemanticMatch("manufacturing", 0.50, ("van maker",)),
        SemanticMatch("education_training", 0.40, ("driving school",)),
    ]
    # A sector far nearer in meaning leads, though the lexicon did not read it.
    assert combine(["manufacturing", "education_training"], near) == [
        "transport_logistics",
        "manufacturing",
        "education_training",
    ]
    # The lexicon's first reading keeps its place when the meaning is about as near.
    close = [SemanticMatch("transport_logistics", 0.55, ()), *near[1:]]
    assert combine(["manufacturing"], close) == ["manufacturing", "transport_logistics"]
    # No meaning (an idea too short to tell its language): the lexicon's reading as it is.
    assert combine(["food_beverage", "retail_ecommerce"], []) == [
        "food_beverage",
        "retail_ecommerce",
    ]
    # Nothing read by the lexicon: the nearest sector alone, if near enough.
    assert combine([], near) == ["transport_logistics"]
    assert combine([], [SemanticMatch("digital_tech", FLOOR - 0.01, ())]) == []


def test_the_names_are_the_projects_vocabulary() -> None:
    refs = references()
    texts = {(r.text, r.sector) for r in refs}
    assert len(texts) == len(refs)  # each once
    # A NACE Rev. 2.1 class name (all its SNI codes in one sector), a word of the lexicon
    # and an everyday name of a trade; a NACE class whose codes lie in several sectors is not
    # one of them.
    assert ("Non-scheduled passenger transport by road", "transport_logistics") in texts
    assert ("bicycle repair", "transport_logistics") in texts
    assert ("sourdough", "food_beverage") in texts
    assert not any(t.startswith("Other building and industrial cleaning") for t, _ in texts)


def test_other_classifications_name_the_same_trades_in_their_words() -> None:
    """NAICS's, Japan's, India's … names of their most detailed activities, each with the
    sector of the NACE Rev. 2.1 classes its concordances take it to; a name whose classes lie
    in several sectors, or a wholesaler's (goods, not a trade), is none of them."""
    texts = {(r.text, r.sector) for r in references()}
    assert ("Soap and Other Detergent Manufacturing", "manufacturing") in texts
    assert ("Taxi and Ridesharing Services", "transport_logistics") in texts
    assert not any(t.startswith("Paint, Varnish, and Supplies Merchant") for t, _ in texts)
    # The same words in other capitals are one name.
    folded = [(t.casefold(), s) for t, s in texts]
    assert len(folded) == len(set(folded))


def test_an_idea_read_by_other_countries_names_for_its_trade(meaning: IdeaMeaning) -> None:
    """The word soap is a gift-shop and craft word in the lexicon; NAICS's soap manufacturing and
    Korea's and Japan's soap makers tell the meaning reader it is a maker's trade."""
    c, sni = ExpertiseClassifier(), SniReader()
    idea = "I want to make my own liquid soap and shampoo bars and sell them online."
    assert read_sectors(c, sni, idea)[0] == "creative_culture"
    assert read_sectors(c, sni, idea, meaning)[0] == "manufacturing"


class _CountingEncoder:
    """Counts the texts it is asked to embed (the cache's only use of an encoder)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.asked += texts
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_names_vectors_are_computed_once_and_kept(tmp_path: Path) -> None:
    first = _CountingEncoder()
    vectors = VectorCache(tmp_path).vectors(["taxi", "bakery"], first)  # type: ignore[arg-type]
    assert first.asked == ["taxi", "bakery"] and vectors[1].tolist() == [6.0, 1.0]
    # Another process, later: only the new name is computed.
    second = _CountingEncoder()
    again = VectorCache(tmp_path).vectors(["bakery", "taxi", "florist"], second)  # type: ignore[arg-type]
    assert second.asked == ["florist"]
    assert again.tolist() == [[6.0, 1.0], [4.0, 1.0], [7.0, 1.0]]
    # A damaged cache file is computed again, not an error.
    VectorCache(tmp_path).path.write_bytes(b"not a cache")
    third = _CountingEncoder()
    VectorCache(tmp_path).vectors(["taxi"], third)  # type: ignore[arg-type]
    assert third.asked == ["taxi"]


def test_the_sni_code_comes_from_meaning_when_the_words_name_none_in_the_sector(
    meaning: IdeaMeaning,
) -> None:
    """The SNI tip a founder gets: the code the words name in the confirmed sector stays;
    when they name none there (or none at all), the code whose names lie nearest in meaning."""
    sni = SniReader()
    herbs = "We will grow microgreens and herbs indoors and sell them to restaurants."
    assert suggest_code(sni, herbs, "agriculture_forestry") == ("56110", "Restaurangverksamhet")
    assert suggest_code(sni, herbs, "agriculture_forestry", meaning.code) == (
        "01280",
        "Odling av kryddväxter, drog- och medicinalväxter",
    )
    # In the SNI names "plan" is a sawmill's word (planing), and nothing names the dresses.
    dresses = "We plan to rent out wedding dresses and suits for parties."
    assert suggest_code(sni, dresses, "business_services") == ("16111", "Sågning av trä")
    assert suggest_code(sni, dresses, "business_services", meaning.code) == (
        "77220",
        "Uthyrning och leasing av andra hushållsartiklar och varor för personligt bruk",
    )
    bakery = "I want to open a sourdough bakery with a café in the old station."
    assert suggest_code(sni, bakery, "food_beverage", meaning.code) == suggest_code(
        sni, bakery, "food_beverage"
    )
    # A Swedish idea keeps the words' code.
    swedish = "Vi ska odla mikrogrönt och örter inomhus och sälja till restauranger."
    assert suggest_code(sni, swedish, "agriculture_forestry", meaning.code) == suggest_code(
        sni, swedish, "agriculture_forestry"
    )


def test_names_vectors_are_computed_anyway_where_no_cache_can_be_written(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A service user without a writable cache directory still gets the reader, computed
    for its own process, and a warning."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    encoder = _CountingEncoder()
    with caplog.at_level(logging.WARNING, logger="bot.matching.semantic"):
        vectors = VectorCache(blocked / "spbot").vectors(["taxi"], encoder)  # type: ignore[arg-type]
    assert vectors.tolist() == [[4.0, 1.0]] and encoder.asked == ["taxi"]
    assert any("not cached" in r.getMessage() for r in caplog.records)


def _zip_in_parts(directory: Path) -> list[Path]:
    """A small stand-in for the model packages' zip, cut in five as they cut it."""
    from bot.matching import encoder

    whole = directory / "model.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        for name in encoder.DIGESTS:
            archive.writestr(encoder.MODEL_IN_ZIP + name, f"{name} " * 5000)
    data = whole.read_bytes()
    cuts = [0, 7, len(data) // 3, len(data) // 2, len(data) - 3, len(data)]
    parts = []
    for n, (a, b) in enumerate(itertools.pairwise(cuts)):
        parts.append(directory / f"part{n}")
        parts[-1].write_bytes(data[a:b])
    return parts


def test_the_model_is_unpacked_from_its_parts_once(tmp_path: Path) -> None:
    """The packages hold a zip of the model's directory cut in five; it is read across the
    cuts and unpacked into the cache, and a later process finds it there."""
    from bot.matching import encoder

    parts = _zip_in_parts(tmp_path)
    target = tmp_path / "cache" / "model"
    target.parent.mkdir()
    encoder._unpack(parts, target)
    for name in encoder.DIGESTS:
        assert (target / name).read_text() == f"{name} " * 5000
    # Files that are not the published ones are refused all the same.
    with pytest.raises(ModelUnavailable, match="not the published"):
        encoder.check_files(target)


def test_a_cache_that_cannot_be_written_unpacks_the_model_into_the_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service user without a home still reads ideas by their meaning: the model goes to
    the system's temporary directory; with nowhere to write, the words only."""
    from bot.matching import encoder

    parts = _zip_in_parts(tmp_path)
    monkeypatch.setattr(encoder, "_parts", lambda: parts)
    (tmp_path / "a-file").write_text("not a directory")
    unwritable = tmp_path / "a-file" / "cache"
    monkeypatch.setattr(encoder.tempfile, "gettempdir", lambda: str(tmp_path / "systmp"))
    found = installed_model(unwritable)
    assert found is not None and found.parent == tmp_path / "systmp"
    assert all((found / name).is_file() for name in encoder.DIGESTS)
    monkeypatch.setattr(encoder.tempfile, "gettempdir", lambda: str(tmp_path / "a-file"))
    with pytest.raises(ModelUnavailable, match="could not be unpacked"):
        installed_model(unwritable)


def test_without_the_model_packages_there_is_no_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.matching import encoder

    monkeypatch.setattr(encoder, "MODEL_PARTS", ("spbot-no-such-package-001",))
    assert installed_model(tmp_path) is None


def test_ideas_are_read_by_their_words_while_the_model_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's first start computes the names' vectors for minutes: a founder's idea in
    the meantime gets the lexicon's reading at once, not a wait."""
    from bot.matching import semantic

    loading, done = threading.Event(), threading.Event()

    def slow(directory: Path, cache_dir: Path | None) -> None:
        loading.set()
        done.wait(10)

    monkeypatch.setattr(semantic, "_loaded", slow)
    meaning = IdeaMeaning(tmp_path, cache_dir=tmp_path)
    warm = threading.Thread(target=meaning.reader)
    warm.start()
    assert loading.wait(10)
    idea = "I am going to drive people to the airport in my own van."
    assert meaning(idea, ["manufacturing"]) == ["manufacturing"]
    assert meaning.code(idea, "transport_logistics") is None
    done.set()
    warm.join(10)
