"""The demo emulator's throttling on demand: each protocol's own throttling answer, which
botocore reads as throttling; DSWS_EMULATOR_THROTTLE read once, engaged after the seed."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config
from helpers import fake_client

from jupyter_dsws.aws import failure_of
from jupyter_dsws.aws.failures import THROTTLED
from jupyter_dsws.demo.throttle import Throttle

CALLS = [
    ("sagemaker", "list_model_package_groups", {}, "ThrottlingException"),
    ("codecommit", "list_repositories", {}, "ThrottlingException"),
    ("sts", "get_caller_identity", {}, "Throttling"),
    ("s3", "list_buckets", {}, "SlowDown"),
]


@pytest.fixture
def throttled_emulator(emulator: Any) -> Any:
    emulator.throttle.fraction = 1.0
    yield emulator
    emulator.throttle.fraction = 0.0


@pytest.mark.parametrize(("service", "method", "params", "code"), CALLS,
                         ids=[c[0] for c in CALLS])
def test_each_protocol_answers_its_own_throttling(throttled_emulator, service, method,
                                                  params, code):
    client = fake_client(throttled_emulator.endpoint_url, service,
                         config=Config(retries={"mode": "standard", "total_max_attempts": 1}))
    before = throttled_emulator.throttle.throttled.copy()
    with pytest.raises(Exception) as raised:
        getattr(client, method)(**params)
    failure = failure_of(raised.value)
    assert failure is not None and (failure.kind, failure.code) == (THROTTLED, code)
    assert sum(throttled_emulator.throttle.throttled.values()) == sum(before.values()) + 1


def test_the_environment_asks_and_the_demo_engages_after_its_seed():
    throttle = Throttle.from_environment({"DSWS_EMULATOR_THROTTLE": "0.5"})
    assert throttle.fraction == 0.0
    throttle.engage()
    assert throttle.fraction == 0.5
    assert Throttle.from_environment({}).requested == 0.0
    for wrong in ("half", "1.5", "-0.1"):
        with pytest.raises(ValueError, match="DSWS_EMULATOR_THROTTLE must be a fraction"):
            Throttle.from_environment({"DSWS_EMULATOR_THROTTLE": wrong})
