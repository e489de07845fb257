"""Fixtures for the lifecycle tests; the sandbox itself is in lcc_sandbox.py."""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lcc_sandbox import Sandbox, ensure_env, reset_studio

REGION = "eu-central-1"
APP_ARN = f"arn:aws:sagemaker:{REGION}:123456789012:app/d-sandbox/lab/JupyterLab/default"


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def fake_wheel(tmp_path: Path) -> Path:
    """A tiny file named like our wheel (build reads only its name and bytes)."""
    path = tmp_path / "wheels" / "jupyter_dsws-1.2.3-py3-none-any.whl"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("jupyter_dsws/__init__.py", "")
    return path


@pytest.fixture(scope="session")
def built_wheel() -> Path:
    """Our wheel as users get it (``make wheel``): the sandbox tests install it for real."""
    given = os.environ.get("DSWS_WHEEL")
    if not given:
        pytest.skip("DSWS_WHEEL is not set: `make test-lifecycle` builds the wheel and runs "
                    "these sandbox tests")
    path = Path(given)
    assert path.is_file(), f"DSWS_WHEEL={given} does not exist"
    return path


@pytest.fixture(scope="session")
def studio_env(built_wheel: Path) -> Path:
    return ensure_env("studio")


@pytest.fixture(scope="session")
def aws_cli(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with only ``aws`` in it, for the script's PATH."""
    env = ensure_env("awscli")
    folder = tmp_path_factory.mktemp("aws-cli-bin")
    (folder / "aws").symlink_to(env / "bin" / "aws")
    return folder


@pytest.fixture
def sandbox(studio_env: Path, aws_cli: Path, emulator: Any,
            tmp_path: Path) -> Iterator[Sandbox]:
    reset_studio(studio_env)
    home = tmp_path / "home"
    home.mkdir()
    restart_log = tmp_path / "restarts.log"
    restart = tmp_path / "restart-jupyter-server"
    # Records the call, like the image's command returns at once (it backgrounds supervisorctl).
    restart.write_text(f'#!/bin/sh\necho restarted >> "{restart_log}"\n')
    restart.chmod(0o755)
    metadata = tmp_path / "resource-metadata.json"
    metadata.write_text(json.dumps({"DomainId": "d-sandbox", "SpaceName": "lab",
                                    "AppType": "JupyterLab", "ResourceArn": APP_ARN}))
    yield Sandbox(prefix=studio_env, home=home, aws_bin=aws_cli,
                  endpoint=emulator.endpoint_url, restart_log=restart_log, metadata=metadata)
    reset_studio(studio_env)


@pytest.fixture
def new_bucket(emulator_client: Callable[..., Any]) -> str:
    name = f"dsws-lcc-{uuid.uuid4().hex[:12]}"
    emulator_client("s3").create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return name
