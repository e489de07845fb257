"""A panel request waits for AWS at most ``aws_request_deadline``, whatever the retries, and
its message says how long it really waited. The Experiments panel's MLflow calls count in the
same deadline.

The endpoint accepts connections and never answers. The settings are the defaults scaled
down (a 2 s read timeout, 3 attempts, a 3 s deadline, where the defaults are 10 s, 3 and
12 s): without one deadline across the retries, each route would take 3 x 2 s and say
"within 2 s".
"""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from helpers import body, error_of

from jupyter_dsws.aws import AwsAccess, deadline
from jupyter_dsws.background import BackgroundTask
from jupyter_dsws.errors import Unavailable
from jupyter_dsws.experiments.mlflow_rest import MlflowRest, Target

DEADLINE = 3.0
SILENT = {"aws_endpoint_url": "silent", "aws_read_timeout": 2.0, "aws_max_attempts": 3,
          "aws_request_deadline": DEADLINE}


@pytest.fixture
def config_sections(silent_port_url: str) -> dict:
    """An MLflow tracking server that accepts connections and never answers, too."""
    return {"Experiments": {"tracking_uri": silent_port_url}}


def stated_wait(message: str) -> float:
    found = re.search(r"within ([0-9.]+) s", message)
    assert found, message
    return float(found.group(1))


@pytest.mark.parametrize("dsws_config", [SILENT], indirect=True)
async def test_the_models_list_gives_up_at_the_deadline_and_says_how_long(jp_fetch):
    started = time.monotonic()
    code, error = await error_of(jp_fetch("dsws", "registry", "groups"))
    elapsed = time.monotonic() - started

    assert code == 503
    assert error["error"] == "endpoint_unreachable"
    assert "ListModelPackageGroups" in error["message"]
    assert "com.amazonaws.eu-central-1.sagemaker.api" in error["message"]
    assert elapsed < DEADLINE + 1.0, f"took {elapsed:.1f} s"
    assert abs(stated_wait(error["message"]) - elapsed) < 1.0, (error["message"], elapsed)


@pytest.mark.parametrize("dsws_config", [SILENT], indirect=True)
async def test_the_repositories_list_gives_up_at_the_deadline_and_says_how_long(jp_fetch):
    started = time.monotonic()
    response = await jp_fetch("dsws", "codecommit", "repos")
    elapsed = time.monotonic() - started

    answer = body(response)
    assert answer["repos"] == []
    assert "ListRepositories" in answer["error"]
    assert "com.amazonaws.eu-central-1.codecommit" in answer["error"]
    assert elapsed < DEADLINE + 1.0, f"took {elapsed:.1f} s"
    assert abs(stated_wait(answer["error"]) - elapsed) < 1.0, (answer["error"], elapsed)


async def test_background_work_started_from_a_request_keeps_its_own_budget():
    async def request() -> float:
        deadline.begin_request(0.0)  # a request whose time for AWS is up
        left: list[float] = []
        done = asyncio.Event()

        async def work() -> None:  # e.g. the app stop an instance switch asks for
            left.append(deadline.deadline_for(5.0) - time.monotonic())
            done.set()

        BackgroundTask("background", work).start()
        await done.wait()
        return left[0]

    assert await asyncio.create_task(request()) > 4.0


@pytest.mark.parametrize("dsws_config", [{"aws_request_deadline": DEADLINE}], indirect=True)
async def test_the_experiments_list_gives_up_at_the_deadline_not_at_mlflows_own_timeout(
        jp_fetch):
    # Experiments.request_timeout (one MLflow call) is 10 s: the request's deadline is less.
    started = time.monotonic()
    code, error = await error_of(jp_fetch("dsws", "experiments", "experiments"))
    elapsed = time.monotonic() - started

    assert code == 503
    assert error["error"] == "endpoint_unreachable"
    assert "tracking server" in error["message"]
    assert elapsed < DEADLINE + 1.0, f"took {elapsed:.1f} s"
    assert abs(stated_wait(error["message"]) - elapsed) < 1.0, (error["message"], elapsed)


async def test_an_mlflow_call_of_a_request_whose_time_is_up_is_not_made(silent_port_url):
    aws = AwsAccess(region="eu-central-1", deadline_seconds=DEADLINE)
    rest = MlflowRest(Target(base_url=silent_port_url), aws, timeout=10.0)

    async def request() -> Unavailable:
        deadline.begin_request(0.0)  # e.g. a Compare whose earlier calls took all the time
        with pytest.raises(Unavailable) as raised:
            await rest.get("runs/get", {"run_id": "abc"})
        return raised.value

    try:
        started = time.monotonic()
        error = await asyncio.create_task(request())
        elapsed = time.monotonic() - started
    finally:
        aws.close()
    assert error.code == "endpoint_unreachable" and error.status == 503
    assert error.message == (f"Did not call MLflow runs/get: this request already waited "
                             f"{DEADLINE:g} s for AWS, the most a panel request waits.")
    assert rest.calls == {}  # nothing was sent
    assert elapsed < 1.0, f"took {elapsed:.1f} s"
