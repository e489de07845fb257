"""The example notebooks as the demo runs them: the emulator seeded as ``dsws demo`` seeds
it, a real MLflow tracking server whose artifacts go to the emulator's S3, and the demo's
kernel *Python 3 (MLflow training)* (the MLflow venv's Python, this package importable).

MLflow comes from ``DSWS_MLFLOW`` (``make test-python`` sets it after ``make mlflow-env``);
without it these tests are skipped with a message saying so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from helpers import running_mlflow

from jupyter_dsws.demo.experiments import TRAINING_KERNEL, write_training_kernel
from jupyter_dsws.demo.mlflow_server import MlflowServer

REGION = "eu-central-1"


@dataclass(frozen=True)
class DemoWorld:
    """What a notebook of the demo reaches: the emulator, its seed, the tracking server."""

    endpoint_url: str
    seeded: Any
    mlflow_url: str


@pytest.fixture(scope="session")
def seeded_emulator(emulator: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from jupyter_dsws.demo.seed import seed

    return seed(emulator.endpoint_url, REGION, tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="session")
def demo_mlflow(emulator: Any, seeded_emulator: Any,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[MlflowServer]:
    with running_mlflow(tmp_path_factory.mktemp("mlflow"),
                        f"s3://{seeded_emulator.artifacts_bucket}/mlflow", emulator.endpoint_url,
                        REGION) as server:
        yield server


@pytest.fixture(scope="session")
def training_kernels(demo_mlflow: MlflowServer,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JUPYTER_PATH folder holding the demo's training kernel."""
    folder = tmp_path_factory.mktemp("jupyter")
    write_training_kernel(folder, str(Path(demo_mlflow.executable).with_name("python")))
    return folder


@pytest.fixture
def demo_world(emulator: Any, demo_mlflow: MlflowServer,
               training_kernels: Path, monkeypatch: pytest.MonkeyPatch,
               tmp_path: Path) -> DemoWorld:
    """The kernel's environment as ``dsws demo`` gives it (demo/lab.py, demo/experiments.py),
    without a Livy (as ``dsws demo --no-spark``: ``DSWS_LIVY_ENDPOINTS`` maps no cluster; a
    test that wants one maps it); the seed again, for another folder's test may have reset
    the emulator (it is idempotent, but the EMR clusters of a reset emulator are new ones)."""
    from jupyter_dsws.demo.seed import seed

    seeded = seed(emulator.endpoint_url, REGION, tmp_path / "seed")
    # sparkmagic reads ~/.sparkmagic/config.json: the test's own (empty) folder instead.
    (tmp_path / "sparkmagic").mkdir()
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                 "DSWS_DATA_BUCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION, "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": emulator.endpoint_url,
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "MLFLOW_TRACKING_URI": demo_mlflow.url, "GIT_PYTHON_REFRESH": "quiet",
        "JUPYTER_PATH": str(training_kernels),
        "DSWS_LIVY_ENDPOINTS": "{}", "SPARKMAGIC_CONF_DIR": str(tmp_path / "sparkmagic"),
    }.items():
        monkeypatch.setenv(name, value)
    return DemoWorld(emulator.endpoint_url, seeded, demo_mlflow.url)


@pytest.fixture
def kernel_name() -> str:
    return TRAINING_KERNEL


@pytest.fixture
def examples_config(request: pytest.FixtureRequest) -> dict:
    """``Examples`` settings of this test (indirect parametrization)."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def config_sections(examples_config: dict) -> dict:
    return {"Examples": examples_config}
