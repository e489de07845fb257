"""A panel request waits for AWS at most ``aws_request_deadline``, whatever the retries, and
its message says how long it really waited.

The endpoint accepts connections and never answers. The settings are the defaults scaled
down (a 2 s read timeout, 3 attempts, a 3 s deadline, where the defaults are 10 s, 3 and
12 s): without one deadline across the retries, each route would take 3 x 2 s and say
"within 2 s".
"""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_dsws.aws import deadline
from jupyter_dsws.background import BackgroundTask

DEADLINE = 3.0
SILENT = {"aws_endpoint_url": "silent", "aws_read_timeout": 2.0, "aws_max_attempts": 3,
          "aws_request_deadline": DEADLINE}


def stated_wait(message: str) -> float:
    found = re.search(r"within ([0-9.]+) s", message)
    assert found, message
    return float(found.group(1))


@pytest.mark.parametrize("dsws_config", [SILENT], indirect=True)
async def test_the_models_list_gives_up_at_the_deadline_and_says_how_long(jp_fetch):
    started = time.monotonic()
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch("dsws", "registry", "groups")
    elapsed = time.monotonic() - started

    assert raised.value.code == 503
    error = json.loads(raised.value.response.body)
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

    answer = json.loads(response.body)
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
