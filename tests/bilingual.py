"""The bilingual fixture set and its judged queries, shared by tests/test_bilingual.py and
bench/chinese.py (which measures the same targets under other analyzers)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bilingual"
DOCS = FIXTURES / "docs"
TOP = 10


@dataclass(frozen=True)
class Judged:
    """One query in one script: ``kind`` is zh, cross or en; ``script`` is hans, hant or any."""

    id: str
    kind: str
    script: str
    text: str
    relevant: tuple[str, ...]


def documents() -> dict[str, dict[str, str]]:
    """File name -> its stored and expected decoded encoding and language."""
    rows = json.loads((FIXTURES / "documents.json").read_text(encoding="utf-8"))
    return {k: v for k, v in rows.items() if not k.startswith("_")}


def queries() -> list[Judged]:
    """Every judged query; a Chinese query counts once per script."""
    rows = json.loads((FIXTURES / "queries.json").read_text(encoding="utf-8"))["queries"]
    out: list[Judged] = []
    for row in rows:
        if row["kind"] == "zh":
            for script in ("hans", "hant"):
                out.append(Judged(row["id"], "zh", script, row[script], tuple(row["relevant"])))
        else:
            out.append(Judged(row["id"], row["kind"], "any", row["query"], tuple(row["relevant"])))
    return out


def is_english(doc_id: str) -> bool:
    return documents()[doc_id]["language"] == "en"


@dataclass(frozen=True)
class Outcome:
    query: Judged
    ranked: tuple[str, ...]

    @property
    def top(self) -> tuple[str, ...]:
        return self.ranked[:TOP]

    @property
    def missing(self) -> tuple[str, ...]:
        """Relevant documents not in the top 10."""
        return tuple(d for d in self.query.relevant if d not in self.top)

    @property
    def both_languages(self) -> bool:
        found = [d for d in self.top if d in self.query.relevant]
        return any(is_english(d) for d in found) and any(not is_english(d) for d in found)

    @property
    def meets_target(self) -> bool:
        """zh: every relevant document in the top 10; cross: relevant ones in both languages there."""
        if self.query.kind == "cross":
            return self.both_languages
        return not self.missing

    @property
    def average_precision(self) -> float:
        hits = 0
        total = 0.0
        for rank, doc in enumerate(self.ranked, 1):
            if doc in self.query.relevant:
                hits += 1
                total += hits / rank
        return total / len(self.query.relevant)

    @property
    def precision_at_r(self) -> float:
        r = len(self.query.relevant)
        return sum(1 for d in self.ranked[:r] if d in self.query.relevant) / r
