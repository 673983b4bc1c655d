"""A real OpenSearch cluster for the tests that need one, started once per session.

The cluster is the one ``tools/opensearch_cluster.py`` builds from OpenSearch's Maven
artifacts: real nodes, one JVM each, on loopback. Without Java (or Maven, before the first
build) the tests that use it are skipped with the reason; under ``CI=true`` they fail
instead, so that CI never passes by silently skipping the distributed tests.
"""

from __future__ import annotations

import importlib.util
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "opensearch_cluster.py"
NODES = 2
# A cold build downloads ~45 MB of jars with Maven; two small JVMs then need up to a minute
# or two to turn green on a busy two-core machine.
READY_TIMEOUT = 1200.0


def _tool() -> ModuleType:
    """The driver script as a module (tools/ is not a package), for its build checks."""
    name = "opensearch_cluster_tool"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def missing_requirement() -> str | None:
    """Why a cluster cannot be started here, or None if it can."""
    tool = _tool()
    if tool.java_command() is None:
        return "no java on PATH (JAVA_HOME unset): the OpenSearch cluster needs a Java 17 runtime"
    if not tool.is_built() and shutil.which("mvn") is None:
        return "no mvn on PATH: the OpenSearch launcher must be built once with Maven"
    try:
        import opensearchpy  # noqa: F401
    except ImportError:
        return "opensearch-py is not installed: pip install -e '.[test]'"
    return None


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail under CI=true, where a skipped cluster would hide missing setup."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the OpenSearch cluster cannot start: {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class RunningCluster:
    """A started cluster: its first node's URL, its data folder and the driver process."""

    url: str
    data: Path
    nodes: int
    driver: subprocess.Popen[str]

    def restart_dead_nodes(self) -> None:
        """Ask the driver to restart every node whose JVM has exited (see the tool's doc)."""
        self.driver.send_signal(signal.SIGUSR1)


def _stderr_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start_cluster(data: Path, nodes: int = NODES) -> RunningCluster:
    """Run the driver on free ports and wait for its ``ready URL`` line."""
    stderr_path = data / "driver.stderr"
    with stderr_path.open("w") as stderr:
        driver = subprocess.Popen(
            [sys.executable, str(TOOL), "start", "--nodes", str(nodes), "--http-port", "0",
             "--data", str(data), "--timeout", str(READY_TIMEOUT)],
            stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, text=True)
    lines: queue.Queue[str] = queue.Queue()
    assert driver.stdout is not None
    stdout = driver.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT + 60
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1.0)
        except queue.Empty:
            if driver.poll() is not None:
                break
            continue
        if line.startswith("ready "):
            return RunningCluster(line.split()[1], data, nodes, driver)
    stop_cluster(driver)
    raise RuntimeError(f"the OpenSearch cluster did not start (driver exit {driver.returncode}):\n"
                       f"{_stderr_tail(stderr_path)}")


def stop_cluster(driver: subprocess.Popen[str], grace: float = 90.0) -> int:
    """SIGTERM the driver (it stops its nodes) and wait; the driver's exit status."""
    if driver.poll() is None:
        driver.terminate()
        try:
            driver.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            driver.kill()
            driver.wait()
    return driver.returncode
