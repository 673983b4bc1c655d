"""Measurements behind ipsearch's bilingual analysis (issue 4). Prints figures; asserts nothing.

    python bench/chinese.py reuters [--docs 3000] [--runs 5]   # English must not pay for Chinese
    python bench/chinese.py eval                                # targets on the bilingual fixtures
    python bench/chinese.py segment                             # bigrams vs jieba vs single characters
    python bench/chinese.py t2s                                 # Traditional -> Simplified candidates
    python bench/chinese.py decode                              # GB18030 vs Big5 guessing, vs charset-normalizer

``segment``, ``t2s`` and ``decode`` compare against optional packages (jieba, opencc-python-reimplemented,
hanziconv, charset-normalizer) when they are installed; ipsearch itself needs none of them.
Reuters-21578 is read in place from ../shared/data (never copied).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REUTERS = SHARED / "data" / "reuters21578"
FIXTURES = ROOT / "tests" / "fixtures" / "bilingual"
sys.path.insert(0, str(ROOT))


# ------------------------------------------------------------------ Reuters (English cost)

_RECORD = re.compile(r"<REUTERS.*?</REUTERS>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def reuters_texts() -> list[str]:
    if not REUTERS.is_dir():
        sys.exit(f"Reuters-21578 not found at {REUTERS}")
    texts = []
    for path in sorted(REUTERS.glob("reut2-*.sgm")):
        for rec in _RECORD.findall(path.read_text(encoding="latin-1")):
            title = _TITLE.search(rec)
            body = _BODY.search(rec)
            if body:
                texts.append(html.unescape((title.group(1) + "\n\n" if title else "") + body.group(1)))
    return texts


_ANALYZE_ONCE = """
import sys, time
sys.path.insert(0, {bench!r})
from chinese import reuters_texts
texts = reuters_texts()
sys.path.insert(0, {root!r})
from ipsearch.analysis import text_analyzer
ana = text_analyzer()
t0 = time.process_time()
n = 0
for text in texts:
    for _ in ana(text, positions=True, chars=True, mode="index"):
        n += 1
print(time.process_time() - t0, n, len(texts))
"""

_TOKENS_DIGEST = """
import hashlib, json, sys
sys.path.insert(0, {bench!r})
from chinese import reuters_texts, SHARED
texts = reuters_texts()
scifact = SHARED / "data" / "scifact" / "corpus.jsonl"
if scifact.is_file():
    for line in scifact.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        texts.append(row["title"] + "\\n" + row["text"])
sys.path.insert(0, {root!r})
from ipsearch.analysis import text_analyzer
ana = text_analyzer()
for mode in ("index", "query"):
    h = hashlib.sha1()
    for text in texts:
        for t in ana(text, positions=True, chars=True, mode=mode, removestops=False):
            h.update(f"{{t.text}}|{{t.pos}}|{{t.startchar}}|{{t.endchar}}|{{t.stopped}}\\n".encode())
    print(mode, len(texts), h.hexdigest())
