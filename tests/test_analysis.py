"""Step 3: text -> tokens, identical at index and query time."""

from __future__ import annotations

import pickle
import random

import pytest

from hypothesis import given
from hypothesis import strategies as st

import re

from ipsearch.analysis import HAN, analyze, fold, fold_han, index_positions, text_analyzer

HAN_RE = re.compile(f"[{HAN}]")


def texts(s: str, mode: str = "index") -> list[str]:
    return [t.token for t in analyze(s, mode=mode) if not t.stopped]


def test_english_is_folded_and_stemmed() -> None:
    assert texts("Negotiations negotiated") == ["negoti", "negoti"]
    assert texts("Genève") == texts("geneve")
    assert texts("SIPO's delegation") == ["sipo", "deleg"]


def test_cyrillic_goes_through_the_russian_stemmer() -> None:
    assert texts("Роспатент патентов") == texts("роспатента патенты")


def test_stop_words_are_marked_not_lost_for_highlighting() -> None:
    tokens = analyze("the memorandum")
    assert [(t.token, t.stopped) for t in tokens] == [("the", True), ("memorandum", False)]


def test_mixed_run_splits_and_han_gets_bigrams_plus_unigrams_at_index_time() -> None:
    tokens = analyze("sipo签署备忘录")
    assert [t.token for t in tokens] == ["sipo", "签", "签署", "署", "署备", "备", "备忘", "忘", "忘录", "录"]
    assert [(t.start, t.end) for t in tokens][:3] == [(0, 4), (4, 5), (4, 6)]
    # Positions count bigrams; unigram i shares the position of bigram i.
    assert [t.position for t in tokens] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5]


def test_query_mode_gives_only_bigrams_at_consecutive_positions() -> None:
    tokens = analyze("sipo签署备忘录", mode="query")
    assert [(t.token, t.position) for t in tokens] == [("sipo", 0), ("签署", 1), ("署备", 2), ("备忘", 3), ("忘录", 4)]


def test_single_han_character_is_kept_in_both_modes() -> None:
    assert texts("在 Kobe") == ["在", "kobe"]
    assert texts("韩", mode="query") == ["韩"]


def test_traditional_folds_to_simplified_in_either_mode() -> None:
    assert texts("韓國知識產權局", mode="query") == texts("韩国知识产权局", mode="query")
    assert texts("申長雨") == texts("申长雨")
    assert fold_han("臺灣裡麵髮") == "台湾里面发"
    # A compatibility ideograph becomes its unified form (豈), then Simplified.
    assert fold_han("\uf900") == "岂"


def test_full_width_is_folded() -> None:
    assert fold("ＳＩＰＯ２０１９") == "sipo2019"
    assert texts("ＷＩＰＯ大会", mode="query") == ["wipo", "大会"]


def test_ideographic_zero_stays_inside_the_han_run() -> None:
    assert texts("二〇二三年", mode="query") == ["二〇", "〇二", "二三", "三年"]


def test_analyzer_pickles_and_compares_equal() -> None:
    ana = text_analyzer()
    again = pickle.loads(pickle.dumps(ana))
    assert [t.text for t in again("visited Kazakhstan")] == ["visit", "kazakhstan"]
    assert [t.text for t in again("韓國", mode="query")] == ["韩国"]
    assert again == ana


def test_start_pos_and_start_char_shift_every_token() -> None:
    ana = text_analyzer()
    plain = [(t.text, t.pos, t.startchar, t.endchar) for t in ana("SIPO签署", positions=True, chars=True)]
    shifted = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ana("SIPO签署", positions=True, chars=True, start_pos=7, start_char=100)
    ]
    assert shifted == [(w, p + 7, s + 100, e + 100) for w, p, s, e in plain]


def test_untokenized_value_is_one_token() -> None:
    tokens = [(t.text, t.startchar, t.endchar) for t in text_analyzer()("申长雨", tokenize=False, chars=True)]
    assert tokens == [("申长雨", 0, 3)]


@pytest.mark.parametrize("mode", ["index", "query"])
@given(st.text(alphabet=st.sampled_from("申長雨韓国知識 sipoSIPO签署'’ÉéＷ２〇.\n"), max_size=40))
def test_offsets_always_point_at_the_token_source(mode: str, text: str) -> None:
    for t in analyze(text, mode=mode):
        source = text[t.start : t.end]
        assert 0 <= t.start < t.end <= len(text)
        # The token is the source folded (and stemmed for words): Han tokens map 1:1.
        if all("\u3007" <= c <= "\u9fff" for c in source):
            assert t.token == fold_han(source)
        else:
            assert source.strip() and " " not in source


# ---------------------------------------------------------------- stems kept beside the index


