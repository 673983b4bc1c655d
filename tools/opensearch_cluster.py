"""Run a real, local, multi-node OpenSearch 2.19 cluster for development and tests.

Why this exists: the OpenSearch backend must be tested against the real engine, and this
project's machines can fetch OpenSearch only as Maven artifacts (no distribution tarball, no
container). So ``tools/opensearch/`` holds a small Maven project (a ``pom.xml`` and a
``Launcher`` that starts one embedded ``Node`` with the netty4 and analysis-common modules),
and this script builds it once and starts one JVM per node on loopback.

    python tools/opensearch_cluster.py start --nodes 2 --http-port 9200 --data /tmp/os
    python tools/opensearch_cluster.py build

``start`` prints exactly one line to stdout when the cluster is green,
``ready http://127.0.0.1:PORT``, then runs until SIGTERM or Ctrl-C and stops its nodes.
SIGUSR1 restarts every node whose JVM has exited (same ports, same data), so a test can kill a
node with SIGKILL, check the survivors, then bring it back.
Node ``i`` listens for HTTP on ``PORT + i`` (``--http-port 0`` picks free ports); transport
ports are picked free. Each node's home, data and log live under ``DIR/node-i``; the nodes'
console output goes to ``DIR/node-i/console.log`` and a summary to ``DIR/cluster.json``.
Diagnostics go to stderr; exit status 0 after a clean stop, 1 if the cluster never became
green (a node's last log lines are printed), 2 on bad usage.

Not a deployment: no security plugin, no bootstrap checks, small heaps. Point ipsearch at a
real OpenSearch 2.x cluster for production use (see the README).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

PROJECT = Path(__file__).resolve().parent / "opensearch"
TARGET = PROJECT / "target"
CLASSES = TARGET / "classes"
LIB = TARGET / "lib"
STAMP = TARGET / "ipsearch-build.stamp"
MAIN_CLASS = "ipsearch.tools.Launcher"

# A node's console log, as a distribution's default log4j2.properties would write it.
LOG4J2_PROPERTIES = """\
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
"""


class ClusterError(Exception):
    """A build or start failure, with one line that says what to do about it."""


def _sources_digest() -> str:
    """What the build depends on: if none of it changed, the cached build is reused."""
    digest = hashlib.sha256()
    for path in sorted([PROJECT / "pom.xml", *PROJECT.joinpath("src").rglob("*")]):
        if path.is_file():
            digest.update(str(path.relative_to(PROJECT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def java_command() -> str | None:
    """The ``java`` to run: ``$JAVA_HOME/bin/java`` if set, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def is_built() -> bool:
    """True when target/ holds a build of the current pom.xml and sources."""
    try:
        return LIB.is_dir() and STAMP.read_text().strip() == _sources_digest()
    except OSError:
        return False


def build(force: bool = False) -> float:
    """Build the launcher with Maven unless a current build is cached; seconds spent."""
    if not force and is_built():
        return 0.0
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ClusterError("Maven (mvn) is not on PATH: install Maven to build the OpenSearch launcher")
    started = time.monotonic()
    if LIB.exists():
        shutil.rmtree(LIB)  # copy-dependencies never deletes jars an older pom needed
    # Maven's own output goes to stderr: stdout carries only the `ready` line.
    result = subprocess.run([mvn, "-q", "-B", "-f", str(PROJECT / "pom.xml"), "package"],
                            stdout=sys.stderr, stderr=sys.stderr, check=False)
    if result.returncode != 0:
        raise ClusterError(f"mvn package failed in {PROJECT} (exit {result.returncode}); see Maven's output above")
    STAMP.write_text(_sources_digest() + "\n")
    return time.monotonic() - started


