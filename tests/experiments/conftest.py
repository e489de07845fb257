"""The Experiments panel against a real MLflow tracking server (its own venv, started once
per session) whose artifacts live in the emulator's S3, and the Model Registry in moto.

MLflow comes from ``DSWS_MLFLOW`` (``make test-python`` sets it after ``make mlflow-env``);
without it these tests are skipped with a message saying so.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import fake_client, running_mlflow
from mlflow_world import MlflowWorld

from jupyter_dsws.demo.mlflow_server import MlflowServer

REGION = "eu-central-1"
BUCKET = "dsws-mlflow-tests"


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture(scope="session")
def mlflow_server(emulator: Any,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[MlflowServer]:
    with running_mlflow(tmp_path_factory.mktemp("mlflow"), f"s3://{BUCKET}/artifacts",
                        emulator.endpoint_url, REGION) as server:
        yield server


@pytest.fixture
def s3(emulator: Any) -> Any:
    client = fake_client(emulator.endpoint_url, "s3")
    # Other folders reset the emulator: the artifacts' bucket is made again when it is gone.
    names = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
    if BUCKET not in names:
        client.create_bucket(Bucket=BUCKET,
                             CreateBucketConfiguration={"LocationConstraint": REGION})
    return client


@pytest.fixture
def sagemaker(emulator: Any) -> Any:
    return fake_client(emulator.endpoint_url, "sagemaker")


@pytest.fixture
def mlflow(mlflow_server: MlflowServer, s3: Any) -> MlflowWorld:
    """Log runs into the session's MLflow (each test names its experiments uniquely)."""
    return MlflowWorld(mlflow_server.url, s3)


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture
def aws_endpoint_url(emulator: Any) -> str:
    return emulator.endpoint_url


@pytest.fixture
def experiments_config(request: pytest.FixtureRequest) -> dict:
    """``Experiments`` settings of this test (indirect parametrization)."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def config_sections(mlflow_server: MlflowServer, experiments_config: dict) -> dict:
    return {"Experiments": {"tracking_uri": mlflow_server.url, **experiments_config}}
