"""The package's annotations hold: mypy over ipsearch/ finds nothing (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors_in_the_package() -> None:
    pytest.importorskip("mypy")
    import whoosh

    if not (Path(whoosh.__file__).parent / "py.typed").is_file():
        # pyproject's mypy settings are written against whoosh3's annotations (py.typed)
        pytest.skip("the installed Whoosh ships no py.typed (not whoosh3): mypy would see another package")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "ipsearch"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
