"""Step 5: user text, filters and dates -> a Whoosh query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipsearch.errors import QueryError
from whoosh import query as wq

from ipsearch.query import FIELD_BOOSTS, filter_query, has_syntax, neutralize, parse, parse_date
from ipsearch.schema import build_schema

SCHEMA = build_schema()


def test_empty_text_matches_everything() -> None:
    assert parse("   ", SCHEMA).is_match_all


def leaves(q: wq.Query) -> set[tuple[str, str]]:
    """The query's leaves as (field, text) pairs: what it looks up, not how it prints."""
    return {(leaf.field(), leaf.text) for leaf in q.leaves()}


def test_words_are_or_ed_across_text_fields() -> None:
    q = parse("Kazakhstan memorandum", SCHEMA).query
    assert isinstance(q, wq.Or)
    assert leaves(q) == {(f, w) for f in ("title", "body", "entities") for w in ("kazakhstan", "memorandum")}


def test_a_query_of_only_operators_is_an_error() -> None:
    with pytest.raises(QueryError, match="no searchable words"):
        parse("AND", SCHEMA)


def test_unknown_filter_field_names_the_valid_ones() -> None:
    with pytest.raises(QueryError, match="unknown filter field 'colour'.*countries"):
        filter_query({"colour": ["red"]}, None, None)


