"""Spelling correction, similar articles and explain on a real corpus: accuracy and cost.

    python bench/typos.py              # all 5,183 SciFact abstracts, 300 test claims (~2 min)
    python bench/typos.py --docs 1500  # a quicker subset

Every SciFact abstract becomes one text file (title line, blank line, text) in a temporary
folder, indexed by ``ipsearch.build_index``. Then, on a warm searcher:

* **false alarms**: the 300 test claims as written; how many get a suggestion at all
  (each is listed: these are the words the corrector does not know);
* **typos**: one word of six letters or more in each claim gets one seeded random edit
  (deletion, insertion, substitution or transposition; edits that make another known
  word are skipped); how often the suggestion restores the word, is wrong, or is absent;
* **cost**: ``Speller.correct`` time on clean claims (the price every search pays) and on
  misspelled ones, ``search`` time with and without a typo, ``similar`` and ``explain``;
* **index cost** of the spelling word list: build time with the field vs. with it empty.

Needs ``../shared/data/scifact`` beside the repo. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import string
import tempfile
import time
from pathlib import Path

import ipsearch
from ipsearch import indexer
from ipsearch.analysis import fold
from ipsearch.schema import FACET_FIELDS, TEXT_FIELDS
from ipsearch.suggest import SPELLING_FIELD, Speller

SCIFACT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scifact"


def write_corpus(target: Path, limit: int | None) -> int:
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    with (SCIFACT / "corpus.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            (target / f"{doc['_id']}.txt").write_text(f"{doc['title']}\n\n{doc['text']}\n", encoding="utf-8")
            count += 1
            if limit and count >= limit:
                break
    return count


def test_claims() -> list[str]:
    ids = {row.split("\t")[0] for row in (SCIFACT / "qrels" / "test.tsv").read_text().splitlines()[1:] if row.strip()}
    claims = []
    with (SCIFACT / "queries.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            q = json.loads(line)
            if q["_id"] in ids:
                claims.append(q["text"])
    return claims


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)  # keep the first letter, as most typos do
    kind = rng.choice(("delete", "insert", "substitute", "transpose"))
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + rng.choice(string.ascii_lowercase) + word[i:]
    if kind == "substitute":
        return word[:i] + rng.choice([c for c in string.ascii_lowercase if c != word[i]]) + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :] if word[i] != word[i - 1] else word[:i] + word[i + 1 :]


def ms(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return f"p50 {statistics.median(values) * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms"


def timed(fn, *args, clock=time.perf_counter, **kwargs):  # noqa: ANN001, ANN201
    start = clock()
    out = fn(*args, **kwargs)
    return clock() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="index only the first N abstracts")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    if not SCIFACT.is_dir():
        raise SystemExit(f"needs {SCIFACT}")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n = write_corpus(corpus, args.docs)
        # CPU time of this process (one worker, so all of it is here): wall time swings
        # with whatever else the machine runs
        real_to_fields = indexer.to_fields
        indexer.to_fields = lambda doc: {**real_to_fields(doc), SPELLING_FIELD: ""}
        try:
            bare_s, _ = timed(ipsearch.build_index, corpus, Path(tmp) / "ix-bare", workers=1, clock=time.process_time)
        finally:
            indexer.to_fields = real_to_fields
        build_s, _ = timed(ipsearch.build_index, corpus, Path(tmp) / "ix", workers=1, clock=time.process_time)
        print(f"SciFact: {n} abstracts. Build CPU {build_s:.1f} s with the spelling word list, "
              f"{bare_s:.1f} s with it empty ({(build_s / bare_s - 1) * 100:+.0f}%).")

        claims = test_claims()
        rng = random.Random(args.seed)
        with ipsearch.open_index(Path(tmp) / "ix") as ix:
            reader = ix._fresh().reader()
            speller = Speller(reader, TEXT_FIELDS, FACET_FIELDS)
            vocabulary = sum(1 for _ in reader.lexicon(SPELLING_FIELD))
            print(f"Spelling vocabulary: {vocabulary} words.")

            clean_times, flagged = [], []
            for claim in claims:
                seconds, fix = timed(speller.correct, claim)
                clean_times.append(seconds)
                if fix:
                    flagged.append(fix.fixes)
            print(f"\nClean claims: {len(flagged)} of {len(claims)} got a suggestion; "
                  f"Speller.correct {ms(clean_times)}")
            for fixes in flagged:
                print("   ", ", ".join(f"{a} -> {b}" for a, b in fixes))

            right = wrong = none = 0
            typo_times, wrong_examples = [], []
            typo_queries = []
            for claim in claims:
                words = [w for w in claim.split() if w.isalpha() and len(w) >= 6 and speller.is_known(w)]
                if not words:
                    continue
                word = rng.choice(words)
                bad = typo(word, rng)
                if bad == word or speller.is_known(bad):
                    continue
                query = claim.replace(word, bad, 1)
                typo_queries.append(query)
                seconds, fix = timed(speller.correct, query)
                typo_times.append(seconds)
                got = dict(fix.fixes).get(bad) if fix else None
                if got is None:
                    none += 1
                elif fold(got) == fold(word):
                    right += 1
                else:
                    wrong += 1
                    wrong_examples.append(f"{word} -> {bad} -> {got}")
            total = right + wrong + none
            print(f"\nOne typo per claim ({total} claims): restored {right} ({right / total:.0%}), "
                  f"wrong word {wrong} ({wrong / total:.0%}), no suggestion {none} ({none / total:.0%}); "
                  f"Speller.correct {ms(typo_times)}")
            print("    wrong:", "; ".join(wrong_examples[:12]))

            clean_search = [timed(ix.search, c)[0] for c in claims]
            typo_search = [timed(ix.search, q)[0] for q in typo_queries]
            explain_search = [timed(ix.search, c, explain=True)[0] for c in claims[:100]]
            print(f"\nsearch, clean claims:         {ms(clean_search)}")
            print(f"search, claims with a typo:   {ms(typo_search)}")
            print(f"search --explain (10 hits):   {ms(explain_search)}")
            doc_ids = [f"{p.stem}.txt" for p in sorted(corpus.iterdir())[:200]]
            print(f"similar (10 articles):        {ms([timed(ix.similar, d)[0] for d in doc_ids])}")


if __name__ == "__main__":
    main()
