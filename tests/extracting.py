"""What the extraction tests share (one test file per field family, tests/test_extract_*.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipsearch.corpus import SourceFile, SourceText, discover, read_source
from ipsearch.extract import Document, extract

from .conftest import DOCS_CORPUS


@pytest.fixture(scope="session")
def docs() -> dict[str, Document]:
    """The docs corpus extracted once, by file name."""
    return {f.doc_id: extract(read_source(f)) for f in discover(DOCS_CORPUS) if isinstance(f, SourceFile)}


def source_text(text: str, name: str = "a.txt") -> SourceText:
    """``text`` as if decoded from a UTF-8 file called ``name``."""
    return SourceText(name, Path(name), text, "utf-8", "", len(text), "")


def extract_text(tmp_path: Path, text: str, name: str = "a.txt") -> Document:
    """``text`` written to a file, read back and extracted: the way the indexer does it."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    return extract(read_source(next(f for f in discover(tmp_path) if isinstance(f, SourceFile) and f.doc_id == name)))