def test_filter_values_of_one_field_or_and_fields_and() -> None:
    q = filter_query({"countries": ["Kazakhstan", "Russia"], "year": ["2019"]}, None, None)
    assert q == wq.And([wq.Or([wq.Term("countries", "kazakhstan"), wq.Term("countries", "russia")]),
                        wq.Term("year", "2019")])


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2019", False, 20190101), ("2019", True, 20191231), ("2019-02", True, 20190228), ("2020-02", True, 20200229),
     ("2019-12-03", False, 20191203)],
)
def test_partial_dates_cover_their_span(value: str, end: bool, expected: int) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize("bad", ["yesterday", "2019-13", "2019-02-30", "19"])
def test_bad_dates_are_usage_errors(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_date(bad, end=False)


def test_reversed_range_is_an_error() -> None:
    with pytest.raises(QueryError, match="after"):
        filter_query(None, "2023", "2019")


# ---------------------------------------------------------------- accidental syntax


@pytest.mark.parametrize(
    ("pasted", "words"),
    [
        ("IL-1: a review (2019)", "IL-1 a review 2019"),
        ("What is IL-1?", "What is IL-1"),
        ("Date: 2019-12-03", "Date 2019-12-03"),
        ("10:30 Note: signed", "10 30 Note signed"),
        ("Title: A review", "Title A review"),  # field names are lower case: pasted headers stay words
        ('a 5" screen with "quotes"', "a 5 screen with quotes"),
        ("effect of (IL-1 on mice", "effect of IL-1 on mice"),
        ("IL-1* levels", "IL-1 levels"),
    ],
)
def test_punctuation_that_only_looks_like_syntax_becomes_words(pasted: str, words: str) -> None:
    assert neutralize(pasted) == words
    assert not has_syntax(neutralize(pasted))


@pytest.mark.parametrize(
    "deliberate",
    ['"heads meeting"', "(EPO OR JPO) PPH", "CNIPA AND KIPO", "seminar NOT Russia", "title:delegation",
     "countries:russia", "memorand*", "colo?r", 'title:"heads meeting"'],
)
def test_deliberate_syntax_is_kept(deliberate: str) -> None:
    assert neutralize(deliberate) == deliberate and has_syntax(deliberate)


def test_a_pasted_sentence_is_a_flat_or_of_its_words() -> None:
    parsed = parse("IL-1: a review (2019)", SCHEMA)
    assert parsed.plain and not parse('"heads meeting"', SCHEMA).plain
    q = parsed.query
    assert isinstance(q, wq.Or) and all(isinstance(s, wq.Term) for s in q.subqueries)
    assert {s.text for s in q.subqueries if s.fieldname == "body"} == {"il", "1", "review", "2019"}
    assert {s.fieldname for s in q.subqueries} == {"body", "title", "entities"}


def test_field_weights_come_from_field_boosts() -> None:
    q = parse("kazakhstan", SCHEMA).query
    assert {s.fieldname: s.boost for s in q.subqueries} == FIELD_BOOSTS


def test_repeated_words_count_again() -> None:
    q = parse("cancer cells cancer", SCHEMA).query
    assert [s.text for s in q.subqueries if s.fieldname == "body"] == ["cancer", "cell", "cancer"]


def test_known_multiword_names_add_an_entity_phrase() -> None:
    q = parse("Korean Intellectual Property Office", SCHEMA).query
    phrases = [s for s in q.subqueries if isinstance(s, wq.Phrase)]
    assert [(p.fieldname, p.words) for p in phrases] == [("entities", ["korean", "intellectu", "properti", "offic"])]
    assert not any(isinstance(s, wq.Phrase) for s in parse("intellectual property cooperation", SCHEMA).query.subqueries)


def test_phrases_span_dropped_stop_words() -> None:
    q = parse('"memorandum of understanding"', SCHEMA).query
    phrases = [s for s in q.leaves() if isinstance(s, wq.Phrase)] or [s for s in q.children() if isinstance(s, wq.Phrase)]
    assert phrases and all(p.words == ["memorandum", "understand"] and p.slop == 2 for p in phrases)


def test_not_inside_or_excludes_instead_of_adding() -> None:
    q = parse("seminar NOT Russia", SCHEMA).query
    assert isinstance(q, wq.AndNot)
    assert {text for _, text in leaves(q.a)} == {"seminar"} and {text for _, text in leaves(q.b)} == {"russia"}


def test_question_marks_end_questions() -> None:
    assert ("body", "true") in leaves(parse("Is it true ?", SCHEMA).query)
    assert isinstance(parse("What is IL-1?", SCHEMA).query, wq.Or)
    with pytest.raises(QueryError, match="no searchable words"):  # like '"' alone; '*' lists everything
        parse("?", SCHEMA)
    with pytest.raises(QueryError, match="starts with a wildcard"):  # a wildcard meant as one, refused
        parse("?azakh", SCHEMA)


# ---------------------------------------------------------------- search-box conventions (+word, -word, --operator)


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    import ipsearch

    from .conftest import write_news_corpus

    root = tmp_path_factory.mktemp("news")
    ipsearch.build_index(write_news_corpus(root / "corpus"), root / "ix")
    return root / "ix"


def test_minus_excludes_plus_requires_and_operator_and_requires_every_word(news) -> None:  # type: ignore[no-untyped-def]
    import ipsearch

    with ipsearch.open_index(news) as ix:
        def ids(query: str, **options: str) -> set[str]:
            return {h.id for h in ix.search(query, limit=1000, **options).hits}  # type: ignore[arg-type]

        geneva, kipo, memorandum = ids("Geneva"), ids("KIPO"), ids("memorandum")
        assert kipo - geneva and kipo & geneva and memorandum - kipo  # the corpus has something to tell apart
        assert ids("KIPO -Geneva") == kipo - geneva
        assert ids("-Geneva") == ids("") - geneva
        assert ids("+KIPO memorandum") == kipo
        assert ids("KIPO memorandum", operator="and") == kipo & memorandum
        assert ids("KIPO memorandum") == kipo | memorandum
        assert ids('"signed a memorandum" -Geneva') == ids('"signed a memorandum"') - geneva
        assert ids('"KIPO -Geneva"') == ids('"KIPO Geneva"')  # inside quotes a dash is no operator
        best = ix.search("KIPO -Geneva").hits[0]
        assert "Geneva" not in best.title + best.snippet


def test_a_minus_word_on_the_command_line_is_a_query_word_not_an_option(news) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from ipsearch.cli import main

    def ids(*args: str) -> set[str]:
        result = CliRunner().invoke(main, ["search", *args, "--index-dir", str(news), "--format", "jsonl", "-n", "1000"])
        assert result.exit_code == 0, result.stderr
        return {json.loads(line)["id"] for line in result.stdout.splitlines()}

    assert ids("KIPO", "-Geneva") == ids("KIPO") - ids("Geneva")
    assert ids("KIPO", "-facebook") == ids("KIPO")  # not "-f acebook"
    assert ids("KIPO", "memorandum", "--operator", "and") == ids("KIPO") & ids("memorandum")


def test_a_chinese_country_abbreviation_finds_articles_that_name_the_countries_in_full(tmp_path: Path) -> None:
    """中俄 is China and Russia: an article that says 俄罗斯和中国, or "Russia and China", is about
    them although it never writes the pair, and beats one that only shares the other words."""
    import ipsearch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pair-zh.txt").write_text("两国签署协议\n\n俄罗斯和中国代表在北京会谈后签署了多项协议。\n", encoding="utf-8")
    (corpus / "pair-en.txt").write_text("Offices Sign Plan\n\nRussia and China signed a plan on patents.\n", encoding="utf-8")
    (corpus / "other-zh.txt").write_text("两局签署协议\n\n日本和韩国代表会谈后签署了协议。\n", encoding="utf-8")
    ipsearch.build_index(corpus, tmp_path / "index")
    with ipsearch.open_index(tmp_path / "index") as index:
        hits = [Path(h.id).name for h in index.search("中俄 签署 协议", translate=False).hits]
    assert set(hits[:2]) == {"pair-zh.txt", "pair-en.txt"}


@pytest.mark.parametrize("query", ["中亚 知识产权 合作", "Central Asia cooperation"])
def test_a_region_in_the_query_finds_articles_about_its_member_countries(tmp_path: Path, query: str) -> None:
    """An article on China and Tajikistan is about cooperation with Central Asia, though it never
    says so; it outranks one on another region that shares only the other words."""
    import ipsearch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "member.txt").write_text("两国签署合作文件\n\n中国和塔吉克斯坦签署知识产权合作谅解备忘录。\n", encoding="utf-8")
    (corpus / "other.txt").write_text(
        "两国签署合作文件\n\n中国和巴西签署知识产权合作谅解备忘录,深化知识产权合作。Cooperation deepens.\n", encoding="utf-8"
    )
    ipsearch.build_index(corpus, tmp_path / "index")
    with ipsearch.open_index(tmp_path / "index") as index:
        hits = index.search(query).hits
    assert [Path(h.id).name for h in hits][:1] == ["member.txt"]


