"""Step 6b: spelling correction ("did you mean") against the index's own words and the lexicon."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ipsearch
from ipsearch import SearchIndex
from ipsearch.schema import FACET_FIELDS, TEXT_FIELDS, build_schema
from ipsearch.analysis import fold
from ipsearch.suggest import _WORD_RUN, SPELLING_FIELD, Speller, is_english_word, spelling_words

from .conftest import CAS_PROTOCOL, CENTRAL_ASIA, KAZAKHSTAN_VISIT, KIPO_MEETING, MONGOLIA_RUSSIA, whoosh_searcher


@pytest.fixture()
def speller(default_index: Path) -> Iterator[Speller]:
    with whoosh_searcher(default_index) as s:
        yield Speller(s.reader(), TEXT_FIELDS, FACET_FIELDS)


@pytest.mark.parametrize(
    ("typed", "fixed", "top"),
    [
        ("Kazakstan", "Kazakhstan", KAZAKHSTAN_VISIT),
        ("Kazahkstan", "Kazakhstan", KAZAKHSTAN_VISIT),  # a transposition
        ("Rospatnt", "Rospatent", MONGOLIA_RUSSIA),
        ("memorandom", "memorandum", KAZAKHSTAN_VISIT),
        ("Kazakstan memorandom", "Kazakhstan memorandum", KAZAKHSTAN_VISIT),
        ("Vladivostock", "Vladivostok", MONGOLIA_RUSSIA),
        ("Kirgizstan", "Kyrgyzstan", CENTRAL_ASIA),  # two edits in a long word
        ("Abdreeva", "Abdreyeva", CENTRAL_ASIA),
        ("protocal", "protocol", CAS_PROTOCOL),
    ],
)
def test_a_misspelled_query_that_finds_nothing_searches_the_correction(
    ix: SearchIndex, typed: str, fixed: str, top: str
) -> None:
    assert ix.search(typed, autocorrect=False).total == 0
    results = ix.search(typed)
    assert results.suggestion == fixed and results.corrected
    assert results.query == typed
    assert results.hits[0].id == top


@pytest.mark.parametrize(
    ("typed", "fixed", "top"),
    [
        ("Changyu Shenn", "Changyu Shen", KAZAKHSTAN_VISIT),
        ("CNIPA KIPPO", "CNIPA KIPO", KIPO_MEETING),
        ("Shne Changyu", "Shen Changyu", KAZAKHSTAN_VISIT),  # a transposition in a short word
        ("intelectual property", "intellectual property", None),
    ],
)
def test_a_misspelled_query_with_hits_runs_as_typed_and_suggests(
    ix: SearchIndex, typed: str, fixed: str, top: str | None
) -> None:
    results = ix.search(typed)
    assert results.suggestion == fixed and not results.corrected
    assert results.total > 0 and results.query == typed
    assert [h.id for h in results.hits] == [h.id for h in ix.search(typed, autocorrect=False).hits]
    if top is not None:
        assert results.hits[0].id == top


@pytest.mark.parametrize(
    "query",
    [
        "Kazakhstan memorandum", "Shen Changyu", "Rospatent", "heads meeting", "delegations visited",
        "Grigoriy Ivliev", "Nurly Zhol", "Park Won-joo", "申长雨",
        # real words the corpus lacks: never "corrected" into words it has
        "treaty", "Paris convention", "patent examination highway", "training course", "Vienna",
        "blockchain", "EUIPO Alicante", "copyright piracy",
    ],
)
def test_correctly_spelled_queries_are_left_alone(ix: SearchIndex, query: str) -> None:
    results = ix.search(query)
    assert results.suggestion is None and not results.corrected
    assert [h.id for h in results.hits] == [h.id for h in ix.search(query, autocorrect=False).hits]


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("title:delegaton", "title:delegation"),
        ("KAZAKSTAN AND cooperaton", "KAZAKHSTAN AND cooperation"),
        ('"heads meetng" OR seminr', '"heads meeting" OR seminar'),
        ("countries:kazakstan", "countries:kazakhstan"),
        ("Kazakstan's delegaton", "Kazakhstan's delegation"),
        ("memorand* Kazakstan", "memorand* Kazakhstan"),
    ],
)
def test_corrections_keep_the_query_syntax(speller: Speller, typed: str, fixed: str) -> None:
    correction = speller.correct(typed)
    assert correction is not None and correction.text == fixed


def test_known_words_are_never_corrected(speller: Speller) -> None:
    assert speller.correct("memorand* AND NOT Kazakhstan OR cooperation") is None
    assert speller.is_known("delegations")  # its stem is indexed
    assert speller.is_known("the") and speller.is_known("ip")  # stop words, short words
    assert speller.is_known("Geneva")  # a lexicon name the corpus lacks
    assert speller.is_known("KazakStan") and speller.is_known("iMemorandom")  # identifiers: mixed case
    assert not speller.is_known("memorandom")


def test_english_word_list_is_available() -> None:
    assert is_english_word("treaty") and is_english_word("convention")
    assert not is_english_word("kazakstan") and not is_english_word("memorandom")


def test_spelling_field_holds_distinct_unstemmed_folded_words() -> None:
    words = spelling_words(["Delegations visited Genève in 2019; 知识产权 SIPO's 25th", "delegations, Sipo签署"])
    assert words == "delegations geneve in sipo visited"
    assert SPELLING_FIELD in build_schema()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["ab", "Cd", "x", "9", "_", "-", "'", " ", "\n", ".", "é", "ß", "İ", "\u0301", "知识"]),
                         max_size=12).map("".join), max_size=4))
def test_spelling_words_of_ascii_texts_split_like_the_per_word_path(texts: list[str]) -> None:
    # The slow path, for every text: runs of non-Han letters and digits, folded, alphabetic.
    words = {fold(run) for run in _WORD_RUN.findall("\n".join(texts)) if run.isalpha()}
    assert spelling_words(texts) == " ".join(sorted(w for w in words if len(w) > 1 and w.isalpha()))


def _write(folder: Path, name: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def test_lexicon_names_are_suggested_when_the_index_lacks_them(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "kobe.txt", "CNIPA and KIPO hold talks in Kobe",
           "Delegations from both offices discussed patent examination and trademark cooperation.")
    ipsearch.build_index(corpus, tmp_path / "ix")
    with ipsearch.open_index(tmp_path / "ix") as ix:
        results = ix.search("Rospatnt")
    assert results.total == 0 and results.suggestion == "Rospatent" and not results.corrected


def test_words_from_every_segment_are_suggested(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus, "one.txt", "EUIPO meets CNIPA", "The offices signed a memorandum on trademarks.")
    ipsearch.build_index(corpus, tmp_path / "ix")
    _write(corpus, "two.txt", "Seminar in Almaty", "Examiners from Uzbekistan attended the seminar.")
    ipsearch.build_index(corpus, tmp_path / "ix")
    with ipsearch.open_index(tmp_path / "ix") as ix:
        assert ix.stats().segments >= 2
        assert ix.search("Uzbekstan").suggestion == "Uzbekistan"
        assert ix.search("memorandom").suggestion == "memorandum"


def test_a_correction_to_stop_words_only_is_suggested_but_not_searched(ix: SearchIndex) -> None:
    results = ix.search("frim")
    assert results.suggestion == "from" and not results.corrected and results.total == 0


def test_only_the_first_words_of_a_long_query_are_checked(speller: Speller) -> None:
    from ipsearch.suggest import MAX_CHECKED_WORDS

    filler = " ".join(["treaty"] * MAX_CHECKED_WORDS)
    fixed = speller.correct(f"Kazakstan {filler}")
    assert fixed is not None and fixed.fixes == (("Kazakstan", "Kazakhstan"),)
    assert speller.correct(f"{filler} Kazakstan") is None  # a pasted page is not a typed query
