"""Step 5: analyzed fields -> Whoosh segments. The fast writer must write what Whoosh's own would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.filestore import FileStorage

from ipsearch import whoosh_internals
from ipsearch.corpus import SourceFile, discover, read_source
from ipsearch.lexicon import default_lexicon
from ipsearch.extract import extract
from ipsearch.fields import to_fields
from ipsearch.schema import build_schema
from ipsearch.suggest import SPELLING_FIELD
from ipsearch.writer import FastSegmentWriter

from .conftest import DOCS_CORPUS, write_news_corpus

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _documents(tmp_path: Path) -> list[dict[str, Any]]:
    lexicon = default_lexicon()
    folders = [DOCS_CORPUS, FIXTURES / "labelled", FIXTURES / "bilingual" / "docs", write_news_corpus(tmp_path / "news", 60)]
    docs = []
    for folder in folders:
        for item in discover(folder):
            if isinstance(item, SourceFile):
                doc = to_fields(extract(read_source(item, 5 << 20), lexicon))
                doc["id"] = f"{folder.name}/{doc['id']}"
                docs.append(doc)
    return docs


def _dump(ix: Any) -> dict[str, Any]:
    """Everything a search can read: terms, postings, term statistics, lengths, stored fields, columns."""
    out: dict[str, Any] = {}
    with ix.reader() as r:
        for fieldname, text in r.all_terms():
            m = r.postings(fieldname, text)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            ti = r.term_info(fieldname, text)
            out[(fieldname, text)] = (postings, ti.weight(), ti.doc_frequency(), ti.min_length(), ti.max_length(),
                                      ti.max_weight(), ti.min_id(), ti.max_id())
        schema = r.schema
        docs = list(r.all_doc_ids())
        out["stored"] = [r.stored_fields(d) for d in docs]
        out["lengths"] = {f: ([r.doc_field_length(d, f) for d in docs], r.field_length(f)) for f in schema.scorable_names()}
        out["columns"] = {f: [r.column_reader(f)[d] for d in docs] for f in schema.names() if r.has_column(f)}
    return out


def _check_word_list(stock: dict[Any, Any], fast: dict[Any, Any], deleted: list[dict[str, Any]] = ()) -> None:  # type: ignore[assignment]
    """The spelling word list (schema.WordList) posts each word once, on its first document,
    weighted by how many have it (``deleted`` documents still counted); Whoosh's writer posts
    every document. Same words and counts; then the rest must be equal."""
    gone = [set(doc[SPELLING_FIELD].split()) for doc in deleted]
    words = sorted(k for k in fast if isinstance(k, tuple) and k[0] == SPELLING_FIELD)
    assert words and set(words) >= {k for k in stock if isinstance(k, tuple) and k[0] == SPELLING_FIELD}
    for key in words:
        postings, fast_weight, df, *_ = fast.pop(key)
        extra = sum(key[1].decode() in words_of for words_of in gone)
        if key not in stock:
            assert extra and fast_weight == extra  # only deleted documents had it
            continue
        (first, *rest), weight, *_ = stock.pop(key)
        assert weight == 1 + len(rest) and df == 1 and fast_weight == weight + extra
        assert len(postings) == 1 and postings[0][1:] == (fast_weight, first[2])  # on any live document


def _index(path: Path) -> Any:
    path.mkdir()
    return FileStorage(str(path)).create_index(build_schema())


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return _documents(tmp_path_factory.mktemp("docs"))


def test_a_new_segment_is_what_whooshs_writer_writes(documents: list[dict[str, Any]], tmp_path: Path) -> None:
    stock, fast = _index(tmp_path / "stock"), _index(tmp_path / "fast")
    for writer in (stock.writer(), FastSegmentWriter(fast)):
        for doc in documents:
            writer.add_document(**doc)
        writer.commit()
    expected, written = _dump(stock), _dump(fast)
    assert len(documents) > 100 and len(expected) > 5000
    _check_word_list(expected, written)
    assert written == expected
    with fast.reader() as r:  # rare terms took the inline path, frequent ones blocks
        infos = [r.term_info(f, t) for f, t in r.all_terms() if f == "body"]
        assert any(i.is_inlined() for i in infos) == whoosh_internals.active().block_write  # Whoosh's own never inlines
        assert any(i.doc_frequency() > 1 for i in infos)


def test_merges_updates_and_deletes_match_whoosh(documents: list[dict[str, Any]], tmp_path: Path) -> None:
    """Old segments merged into a new one go through the pool's generic path."""
    first, second = documents[: len(documents) // 2], documents[len(documents) // 2 :]
    changed = dict(first[0], body=first[0]["body"] + "\nA late correction about Geneva.")
    results = []
    for name, make in (("stock", lambda ix: ix.writer()), ("fast", FastSegmentWriter)):
        ix = _index(tmp_path / name)
        for batch in (first, second):
            w = make(ix)
            for doc in batch:
                w.add_document(**doc)
            w.commit(merge=False)
        w = make(ix)
        w.update_document(**changed)
        w.delete_by_term("id", second[0]["id"])
        w.commit(optimize=True)
        assert len(ix._segments()) == 1
        results.append(_dump(ix))
    _check_word_list(*results, deleted=[first[0], second[0]])
    stock, fast = results
    for name, (per_doc, _total) in stock["lengths"].items():
        assert fast["lengths"][name][0] == per_doc
        # Whoosh re-adds merged documents' rounded lengths to the totals; ipsearch keeps the
        # segments' exact totals (test_merges_keep_field_length_totals_exact...)
        stock["lengths"][name] = fast["lengths"][name] = per_doc
    assert stock == fast


def test_merges_keep_field_length_totals_exact_so_scores_do_not_depend_on_batches(tmp_path: Path) -> None:
    import ipsearch
    from ipsearch import store

    from .conftest import write_news_corpus

    if not whoosh_internals.active().segment_writer:
        pytest.skip("exact merged lengths need the segment_writer fast path (Whoosh's own writer re-adds rounded lengths)")
    corpus = write_news_corpus(tmp_path / "corpus", 120)
    totals, scores = {}, {}
    for batch in (100_000, 7):
        ix_dir = tmp_path / f"ix-{batch}"
        ipsearch.build_index(corpus, ix_dir, batch_size=batch, workers=1)
        with store.open_current(ix_dir).reader() as reader:
            segments = len(list(reader.leaf_readers()))
            totals[batch] = {name: reader.field_length(name) for name in ("body", "title", "entities")}
        with ipsearch.open_index(ix_dir) as index:
            scores[batch] = [(h.id, h.score) for h in index.search("KIPO patent examination seminar", limit=50).hits]
        assert batch == 100_000 or segments > 1  # merges did happen
    assert totals[7] == totals[100_000]
    assert scores[7] == scores[100_000]


def test_a_term_posted_under_its_bytes_first_keeps_one_posting_list(tmp_path: Path) -> None:
    """The text fields' shortcut finds a term by its text; a term a merged segment put in the
    pool first (under its bytes) must gain the new document's posting, not a second list."""
    ix = _index(tmp_path / "ix")
    w = FastSegmentWriter(ix)
    w.add_document(id="a", title="Nothing", body="Nothing here")
    w.pool.add(("body", b"geneva", 0, 1.0, b""))
    w.add_document(id="b", title="Talks", body="Geneva talks in Geneva")
    w.add_document(id="c", title="More", body="geneva again")
    postings = w.pool.terms("body")[b"geneva"]
    assert list(postings.ids) == [0, 1, 2] and list(postings.weights) == [1.0, 2.0, 1.0]
    assert len([t for t in w.pool.terms("body") if t == b"geneva"]) == 1
    w.cancel()


@pytest.mark.parametrize("size", [80, 250, 251, 4000, 40_000])
def test_posting_blocks_compress_as_whoosh_does_but_for_the_window_named_in_the_header(size: int) -> None:
    import random
    import zlib

    rng = random.Random(size)
    data = bytes(rng.choice(b"abcdefgh0123") for _ in range(size))
    ours, whooshs = whoosh_internals.compress_block(data, 3), zlib.compress(data, 3)
    assert ours[2:] == whooshs[2:] and zlib.decompress(ours) == data
    assert (ours[0] >> 4) + 8 >= (size + 262 - 1).bit_length() or ours[0] == whooshs[0]