def _free_ports(count: int) -> list[int]:
    """``count`` distinct loopback ports free right now (held open together so they differ)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass(frozen=True)
class NodeSpec:
    """Everything needed to (re)start one node: its name, ports and home directory."""

    name: str
    http_port: int
    transport_port: int
    home: Path

    @property
    def console_log(self) -> Path:
        return self.home / "console.log"


def plan_nodes(count: int, http_port: int, data: Path) -> list[NodeSpec]:
    """Names, ports and homes for ``count`` nodes (HTTP on ``http_port + i``, or free if 0)."""
    http_ports = _free_ports(count) if http_port == 0 else [http_port + i for i in range(count)]
    transport_ports = _free_ports(count)
    return [NodeSpec(f"node-{i}", http_ports[i], transport_ports[i], data / f"node-{i}") for i in range(count)]


def node_command(node: NodeSpec, nodes: list[NodeSpec], cluster_name: str, heap: str,
                 extra: list[str]) -> list[str]:
    """The JVM command line of one node; every node knows every other node's transport port."""
    java = java_command()
    if java is None:
        raise ClusterError("java is not on PATH (and JAVA_HOME is unset): install a Java 17 runtime")
    settings = {
        "cluster.name": cluster_name,
        "node.name": node.name,
        "path.home": str(node.home),
        "path.data": str(node.home / "data"),
        "path.logs": str(node.home / "logs"),
        "network.host": "127.0.0.1",
        "http.port": str(node.http_port),
        "transport.port": str(node.transport_port),
        "discovery.seed_hosts": ",".join(f"127.0.0.1:{n.transport_port}" for n in nodes),
        "cluster.initial_cluster_manager_nodes": ",".join(n.name for n in nodes),
        # The machine's disk is shared and may be fuller than the 85 % watermark: a dev
        # cluster must still allocate replicas, or it never turns green.
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        # Two cores are shared by everyone: size thread pools for one.
        "node.processors": "1",
        # ipsearch refuses wildcards past 2,000 indexed words and asks the cluster to count
        # them by expanding each into clauses: the default cap (1,024) would refuse sooner.
        "indices.query.bool.max_clause_count": "4096",
    }
    args = [f"{key}={value}" for key, value in settings.items()] + extra
    return [java, f"-Xms{min_heap(heap)}", f"-Xmx{heap}", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
            "-Djava.awt.headless=true", "-Dlog4j2.disable.jmx=true", "-Dlog4j.shutdownHookEnabled=false",
            "-cp", f"{CLASSES}{os.pathsep}{LIB / '*'}", MAIN_CLASS, *args]


def min_heap(heap: str) -> str:
    """Initial heap: 256m, or the maximum if that is smaller."""
    return "256m" if _heap_bytes(heap) >= _heap_bytes("256m") else heap


