"""A notebook logs to the team's MLflow with no setup: its kernel has the tracking URI."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import body

ARN = "arn:aws:sagemaker:eu-central-1:123456789012:mlflow-tracking-server/team"


@pytest.fixture(autouse=True)
def no_tracking_uri(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server's own environment has none; whatever the feature sets is undone after."""
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    yield
    os.environ.pop("MLFLOW_TRACKING_URI", None)


async def kernel_sees(jp_fetch: Any, jp_serverapp: Any) -> str:
    response = await jp_fetch("api", "kernels", method="POST",
                              body=json.dumps({"name": "python3"}))
    kernel_id = body(response)["id"]
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        printed: list[str] = []

        def keep(message: dict) -> None:
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])

        await client.execute_interactive(
            "import os; print(os.environ.get('MLFLOW_TRACKING_URI', '<none>'))",
            output_hook=keep, timeout=60)
        return "".join(printed).strip()
    finally:
        client.stop_channels()


@pytest.mark.parametrize("experiments_config", [{"tracking_uri": ARN}], indirect=True)
async def test_a_new_kernel_has_the_configured_tracking_uri(jp_fetch, jp_serverapp, extension):
    await extension.features["experiments"].start()
    assert await kernel_sees(jp_fetch, jp_serverapp) == ARN


@pytest.mark.parametrize("experiments_config", [{"tracking_uri": ARN,
                                                 "kernel_tracking_uri": False}], indirect=True)
async def test_an_admin_can_keep_kernels_out_of_it(jp_fetch, jp_serverapp, extension):
    await extension.features["experiments"].start()
    assert await kernel_sees(jp_fetch, jp_serverapp) == "<none>"


@pytest.mark.parametrize("experiments_config", [{"tracking_uri": ARN}], indirect=True)
async def test_a_tracking_uri_the_environment_already_has_wins(jp_fetch, jp_serverapp,
                                                                extension, monkeypatch):
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://mlflow.internal:5000")
    await extension.features["experiments"].start()
    assert await kernel_sees(jp_fetch, jp_serverapp) == "http://mlflow.internal:5000"
