"""Shared by the tests of the demo's space apps: our wheel, a fake control plane, app records.

The wheel: ``DSWS_WHEEL`` when set (``make test-lifecycle`` builds it as users get it), else
one built from this checkout in under a second (``SKIP_JUPYTER_BUILDER=1``: the frontend
``make dev`` built, not a production build), so these tests need no ``make wheel``.
"""

from __future__ import annotations

import functools
import http.client
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from jupyter_dsws.demo.lab import lab_environment
from jupyter_dsws.demo.space_apps import SpaceApps
from jupyter_dsws.demo.studio import AppRecord, LifecycleScript
from jupyter_dsws.demo.studio_logs import LOG_GROUP, lifecycle_stream

ROOT = Path(__file__).resolve().parents[2]
REGION = "eu-central-1"
ACCOUNT = "123456789012"
TOKEN = "space-token"


@functools.cache
def _wheel() -> Path | None:
    given = os.environ.get("DSWS_WHEEL")
    if given:
        return Path(given)
    if not (ROOT / "jupyter_dsws" / "labextension" / "package.json").is_file():
        return None
    out = Path(tempfile.mkdtemp(prefix="dsws-wheel-"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True,
                   env={**os.environ, "SKIP_JUPYTER_BUILDER": "1"})
    (wheel,) = out.glob("*.whl")
    return wheel


def product_wheel() -> Path:
    wheel = _wheel()
    if wheel is None:
        pytest.skip("No built frontend in jupyter_dsws/labextension: run `make dev`.")
    return wheel


def lcc_sandbox() -> ModuleType:
    """tests/lifecycle/lcc_sandbox.py (its ``ensure_env("awscli")``: the AWS CLI)."""
    if "lcc_sandbox" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "lcc_sandbox", ROOT / "tests" / "lifecycle" / "lcc_sandbox.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["lcc_sandbox"] = module
        spec.loader.exec_module(module)
    return sys.modules["lcc_sandbox"]


@dataclass(frozen=True)
class Event:
    state: str  # InService, Failed, Deleted
    arn: str
    reason: str | None = None


class FakePlane:
    """The control plane's callbacks, recorded; tests wait for them."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = threading.Condition()

    def app_in_service(self, arn: str) -> None:
        self._add(Event("InService", arn))

    def app_failed(self, arn: str, reason: str) -> None:
        self._add(Event("Failed", arn, reason))

    def app_deleted(self, arn: str) -> None:
        self._add(Event("Deleted", arn))

    def _add(self, event: Event) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait(self, arn: str, count: int = 1, timeout: float = 180) -> Event:
        """The ``count``-th event of the app, once it happened."""
        def mine() -> list[Event]:
            return [e for e in self.events if e.arn == arn]

        with self._changed:
            assert self._changed.wait_for(lambda: len(mine()) >= count, timeout), (
                f"{arn}: only {mine()} within {timeout} s")
            return mine()[count - 1]


def app_record(domain_id: str, space: str, *scripts: LifecycleScript,
               instance_type: str = "ml.t3.medium") -> AppRecord:
    return AppRecord(
        account=ACCOUNT, region=REGION, domain_id=domain_id, space_name=space,
        user_profile_name=None, app_type="JupyterLab", app_name="default",
        arn=f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:app/{domain_id}/{space}/jupyterlab/default",
        instance_type=instance_type, lifecycle_scripts=tuple(scripts),
        execution_role_arn=f"arn:aws:iam::{ACCOUNT}:role/demo-studio-execution")


def script(name: str, content: str) -> LifecycleScript:
    arn = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:studio-lifecycle-config/{name}"
    return LifecycleScript(arn=arn, name=name, content=content)


def alive(pid: int) -> bool:
    """A process that runs (a zombie nobody reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def domain() -> str:
    return f"d-{uuid.uuid4().hex[:12]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def plane() -> FakePlane:
    return FakePlane()


@pytest.fixture
def make_host(fresh_emulator: Any, plane: FakePlane,
              tmp_path: Path) -> Iterator[Callable[..., SpaceApps]]:
    """``make_host(**options)``: a SpaceApps as the demo makes it (the demo's environment,
    this .venv as the image, a free port for the first space), closed after the test."""
    hosts: list[SpaceApps] = []

    def make(**options: Any) -> SpaceApps:
        state = tmp_path / "state"
        env = lab_environment(os.environ, region=REGION, state_dir=state, token=TOKEN,
                              endpoint_url=fresh_emulator.endpoint_url, clone_url="")
        settings = {"state_dir": state, "image": Path(sys.prefix), "environment": env,
                    "token": TOKEN, "endpoint_url": fresh_emulator.endpoint_url,
                    "region": REGION, "default_port": free_port(), **options}
        host = SpaceApps(plane, **settings)
        hosts.append(host)
        return host

    yield make
    for host in hosts:
        host.close()


def cloudwatch_lines(emulator_client: Callable[..., Any], app: AppRecord) -> list[str]:
    """The messages of the app's lifecycle stream in the emulator's CloudWatch Logs."""
    events = emulator_client("logs").get_log_events(
        logGroupName=LOG_GROUP, startFromHead=True,
        logStreamName=lifecycle_stream(app.domain_id, app.space_name or "", app.app_type,
                                       app.app_name))["events"]
    return [e["message"] for e in events]


def get_json(port: int, path: str) -> dict[str, Any]:
    """An authenticated GET to a space's server; it must answer 200."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Authorization": f"token {TOKEN}"})
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, body
        return json.loads(body)
    finally:
        connection.close()
