"""A real jupyter-server with our extension, terminals and real python kernels.

``idle_config`` (indirect parametrization) sets ``c.IdleShutdown``; ``studio_metadata``
(tests/conftest.py) puts the server "in Studio". The monitor is not started for you: tests
call ``idle.start()`` or drive single checks (``await idle.monitor.check()``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import helpers
import pytest

from jupyter_dsws.idle.feature import IdleFeature

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
def config_sections(idle_config: dict) -> dict:
    return {"IdleShutdown": idle_config}


@pytest.fixture
def dsws_defaults() -> dict:
    return {"panels": ["idle"]}


@pytest.fixture
def server_extensions() -> dict:
    return {"jupyter_dsws": True, "jupyter_server_terminals": True}


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
def checks_past() -> Callable[[IdleFeature, float], Awaitable[None]]:
    """``await checks_past(idle, seconds)``: see ``helpers.checks_past``."""
    return lambda idle, seconds: helpers.checks_past(idle.monitor, seconds)


@pytest.fixture
def checks_done() -> Callable[..., Awaitable[None]]:
    """``await checks_done(idle, count=1)``: see ``helpers.checks_done``."""
    return lambda idle, count=1: helpers.checks_done(idle.monitor, count)
