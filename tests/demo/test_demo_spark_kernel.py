"""A notebook's kernel connects to the demo's Livy as the EMR panel's connect cell does, and
a ``%%spark`` cell computes on Spark: a real kernel of the demo's kernel env (sparkmagic
and the analytics magic as Studio's image has them), a real Livy, a real Spark."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from spark_world import LDAP, SPARK_START_TIMEOUT, livy_call, require_kernel_python

from jupyter_dsws.demo.lab import lab_environment
from jupyter_dsws.demo.livy import LivyServer

# Spark starts a JVM: the first test of the module waits for it.
pytestmark = pytest.mark.timeout(600)


@pytest.fixture
def kernel(tmp_path: Path, livy: LivyServer, emulator: Any) -> Iterator[Any]:
    spec = tmp_path / "kernels" / "demo-kernel-env" / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({"argv": [require_kernel_python(), "-m", "ipykernel_launcher",
                                         "-f", "{connection_file}"],
                                "display_name": "demo kernel env", "language": "python"}))
    manager = KernelManager(kernel_name="demo-kernel-env", kernel_spec_manager=KernelSpecManager(
        kernel_dirs=[str(spec.parent.parent)]))
    # sparkmagic reads ~/.sparkmagic/config.json: the test's own (empty) folder instead.
    (tmp_path / "sparkmagic").mkdir()
    # What the demo gives its kernels: the emulator, fake credentials, no proxy.
    env = lab_environment(os.environ, region="eu-central-1", endpoint_url=emulator.endpoint_url,
                          state_dir=tmp_path / "state", token="unused", clone_url="unused")
    env["SPARKMAGIC_CONF_DIR"] = str(tmp_path / "sparkmagic")
    manager.start_kernel(env=env)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run_cell(client: Any, code: str, timeout: float = 300) -> tuple[str, str]:
    """The cell's status and everything it showed (streams, results, displays, errors)."""
    shown: list[str] = []

    def keep(message: dict) -> None:
        content = message["content"]
        if message["msg_type"] == "stream":
            shown.append(content["text"])
        elif message["msg_type"] in ("execute_result", "display_data"):
            shown.append(str(content["data"].get("text/plain", "")))
        elif message["msg_type"] == "error":
            shown.append(f"{content['ename']}: {content['evalue']}")

    reply = client.execute_interactive(code, output_hook=keep, timeout=timeout)
    return reply["content"]["status"], "".join(shown)


def livy_sessions(livy: LivyServer) -> set[int]:
    """The ids of the sessions Livy lists at its root endpoint."""
    status, _, listing = livy_call(livy.url() + "/sessions")
    assert status == 200, listing
    return {session["id"] for session in listing["sessions"]}


def test_the_connect_cell_connects_and_a_spark_cell_counts(kernel: Any,
                                                                 livy: LivyServer) -> None:
    assert livy.spark.wait_ready(SPARK_START_TIMEOUT), livy.spark.problem
    before = livy_sessions(livy)
    status, shown = run_cell(kernel, "%load_ext sparkmagic.magics\n"
                                           f"%spark add -s s1 -l python -u {livy.url()} -t None")
    assert status == "ok", shown
    status, shown = run_cell(kernel, "%%spark\ndf = spark.range(0, 4321)\ndf.count()")
    assert status == "ok", shown
    assert "4321" in shown
    # The session lives on the Livy, as on a cluster: Livy lists it.
    assert livy_sessions(livy) - before


def test_an_ldap_clusters_connect_cell_passes_basic_credentials(kernel: Any,
                                                               livy: LivyServer) -> None:
    assert livy.spark.wait_ready(SPARK_START_TIMEOUT), livy.spark.problem
    url = livy.url(LDAP)
    status, shown = run_cell(kernel, "%load_ext sparkmagic.magics\n"
                                     f"%spark add -s wrong -l python -u {url} -t Basic_Access "
                                     "-a hermione-granger -p wingardium")
    assert "401" in shown or status == "error", shown
    status, shown = run_cell(kernel, f"%spark add -s s2 -l python -u {url} -t Basic_Access "
                                     "-a hermione-granger -p alohomora")
    assert status == "ok", shown
    status, shown = run_cell(kernel, "%%spark -s s2\nsc.parallelize(range(100)).sum()")
    assert (status, "4950" in shown) == ("ok", True), shown


def test_the_kernel_has_sparkmagic_as_studios_analytics_magic_pins_it(kernel: Any) -> None:
    status, shown = run_cell(kernel, (
        "from importlib.metadata import requires, version\n"
        "print(version('sparkmagic'), 'sparkmagic==' + version('sparkmagic') in "
        "requires('sagemaker-studio-analytics-extension'))"))
    assert (status, shown) == ("ok", "0.22.0 True\n")
