"""A person by a spelling the article never used: pinyin, either word order, a surname alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import ipsearch
from ipsearch.cli import main
from ipsearch.errors import QueryError
from ipsearch.people_keys import han_pinyin, name_key, person_keys, pinyin_aliases, surnames

# Articles written for these tests: none of these people is in the lexicon.
ARTICLES = {
    "zh-li.txt": "两局签署合作备忘录\n\n2024年3月5日，省知识产权局局长李明华出席签约仪式并致辞。",
    "zh-shan.txt": "培训班开班\n\n2024年4月8日，条法司副司长单立新在开班式上表示，将加强审查员培训。",
    "zh-li2.txt": "论坛召开\n\n2024年5月2日，研究院院长李国栋出席论坛。",
    "en-zubov.txt": "Offices Meet in Vienna\n\nVienna, 6 May 2024 -- Deputy Director Grigory Zubov of the office said "
                    "the two offices would share search results.",
    "en-petrov.txt": "Talks on Examination\n\nSofia, 7 May 2024 -- Commissioner Anton Petrov of the office and "
                     "Director Elena Petrov of the agency met.",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("people_keys")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    ipsearch.build_index(corpus, root / "index")
    return root / "index"


def _ids(index_dir: Path, query: str = "", **filters: str) -> set[str]:
    with ipsearch.open_index(index_dir) as ix:
        return {hit.id for hit in ix.search(query, filters=filters or None, limit=20).hits}


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("李明华", ("Li", "Minghua")),
        ("單立新", ("Shan", "Lixin")),  # 单/單 as a surname is Shan, not dan
        ("曾厚仁", ("Zeng", "Houren")),  # not ceng
        ("解振华", ("Xie", "Zhenhua")),  # not jie
        ("仇和平", ("Qiu", "Heping")),  # not chou
        ("欧阳明远", ("Ouyang", "Mingyuan")),  # a two-character surname
        ("Li Minghua", None),
        ("国家知识产权局", None),  # too long for a name
    ],
)
def test_pinyin_of_chinese_names_reads_surnames_as_surnames(name: str, reading: tuple[str, str] | None) -> None:
    assert han_pinyin(name) == reading


def test_aliases_give_both_orders() -> None:
    assert pinyin_aliases(["李明华", "Grigory Zubov"]) == ["Li Minghua", "Minghua Li"]


@pytest.mark.parametrize(
    ("name", "family"),
    [("Grigory Zubov", {"zubov"}), ("Shen Changyu", {"shen"}), ("Ho-won Kim", {"kim"}), ("Kim Ho-won", {"kim"}),
     ("Daren Tang", {"tang"}), ("李明华", {"li", "李"})],
)
def test_surnames(name: str, family: set[str]) -> None:
    assert surnames(name) == family


def test_name_keys_ignore_order_case_and_hyphens() -> None:
    assert name_key("Minghua Li") == name_key("li minghua") == name_key("LI Minghua")
    assert name_key("Kim Ho-won") == name_key("Howon Kim")
    assert "li minghua=李明华" in person_keys(["李明华"])


@pytest.mark.parametrize("typed", ["Li Minghua", "li minghua", "Minghua Li"])
def test_pinyin_finds_a_chinese_name_through_the_people_filter(index_dir: Path, typed: str) -> None:
    assert _ids(index_dir, people=typed) == {"zh-li.txt"}


@pytest.mark.parametrize("typed", ["Li Minghua", "Minghua Li", "people:\"Li Minghua\""])
def test_pinyin_finds_a_chinese_name_through_a_plain_query(index_dir: Path, typed: str) -> None:
    assert "zh-li.txt" in _ids(index_dir, typed)
    assert "zh-li2.txt" not in _ids(index_dir, f'"{typed}"' if ":" not in typed else typed)


def test_a_heteronym_surname_is_found_by_its_surname_reading(index_dir: Path) -> None:
    assert _ids(index_dir, people="Shan Lixin") == {"zh-shan.txt"}
    assert _ids(index_dir, people="Shan") == {"zh-shan.txt"}
    assert _ids(index_dir, people="Dan Lixin") == set()


def test_an_unambiguous_surname_filters(index_dir: Path) -> None:
    assert _ids(index_dir, people="Zubov") == {"en-zubov.txt"}
    assert _ids(index_dir, people="zubov") == {"en-zubov.txt"}
    assert _ids(index_dir, "people:Zubov") == {"en-zubov.txt"}


@pytest.mark.parametrize("surname", ["Petrov", "Li"])
def test_an_ambiguous_surname_names_the_candidates(index_dir: Path, surname: str) -> None:
    with pytest.raises(QueryError) as caught:
        _ids(index_dir, people=surname)
    message = str(caught.value)
    assert "\n" not in message and "full name" in message
    expected = {"Petrov": ["Anton Petrov", "Elena Petrov"], "Li": ["李明华", "李国栋"]}[surname]
    assert all(name in message for name in expected)


def test_an_unknown_surname_matches_nothing(index_dir: Path) -> None:
    assert _ids(index_dir, people="Nobodyson") == set()


def test_cli_surname_filter_and_its_ambiguity(index_dir: Path) -> None:
    runner = CliRunner()
    found = runner.invoke(main, ["search", "--index-dir", str(index_dir), "--filter", "people=Zubov", "--json"])
    assert found.exit_code == 0, found.output
    assert "en-zubov.txt" in found.stdout
    ambiguous = runner.invoke(main, ["search", "--index-dir", str(index_dir), "--filter", "people=Petrov"])
    assert ambiguous.exit_code != 0
    assert "Anton Petrov" in ambiguous.stderr and "Traceback" not in ambiguous.stderr


def test_searching_never_loads_pypinyin(index_dir: Path) -> None:
    """pypinyin takes about a second to import: the search path reads keys the index holds."""
    code = (
        "import sys, ipsearch\n"
        f"ix = ipsearch.open_index({str(index_dir)!r})\n"
        "assert [h.id for h in ix.search('Li Minghua', filters={'people': 'Minghua Li'}).hits] == ['zh-li.txt']\n"
        "from ipsearch.people_keys import person_keys\n"
        "person_keys(['Grigory Zubov', 'Shen Changyu'])  # Latin names need no pinyin either\n"
        "print('pypinyin' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_keys_come_in_the_same_order_whatever_the_hash_seed() -> None:
    """The stored value is the keys in order: a set's order (hash-seeded) made two builds of the
    same files store different bytes ("~kang=..,~he=.." or "~he=..,~kang=..")."""

    code = "from ipsearch.people_keys import person_keys; print(person_keys(['He Kang', 'Shen Changyu', '申长雨']))"
    root = Path(__file__).resolve().parents[1]
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root,
                           env={**os.environ, "PYTHONPATH": str(root), "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(6)}
    assert len(outs) == 1