"""

_INDEX_ONCE = """
import sys, time
sys.path.insert(0, {root!r})
import ipsearch
t0 = time.process_time()
ipsearch.build_index({corpus!r}, {index!r}, workers=1)  # all its CPU in this process
print(time.process_time() - t0)
"""


def _child(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def cmd_reuters(args: argparse.Namespace) -> None:
    """CPU time of the analyzer over all Reuters text and of an index build, in fresh processes.

    With ``--baseline DIR`` (a folder holding another ``ipsearch`` package, e.g. from
    ``git archive main ipsearch | tar -x -C DIR``) runs alternate between the two trees, so
    that load from other processes on the machine hits both alike.
    """
    roots = {"this tree": ROOT}
    if args.baseline:
        roots = {"baseline": Path(args.baseline).resolve(), "this tree": ROOT}
    bench = str(Path(__file__).parent)
    analyze: dict[str, list[float]] = {k: [] for k in roots}
    index: dict[str, list[float]] = {k: [] for k in roots}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        if args.docs:
            for i, text in enumerate(reuters_texts()[: args.docs]):
                (corpus / f"r{i:05d}.txt").write_text(text, encoding="latin-1", errors="replace")
        for _ in range(args.runs):
            for name, root in roots.items():
                out = _child(_ANALYZE_ONCE.format(root=str(root), bench=bench))
                analyze[name].append(float(out[0]))
                tokens, docs = int(out[1]), int(out[2])
                if args.docs:
                    ix = Path(tmp) / "index"
                    shutil.rmtree(ix, ignore_errors=True)
                    index[name].append(float(_child(_INDEX_ONCE.format(root=str(root), corpus=str(corpus), index=str(ix)))[0]))
        print(f"Reuters-21578: {docs} texts with a body, {tokens} tokens; CPU seconds, {args.runs} fresh processes each")
        for name in roots:
            line = f"  {name:10} analyzer median {statistics.median(analyze[name]):6.2f} min {min(analyze[name]):6.2f}"
            if args.docs:
                line += f" | build_index({args.docs} docs) median {statistics.median(index[name]):6.2f} min {min(index[name]):6.2f}"
            print(line)
        if args.baseline:
            digests = {name: _child(_TOKENS_DIGEST.format(root=str(root), bench=bench)) for name, root in roots.items()}
            same = digests["baseline"] == digests["this tree"]
            print(f"  token streams (text, position, offsets, stop flag) over {digests['baseline'][1]} Reuters + SciFact "
                  f"texts, index and query mode: {'IDENTICAL' if same else 'DIFFERENT'} to baseline")
            a = statistics.median(analyze["this tree"]) / statistics.median(analyze["baseline"])
            print(f"  analyzer: this tree / baseline = {a:.3f}", end="")
            if args.docs:
                b = statistics.median(index["this tree"]) / statistics.median(index["baseline"])
                print(f"; build_index: this tree / baseline = {b:.3f}", end="")
            print()


# ------------------------------------------------------------------ Traditional -> Simplified

_CONVERTERS = {
    "shipped table (ipsearch.han)": "from ipsearch.han import fold_han as convert",
    "opencc-python-reimplemented t2s": "import opencc; convert = opencc.OpenCC('t2s').convert",
    "hanziconv": "from hanziconv import HanziConv; convert = HanziConv.toSimplified",
    "zhconv (GPL-2.0+)": "import zhconv; convert = lambda s: zhconv.convert(s, 'zh-hans')",
}

_CONVERT_STARTUP = """
import sys, time
sys.path.insert(0, {root!r})
import ipsearch  # the package is loaded anyway: time only what the converter adds
t0 = time.perf_counter()
{setup}
convert("韓國知識產權局")
print(time.perf_counter() - t0)
"""


def _lexicon_pairs() -> list[tuple[str, str]]:
    """(Traditional, Simplified) forms of one entity that differ only character by character."""
    pairs = []
    for row in _lexicon_rows():
        for hant in row.get("zh_hant", ()):
            for hans in row.get("zh_hans", ()):
                if len(hant) == len(hans) and hant != hans:
                    pairs.append((hant, hans))
    return pairs


def cmd_t2s(args: argparse.Namespace) -> None:
    """Character table vs converter packages: agreement, lexicon pairs folded, speed, start-up."""
    from ipsearch.corpus import decode
    from tests.bilingual import DOCS

    hant = "\n".join(decode((DOCS / n).read_bytes())[0] for n in sorted(p.name for p in DOCS.iterdir()) if "zh-hant" in n)
    pairs = _lexicon_pairs()
    reference = None
    try:
        import opencc

        reference = opencc.OpenCC("t2s").convert(hant)
    except ImportError:
        pass
    print(f"Traditional fixture text: {len(hant)} characters; {len(pairs)} lexicon (Traditional, Simplified) pairs")
    print("'= opencc t2s': share of Han characters converted as OpenCC's phrase-aware t2s does;")
    print("'pairs equal': lexicon pairs whose two forms convert to the same string;")
    print("start: ms to import and convert once, on top of `import ipsearch`")
    print(f"{'converter':34} {'= opencc t2s':>12} {'pairs equal':>11} {'kchar/s':>8} {'start ms':>8}")
    for name, setup in _CONVERTERS.items():
        scope: dict = {}
        try:
            exec(setup, scope)
        except ImportError:
            print(f"{name:34} (not installed)")
            continue
        convert = scope["convert"]
        out = convert(hant)
        han = [i for i, c in enumerate(hant) if "\u3400" <= c <= "\u9fff"]
        same_length = reference is not None and len(out) == len(reference)
        agree = sum(out[i] == reference[i] for i in han) / len(han) if same_length else float("nan")
        equal = sum(convert(t) == s or convert(t) == convert(s) for t, s in pairs) / len(pairs)
        sample = hant * args.repeat
        t0 = time.process_time()
        convert(sample)
        speed = len(sample) / (time.process_time() - t0)
        starts = [float(_child(_CONVERT_STARTUP.format(root=str(ROOT), setup=setup))[0]) for _ in range(3)]
        print(f"{name:34} {agree:12.4f} {equal:11.3f} {speed / 1000:8.0f} {min(starts) * 1000:8.0f}")


# ------------------------------------------------------------------ decoding: GB18030 vs Big5 vs cp1252

_LATIN1_SAMPLES = (
    "Delegations met in Genève for the WIPO Assemblies.",
    "The Société française des brevets signed a memorandum with the Österreichisches Patentamt.",
    "Müller said the Straße project in München was “a success” – and more to come…",
    "Señor Peña visited São Paulo and Bogotá to discuss trademarks.",
)
_FAMILY = {
    "gb18030": {"gb18030", "gbk", "gb2312", "cp936"},
    "big5": {"big5", "cp950", "big5hkscs"},
    "cp1252": {"cp1252", "latin_1", "iso8859_1", "windows-1252", "iso-8859-1", "latin-1"},
}


def _decode_samples(lengths: tuple[int, ...]) -> list[tuple[str, int, str, bytes, str]]:
    """(expected family, length, source file, bytes, original text) for every fixture and length."""
    from ipsearch.corpus import decode
    from tests.bilingual import DOCS, documents

    samples = []
    for name, row in documents().items():
        if row["language"] == "en":
            continue
        text = decode((DOCS / name).read_bytes())[0]
        for n in lengths:
            piece = text[:n]
            for family, codec in (("gb18030", "gb18030"), ("big5", "cp950")):
                try:
                    samples.append((family, n, name, piece.encode(codec), piece))
                except UnicodeEncodeError:
                    continue  # Simplified text has no Big5 form
    for text in _LATIN1_SAMPLES:
        for n in lengths:
            samples.append(("cp1252", n, "latin sample", text[:n].encode("cp1252"), text[:n]))
    # Names from the lexicon: short, and rich in rare characters (transliterations).
    for row in _lexicon_rows():
        for form in (*row.get("zh_hans", ()), *row.get("zh_hant", ())):
            for family, codec in (("gb18030", "gb18030"), ("big5", "cp950")):
                try:
                    samples.append((family, -1, "lexicon", form.encode(codec), form))
                except UnicodeEncodeError:
                    continue
    return samples


def _lexicon_rows() -> list[dict]:
    rows: list[dict] = []
    for kind in ("countries", "offices", "organizations", "people", "places"):
        rows += json.loads((ROOT / "ipsearch" / "data" / f"{kind}.json").read_text(encoding="utf-8"))
    return rows


def cmd_decode(args: argparse.Namespace) -> None:
    """Accuracy of guessing the encoding of Chinese and Latin text by sample length."""
    from ipsearch.corpus import decode

    lengths = (-1, 4, 8, 16, 32, 64, 100_000)
    samples = [s for s in _decode_samples(lengths[1:]) if not s[3].isascii()]
    try:
        import charset_normalizer
    except ImportError:
        charset_normalizer = None
    print(f"{len(samples)} samples: Chinese fixture texts cut to 4...all characters and the lexicon's Chinese names, "
          "as GB18030 and (where encodable) Big5; Latin-1 sentences. Correct = decoded text equals the original")
    print(f"{'family':8} {'chars':>6} {'n':>4} {'ipsearch':>9} {'charset-normalizer':>19}")
    t_ours = t_cn = 0.0
    for family in ("gb18030", "big5", "cp1252"):
        for n in lengths:
            group = [s for s in samples if s[0] == family and s[1] == n]
            if not group:
                continue
            ours = theirs = 0
            for _, _, _, data, original in group:
                t0 = time.perf_counter()
                text, name = decode(data)
                t_ours += time.perf_counter() - t0
                ours += text == original.replace("\u3000", " ")
                if charset_normalizer:
                    t0 = time.perf_counter()
                    best = charset_normalizer.from_bytes(data).best()
                    t_cn += time.perf_counter() - t0
                    theirs += best is not None and str(best) == original
            cn = f"{theirs / len(group):19.3f}" if charset_normalizer else f"{'-':>19}"
            label = "all" if n > 1000 else "names" if n < 0 else n
            print(f"{family:8} {label:>6} {len(group):4d} {ours / len(group):9.3f} {cn}")
    print(f"time over all samples: ipsearch {t_ours * 1000:.0f} ms, charset-normalizer {t_cn * 1000:.0f} ms")


# ------------------------------------------------------------------ fixture evaluation


def evaluate(index_dir: Path, verbose: bool | str = True) -> dict[str, float]:
    """Run every judged query of tests/fixtures/bilingual against an index; print and sum up."""
    import ipsearch
    from tests.bilingual import Outcome, queries

    outcomes = []
    with ipsearch.open_index(index_dir) as ix:
        for q in queries():
            try:
                hits = ix.search(q.text, limit=50).hits
            except ipsearch.IpsearchError:
                hits = ()
            outcomes.append(Outcome(q, tuple(h.id for h in hits)))
    if verbose:
        for o in outcomes:
            if verbose == "misses" and o.meets_target:
                continue
            flag = "ok  " if o.meets_target else "MISS"
            extra = f" missing {list(o.missing)}" if o.missing else ""
            print(f"  {flag} {o.query.kind:5} {o.query.id:28} {o.query.script:4} {o.query.text!r:24} "
                  f"AP {o.average_precision:.2f} P@R {o.precision_at_r:.2f}{extra}")
    summary: dict[str, float] = {}
    for kind in ("zh", "cross", "en"):
        group = [o for o in outcomes if o.query.kind == kind]
        if group:
            summary[f"{kind} target met"] = sum(o.meets_target for o in group) / len(group)
            summary[f"{kind} all relevant in top 10"] = sum(not o.missing for o in group) / len(group)
            summary[f"{kind} MAP"] = statistics.mean(o.average_precision for o in group)
            summary[f"{kind} P@R"] = statistics.mean(o.precision_at_r for o in group)
            summary[f"{kind} queries"] = len(group)
    return summary


def cmd_eval(args: argparse.Namespace) -> None:
    import ipsearch
    from tests.bilingual import DOCS

    with tempfile.TemporaryDirectory() as tmp:
        ipsearch.build_index(DOCS, Path(tmp) / "index")
        summary = evaluate(Path(tmp) / "index")
    for key, value in summary.items():
        print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")


# ------------------------------------------------------------------ segmentation: bigrams vs jieba


def _variants() -> dict[str, tuple[type, str]]:
    """name -> (tokenizer class, multitoken_query of the text fields)."""
    from ipsearch.analysis import ScriptTokenizer

    class BigramOnly(ScriptTokenizer):
        """The pre-issue-4 scheme: bigrams, a unigram only for a one-character run."""

        @staticmethod
        def han_units(run: str, query: bool) -> tuple[list[tuple[int, int, int]], int]:
            return ScriptTokenizer.han_units(run, True)

    class Unigram(ScriptTokenizer):
        """One token per character."""

        @staticmethod
        def han_units(run: str, query: bool) -> tuple[list[tuple[int, int, int]], int]:
            return [(i, i + 1, i) for i in range(len(run))], len(run)

    class Jieba(ScriptTokenizer):
        """jieba on the folded run: search mode (words plus their parts) at index time, words at query time."""

        lexicon = False

        def han_units(self, run: str, query: bool) -> tuple[list[tuple[int, int, int]], int]:  # type: ignore[override]
            from ipsearch.han import fold_han

            seg = _jieba(self.lexicon)
            folded = fold_han(run)
            words = [(s, e) for _, s, e in seg.tokenize(folded)]
            slot = {}
            for k, (s, e) in enumerate(words):
                for c in range(s, e):
                    slot[c] = k
            if query:
                return [(s, e, k) for k, (s, e) in enumerate(words)], len(words)
            units = [(s, e, slot[s]) for _, s, e in seg.tokenize(folded, mode="search")]
            return sorted(units), len(words)

    class JiebaLexicon(Jieba):
        """jieba with every Chinese name of the lexicon added as a word."""

        lexicon = True

    for cls in (BigramOnly, Unigram, Jieba, JiebaLexicon):
        cls.__module__, cls.__qualname__ = __name__, cls.__name__  # picklable from this module
        globals()[cls.__name__] = cls
    return {
        "bigram+unigram (shipped)": (ScriptTokenizer, "default"),
        "bigram+unigram, AND": (ScriptTokenizer, "and"),
        "bigram+unigram, phrase": (ScriptTokenizer, "phrase"),
        "bigram only": (BigramOnly, "default"),
        "unigram only": (Unigram, "default"),
        "jieba": (Jieba, "default"),
        "jieba + lexicon names": (JiebaLexicon, "default"),
    }


_JIEBA: dict[bool, object] = {}


def _jieba(with_lexicon: bool):  # noqa: ANN202
    if with_lexicon not in _JIEBA:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        seg = jieba.Tokenizer()
        if with_lexicon:
            from ipsearch.han import fold_han
            from ipsearch.lexicon import default_lexicon

            for entries in default_lexicon().entries.values():
                for entry in entries:
                    for form in entry.forms:
                        if not form.isascii():
                            seg.add_word(fold_han(form))
        _JIEBA[with_lexicon] = seg
    return _JIEBA[with_lexicon]


def _analyzer_for(tokenizer_cls: type):  # noqa: ANN202
    from ipsearch.analysis import FoldFilter, SnowballFilter, StopWordFilter

    return tokenizer_cls() | FoldFilter() | StopWordFilter() | SnowballFilter()


def _chinese_text() -> str:
    from ipsearch.corpus import decode
    from tests.bilingual import DOCS, documents

    return "\n".join(decode((DOCS / name).read_bytes())[0] for name, row in documents().items() if row["language"] != "en")


_STARTUP = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
import chinese
cls = chinese._variants()[{name!r}][0]
ana = chinese._analyzer_for(cls)
list(ana("国家知识产权局局长申长雨会见韩国知识产权局局长", mode="query"))
print(time.perf_counter() - t0)
"""


