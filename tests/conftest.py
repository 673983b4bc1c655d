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