def _heap_bytes(heap: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    suffix = heap[-1].lower()
    if suffix in units:
        return int(heap[:-1]) * units[suffix]
    return int(heap)


def _get_json(url: str, timeout: float) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def tail(path: Path, lines: int = 20) -> str:
    """The last lines of a node's console log, for an error report."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


class _Stop(Exception):
    """Raised from the signal handler so that waits end at once."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop()


def stop_nodes(processes: list[subprocess.Popen[bytes]], grace: float = 30.0) -> None:
    """SIGTERM every JVM (its shutdown hook closes the node), SIGKILL what is left after ``grace``."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _launch(node: NodeSpec, command: list[str]) -> subprocess.Popen[bytes]:
    """One node's JVM, in its own session (a terminal's Ctrl-C reaches only this driver)."""
    with node.console_log.open("ab") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)


def start(count: int, http_port: int, data: Path, cluster_name: str, heap: str, timeout: float,
          extra: list[str]) -> int:
    """Build if needed, start ``count`` nodes, announce readiness, run until signalled."""
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    processes: list[subprocess.Popen[bytes]] = []
    commands: list[list[str]] = []
    restart_requested: list[int] = []
    try:
        spent = build()
        if spent:
            print(f"opensearch_cluster: built the launcher in {spent:.1f} s", file=sys.stderr)
        data = data.resolve()
        nodes = plan_nodes(count, http_port, data)
        began = time.monotonic()
        for node in nodes:
            (node.home / "config").mkdir(parents=True, exist_ok=True)
            (node.home / "config" / "log4j2.properties").write_text(LOG4J2_PROPERTIES)
            commands.append(node_command(node, nodes, cluster_name, heap, extra))
            processes.append(_launch(node, commands[-1]))
        (data / "cluster.json").write_text(json.dumps({
            "cluster_name": cluster_name,
            "nodes": [{"name": n.name, "http_port": n.http_port, "transport_port": n.transport_port,
                       "home": str(n.home), "jvm_pid": p.pid} for n, p in zip(nodes, processes)],
        }, indent=2) + "\n")
        url = f"http://127.0.0.1:{nodes[0].http_port}"
        health = f"{url}/_cluster/health?wait_for_status=green&wait_for_nodes={count}&timeout=2s"
        deadline = began + timeout
        while True:
            for node, process in zip(nodes, processes):
                if process.poll() is not None:
                    raise ClusterError(f"{node.name} exited with status {process.returncode} before the cluster "
                                       f"was green; last lines of {node.console_log}:\n{tail(node.console_log)}")
            status = _get_json(health, timeout=5)
            if status is not None and status.get("status") == "green" and not status.get("timed_out"):
                break
            if time.monotonic() > deadline:
                raise ClusterError(f"cluster not green after {timeout:.0f} s (last health: {status}); "
                                   f"last lines of {nodes[0].console_log}:\n{tail(nodes[0].console_log)}")
            time.sleep(0.5)
        print(f"opensearch_cluster: {count} node(s) green in {time.monotonic() - began:.1f} s", file=sys.stderr)
        print(f"ready {url}", flush=True)
        restart_requested.clear()
        signal.signal(signal.SIGUSR1, lambda signum, frame: restart_requested.append(signum))
        while True:
            time.sleep(0.2)
            for process in processes:
                process.poll()  # reap a killed JVM at once, so its pid does not linger
            if restart_requested:
                restart_requested.clear()
                for index, (node, command) in enumerate(zip(nodes, commands)):
                    if processes[index].poll() is not None:
                        print(f"opensearch_cluster: restarting {node.name} (it exited with status "
                              f"{processes[index].returncode})", file=sys.stderr)
                        processes[index] = _launch(node, command)
    except _Stop:
        return 0
    except ClusterError as error:
        print(f"opensearch_cluster: {error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        stop_nodes(processes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub_build = sub.add_parser("build", help="build the launcher with Maven (skipped when current)")
    sub_build.add_argument("--force", action="store_true", help="rebuild even if current")
    sub_start = sub.add_parser("start", help="start a cluster; prints `ready URL` when green")
    sub_start.add_argument("--nodes", type=int, default=1, help="number of nodes, one JVM each (default 1)")
    sub_start.add_argument("--http-port", type=int, default=9200,
                           help="HTTP port of node 0; node i uses PORT+i; 0 picks free ports (default 9200)")
    sub_start.add_argument("--data", type=Path, required=True, help="directory for the nodes' homes and data")
    sub_start.add_argument("--cluster-name", default="ipsearch-dev")
    sub_start.add_argument("--heap", default="512m", help="maximum heap per node (default 512m)")
    sub_start.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for green (default 300)")
    sub_start.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                           help="extra node setting, repeatable")
    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            spent = build(force=args.force)
        except ClusterError as error:
            print(f"opensearch_cluster: {error}", file=sys.stderr)
            return 1
        print(f"opensearch_cluster: {'built in %.1f s' % spent if spent else 'build is current'}", file=sys.stderr)
        return 0
    if args.nodes < 1:
        parser.error("--nodes must be at least 1")
    if not 0 <= args.http_port <= 65535 - args.nodes:
        parser.error("--http-port must leave room for one port per node")
    for setting in args.setting:
        if "=" not in setting:
            parser.error(f"--setting needs KEY=VALUE, got {setting!r}")
    return start(args.nodes, args.http_port, args.data, args.cluster_name, args.heap, args.timeout, args.setting)


if __name__ == "__main__":
    sys.exit(main())