def test_saved_stems_give_the_tokens_the_stemmer_gives(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from nltk.stem.snowball import SnowballStemmer

    from ipsearch import analysis

    text = "Delegations visited the offices; examiners' trainings continued. Патентные ведомства сотрудничают."
    expected = [t.token for t in analysis.analyze(text)]
    path = tmp_path / analysis.STEMS_FILE
    analysis.save_stems(path)
    analysis.save_stems(path)  # adding what is there already is harmless
    with sqlite3.connect(path) as db:
        saved = dict(db.execute("SELECT word, stem FROM stems"))
    english, russian = SnowballStemmer("english"), SnowballStemmer("russian")
    assert saved["delegations"] == "deleg" and saved["ведомства"] == russian.stem("ведомства")
    assert all(stem == (russian if analysis._CYRILLIC.search(w) else english).stem(w) for w, stem in saved.items())

    # A process that knows no stems looks them up in the file and analyzes identically.
    known, dbs = dict(analysis._STEMS), dict(analysis._STEM_DBS)
    try:
        analysis._STEMS.clear()
        analysis._STEM_DBS.clear()  # indexes opened by earlier tests registered their own stem files
        analysis.use_stems(path)
        analysis.use_stems(tmp_path / "missing.sqlite")  # no such file: ignored
        assert [t.token for t in analysis.analyze(text)] == expected
        assert analysis.stem("zygomorphic") == english.stem("zygomorphic")  # in neither file: stemmed here
        assert list(analysis._STEM_DBS) == [path]
    finally:
        analysis._STEM_DBS.clear()
        analysis._STEM_DBS.update(dbs)
        analysis._STEMS.update(known)


def _pipeline_positions(text: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for t in text_analyzer()(text, positions=True, mode="index"):
        out.setdefault(t.text, []).append(t.pos)
    return out


def _real_texts() -> list[str]:
    from .conftest import DOCS_CORPUS

    root = DOCS_CORPUS.parent / "tests" / "fixtures"
    paths = [*DOCS_CORPUS.glob("*.txt"), *root.rglob("*.txt")]
    return [p.read_bytes().decode("utf-8", "replace") for p in sorted(paths)]


def test_index_positions_equal_the_analyzer_on_real_texts() -> None:
    """The writer's shortcut must index exactly what the analyzer would (English, Chinese, mixed)."""
    texts = _real_texts()
    assert len(texts) > 40 and any(HAN_RE.search(t) for t in texts)
    for text in texts:
        assert index_positions(text) == _pipeline_positions(text)


@given(st.text(alphabet=st.sampled_from("申長雨韓国知識 sipoSIPO签署'’ÉéＷ２〇.\nthe's Москва patents _-\uf900\uf901豈"), max_size=60))
def test_index_positions_equal_the_analyzer_on_any_text(text: str) -> None:
    assert index_positions(text) == _pipeline_positions(text)


def test_index_positions_equal_the_analyzer_on_long_chinese_prose() -> None:
    """Han runs of hundreds of characters, Traditional and compatibility forms, digits and acronyms:
    the unrolled Han path of index_positions (#14 item 16) posts what the analyzer yields."""
    rng = random.Random(5)
    words = "国家知识产权局 局长 申长雨 會見 世界知識產權組織 签署 备忘录 專利 審查 合作 \uf900\uf901 豈 〇 𠀀".split()
    text = "".join(rng.choice(words) + rng.choice(["", "", "", "，", "。", " 2023年5月", " CNIPA ", "\n"])
                   for _ in range(3000))
    assert index_positions(text) == _pipeline_positions(text)


def test_every_han_character_folds_to_one_han_character() -> None:
    """index_positions folds a whole Han run at once and slices it: that equals folding each
    piece only because no Han character folds to more, fewer or non-Han characters."""
    han = [chr(c) for c in range(0x3000, 0x31350) if HAN_RE.fullmatch(chr(c))]
    assert len(han) > 90_000
    assert all(len(f) == 1 and HAN_RE.fullmatch(f) for f in map(fold_han, han))


@pytest.mark.parametrize(("language", "code"), [("english", "en"), ("russian", "ru")])
def test_the_stemmer_stems_as_nltk_snowball_does(language: str, code: str) -> None:
    """Whoosh's Snowball port (a 2 ms import where NLTK's costs ~0.2 s), which stems a query
    word the index never saw, gives NLTK's stem (what the index was built with) for every
    word of pyspellchecker's word list."""
    import gzip
    import importlib.resources
    import json

    from nltk.stem.snowball import SnowballStemmer

    from ipsearch import analysis

    resource = importlib.resources.files("spellchecker") / "resources" / f"{code}.json.gz"
    words = [w for w in json.loads(gzip.decompress(resource.read_bytes())) if w.isalpha()]
    reference, ours = analysis._reference_stemmer(language), analysis._stemmer(language)
    assert isinstance(reference, SnowballStemmer)  # the index is built with NLTK's
    assert len(words) > 15_000
    assert [w for w in words if ours.stem(w) != reference.stem(w)] == []


def test_stemming_a_word_no_stem_file_knows_imports_no_nltk() -> None:
    import subprocess
    import sys

    code = "import sys; from ipsearch.analysis import stem; print(stem('xylophones'), stem('ведомства'), 'nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["xylophon", "ведомств", "False"]
