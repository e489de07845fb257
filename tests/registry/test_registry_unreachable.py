"""When the SageMaker endpoint cannot be reached, the panel gets a sentence naming the VPC
endpoint to add, not a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import error_of


@pytest.mark.parametrize("dsws_config", [{"aws_endpoint_url": "closed",
                                          "aws_max_attempts": 1}], indirect=True)
@pytest.mark.parametrize("route", [("groups",), ("overview",),
                                   ("groups", "any-group", "versions"),
                                   ("groups", "any-group", "versions", "1")])
async def test_an_unreachable_endpoint_names_the_vpc_endpoint(
        jp_fetch: Callable[..., Any], route: tuple[str, ...]) -> None:
    code, error = await error_of(jp_fetch("dsws", "registry", *route))
    assert code == 503
    assert error["error"] == "endpoint_unreachable"
    assert "com.amazonaws.eu-central-1.sagemaker.api" in error["message"]
