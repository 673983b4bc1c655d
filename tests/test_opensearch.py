"""The OpenSearch backend's ground: a real local cluster, and what replication must guarantee.

These tests run against real OpenSearch nodes (tools/opensearch_cluster.py, one JVM each);
they skip without Java/Maven locally and fail under CI=true (tests/opensearch_cluster.py).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from collections.abc import Iterator
from pathlib import Path

import pytest

from . import opensearch_cluster as cluster
from .conftest import DOCS_CORPUS

# Short news items written for these tests, English and Chinese, so that a term search and
# a CJK phrase search each have a known set of matches to return in full.
ARTICLES = {
    "cnipa-epo-pph": "CNIPA and the EPO extend their patent prosecution highway pilot for two more years.",
    "kipo-jpo-examiners": "KIPO and JPO exchange patent examiners to align search practice.",
    "wipo-madrid-training": "WIPO holds a Madrid System training course on trademark filing in Geneva.",
    "sipo-kazakhstan": "国家知识产权局与哈萨克斯坦司法部签署知识产权合作谅解备忘录。",
    "cnipa-seminar-zh": "中蒙俄知识产权研讨会在北京召开，三方讨论专利审查合作。",
    "tipo-design": "智慧財產局舉辦設計專利審查座談會。",
    "uspto-ai": "The USPTO publishes guidance on patent eligibility of AI-assisted inventions.",
}
INDEX = "replica-check"


def _matching(predicate: object) -> set[str]:
    return {doc_id for doc_id, body in ARTICLES.items() if predicate(body)}  # type: ignore[operator]


EXPECTED_PATENT = _matching(lambda body: re.search(r"\bpatent\b", body, re.IGNORECASE))
EXPECTED_IP_ZH = _matching(lambda body: "知识产权" in body)


def _client(url: str):
    from opensearchpy import OpenSearch

    return OpenSearch(url, timeout=120, max_retries=0)


def _health(client, **params: str) -> dict:
    # The client reads a `timeout` parameter as its own socket timeout unless `request_timeout`
    # is given too; only then does the server's wait-for timeout reach the server.
    return client.cluster.health(params={**params, "request_timeout": 330})


def _ids(client, query: dict, **params: str) -> set[str]:
    response = client.search(index=INDEX, body={"query": query, "size": 100, "track_total_hits": True},
                             params=params)
    hits = response["hits"]
    assert hits["total"]["value"] == len(hits["hits"]), "total and returned hits disagree"
    assert response["_shards"]["failed"] == 0, f"shard failures: {response['_shards']}"
    return {hit["_id"] for hit in hits["hits"]}


def _assert_complete(client, **params: str) -> None:
    assert _ids(client, {"match": {"body": "patent"}}, **params) == EXPECTED_PATENT
    assert _ids(client, {"match_phrase": {"body": "知识产权"}}, **params) == EXPECTED_IP_ZH


@pytest.fixture()
def replicated_index(opensearch_cluster: cluster.RunningCluster) -> Iterator[str]:
    """An index of ARTICLES with two shards and one replica of each, green."""
    from opensearchpy import helpers

    client = _client(opensearch_cluster.url)
    client.indices.create(index=INDEX, body={
        "settings": {"number_of_shards": 2, "number_of_replicas": 1},
        # `cjk` comes from the analysis-common module: the launcher must have loaded it.
        "mappings": {"properties": {"body": {"type": "text", "analyzer": "cjk"}}},
    })
    try:
        health = _health(client, index=INDEX, wait_for_status="green", timeout="120s")
        assert health["status"] == "green"
        indexed, errors = helpers.bulk(client, ({"_index": INDEX, "_id": doc_id, "body": body}
                                                for doc_id, body in ARTICLES.items()), refresh=True)
        assert (indexed, errors) == (len(ARTICLES), [])
        yield opensearch_cluster.url
    finally:
        client.indices.delete(index=INDEX, ignore_unavailable=True)


def test_cluster_has_every_node_as_its_own_jvm(opensearch_cluster: cluster.RunningCluster) -> None:
    client = _client(opensearch_cluster.url)
    health = _health(client, wait_for_status="green", timeout="60s")
    assert health["number_of_nodes"] == opensearch_cluster.nodes
    pids = {node["process"]["id"] for node in client.nodes.info(metric="process")["nodes"].values()}
    assert len(pids) == opensearch_cluster.nodes
    for pid in pids:
        os.kill(pid, 0)  # a live local process, not a remote or shared one


def test_searches_stay_complete_when_a_node_is_killed(opensearch_cluster: cluster.RunningCluster,
                                                       replicated_index: str, corpus_copy: Path) -> None:
    import ipsearch

    client = _client(replicated_index)
    _assert_complete(client)
    # ipsearch's own index too (two shards, one replica by default), searched through the backend.
    ours = f"{opensearch_cluster.url}/killed-node-check"
    built = ipsearch.build_index(corpus_copy, ours)
    assert not _health(client, index="killed-node-check", wait_for_status="green", timeout="120s")["timed_out"]
    with ipsearch.open_index(ours) as ix:
        before = ix.search("patent", limit=100, facets=["countries"])
    assert before.total > 1
    nodes = client.nodes.info(metric="process,http")["nodes"]
    manager = client.cluster.state(metric="cluster_manager_node")["cluster_manager_node"]
    # With two cluster-manager-eligible nodes the voting configuration holds one of them, so
    # killing the elected manager would leave no quorum: kill the other node.
    victim_id = next(node_id for node_id in nodes if node_id != manager)
    survivor = _client(f"http://{nodes[manager]['http']['publish_address']}")
    os.kill(nodes[victim_id]["process"]["id"], signal.SIGKILL)

    # At once, before the cluster has noticed: shard copies on the dead node fail over.
    _assert_complete(survivor)
    survivor_url = f"http://{nodes[manager]['http']['publish_address']}/killed-node-check"
    with ipsearch.open_index(survivor_url) as ix:
        during = ix.search("patent", limit=100, facets=["countries"])
    assert [h.id for h in during.hits] == [h.id for h in before.hits] and during.facets == before.facets
    # After the cluster dropped the node and promoted replicas.
    health = _health(survivor, wait_for_nodes="1", timeout="120s")
    assert not health["timed_out"] and health["number_of_nodes"] == 1
    _assert_complete(survivor)

    # Bring it back: the restarted node recovers its copies and serves them itself.
    opensearch_cluster.restart_dead_nodes()
    health = _health(survivor, wait_for_status="green", wait_for_nodes=str(opensearch_cluster.nodes),
                     timeout="300s")
    assert not health["timed_out"] and health["status"] == "green"
    back = {node_id: node for node_id, node in survivor.nodes.info(metric="http")["nodes"].items()
            if node_id != manager}
    assert len(back) == 1
    restarted = _client(f"http://{next(iter(back.values()))['http']['publish_address']}")
    _assert_complete(restarted, preference="_only_local")

    # A sync after the restart completes: one changed file re-sent, the rest unchanged.
    changed = sorted(corpus_copy.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA closing note on zeugmatic examiners.\n",
                       encoding="utf-8")
    try:
        again = ipsearch.build_index(corpus_copy, survivor_url)
        assert again.updated == (changed.name,) and len(again.unchanged) == built.documents - 1
        with ipsearch.open_index(survivor_url) as ix:
            assert [h.id for h in ix.search("zeugmatic").hits] == [changed.name]
    finally:
        client.indices.delete(index="killed-node-check", ignore_unavailable=True)


def test_driver_prints_ready_and_stops_its_nodes_on_sigterm(tmp_path: Path) -> None:
    reason = cluster.missing_requirement()
    if reason is not None:
        cluster.skip_or_fail(reason)
    # Its own one-node cluster, so that stopping it leaves the session's cluster alone.
    single = cluster.start_cluster(tmp_path, nodes=1)
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", single.url)
        (pid,) = [node["process"]["id"] for node in _client(single.url).nodes.info(metric="process")["nodes"].values()]
    finally:
        status = cluster.stop_cluster(single.driver)
    assert status == 0
    log = (tmp_path / "node-0" / "console.log").read_text()
    assert "launcher: node closed: node-0" in log, log[-2000:]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_driver_rejects_bad_usage_without_starting_anything(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(cluster.TOOL), "start", "--nodes", "0", "--data", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--nodes must be at least 1" in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- the backend: template and bulk indexing


@pytest.fixture(scope="module")
def corpus_in_opensearch(opensearch_cluster: cluster.RunningCluster):
    """The default corpus bulk-loaded through ipsearch's template, with the report of that run."""
    from ipsearch.backends.opensearch import index_corpus

    report = index_corpus(DOCS_CORPUS, opensearch_cluster.url, index="corpus-check")
    yield opensearch_cluster.url, report
    _client(opensearch_cluster.url).indices.delete(index="corpus-check", ignore_unavailable=True)


