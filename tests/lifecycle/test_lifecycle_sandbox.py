"""The lifecycle script, run for real in a SageMaker Distribution stand-in (see conftest.py).

Our built wheel, the wheelhouse published to moto's S3 with ``dsws lifecycle publish``, the
script rendered by ``dsws lifecycle build``, run by bash with the image's layout pointed
elsewhere through DSWS_CONDA_PREFIX, DSWS_RESTART_COMMAND, DSWS_RESOURCE_METADATA_PATH and
HOME. Needs DSWS_WHEEL (``make test-lifecycle`` sets it).
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from helpers import wait_until
from lcc_sandbox import SETTINGS_FILE, Sandbox, freeze, reset_studio

from jupyter_dsws.lifecycle.awsapi import Calls
from jupyter_dsws.lifecycle.build import BuildResult, build
from jupyter_dsws.lifecycle.publish import publish
from jupyter_dsws.lifecycle.settings import Settings

# The first run builds the sandbox's environments (cached under build/ afterwards).
pytestmark = [pytest.mark.sandbox, pytest.mark.timeout(600)]

REGION = "eu-central-1"

TEMPLATE = Path(__file__).parents[2] / "lifecycle" / "jupyterlab-on-start.sh"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def make_script(tmp_path: Path, built_wheel: Path, new_bucket: str,
                emulator_client: Callable[..., Any]) -> Callable[..., BuildResult]:
    """Build a script for the test's bucket and publish its wheelhouse there."""

    def make(*, wheel: Path | None = None, name: str = "out", **settings: Any) -> BuildResult:
        uri = f"s3://{new_bucket}/dsws/{name}"
        result = build(s3_uri=uri, out=tmp_path / name, wheel=wheel or built_wheel,
                       settings=Settings(**settings))
        publish(Calls(out=lambda _line: None), emulator_client("s3"), s3_uri=uri,
                out=tmp_path / name)
        return result

    return make


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, token: str, timeout: float = 30) -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 (an http URL of our own server)
        url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.read().decode()