def cmd_segment(args: argparse.Namespace) -> None:
    """Bigrams (+ unigrams) vs jieba vs single characters: quality, size, speed, start-up."""
    import ipsearch
    from ipsearch import schema as schema_module
    from ipsearch import store
    from ipsearch.store import folder_size
    from tests.bilingual import DOCS

    text = _chinese_text()
    han_chars = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    rows = []
    original = schema_module.build_schema
    for name, (cls, grouping) in _variants().items():
        if "jieba" in name:
            try:
                import jieba  # noqa: F401
            except ImportError:
                print(f"  ({name}: jieba not installed, skipped)")
                continue

        def build(cls=cls, grouping=grouping):  # noqa: ANN001, ANN202
            sch = original()
            ana = _analyzer_for(cls)
            for field in ("title", "body", "entities"):
                sch[field].analyzer = ana
                sch[field].multitoken_query = grouping
            return sch

        store.build_schema = build  # where the index is created
        if args.verbose:
            print(f"== {name}")
        try:
            with tempfile.TemporaryDirectory() as tmp:
                ipsearch.build_index(DOCS, Path(tmp) / "ix")
                summary = evaluate(Path(tmp) / "ix", verbose=args.verbose)
                big = Path(tmp) / "big"
                for copy in range(args.copies):
                    shutil.copytree(DOCS, big / f"c{copy:02d}")
                ipsearch.build_index(big, Path(tmp) / "bigix")
                size = folder_size(Path(tmp) / "bigix")
        finally:
            store.build_schema = original
        ana = _analyzer_for(cls)
        tokens = [t.text for t in ana(text, mode="index")]
        list(ana("热身", mode="index"))  # load dictionaries before timing
        sample = text * args.repeat
        t0 = time.process_time()
        for _ in ana(sample, positions=True, chars=True, mode="index"):
            pass
        speed = len(sample) / (time.process_time() - t0)
        starts = []
        for _ in range(3):
            out = _child(_STARTUP.format(root=str(ROOT), bench=str(Path(__file__).parent), name=name))
            starts.append(float(out[0]))
        rows.append((name, summary, len(tokens) / han_chars, len(set(tokens)), size, speed, min(starts)))
    print(f"Chinese fixture text: {han_chars} Han characters; index size over {args.copies} copies of the 21 fixtures")
    print(f"{'variant':26} {'zh ok':>6} {'zh MAP':>6} {'zh P@R':>6} {'x ok':>5} {'x MAP':>6} "
          f"{'tok/char':>8} {'terms':>6} {'index KB':>8} {'kchar/s':>8} {'start s':>7}")
    for name, sm, per_char, terms, size, speed, start in rows:
        print(f"{name:26} {sm['zh target met']:6.2f} {sm['zh MAP']:6.3f} {sm['zh P@R']:6.3f} "
              f"{sm['cross target met']:5.2f} {sm['cross MAP']:6.3f} {per_char:8.2f} {terms:6d} "
              f"{size / 1024:8.0f} {speed / 1000:8.0f} {start:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("reuters")
    p.add_argument("--docs", type=int, default=3000, help="texts in the index-build sample (0: skip)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--baseline", help="folder holding a baseline ipsearch package to compare with")
    p.set_defaults(func=cmd_reuters)
    p = sub.add_parser("segment")
    p.add_argument("--copies", type=int, default=20, help="copies of the fixtures in the index-size corpus")
    p.add_argument("--repeat", type=int, default=50, help="copies of the Chinese text in the speed sample")
    p.add_argument("--verbose", action="store_const", const="misses", default=False,
                   help="print the queries each variant misses")
    p.set_defaults(func=cmd_segment)
    p = sub.add_parser("t2s")
    p.add_argument("--repeat", type=int, default=200)
    p.set_defaults(func=cmd_t2s)
    p = sub.add_parser("decode")
    p.set_defaults(func=cmd_decode)
    p = sub.add_parser("eval")
    p.set_defaults(func=cmd_eval)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
