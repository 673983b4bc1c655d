"""Bilingual search end to end: the fixture texts (nine encodings, both scripts, English and
mixed) indexed once, then the judged queries of tests/fixtures/bilingual/queries.json."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import ipsearch
from ipsearch.han import fold_han
from ipsearch.snippets import make_snippet

from .bilingual import DOCS, TOP, Outcome, documents, queries

QUERIES = queries()


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory):
    index_dir = tmp_path_factory.mktemp("bilingual-index")
    report = ipsearch.build_index(DOCS, index_dir)
    assert not report.skipped
    with ipsearch.open_index(index_dir) as ix:
        yield ix


def ids(ix, query: str, limit: int = TOP) -> list[str]:
    return [h.id for h in ix.search(query, limit=limit).hits]


def test_fixture_set_is_big_enough() -> None:
    assert len(documents()) >= 15 and len({q.id for q in QUERIES}) >= 20
    assert {row["language"] for row in documents().values()} == {"en", "zh", "mixed"}


@pytest.mark.parametrize("name", sorted(documents()))
def test_each_file_is_decoded_as_expected_and_show_reports_it(bilingual, name: str) -> None:
    doc = bilingual.get(name)
    assert doc.encoding == documents()[name]["decoded_as"]
    assert "\ufffd" not in doc.body and "\r" not in doc.body


@pytest.mark.parametrize("name", sorted(documents()))
def test_language_is_detected(bilingual, name: str) -> None:
    assert bilingual.get(name).language == documents()[name]["language"]


def test_language_is_a_facet(bilingual) -> None:
    counts = {f.value: f.count for f in bilingual.search("", facets=["language"], limit=1).facets["language"]}
    assert counts == Counter(row["language"] for row in documents().values())
    assert {h.id for h in bilingual.search("", filters={"language": ["mixed"]}).hits} == {
        "ip-cooperation-bulletin-mixed.txt",
        "wipo-geneva-mixed-fullwidth.txt",
    }


@pytest.mark.parametrize("q", [q for q in QUERIES if q.kind == "zh"], ids=lambda q: f"{q.id}-{q.script}")
def test_chinese_query_finds_all_relevant_in_top_10_in_either_script(bilingual, q) -> None:
    outcome = Outcome(q, tuple(ids(bilingual, q.text, 50)))
    assert not outcome.missing, f"{q.text!r} misses {outcome.missing}"


@pytest.mark.parametrize("q", [q for q in QUERIES if q.kind == "cross"], ids=lambda q: q.id)
def test_cross_language_query_finds_both_languages_in_top_10(bilingual, q) -> None:
    outcome = Outcome(q, tuple(ids(bilingual, q.text, 50)))
    assert outcome.both_languages, f"{q.text!r} top 10: {outcome.top}"
    if len(q.relevant) <= TOP:
        assert not outcome.missing


def test_both_scripts_give_the_same_ranking(bilingual) -> None:
    for q in [q for q in QUERIES if q.kind == "zh" and q.script == "hant"]:
        if fold_han(q.text) == next(o.text for o in QUERIES if o.id == q.id and o.script == "hans"):
            simplified = fold_han(q.text)
            assert ids(bilingual, q.text) == ids(bilingual, simplified), q.text


def test_shen_changyu_in_singapore_from_chinese_reaches_the_english_article(bilingual) -> None:
    top = ids(bilingual, "申长雨 新加坡", 3)
    assert set(top) == {
        "shen-changyu-singapore-en.txt",
        "shen-changyu-singapore-zh-hans.txt",
        "shen-changyu-singapore-zh-hant.txt",
    }


def test_entity_names_cross_always_ordinary_words_only_translated(bilingual) -> None:
    # "trademark" is an ordinary word: the Chinese trademark articles come only through its
    # translation (商标, ipsearch/translate.py), and after the English ones.
    plain = set(h.id for h in bilingual.search("trademark", limit=50, translate=False).hits)
    assert "trademark-seminar-shanghai-zh-hans.txt" not in plain
    assert "trademark-forum-hongkong-zh-hant.txt" not in plain
    hits = bilingual.search("trademark", limit=50).hits
    assert {"trademark-seminar-shanghai-zh-hans.txt", "trademark-forum-hongkong-zh-hant.txt"} <= {h.id for h in hits}
    english = [i for i, h in enumerate(hits) if h.language == "en"]
    through_translation = [i for i, h in enumerate(hits) if h.id not in plain]
    assert english and max(english) < min(through_translation)  # the English articles rank above
    # KIPO is an entity: its Chinese articles are in, translated or not.
    for translate in (True, False):
        found = {h.id for h in bilingual.search("KIPO", translate=translate).hits}
        assert {"cnipa-kipo-heads-meeting-zh-hans.txt", "kipo-cnipa-memorandum-zh-hant.txt"} <= found


def marked(index, query: str, doc_id: str) -> list[str]:
    hit = next(h for h in index.search(query).hits if h.id == doc_id)
    return [hit.snippet[s.start : s.end] for s in hit.highlights]


def test_a_name_found_through_its_other_script_is_marked_in_the_snippet(bilingual) -> None:
    assert "Kazakhstan" in marked(bilingual, "哈萨克斯坦", "kazakhstan-examiners-beijing-en.txt")
    assert "Japan" in marked(bilingual, "日本", "jpo-examiner-training-tokyo-en.txt")
    assert "哈萨克斯坦" in marked(bilingual, "Kazakhstan", "kazakhstan-ip-memorandum-zh-hans.txt")
    # A long Chinese name's character pairs are not the name: KIPO marks no 知识产权 anywhere.
    kipo = marked(bilingual, "KIPO", "cnipa-kipo-heads-meeting-zh-hans.txt")
    assert kipo and not any("知识" in m or "产权" in m for m in kipo)
    # Typed in lower case too; a name written in capitals (US) is no name in lower case.
    assert "哈萨克斯坦" in marked(bilingual, "kazakhstan", "kazakhstan-ip-memorandum-zh-hans.txt")
    assert "韩国" in marked(bilingual, "korea memorandum", "cnipa-kipo-heads-meeting-zh-hans.txt")
    from ipsearch.query import _lower_case_names

    assert [e.name for e in _lower_case_names("help us in (new york), kazakhstan.")] == ["Kazakhstan", "New York"]
    # Words that are not names are marked as they are.
    assert marked(bilingual, "memorandum Kazakhstan", "kazakhstan-examiners-beijing-en.txt") == [
        "Kazakhstan", "memorandum", "Kazakhstan"]


def test_one_character_query_finds_and_marks_words_containing_it(bilingual) -> None:
    results = bilingual.search("韓")
    assert "kipo-cnipa-memorandum-zh-hant.txt" in [h.id for h in results.hits]
    hit = next(h for h in results.hits if h.id == "cnipa-kipo-heads-meeting-zh-hans.txt")
    assert [hit.snippet[s.start : s.end] for s in hit.highlights] == ["韩"]


def test_chinese_phrase_query_needs_the_characters_in_sequence(bilingual) -> None:
    phrase = set(ids(bilingual, '"知识产权合作"', 50))
    words = set(ids(bilingual, "知识产权合作", 50))
    assert phrase == {"kazakhstan-ip-memorandum-zh-hans.txt", "ip-cooperation-bulletin-mixed.txt"}
    assert phrase < words
    # Across a script boundary too, in either script.
    assert ids(bilingual, '"SIPO簽署"') == ["ip-cooperation-bulletin-mixed.txt"]
    # Spaces inside a quoted Chinese phrase (typed, or pasted from a PDF) do not break it.
    assert set(ids(bilingual, '"知识 产权 合作"', 50)) == set(ids(bilingual, '"知 识 产 权 合 作"', 50)) == phrase
    assert ids(bilingual, '"SIPO 簽署"') == ["ip-cooperation-bulletin-mixed.txt"]


def test_chinese_snippet_is_a_readable_fragment_with_marks(bilingual) -> None:
    hit = next(h for h in bilingual.search("商標侵權").hits if h.id == "trademark-forum-hongkong-zh-hant.txt")
    body = re.sub(r"\s+", " ", hit.body or bilingual.get(hit.id).body)
    marked = [hit.snippet[s.start : s.end] for s in hit.highlights]
    assert "商標侵權" in marked
    for piece in hit.snippet.split(" … "):
        assert piece in body  # a verbatim passage, no repeated seams
        inner = body.index(piece)
        # It starts and ends at a clause edge, not inside a word.
        assert inner == 0 or body[inner - 1] in "。！？；，、： \n" or not re.match(r"[\u4e00-\u9fff]", piece[0])
        after = body[inner + len(piece) : inner + len(piece) + 1]
        assert not after or piece[-1] in "。！？；，、：" or not re.match(r"[\u4e00-\u9fff]", after)


def test_wildcards_fold_traditional_too(bilingual) -> None:
    assert ids(bilingual, "知識*", 50) == ids(bilingual, "知识*", 50) != []
    assert ids(bilingual, "title:韓國") == ids(bilingual, "title:韩国") != []


def test_chinese_opening_snippet_ends_at_a_clause_mark() -> None:
    body = "国家知识产权局与韩国知识产权局在首尔举行年度局长会谈，双方回顾了专利审查合作。" * 12
    snippet, spans = make_snippet(body, "", frozenset(), None)
    assert spans == () and snippet.endswith(("。 …", "， …")) and body.startswith(snippet[:-2])


def test_mixed_document_text_is_searchable_in_both_languages(bilingual) -> None:
    assert "ip-cooperation-bulletin-mixed.txt" in ids(bilingual, "gazettes")
    assert "ip-cooperation-bulletin-mixed.txt" in ids(bilingual, "國際合作司")


def test_full_width_latin_matches_half_width(bilingual) -> None:
    assert ids(bilingual, "ＷＩＰＯ 日内瓦")[:2] == ids(bilingual, "WIPO 日内瓦")[:2]
    assert "wipo-geneva-mixed-fullwidth.txt" in ids(bilingual, "wipo")


def test_single_byte_file_keeps_its_accents(bilingual) -> None:
    doc = bilingual.get("wipo-assemblies-geneva-en.txt")
    assert "Genève" in doc.body and "“busy but fruitful”" in doc.body
    assert "wipo-assemblies-geneva-en.txt" in ids(bilingual, "geneve")


def test_fixture_files_are_really_stored_in_their_encodings() -> None:
    for name, row in documents().items():
        data = (DOCS / name).read_bytes()
        stored = row["stored_as"]
        if stored.startswith(("big5", "gb", "cp1252")):
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        assert Path(DOCS / name).stat().st_size > 150