@contextmanager
def jupyter_server(box: Sandbox, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``jupyter lab`` from the sandbox's prefix, as supervisord starts it in Studio."""
    port, token = _free_port(), "sandbox-token"
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    env = box.env(JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"),
                  JUPYTER_RUNTIME_DIR=str(tmp_path / "jupyter-runtime"),
                  JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"))
    process = subprocess.Popen(
        [str(box.prefix / "bin" / "jupyter-lab"), "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--ServerApp.token={token}", "--allow-root",
         f"--ServerApp.root_dir={root}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(process.stderr), daemon=True).start()
    url = f"http://127.0.0.1:{port}"

    def answering() -> bool:
        try:
            _get(f"{url}/api/status", token, timeout=2)
        except OSError:
            assert process.poll() is None, "".join(log)
            return False
        return True

    try:
        wait_until(answering, timeout=60, interval=0.3,
                   what=lambda: "the sandbox's jupyter lab to start:\n" + "".join(log))
        yield url, token
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _jupyter(box: Sandbox, *args: str) -> str:
    done = subprocess.run([str(box.prefix / "bin" / "jupyter"), *args], capture_output=True,
                          text=True, check=True, env=box.env())
    return ANSI.sub("", done.stdout + done.stderr)


def test_installs_configures_restarts_once_then_changes_nothing(
        sandbox: Sandbox, make_script: Callable[..., BuildResult], tmp_path: Path) -> None:
    built = make_script(region=REGION, panels=("idle", "codecommit"), idle_timeout_minutes=90)
    before = freeze(sandbox.prefix)

    # A server already runs without the extension (the LCC may finish after it started).
    with jupyter_server(sandbox, tmp_path):
        first = sandbox.run(built.script)
        assert first.returncode == 0, first.output
        assert first.summary.startswith(
            f"dsws-lcc: installed: jupyter_dsws {built.version} (wheelhouse downloaded)")
        assert "restarted the server" in first.summary
        assert sandbox.restarts == 1
    assert re.search(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ dsws-lcc ", first.output, re.M)

    # What the restart brings up: the extension loaded with the admin's settings.
    assert re.search(r"jupyter_dsws\s+enabled", _jupyter(sandbox, "server", "extension", "list"))
    assert re.search(rf"jupyter_dsws v{re.escape(built.version)} enabled\s+OK",
                     _jupyter(sandbox, "labextension", "list"))
    with jupyter_server(sandbox, tmp_path) as (url, token):
        status, body = _get(f"{url}/dsws/status", token)
        assert status == 200
        assert json.loads(body)["region"] == REGION
        page = _get(f"{url}/lab", token)[1]
        found = re.search(r'"dswsPanels":\s*"([^"]*)"', page)
        assert found and found.group(1) == "idle,codecommit"
        idle = json.loads(_get(f"{url}/dsws/idle", token)[1])
        assert idle["settings"]["timeout_minutes"] == 90

        # Second start of the same app: nothing downloaded, installed or restarted.
        second = sandbox.run(built.script)
    assert second.returncode == 0, second.output
    assert second.summary.startswith(f"dsws-lcc: unchanged: jupyter_dsws {built.version}")
    assert sandbox.restarts == 1
    assert "downloading" not in second.output
    assert second.seconds < 10

    # The wheel ships the script template, so `dsws lifecycle build` works where it is installed.
    shipped = subprocess.run(
        [str(sandbox.prefix / "bin" / "python"), "-c",
         "from importlib.resources import files; import sys; sys.stdout.write("
         "files('jupyter_dsws.lifecycle').joinpath('jupyterlab-on-start.sh').read_text())"],
        capture_output=True, text=True, check=True, cwd=sandbox.home).stdout
    assert shipped == TEMPLATE.read_text()

    after = freeze(sandbox.prefix)
    assert after.pop("jupyter_dsws") == built.version
    assert after == before  # nothing the image had changed version
    assert first.seconds < 60  # well within the 120 s budget and Studio's 300 s


def test_later_app_start_uses_the_cached_wheelhouse(
        sandbox: Sandbox, make_script: Callable[..., BuildResult]) -> None:
    built = make_script()
    assert sandbox.run(built.script).returncode == 0


    reset_studio(sandbox.prefix)
    again = sandbox.run(built.script, AWS_ENDPOINT_URL="http://127.0.0.1:9")
    assert again.returncode == 0, again.output
    assert again.summary.startswith("dsws-lcc: installed: jupyter_dsws")
    assert "(wheelhouse from the cache)" in again.summary
    assert "no server to restart" in again.summary
    assert sandbox.restarts == 0


def _closed_port() -> int:
    return _free_port()  # bound then released: nothing listens there


@pytest.mark.parametrize("strict", [False, True])
def test_unreachable_s3_skips_and_the_space_starts(
        sandbox: Sandbox, make_script: Callable[..., BuildResult], strict: bool) -> None:
    built = make_script(strict=strict)
    before = freeze(sandbox.prefix)
    run = sandbox.run(built.script, AWS_ENDPOINT_URL=f"http://127.0.0.1:{_closed_port()}")
    assert run.returncode == (1 if strict else 0), run.output
    assert run.summary.startswith("dsws-lcc: skipped: cannot download s3://")
    assert "S3 unreachable" in run.summary
    assert ("strict mode" in run.summary) is strict
    assert freeze(sandbox.prefix) == before
    assert not (sandbox.prefix / SETTINGS_FILE).exists()


@pytest.mark.parametrize("strict", [False, True])
def test_tampered_wheel_is_refused(sandbox: Sandbox, make_script: Callable[..., BuildResult],
                                   emulator_client: Callable[..., Any], new_bucket: str,
                                   built_wheel: Path, strict: bool) -> None:
    built = make_script(strict=strict)
    tampered = built_wheel.read_bytes() + b"\0"
    emulator_client("s3").put_object(Bucket=new_bucket, Key=f"dsws/out/{built_wheel.name}",
                                     Body=tampered)
    before = freeze(sandbox.prefix)
    run = sandbox.run(built.script)
    assert run.returncode == (1 if strict else 0), run.output
    assert run.summary.startswith(f"dsws-lcc: skipped: manifest mismatch: {built_wheel.name}")
    assert freeze(sandbox.prefix) == before
    assert not (sandbox.home / ".cache/dsws-lcc/wheelhouse").exists()


def test_manifest_replaced_in_s3_is_refused(
        sandbox: Sandbox, make_script: Callable[..., BuildResult],
        emulator_client: Callable[..., Any], new_bucket: str) -> None:
    built = make_script()
    # A wheel and a manifest to match, swapped in after the build: the script's own hash of
    # the manifest catches it.
    emulator_client("s3").put_object(Bucket=new_bucket, Key="dsws/out/SHA256SUMS",
                                     Body=b"0" * 64 + b"  jupyter_dsws-9-py3-none-any.whl\n")
    run = sandbox.run(built.script)
    assert run.returncode == 0
    assert "is not the one this script was built with" in run.summary


@pytest.mark.parametrize("strict", [False, True])
def test_pip_failure_skips(sandbox: Sandbox, make_script: Callable[..., BuildResult],
                           built_wheel: Path, tmp_path: Path, strict: bool) -> None:
    broken = tmp_path / "broken" / built_wheel.name  # right name, not a wheel: pip refuses it
    broken.parent.mkdir()
    broken.write_bytes(b"this is not a zip file")
    built = make_script(wheel=broken, strict=strict)
    before = freeze(sandbox.prefix)
    run = sandbox.run(built.script)
    assert run.returncode == (1 if strict else 0), run.output
    assert run.summary.startswith("dsws-lcc: skipped: pip install failed:")
    assert freeze(sandbox.prefix) == before
    assert sandbox.restarts == 0


def test_an_endpoint_that_never_answers_is_cut_off_by_the_budget(
        sandbox: Sandbox, make_script: Callable[..., BuildResult]) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts connections (the kernel does), never answers
    try:
        built = make_script()
        run = sandbox.run(built.script, AWS_ENDPOINT_URL=f"http://127.0.0.1:"
                          f"{silent.getsockname()[1]}", DSWS_TIME_BUDGET_SECONDS="8")
    finally:
        silent.close()
    assert run.returncode == 0, run.output
    assert "took longer than the 8s budget" in run.summary
    assert run.seconds < 8 + 5 + 5  # the budget, timeout's kill grace, bash and slack


def test_s3_asking_to_slow_down_is_tried_again_and_the_install_goes_on(
        sandbox: Sandbox, make_script: Callable[..., BuildResult], emulator: Any) -> None:
    """A busy moment: S3 answers SlowDown to more calls in a row than the AWS CLI's own three
    attempts absorb (the emulator's throttle); the script tries again within its budget."""
    built = make_script(region=REGION)
    emulator.throttle.burst(4)
    try:
        run = sandbox.run(built.script)
    finally:
        emulator.throttle.burst(0)
    assert run.returncode == 0, run.output
    assert run.summary.startswith(f"dsws-lcc: installed: jupyter_dsws {built.version}"), run.output
    assert "S3 asks to slow down; again in 1s" in run.output