def test_the_character_pairs_of_one_chinese_word_share_its_weight() -> None:
    """A typed Chinese word of n character pairs weighs n ** HAN_RUN_POWER terms in all, not n:
    its pairs are one word's evidence. A word of one pair, and every English word, keeps weight 1."""
    from ipsearch.query import HAN_RUN_POWER

    q = parse("世界知识产权组织 香港 memorandum", SCHEMA).query
    body = [s for s in q.subqueries if isinstance(s, wq.Term) and s.fieldname == "body"]
    long_word = [s.boost for s in body if s.text not in ("香港", "memorandum")]
    assert len(long_word) == 7
    assert sum(long_word) == pytest.approx(7 ** HAN_RUN_POWER)
    assert {s.text: s.boost for s in body if s.text in ("香港", "memorandum")} == {"香港": 1.0, "memorandum": 1.0}


def test_an_article_matching_more_typed_chinese_words_beats_one_matching_a_long_word(tmp_path: Path) -> None:
    """Three of the four typed words outrank one long word alone, however many pairs it has."""
    import ipsearch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text("年度报告\n\n海洋产业联合会发布了年度报告。\n", encoding="utf-8")
    (corpus / "more.txt").write_text("年度报告\n\n江南代表在会上签字,商定备忘事项。\n", encoding="utf-8")
    for n, text in enumerate(["天气晴朗", "学校开学", "市场开放", "公园整修"]):
        (corpus / f"other-{n}.txt").write_text(f"年度报告\n\n{text},年度报告发布。\n", encoding="utf-8")
    ipsearch.build_index(corpus, tmp_path / "index")
    with ipsearch.open_index(tmp_path / "index") as index:
        hits = [Path(h.id).name for h in index.search("海洋产业联合会 江南 签字 备忘", translate=False).hits]
    assert hits[:2] == ["more.txt", "long.txt"]
