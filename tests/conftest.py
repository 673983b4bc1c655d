"""Shared fixtures: the default corpus, and an index of it built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ipsearch

ROOT = Path(__file__).resolve().parent.parent
DOCS_CORPUS = ROOT / "docs_corpus"
SHARED = ROOT.parent / "shared"

KAZAKHSTAN_VISIT = "shen-changyu-visits-kazakhstan.txt"
CENTRAL_ASIA = "china-central-asia-heads-of-office-joint-statement.txt"
MONGOLIA_RUSSIA = "china-mongolia-russia-ip-seminar.txt"
KIPO_MEETING = "cnipa-kipo-heads-meeting.txt"
CAS_PROTOCOL = "cas-sipo-cooperation-protocol.txt"


@pytest.fixture(scope="session")
def default_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("default-index")
    ipsearch.build_index(DOCS_CORPUS, index_dir)
    return index_dir


@pytest.fixture()
def ix(default_index: Path):
    with ipsearch.open_index(default_index) as index:
        yield index


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(DOCS_CORPUS, target)
    return target


# Sentence parts for a generated corpus (written for these tests): enough files and
# vocabulary that ranking, totals, facets and parallel indexing have something to get wrong.
_OFFICES = ["CNIPA", "KIPO", "JPO", "EPO", "USPTO", "Rospatent", "the Kazakhstan patent office"]
_PLACES = ["Beijing", "Seoul", "Tokyo", "Munich", "Geneva", "Astana", "Moscow"]
_TOPICS = ["patent examination", "trademark registration", "design protection", "patent prosecution highway",
           "geographical indications", "IP enforcement", "examiner training", "digital filing systems"]
_VERBS = ["signed a memorandum on", "held talks about", "opened a seminar on", "reviewed cooperation in",
          "agreed to expand work on", "exchanged data on"]


def write_news_corpus(root: Path, count: int = 48, seed: int = 11) -> Path:
    """``count`` short dated news files with varied offices, places and topics."""
    import random

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        a, b = rng.sample(_OFFICES, 2)
        topic, verb, place = rng.choice(_TOPICS), rng.choice(_VERBS), rng.choice(_PLACES)
        year, month, day = rng.choice([2017, 2019, 2021, 2023]), rng.randint(1, 12), rng.randint(1, 28)
        body = " ".join(
            f"Officials of {rng.choice(_OFFICES)} {rng.choice(_VERBS)} {rng.choice(_TOPICS)} in {rng.choice(_PLACES)}."
            for _ in range(rng.randint(3, 9))
        )
        (root / f"n{i:03d}.txt").write_text(
            f"{a} and {b} {verb} {topic}\n{year}-{month:02d}-{day:02d}\n\n"
            f"{a} and {b} {verb} {topic} in {place} on {day} {['January', 'May', 'September'][i % 3]} {year}. {body}\n",
            encoding="utf-8",
        )
    return root


#: A file whose every part is markup a page must show as text (web tests).
HOSTILE_NAME = "hostile-markup.txt"
HOSTILE_TEXT = (
    "Patent office hosts examiners from Japan\n"
    "2021-03-04\n\n"
    "The patent office met <script>document.title='owned'</script> examiners from Japan, "
    "</title><img src=x onerror=alert(2)> and signed a memorandum on \"examination\" & <b>training</b>.\n"
)


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded corpus, the bilingual fixture texts and one hostile file, indexed once."""
    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    shutil.copytree(DOCS_CORPUS, corpus)
    shutil.copytree(ROOT / "tests" / "fixtures" / "bilingual" / "docs", corpus / "bilingual")
    (corpus / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    ipsearch.build_index(corpus, root / "index")
    return root / "index"


@pytest.fixture(scope="session")
def opensearch_cluster(tmp_path_factory: pytest.TempPathFactory):
    """A real two-node OpenSearch cluster (see tests/opensearch_cluster.py), stopped at the end."""
    from . import opensearch_cluster as cluster

    reason = cluster.missing_requirement()
    if reason is not None:
        cluster.skip_or_fail(reason)
    running = cluster.start_cluster(tmp_path_factory.mktemp("opensearch"))
    yield running
    cluster.stop_cluster(running.driver)
