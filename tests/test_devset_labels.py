"""The committed dev-set labels (bench/devset/*.jsonl) are well formed.

The articles themselves live outside the repository, so these checks need no texts: they catch
a label that the scorer (bench/devset.py) would misread or silently skip - a missing key, a
date that is not ISO, a name list that is not a list of strings, a query judged against an
article nobody labelled.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

LABELS = Path(__file__).resolve().parents[1] / "bench" / "devset"
ARTICLE_FILES = sorted(LABELS.glob("**/articles-*.jsonl"))  # the dev set and its holdout/
QUERY_FILES = sorted(LABELS.glob("queries-*.jsonl"))

ARTICLE_KEYS = {"id", "url", "search", "source_kind", "language", "title", "date",
                "people", "organizations", "countries", "notes"}
OPTIONAL_KEYS = {"people_zh"}
SOURCE_KINDS = {"ip_office", "wipo", "news_agency", "newspaper", "law_firm", "trade_press", "government", "other"}
LANGUAGES = {"en", "zh-Hans", "zh-Hant"}
QUERY_LANGUAGES = {"en", "zh", "cross"}
ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            assert isinstance(row, dict), f"{path.name}:{number} is not a JSON object"
            rows.append(row)
    return rows


def _articles() -> list[dict[str, Any]]:
    return [row for path in ARTICLE_FILES for row in _rows(path)]


def _is_iso_date(value: str) -> bool:
    m = ISO_DATE.match(value)
    if not m:
        return False
    year, month, day = (int(g) if g else None for g in m.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return True


def test_label_files_exist() -> None:
    assert ARTICLE_FILES and QUERY_FILES


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_article_labels_have_the_documented_shape(path: Path) -> None:
    rows = _rows(path)
    assert rows
    for row in rows:
        where = f"{path.name} {row.get('id')}"
        assert ARTICLE_KEYS <= row.keys() <= ARTICLE_KEYS | OPTIONAL_KEYS, where
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*-\d{3,}", row["id"]), where
        assert row["url"].startswith(("http://", "https://")), where
        assert isinstance(row["search"], str) and row["search"].strip(), where
        assert row["source_kind"] in SOURCE_KINDS, where
        assert row["language"] in LANGUAGES, where
        assert row["title"] is None or (isinstance(row["title"], str) and row["title"].strip()), where
        assert row["date"] is None or (isinstance(row["date"], str) and _is_iso_date(row["date"])), where
        for key in ("people", "organizations", "countries"):
            values = row[key]
            assert isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values), where
            assert len(set(values)) == len(values), f"{where}: {key} repeats a name"
        if "people_zh" in row:
            assert len(row["people_zh"]) == len(row["people"]), f"{where}: people_zh must pair with people"
        assert isinstance(row["notes"], str), where


def test_article_ids_and_addresses_are_unique_and_ids_carry_their_file_prefix() -> None:
    """A holdout article (holdout/, ids ho-en-001...) is never one of the dev set's pages."""
    seen: set[str] = set()
    urls: set[str] = set()
    for path in ARTICLE_FILES:
        prefix = path.stem.removeprefix("articles-")
        if path.parent != LABELS:
            prefix = f"{path.parent.name[:2]}-{prefix}"
        for row in _rows(path):
            assert row["id"] not in seen, f"{row['id']} labelled twice"
            assert row["id"].startswith(prefix + "-"), f"{row['id']} in {path.name}"
            assert row["url"] not in urls, f"{row['url']} labelled twice ({row['id']})"
            seen.add(row["id"])
            urls.add(row["url"])


def test_the_iso_date_check_rejects_what_it_should() -> None:
    assert all(_is_iso_date(d) for d in ("2019", "2019-12", "2019-12-03", "2024-02-29"))
    assert not any(_is_iso_date(d) for d in ("2019-13", "2019-02-30", "12/03/2019", "--07-03", "2019-7-3"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_queries_are_judged_against_labelled_articles(path: Path) -> None:
    labelled = {row["id"] for row in _articles()}
    # A query may judge the other half's articles; before both halves are merged its label
    # file is absent from this checkout, and only the ids of present halves can be checked.
    present = {p.stem.removeprefix("articles-") for p in ARTICLE_FILES}
    rows = _rows(path)
    assert rows
    for q in rows:
        assert set(q) == {"qid", "query", "lang", "relevant"}, q.get("qid")
        assert isinstance(q["query"], str) and q["query"].strip(), q["qid"]
        assert q["lang"] in QUERY_LANGUAGES, q["qid"]
        assert isinstance(q["relevant"], dict) and q["relevant"], q["qid"]
        for doc, grade in q["relevant"].items():
            assert grade in (1, 2), f"{q['qid']} {doc}"
            if doc.split("-")[0] in present:
                assert doc in labelled, f"{q['qid']} judges {doc}, which no label file describes"


def test_query_ids_are_unique() -> None:
    qids = [q["qid"] for path in QUERY_FILES for q in _rows(path)]
    assert len(qids) == len(set(qids))
