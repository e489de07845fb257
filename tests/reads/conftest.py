"""Many tabs reading through one server, against the demo's emulator, which counts every AWS
call it answers (``emulator.throttle.calls``) and throttles a fraction on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from helpers import fake_client
from registry_fixtures import (  # noqa: F401 (fixtures)
    aws_endpoint_url,
    config_sections,
    registry_config,
)

from jupyter_dsws.registry import register_model

REGION = "eu-central-1"
BUCKET = "reads-tests"
GROUPS = ("churn", "fraud", "ranking")
REPOSITORIES = ("notebooks", "pipelines")


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def world(fresh_emulator: Any) -> Iterator[Any]:
    """Three groups of two versions (metrics in S3) and two repositories, no throttling."""
    sagemaker, s3, codecommit = (fake_client(fresh_emulator.endpoint_url, service)
                                 for service in ("sagemaker", "s3", "codecommit"))
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    for group in GROUPS:
        for number in (1, 2):
            register_model(group, f"s3://{BUCKET}/{group}/v{number}/model.tar.gz",
                           "123.dkr.ecr.eu-central-1.amazonaws.com/xgb:1",
                           metrics={"auc": 0.7 + number / 100}, sagemaker_client=sagemaker,
                           s3_client=s3)
    for name in REPOSITORIES:
        codecommit.create_repository(repositoryName=name)
    fresh_emulator.throttle.fraction = 0.0
    yield fresh_emulator
    fresh_emulator.throttle.fraction = 0.0


@pytest.fixture
def calls(world: Any) -> Callable[[str], int]:
    """``calls("sagemaker.ListModelPackageGroups")``: how many the emulator answered since."""
    start = dict(world.throttle.calls)
    return lambda name: world.throttle.calls[name] - start.get(name, 0)


@pytest.fixture
def dsws_defaults() -> dict:
    # Only the panels read here: no other panel's background work calls AWS meanwhile.
    return {"panels": ["registry", "codecommit"]}