def test_bulk_indexing_loads_what_the_embedded_index_holds(corpus_in_opensearch, default_index: Path) -> None:
    import ipsearch

    url, report = corpus_in_opensearch
    with ipsearch.open_index(default_index) as ix:
        everything = ix.search("", limit=1000)
    assert set(report.added) == {hit.id for hit in everything.hits}
    assert report.documents == everything.total and report.skipped == ()
    mapping = _client(url).indices.get_mapping(index="corpus-check")["corpus-check"]["mappings"]
    assert mapping["dynamic"] == "strict"  # the template, not dynamic mapping, typed every field


def test_facets_and_filters_agree_with_the_embedded_index(corpus_in_opensearch, default_index: Path) -> None:
    import ipsearch
    from ipsearch.backends.opensearch import field_lists

    url, _ = corpus_in_opensearch
    facets = field_lists().facets
    client = _client(url)
    aggs = client.search(index="corpus-check", body={
        "size": 0, "aggs": {name: {"terms": {"field": name, "size": 1000}} for name in facets}})["aggregations"]
    with ipsearch.open_index(default_index) as ix:
        whoosh = ix.search("", facets=list(facets), facet_limit=1000)
        kazakhstan = {hit.id for hit in ix.search(filters={"countries": ["kazakhstan"]}, limit=1000).hits}
    assert sum(len(whoosh.facets[name]) for name in facets) > len(facets)  # something to compare
    for name in facets:
        got = {bucket["key"]: bucket["doc_count"] for bucket in aggs[name]["buckets"]}
        assert got == {facet.value: facet.count for facet in whoosh.facets[name]}, name
    # A folded filter value matches the verbatim facet value, as in the embedded index.
    hits = client.search(index="corpus-check", body={"size": 100, "query": {"term": {"countries.key": "kazakhstan"}}})
    assert kazakhstan and {hit["_id"] for hit in hits["hits"]["hits"]} == kazakhstan


