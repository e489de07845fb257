"""A real jupyter-server with our extension, terminals and real python kernels.

``idle_config`` (indirect parametrization) sets ``c.IdleShutdown``; ``studio_metadata`` puts
the server "in Studio". The monitor is not started for you: tests call ``idle.start()`` or
drive single checks (``await idle.monitor.check()``).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from traitlets.config import Config

from jupyter_dsws.idle.feature import IdleFeature

REGION = "eu-central-1"
# Seconds-scale settings: tests see shutdowns within a second or two, never minutes.
FAST = {"check_interval_seconds": 0.2, "timeout_minutes": 1.5 / 60, "min_timeout_minutes": 0.01,
        "warning_minutes": 0.5 / 60, "save_wait_seconds": 3.0,
        # The app stop has tests of its own; elsewhere the server must stay up.
        "app_shutdown": False}


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def activity_file(tmp_path: Path) -> Path:
    """Studio's activity file for this test: never the real one in /tmp."""
    return tmp_path / "sagemaker-last-active-timestamp"


@pytest.fixture
def idle_config(request: pytest.FixtureRequest, activity_file: Path) -> dict:
    """IdleShutdown settings: FAST, updated by the test's indirect parameter."""
    return {**FAST, "studio_activity_file": str(activity_file),
            **dict(getattr(request, "param", {}))}


@pytest.fixture
def studio_metadata(request: pytest.FixtureRequest) -> dict | None:
    return getattr(request, "param", None)


@pytest.fixture
def jp_server_config(idle_config: dict, studio_metadata: dict | None, tmp_path: Path) -> Config:
    metadata_path = tmp_path / "resource-metadata.json"
    if studio_metadata is not None:
        metadata_path.write_text(json.dumps(studio_metadata))
    return Config({
        "ServerApp": {"jpserver_extensions": {"jupyter_dsws": True,
                                              "jupyter_server_terminals": True}},
        "DSWSExtension": {"region": REGION, "resource_metadata_path": str(metadata_path),
                          # Nothing in these tests may reach a network.
                          "aws_endpoint_url": "http://127.0.0.1:9", "panels": ["idle"]},
        "IdleShutdown": idle_config,
    })


@pytest.fixture
def extension(jp_serverapp: Any) -> Any:
    (app,) = jp_serverapp.extension_manager.extension_apps["jupyter_dsws"]
    return app


@pytest.fixture
def idle(extension: Any) -> IdleFeature:
    """The idle feature; the server's cleanup stops its monitor after the test."""
    return extension.features["idle"]


@pytest.fixture
def stops(jp_serverapp: Any, monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """Outside Studio the app stop calls ``serverapp.stop()``: observed here (when, in UTC),
    not done."""
    calls: list[datetime] = []
    monkeypatch.setattr(jp_serverapp, "stop",
                        lambda *a, **k: calls.append(datetime.now(timezone.utc)))
    return calls


@pytest.fixture
def wait_for() -> Callable[..., Awaitable[Any]]:
    return _wait_for


@pytest.fixture
def checks_past() -> Callable[[IdleFeature, float], Awaitable[None]]:
    """``await checks_past(idle, seconds)``: returns once the monitor has finished a check
    that began at least ``seconds`` from now, so whatever was due by then has been done (or
    was not). A wait on the monitor, not a fixed sleep."""
    async def wait(idle: IdleFeature, seconds: float) -> None:
        monitor = idle.monitor
        target = monitor.clock() + timedelta(seconds=seconds)
        await _wait_for(lambda: monitor.checked_at is not None and monitor.checked_at >= target,
                        timeout=seconds + 15, what=f"a check {seconds:g} s from now")

    return wait


async def _wait_for(condition: Callable[[], Any | Awaitable[Any]], timeout: float = 15.0,
                   interval: float = 0.05, what: str = "condition") -> Any:
    """Poll until ``condition()`` is truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(interval)
