"""Step 3: text -> tokens, identical at index and query time."""

from __future__ import annotations

import pickle

from ipsearch.analysis import analyze, fold, text_analyzer


def texts(s: str) -> list[str]:
    return [t.token for t in analyze(s) if not t.stopped]


def test_english_is_folded_and_stemmed() -> None:
    assert texts("Negotiations negotiated") == ["negoti", "negoti"]
    assert texts("Genève") == texts("geneve")
    assert texts("SIPO's delegation") == ["sipo", "deleg"]


def test_stop_words_are_marked_not_lost_for_highlighting() -> None:
    tokens = analyze("the memorandum")
    assert [(t.token, t.stopped) for t in tokens] == [("the", True), ("memorandum", False)]


def test_han_runs_become_overlapping_bigrams_with_offsets() -> None:
    tokens = analyze("sipo签署备忘录")
    assert [t.token for t in tokens] == ["sipo", "签署", "署备", "备忘", "忘录"]
    assert [(t.start, t.end) for t in tokens] == [(0, 4), (4, 6), (5, 7), (6, 8), (7, 9)]
    assert [t.position for t in tokens] == [0, 1, 2, 3, 4]


def test_single_han_character_is_kept() -> None:
    assert texts("在 Kobe") == ["在", "kobe"]


def test_full_width_is_folded() -> None:
    assert fold("ＳＩＰＯ２０１９") == "sipo2019"


def test_analyzer_pickles_and_compares_equal() -> None:
    ana = text_analyzer()
    again = pickle.loads(pickle.dumps(ana))
    assert [t.text for t in again("visited Kazakhstan")] == ["visit", "kazakhstan"]
    assert again == ana