def test_reindexing_leaves_unchanged_files_and_adds_no_copies(corpus_in_opensearch) -> None:
    from ipsearch.backends.opensearch import index_corpus

    url, first = corpus_in_opensearch
    again = index_corpus(DOCS_CORPUS, url, index="corpus-check")
    assert again.added == again.updated == again.removed == ()
    assert set(again.unchanged) == set(first.added)
    assert again.documents == first.documents


def test_unreachable_cluster_is_one_actionable_error() -> None:
    pytest.importorskip("opensearchpy")
    from ipsearch.backends.opensearch import OpenSearchBackend
    from ipsearch.errors import BackendError

    (port,) = cluster._tool()._free_ports(1)  # nothing listens there
    with pytest.raises(BackendError, match=r"unreachable while trying to install the index template; is the cluster running"):
        OpenSearchBackend(f"http://127.0.0.1:{port}").install_template()


def test_cli_indexes_into_opensearch(opensearch_cluster: cluster.RunningCluster, default_index: Path) -> None:
    import json

    import ipsearch
    from click.testing import CliRunner

    from ipsearch.cli import main

    result = CliRunner().invoke(main, ["index", str(DOCS_CORPUS), "--opensearch", opensearch_cluster.url,
                                       "--opensearch-index", "cli-check", "--json"])
    try:
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        with ipsearch.open_index(default_index) as ix:
            total = ix.search("", limit=1).total
        assert report["added"] == report["documents"] == total
        assert _client(opensearch_cluster.url).count(index="cli-check")["count"] == total
    finally:
        _client(opensearch_cluster.url).indices.delete(index="cli-check", ignore_unavailable=True)


def test_cli_opensearch_errors_are_one_line_without_traceback() -> None:
    pytest.importorskip("opensearchpy")
    from click.testing import CliRunner

    from ipsearch.cli import main

    runner = CliRunner()
    usage = runner.invoke(main, ["index", str(DOCS_CORPUS), "--opensearch", "http://127.0.0.1:9", "--rebuild"])
    assert usage.exit_code == 2 and "--rebuild applies to an index folder" in usage.stderr
    (port,) = cluster._tool()._free_ports(1)
    down = runner.invoke(main, ["index", str(DOCS_CORPUS), "--opensearch", f"http://127.0.0.1:{port}"])
    assert down.exit_code == 1 and "unreachable" in down.stderr and "Traceback" not in down.output


def test_traditional_and_simplified_chinese_analyse_alike(corpus_in_opensearch) -> None:
    from ipsearch.analysis import index_positions
    from ipsearch.backends.opensearch import analysed
    from ipsearch.han import fold_han

    url, _ = corpus_in_opensearch
    client = _client(url)

    def terms(text: str) -> list[tuple[str, int]]:
        """What the cluster indexes for ``text`` as the backend sends it: (term, position)."""
        body = {"analyzer": "ipsearch_terms", "text": analysed(text)}
        return sorted((t["token"], t["position"]) for t in client.indices.analyze(index="corpus-check", body=body)["tokens"])

    traditional = "智慧財產局與韓國特許廳簽署專利審查高速公路協議, the Office's 3.6 examiners can't wait"
    simplified = fold_han(traditional)
    assert simplified != traditional  # the sentence really has Traditional-only characters
    assert terms(traditional) == terms(simplified)
    # Exactly the embedded index's terms and positions: bigrams and the characters beside them, stems,
    # stop words dropped with their positions kept.
    assert terms(traditional) == sorted((t, p) for t, ps in index_positions(traditional).items() for p in ps)
    at = dict(terms(traditional))
    assert at["专利"] == at["专"] and at["利审"] == at["利"] == at["专"] + 1  # a bigram shares its first character's place


def test_nodes_stop_when_the_driver_is_killed(tmp_path: Path) -> None:
    reason = cluster.missing_requirement()
    if reason is not None:
        cluster.skip_or_fail(reason)
    single = cluster.start_cluster(tmp_path, nodes=1)
    (pid,) = [node["process"]["id"] for node in _client(single.url).nodes.info(metric="process")["nodes"].values()]
    single.driver.kill()  # SIGKILL: the driver cannot stop its nodes itself
    single.driver.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        os.kill(pid, signal.SIGKILL)
        pytest.fail(f"node JVM {pid} still ran 60 s after its driver was killed")
    assert "parent process" in (tmp_path / "node-0" / "console.log").read_text()
