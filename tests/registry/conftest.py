"""The Models panel against moto's real server (the demo's emulator), seeded by the demo.

The demo seed (which registers through ``register_model``) gives four realistic groups;
``generated`` groups give volume for paging and search. moto keeps its state in module
globals shared by the session's emulator, so the world is built once per test module and
tests that change it work on groups of their own.
"""

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

from jupyter_dsws.demo.seed import SeedResult, seed
from jupyter_dsws.registry import register_model

REGION = "eu-central-1"
BUCKET = "registry-tests"


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture(scope="module")
def world(emulator: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeedResult]:
    """The demo seed plus a bucket for generated groups, in a freshly reset emulator."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        emulator.reset()
        result = seed(emulator.endpoint_url, REGION, tmp_path_factory.mktemp("seed"))
        fake_client(emulator.endpoint_url, "s3").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield result


@pytest.fixture(scope="module")
def aws(emulator: Any) -> Callable[[str], Any]:
    """``aws("s3")``: a boto3 client for the emulator, as a notebook would have."""
    return lambda service: fake_client(emulator.endpoint_url, service)


@pytest.fixture(scope="module")
def bucket() -> str:
    """The bucket of the groups that tests register themselves."""
    return BUCKET


@pytest.fixture
def register(emulator: Any) -> Callable[..., dict[str, Any]]:
    """``register(group, version_number, metrics=..., params=...)`` into the test bucket."""
    sagemaker, s3 = (fake_client(emulator.endpoint_url, s) for s in ("sagemaker", "s3"))

    def make(group: str, number: int, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("params", {"max_depth": number})
        kwargs.setdefault("metrics", {"accuracy": 0.5 + number / 100, "rmse": 2.0 - number / 10})
        return register_model(group, f"s3://{BUCKET}/{group}/v{number}/model.tar.gz",
                              "123.dkr.ecr.eu-central-1.amazonaws.com/xgb:1",
                              sagemaker_client=sagemaker, s3_client=s3, **kwargs)

    return make
