"""Step 2a: the bilingual name tables and the matcher over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipsearch.lexicon import Entry, Lexicon, default_lexicon, fold_key, may_name

from .conftest import DOCS_CORPUS

DATA = Path(__file__).resolve().parents[1] / "ipsearch" / "data"


@pytest.fixture(scope="module")
def lx() -> Lexicon:
    return default_lexicon()


def names(lx: Lexicon, text: str, kind: str) -> list[str]:
    return [m.entry.name for m in lx.find(text, kind)]


@pytest.mark.parametrize(
    ("form", "canonical"),
    [
        ("Kazakhstan", "Kazakhstan"),  # name
        ("Republic of Kazakhstan", "Kazakhstan"),  # official name (ISO)
        ("Kyrgyz Republic", "Kyrgyzstan"),
        ("Kazakh", "Kazakhstan"),  # adjective
        ("Mongolian", "Mongolia"),
        ("哈萨克斯坦", "Kazakhstan"),  # Simplified
        ("哈薩克斯坦", "Kazakhstan"),  # Traditional
        ("韓國", "South Korea"),
        ("南韓", "South Korea"),
        ("Republic of Korea", "South Korea"),
        ("DPRK", "North Korea"),
        ("Russian Federation", "Russia"),
        ("U.S.", "United States"),
        ("Britain", "United Kingdom"),
        ("Türkiye", "Turkey"),
        ("Viet Nam", "Vietnam"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),  # accents fold
        ("kazakhstan", "Kazakhstan"),  # lookups ignore case
    ],
)
def test_country_forms_are_one_canonical_name(lx: Lexicon, form: str, canonical: str) -> None:
    assert lx.canonical("countries", form) == canonical


@pytest.mark.parametrize(
    ("form", "office"),
    [
        ("SIPO", "CNIPA"),
        ("State Intellectual Property Office", "CNIPA"),
        ("China National Intellectual Property Administration", "CNIPA"),
        ("国家知识产权局", "CNIPA"),
        ("國家知識產權局", "CNIPA"),
        ("Korean Intellectual Property Office", "KIPO"),
        ("韩国知识产权局", "KIPO"),
        ("Japan Patent Office", "JPO"),
        ("日本特許廳", "JPO"),
        ("U.S. Patent and Trademark Office", "USPTO"),
        ("European Patent Organisation", "EPO"),
        ("OHIM", "EUIPO"),
        ("世界知识产权组织", "WIPO"),
        ("Federal Service for Intellectual Property", "Rospatent"),
        ("Eurasian Patent Organization", "EAPO"),
        ("Intellectual Property Office of Singapore", "IPOS"),
        ("African Regional Intellectual Property Organization", "ARIPO"),
        ("African Intellectual Property Organization", "OAPI"),
        ("GAIPSR", "IPOM"),  # Mongolia's office under its 2017-2019 name
        ("蒙古国知识产权局", "IPOM"),
        ("State Agency for Intellectual Property and Innovation", "Kyrgyzpatent"),
        ("National Center for Patents and Information", "NCPI Tajikistan"),
        ("State Service for Intellectual Property", "Turkmenpatent"),
        ("Intellectual Property Agency of Uzbekistan", "IMA Uzbekistan"),
        ("National Institute of Intellectual Property of Kazakhstan", "Kazpatent"),
    ],
)
def test_offices_are_canonical_across_history_and_scripts(lx: Lexicon, form: str, office: str) -> None:
    assert lx.canonical("offices", form) == office


def test_regions_are_not_countries(lx: Lexicon) -> None:
    text = "Central Asia, Central Asian countries, Southeast Asia, the Middle East, 中亚, 東南亞 and Latin America"
    assert names(lx, text, "countries") == []
    assert names(lx, "China and Central Asia", "countries") == ["China"]


def test_inner_mongolia_is_china_not_mongolia(lx: Lexicon) -> None:
    places = list(lx.find("内蒙古自治区与蒙古国", "places"))
    assert [m.entry.name for m in places] == ["Inner Mongolia"] and places[0].entry.country == "China"
    assert names(lx, "内蒙古自治区与蒙古国", "countries") == ["Mongolia"]  # only 蒙古国


def test_treaty_names_name_no_place(lx: Lexicon) -> None:
    text = "filings under the Madrid System and the Hague Agreement grew; 马德里体系"
    assert names(lx, text, "places") == [] and names(lx, text, "countries") == []


def test_country_names_keep_their_capitals(lx: Lexicon) -> None:
    assert names(lx, "Chad and Turkey signed", "countries") == ["Chad", "Turkey"]
    assert names(lx, "a hanging chad, roast turkey, and us", "countries") == []


def test_ambiguous_names_inside_longer_names_are_skipped(lx: Lexicon) -> None:
    assert names(lx, "He met Michael Jordan in Amman.", "countries") == []
    assert names(lx, "Officials from Armenia, Jordan and Chad took part.", "countries") == ["Armenia", "Jordan", "Chad"]


def test_language_adjectives_are_not_countries(lx: Lexicon) -> None:
    assert names(lx, "the Chinese and English versions of the text", "countries") == []
    assert names(lx, "the Chinese side", "countries") == ["China"]


def test_longest_form_wins_and_groups_overlap(lx: Lexicon) -> None:
    text = "the Ministry of Justice of the Republic of Kazakhstan"
    assert names(lx, text, "organizations") == ["Ministry of Justice of the Republic of Kazakhstan"]
    assert names(lx, text, "countries") == ["Kazakhstan"]  # a country inside an organization still counts
    assert names(lx, "Papua New Guinea and Guinea-Bissau", "countries") == ["Papua New Guinea", "Guinea-Bissau"]


def test_mentions_carry_offsets_and_surface(lx: Lexicon) -> None:
    text = "会见韩国知识产权局局长"
    (m,) = lx.find(text, "offices")
    assert (m.entry.name, m.surface, text[m.start : m.end]) == ("KIPO", "韩国知识产权局", "韩国知识产权局")


def test_a_small_lexicon_from_entries() -> None:
    lx = Lexicon([Entry("places", "Kobe", ("Kobe", "神户"), "Japan"), Entry("countries", "", ("Kobe Steel",))])
    assert [m.entry.name for m in lx.scan("Kobe, 神户, Kobe Steel")] == ["Kobe", "Kobe"]  # blocker consumed the last
    assert lx.canonical("places", "神户") == "Kobe" and lx.lookup("nowhere") == []


def test_no_name_is_found_where_may_name_says_none_can_be(lx: Lexicon) -> None:
    """Queries skip loading the tables when ``may_name`` says no: it must never say no to a
    text in which a scan finds a name, and says no to all-lower-case ASCII text."""
    texts = [form for entries in lx.entries.values() for entry in entries for form in entry.forms]
    texts += [path.read_text(encoding="utf-8") for path in sorted(DOCS_CORPUS.iterdir()) if path.is_file()]
    named = [text for text in texts if lx.scan(text)]
    assert len(named) > 1000 and all(may_name(text) for text in named)
    lowered = [text.lower() for text in texts if text.lower().isascii()]
    assert len(lowered) > 1000 and not any(may_name(text) or lx.scan(text) for text in lowered)
    assert may_name("kazakhstan 韩国") and may_name("kazakhstan Memorandum") and not may_name("kazakhstan memorandum")


def test_fold_key() -> None:
    assert fold_key("  Côte  d’Ivoire ") == "cote d'ivoire"


def _validator(definition: str):
    from jsonschema import Draft202012Validator

    root = json.loads((DATA / "lexicon.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(root)
    return Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": root["$defs"]})


HAND_KEPT = ["people", "organizations", "offices", "places", "country_overrides"]


@pytest.mark.parametrize("name", HAND_KEPT)
def test_hand_kept_tables_follow_the_lexicon_schema(name: str) -> None:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(data)]
    assert not errors, errors[:5]


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("people", [{"name": "Shen Changyu", "aliases": [], "zh_hans": ["申长雨"], "zh_hant": ["申長雨"], "alias": []}]),
        ("people", [{"name": "Shen Changyu", "aliases": [], "zh_hans": ["Shen"], "zh_hant": ["申長雨"]}]),
        ("offices", [{"name": "CNIPA", "aliases": [], "zh_hans": ["国家知识产权局"], "zh_hant": []}]),
        ("places", [{"name": " Beijing", "aliases": [], "zh_hans": [], "zh_hant": [], "country": "China"}]),
        ("country_overrides", {"countries": {"china": {}}, "historical": [], "not_countries": [], "ambiguous": []}),
    ],
)
def test_the_lexicon_schema_catches_editing_slips(name: str, broken: object) -> None:
    """A misspelt key, Latin text among Chinese forms, a missing country, stray space, a bad code."""
    assert list(_validator(name).iter_errors(broken))


def test_generated_countries_cover_iso_3166() -> None:
    """Every ISO 3166-1 alpha-2 code once, in order, with names in both Chinese scripts.

    (That the file is what the pinned sources give is checked by ``tools/make_data.py --check`` in CI.)
    """
    rows = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))
    codes = [r["code"] for r in rows]
    assert len(codes) == 249 and codes == sorted(set(codes))  # ISO 3166-1 assigns 249 codes
    assert not list(_validator("countries").iter_errors(rows))
    assert all(r["zh_hans"] and r["zh_hant"] for r in rows)
    assert not [r["name"] for r in rows if "," in r["name"]]  # names are stored comma-joined in facets
    by_code = {r["code"]: r for r in rows}
    assert by_code["KZ"]["name"] == "Kazakhstan" and "哈萨克斯坦" in by_code["KZ"]["zh_hans"]
    assert by_code["KR"]["name"] == "South Korea" and "大韓民國" in by_code["KR"]["zh_hant"]
    assert "Russian Federation" in by_code["RU"]["aliases"] and "俄羅斯" in by_code["RU"]["zh_hant"]


def test_every_country_a_table_points_to_exists(lx: Lexicon) -> None:
    countries = {e.name for e in lx.entries["countries"] if e.name}
    for kind in ("offices", "places"):
        for entry in lx.entries[kind]:
            assert entry.country is None or entry.country in countries, (kind, entry.name, entry.country)


def test_canonical_names_hold_no_commas(lx: Lexicon) -> None:
    """Facet values are stored comma-joined."""
    assert not [e.name for entries in lx.entries.values() for e in entries if "," in e.name]


def test_han_scan_finds_what_trying_every_form_at_every_character_finds() -> None:
    """The Han scan looks forms up by their first two characters (#14 item 16); a naive scan
    that tries every Han form at every character, longest first, one per group, must agree."""
    import random

    from ipsearch import lexicon as lx

    lex = lx.default_lexicon()
    lex.scan("warm-up")
    fold = lx.t2s_table()  # the scan compares text and forms folded to Simplified (either script finds a name)
    raw = [(form, entry) for kind in lx.KINDS for entry in lex.entries.get(kind, []) for form in lx._matched_forms(entry)
           if lx.re.match(rf"[{lx.HAN}]", form)]
    written: dict[tuple[str, lx.Entry], list[str]] = {}
    for form, entry in raw:
        written.setdefault((form.translate(fold), entry), []).append(form)
    forms = list(written)  # a form written one way only (我国, not 我國) matches only as written
    rng = random.Random(2)
    pieces = [f for f, _ in rng.sample(raw, 200)] + ["的", "在", "举行", "，", "。", "2023年", " CNIPA "]
    text = "".join(rng.choice(pieces) for _ in range(3000))
    folded = text.translate(fold)
    by_first: dict[str, list[tuple[str, lx.Entry]]] = {}
    for form, entry in forms:
        by_first.setdefault(form[0], []).append((form, entry))
    expected = []
    for pos, ch in enumerate(folded):
        seen: set[str] = set()
        for form, entry in sorted(by_first.get(ch, []), key=lambda c: -len(c[0])):
            group = lx._GROUP.get(entry.kind, entry.kind)
            as_written = written[(form, entry)]
            if group not in seen and folded.startswith(form, pos) and (
                    len(as_written) > 1 or text.startswith(as_written[0], pos)):
                seen.add(group)
                expected.append((entry, text[pos : pos + len(form)], pos))
    found: list[lx.Mention] = []
    lex._scan_han(text, found)
    assert [(m.entry, m.surface, m.start) for m in found] == expected and len(expected) > 1000


# ---------------------------------------------------------------- a user's own names

USER_LEXICON = Path(__file__).resolve().parent / "fixtures" / "lexicon" / "user-lexicon.json"
USER_CORPUS = USER_LEXICON.parent / "corpus"
FUND_EN = "fund-signs-with-cnipa.txt"
BEKOVA_ZH = "bekova-zh.txt"
BEKOVA_RU = "bekova-cyrillic-quote.txt"
HEADS = "jpo-epo-heads.txt"


def test_the_user_lexicon_fixture_follows_the_schema() -> None:
    data = json.loads(USER_LEXICON.read_text(encoding="utf-8"))
    assert not list(_validator("user_lexicon").iter_errors(data))


def test_user_names_join_the_built_in_ones_in_every_script(lx: Lexicon) -> None:
    from ipsearch.lexicon import lexicon_with, read_user_lexicon

    user = read_user_lexicon(USER_LEXICON)
    mine = lexicon_with(user)
    assert mine is lexicon_with(read_user_lexicon(USER_LEXICON))  # one matcher per lexicon
    text = "Айгерим Бекова and 艾格里姆·別科娃 of the Steppe Innovation Fund (SIF) visited Туркестан and CNIPA."
    assert names(mine, text, "people") == ["Aigerim Bekova", "Aigerim Bekova"]
    assert names(mine, text, "organizations") == ["Steppe Innovation Fund", "Steppe Innovation Fund"]
    assert names(mine, text, "places") == ["Turkistan"]
    assert names(mine, text, "offices") == ["CNIPA"]  # the built-in names stay
    assert mine.canonical("organizations", "草原創新基金") == "Steppe Innovation Fund"
    assert mine.lookup("Turkistan", "places")[0].country == "Kazakhstan"
    assert not names(lx, text, "people") and lx.canonical("people", "Aigerim Bekova") is None  # built-in one untouched


def test_a_user_lexicon_is_the_same_whatever_its_spacing_or_key_order(tmp_path: Path) -> None:
    from ipsearch.lexicon import read_user_lexicon

    data = json.loads(USER_LEXICON.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(dict(reversed(list(data.items()))), ensure_ascii=True), encoding="utf-8")
    assert read_user_lexicon(other).digest == read_user_lexicon(USER_LEXICON).digest
    data["places"][0]["country"] = "哈萨克斯坦"  # any form of a country is kept by its canonical name
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert read_user_lexicon(other).digest == read_user_lexicon(USER_LEXICON).digest


BAD_LEXICONS = [
    ("{\"people\": [", "not JSON"),
    ("[]", 'must be a JSON object with "people", "organizations", "places" lists'),
    ('{"persons": []}', 'unknown section "persons"'),
    ('{"people": {"name": "A"}}', '"people" must be a list of entries'),
    ('{"people": ["Aigerim Bekova"]}', 'people[0]: must be an object with a "name"'),
    ('{"people": [{"name": "A B"}, {"name": " "}]}', 'people[1]: "name" must be a non-empty string'),
    ('{"people": [{"aliases": ["A"]}]}', 'people[0]: "name" must be a non-empty string'),
    ('{"people": [{"name": "A B", "alias": ["C"]}]}', 'people[0]: unknown key "alias"; use name, aliases'),
    ('{"people": [{"name": "A B", "aliases": "C"}]}', 'people[0]: "aliases" must be a list of names'),
    ('{"people": [{"name": "A B", "aliases": ["C", ""]}]}', 'people[0]: "aliases"[1] must be a non-empty string'),
    ('{"people": [{"name": "A B", "country": "Kazakhstan"}]}', 'people[0]: unknown key "country"'),
    ('{"organizations": [{"name": "A"}, {"name": "B"}, {"name": "C"}, {"name": "D", "country": "Kazakstan"}]}',
     'organizations[3]: "country" must be a known country name ("Kazakstan")'),
    ('{"places": [{"name": "X", "country": 7}]}', 'places[0]: "country" must be a known country name (7)'),
    ('{"places": [{"name": "Turkistan"}, {"name": "turkistan"}]}', 'places[1]: "turkistan" is already places[0]'),
]


@pytest.mark.parametrize(("content", "message"), BAD_LEXICONS)
def test_a_bad_lexicon_file_gets_one_line_naming_the_entry(tmp_path: Path, content: str, message: str) -> None:
    from ipsearch.errors import LexiconError, UsageError
    from ipsearch.lexicon import read_user_lexicon

    path = tmp_path / "mine.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        read_user_lexicon(path)
    text = str(caught.value)
    assert text.startswith(f"lexicon {path}: ") and message in text and "\n" not in text
    assert isinstance(caught.value, UsageError)  # exit code 2


def test_the_schema_refuses_the_shapes_the_reader_refuses() -> None:
    shapes = [c for c, m in BAD_LEXICONS if "not JSON" not in m and "known country" not in m and "already" not in m]
    for content in shapes:
        assert list(_validator("user_lexicon").iter_errors(json.loads(content))), content


def test_a_missing_or_undecodable_lexicon_file(tmp_path: Path) -> None:
    from ipsearch.errors import LexiconError
    from ipsearch.lexicon import read_user_lexicon

    with pytest.raises(LexiconError, match="cannot be read"):
        read_user_lexicon(tmp_path / "nowhere.json")
    (tmp_path / "latin1.json").write_bytes('{"people": [{"name": "Jos\xe9"}]}'.encode("latin-1"))
    with pytest.raises(LexiconError, match="not UTF-8"):
        read_user_lexicon(tmp_path / "latin1.json")


@pytest.fixture(scope="module")
def user_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import ipsearch

    index_dir = tmp_path_factory.mktemp("user-lexicon") / "index"
    ipsearch.build_index(USER_CORPUS, index_dir, lexicon=USER_LEXICON)
    return index_dir


def test_user_names_are_facets_in_canonical_form(user_index: Path) -> None:
    import ipsearch

    with ipsearch.open_index(user_index) as ix:
        assert ix.user_lexicon is not None and ix.user_lexicon.entries
        results = ix.search("", facets=["people", "organizations", "places", "countries"], limit=10)
        counts = {name: {c.value: c.count for c in facet} for name, facet in results.facets.items()}
        assert counts["people"] == {"Aigerim Bekova": 3}  # written in Latin, Chinese and Cyrillic letters
        assert counts["organizations"]["Steppe Innovation Fund"] == 2
        assert counts["places"]["Turkistan"] == 1
        hits = {h.id: h for h in results.hits}
        # the English article never names Kazakhstan: the fund it names is a Kazakh one
        assert "Kazakhstan" not in (USER_CORPUS / FUND_EN).read_text(encoding="utf-8")
        assert "Kazakhstan" in hits[FUND_EN].countries
        assert hits[BEKOVA_ZH].places == ("Turkistan",) and "Kazakhstan" in hits[BEKOVA_ZH].countries


@pytest.mark.parametrize("value", ["Aigerim Bekova", "aigerim bekova", "Айгерим Бекова", "艾格里姆·别科娃", "艾格里姆·別科娃"])
def test_a_filter_takes_any_form_of_a_user_name(user_index: Path, value: str) -> None:
    import ipsearch

    with ipsearch.open_index(user_index) as ix:
        assert {h.id for h in ix.search(filters={"people": [value]}).hits} == {FUND_EN, BEKOVA_ZH, BEKOVA_RU}
        assert {h.id for h in ix.search(f'people:"{value}"').hits} == {FUND_EN, BEKOVA_ZH, BEKOVA_RU}


def test_organization_and_place_filters_in_another_script(user_index: Path) -> None:
    import ipsearch

    with ipsearch.open_index(user_index) as ix:
        assert {h.id for h in ix.search(filters={"organizations": ["草原创新基金"]}).hits} == {FUND_EN, BEKOVA_ZH}
        assert {h.id for h in ix.search(filters={"organizations": ["SIF"]}).hits} == {FUND_EN, BEKOVA_ZH}
        assert {h.id for h in ix.search(filters={"places": ["Туркестан"]}).hits} == {BEKOVA_ZH}


def test_a_user_name_in_one_script_finds_articles_in_another(user_index: Path) -> None:
    import ipsearch

    with ipsearch.open_index(user_index) as ix:
        assert FUND_EN in {h.id for h in ix.search("艾格里姆·别科娃").hits}  # a Chinese query, an English article
        assert BEKOVA_ZH in {h.id for h in ix.search("Aigerim Bekova", translate=False).hits}
        assert FUND_EN in {h.id for h in ix.search("草原创新基金").hits}
        assert HEADS not in {h.id for h in ix.search("艾格里姆·别科娃").hits}


def test_a_user_name_in_a_query_is_highlighted_in_any_script(user_index: Path) -> None:
    import ipsearch

    with ipsearch.open_index(user_index) as ix:
        hits = {h.id: h for h in ix.search("艾格里姆·别科娃").hits}
        marked = {hits[FUND_EN].snippet[s.start : s.end] for s in hits[FUND_EN].highlights}
        assert {"Aigerim", "Bekova"} <= marked  # the Chinese query's name, marked in the English text
        marked = {hits[BEKOVA_RU].snippet[s.start : s.end] for s in hits[BEKOVA_RU].highlights}
        assert {"Айгерим", "Бекова"} <= marked


def test_another_process_reads_names_with_the_kept_lexicon(user_index: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "ipsearch", "search", "--index-dir", str(user_index), "--filter", "people=Айгерим Бекова",
         "--format", "json"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert {h["id"] for h in json.loads(out)["hits"]} == {FUND_EN, BEKOVA_ZH, BEKOVA_RU}


def test_mentions_move_with_the_text_when_pinyin_annotations_are_taken_out() -> None:
    from ipsearch.lexicon import without_annotations

    lexicon = default_lexicon()
    text = "廣東(dong) 省知識產(ch\nǎn)權局與新加坡知識產(chǎn)權局會面。"
    plain, moved = without_annotations(text, lexicon.scan(text))
    assert plain == "廣東省知識產權局與新加坡知識產權局會面。"
    assert [(m.entry.name, m.surface) for m in moved] == [(m.entry.name, m.surface) for m in lexicon.scan(plain)]
    assert without_annotations("欧洲专利局(EPO)", [])[0] == "欧洲专利局(EPO)"
