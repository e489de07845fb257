"""Where a version's approval history is kept: in the S3 folder of its metrics file, else of
its model data. The API accepts an S3 URI that is only a bucket (``s3://bucket``); its
history then lives at the bucket's root, and reading the version must not fail on it."""

from __future__ import annotations

from typing import Any

import pytest
from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.registry.config import ModelRegistry
from jupyter_dsws.registry.metrics import split_s3_uri
from jupyter_dsws.registry.service import RegistryService


def package(metrics_uri: str | None, data_url: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"ModelPackageGroupName": "churn", "ModelPackageVersion": 2}
    if metrics_uri:
        found["ModelMetrics"] = {"ModelQuality": {"Statistics": {
            "ContentType": "application/json", "S3Uri": metrics_uri}}}
    if data_url:
        found["InferenceSpecification"] = {"Containers": [{"Image": "img:1",
                                                           "ModelDataUrl": data_url}]}
    return found


@pytest.mark.parametrize(("metrics_uri", "data_url", "expected"), [
    ("s3://b/churn/2/statistics.json", "s3://b/x/model.tar.gz",
     "s3://b/churn/2/approval-history.json"),
    (None, "s3://b/churn/3/model.tar.gz", "s3://b/churn/3/approval-history.json"),
    ("s3://b/statistics.json", None, "s3://b/approval-history.json"),
    (None, "s3://b/churn/", "s3://b/churn/approval-history.json"),
    ("s3://b", None, "s3://b/approval-history.json"),
    (None, "s3://b", "s3://b/approval-history.json"),
])
def test_the_history_lives_beside_the_metrics_else_the_model_data(
        metrics_uri: str | None, data_url: str | None, expected: str) -> None:
    aws = AwsAccess(region="eu-central-1")
    try:
        uri = RegistryService(aws, ModelRegistry(config=Config())).history_uri(
            package(metrics_uri, data_url))
    finally:
        aws.close()
    assert uri == expected
    assert split_s3_uri(uri) == ("b", expected.removeprefix("s3://b/"))
