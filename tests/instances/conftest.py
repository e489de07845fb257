"""A real jupyter-server with the instances panel (and the idle panel, whose save-then-stop
sequence a switch reuses). Nothing here may reach a network: AWS calls go to a closed port
(tests/conftest.py's default) unless a test puts botocore's Stubber on the cached client.

``picker_config`` (indirect) sets ``c.InstancePicker``; ``studio_metadata`` (indirect,
tests/conftest.py) puts the server "in Studio"; ``panels`` (indirect) turns the idle panel off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.stub import Stubber


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def stubs(extension: Any) -> Iterator[tuple[Stubber, Stubber]]:
    """botocore's Stubber on the cached SageMaker and Service Quotas clients (moto has
    neither Studio spaces and apps nor Service Quotas): ``(sagemaker, quotas)``."""
    sagemaker = Stubber(extension.aws.client("sagemaker"))
    quotas = Stubber(extension.aws.client("service-quotas"))
    sagemaker.activate()
    quotas.activate()
    yield sagemaker, quotas
    sagemaker.deactivate()
    quotas.deactivate()


@pytest.fixture
def picker_config(request: pytest.FixtureRequest) -> dict:
    # The background price refresh is off unless a test turns it on.
    return {"pricing_refresh": False, **dict(getattr(request, "param", {}))}


@pytest.fixture
def panels(request: pytest.FixtureRequest) -> list[str]:
    return list(getattr(request, "param", ["idle", "instances"]))


@pytest.fixture
def dsws_defaults(panels: list[str], tmp_path: Path) -> dict:
    return {"panels": panels, "state_dir": str(tmp_path / "state")}


@pytest.fixture
def config_sections(picker_config: dict) -> dict:
    return {
        # The idle monitor must not stop anything by itself during these tests.
        "IdleShutdown": {"app_shutdown": False, "check_interval_seconds": 0.1,
                         "save_wait_seconds": 2.0, "studio_activity_file": "",
                         "timeout_minutes": 45.0},
        "InstancePicker": picker_config,
    }
