"""The emulator's JSON control planes (MLflow's and Studio's share one base, json_plane.py):
answers, AWS's error shapes, and a body that is not JSON refused as AWS refuses it."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable
from typing import Any

import pytest


def raw_post(emulator: Any, target: str, body: bytes) -> tuple[int, dict[str, Any]]:
    host, port = emulator.endpoint_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request("POST", "/", body=body, headers={
            "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


@pytest.mark.parametrize("target", ["SageMaker.DescribeMlflowTrackingServer",
                                    "SageMaker.DescribeSpace", "SageMaker.CreateApp"])
def test_a_body_that_is_not_json_is_a_400_not_a_500(fresh_emulator: Any, target: str) -> None:
    status, answer = raw_post(fresh_emulator, target, b"{not json")
    assert (status, answer["__type"]) == (400, "SerializationException")


def test_the_mlflow_plane_answers_and_refuses_in_awss_shapes(
        fresh_emulator: Any, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    fresh_emulator.mlflow.add("json-plane-test", "http://127.0.0.1:9", "s3://bucket/mlflow",
                              lambda: True)
    (summary,) = [s for s in sagemaker.list_mlflow_tracking_servers()[
        "TrackingServerSummaries"] if s["TrackingServerName"] == "json-plane-test"]
    assert summary["TrackingServerStatus"] == "Created"
    assert sagemaker.create_presigned_mlflow_tracking_server_url(
        TrackingServerName="json-plane-test")["AuthorizedUrl"] == "http://127.0.0.1:9/"
    with pytest.raises(sagemaker.exceptions.ResourceNotFound, match="nobody does not exist"):
        sagemaker.describe_mlflow_tracking_server(TrackingServerName="nobody")
    sagemaker.stop_mlflow_tracking_server(TrackingServerName="json-plane-test")
    with pytest.raises(sagemaker.exceptions.ClientError, match="is Stopped"):
        sagemaker.create_presigned_mlflow_tracking_server_url(TrackingServerName="json-plane-test")
    sagemaker.start_mlflow_tracking_server(TrackingServerName="json-plane-test")
