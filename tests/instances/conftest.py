"""A real jupyter-server with the instances panel (and the idle panel, whose save-then-stop
sequence a switch reuses). Nothing here may reach a network: AWS calls go to a closed port
unless a test puts botocore's Stubber on the cached client.

``picker_config`` (indirect) sets ``c.InstancePicker``; ``studio_metadata`` (indirect) puts
the server "in Studio"; ``panels`` (indirect) turns the idle panel off.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from traitlets.config import Config

REGION = "eu-central-1"


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def picker_config(request: pytest.FixtureRequest) -> dict:
    # The background price refresh is off unless a test turns it on.
    return {"pricing_refresh": False, **dict(getattr(request, "param", {}))}


@pytest.fixture
def studio_metadata(request: pytest.FixtureRequest) -> dict | None:
    return getattr(request, "param", None)


@pytest.fixture
def panels(request: pytest.FixtureRequest) -> list[str]:
    return list(getattr(request, "param", ["idle", "instances"]))


@pytest.fixture
def jp_server_config(picker_config: dict, studio_metadata: dict | None, panels: list[str],
                     tmp_path: Path) -> Config:
    metadata_path = tmp_path / "resource-metadata.json"
    if studio_metadata is not None:
        metadata_path.write_text(json.dumps(studio_metadata))
    return Config({
        "ServerApp": {"jpserver_extensions": {"jupyter_dsws": True}},
        "DSWSExtension": {"region": REGION, "resource_metadata_path": str(metadata_path),
                          "aws_endpoint_url": "http://127.0.0.1:9",
                          "panels": panels, "state_dir": str(tmp_path / "state")},
        # The idle monitor must not stop anything by itself during these tests.
        "IdleShutdown": {"app_shutdown": False, "check_interval_seconds": 0.1,
                         "save_wait_seconds": 2.0, "studio_activity_file": "",
                         "timeout_minutes": 45.0},
        "InstancePicker": picker_config,
    })


@pytest.fixture
def extension(jp_serverapp: Any) -> Any:
    (app,) = jp_serverapp.extension_manager.extension_apps["jupyter_dsws"]
    return app
