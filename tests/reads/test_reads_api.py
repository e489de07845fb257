"""Read routes under many tabs: one AWS call for identical reads, fresh after our writes,
private to one AWS identity, and a steady rate of AWS calls however many tabs poll.

AWS calls are counted where they arrive: at the emulator.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from helpers import FAKE_KEYS, as_caller, assumed_role, body

TABS = 20


async def test_concurrent_identical_reads_make_one_aws_call(jp_fetch, calls):
    routes = [("registry", "groups"), ("registry", "overview"),
              ("registry", "groups", "fraud", "versions"), ("codecommit", "repos"), ("status",)]
    answers = await asyncio.gather(*(jp_fetch("dsws", *route) for route in routes
                                     for _ in range(TABS)))
    assert {a.code for a in answers} == {200}
    assert calls("sagemaker.ListModelPackageGroups") == 2  # the groups list, the overview
    assert calls("codecommit.ListRepositories") == 1
    assert calls("codecommit.BatchGetRepositories") == 1
    assert calls("sts.GetCallerIdentity") == 1
    assert calls("sagemaker.DescribeModelPackageGroup") == 1  # the versions' group check
    groups = [body(a) for a in answers[:TABS]]
    assert all([g["name"] for g in page["groups"]] == ["ranking", "fraud", "churn"]
               for page in groups)
    fetched = {page["fetched_at"] for page in groups}
    assert len(fetched) == 1
    assert datetime.fromisoformat(fetched.pop()) <= datetime.now(timezone.utc)


async def test_later_reads_are_answered_from_memory_until_refresh(jp_fetch, calls):
    first = body(await jp_fetch("dsws", "registry", "groups"))
    again = body(await jp_fetch("dsws", "registry", "groups"))
    assert again == first and calls("sagemaker.ListModelPackageGroups") == 1
    fresh = body(await jp_fetch("dsws", "registry", "groups", params={"refresh": "true"}))
    assert calls("sagemaker.ListModelPackageGroups") == 2
    assert fresh["fetched_at"] > first["fetched_at"]


@pytest.mark.parametrize("registry_config", [{"list_ttl_seconds": 0}], indirect=True)
async def test_ttl_zero_asks_aws_each_time(jp_fetch, calls):
    for _ in range(3):
        await jp_fetch("dsws", "registry", "groups")
    assert calls("sagemaker.ListModelPackageGroups") == 3


async def test_an_approval_shows_at_once_in_the_sheet_and_the_overview(jp_fetch, calls):
    sheet = body(await jp_fetch("dsws", "registry", "groups", "fraud", "versions"))
    overview = body(await jp_fetch("dsws", "registry", "overview"))
    assert {v["status"] for v in sheet["versions"]} == {"PendingManualApproval"}
    fraud = next(g for g in overview["groups"] if g["name"] == "fraud")
    assert fraud["latest_approved"] is None and len(fraud["pending"]) == 2

    await jp_fetch("dsws", "registry", "groups", "fraud", "versions", "2", method="PATCH",
                   body='{"status": "Approved", "comment": "Better AUC"}')

    sheet = body(await jp_fetch("dsws", "registry", "groups", "fraud", "versions"))
    overview = body(await jp_fetch("dsws", "registry", "overview"))
    assert {v["version"]: v["status"] for v in sheet["versions"]} == {
        2: "Approved", 1: "PendingManualApproval"}
    fraud = next(g for g in overview["groups"] if g["name"] == "fraud")
    assert fraud["latest_approved"]["version"] == 2
    assert [p["version"] for p in fraud["pending"]] == [1]


async def test_two_aws_identities_never_share_an_answer(jp_fetch, extension, world, calls):
    mine = body(await jp_fetch("dsws", "registry", "groups"))
    assert len(mine["groups"]) == 3

    # Another role, in another account.
    with as_caller(extension.aws, assumed_role(world.endpoint_url)):
        theirs = body(await jp_fetch("dsws", "registry", "groups"))
        status = body(await jp_fetch("dsws", "status"))
    assert theirs["groups"] == []
    assert status["aws"]["account"] == "111111111111"
    assert calls("sagemaker.ListModelPackageGroups") == 2

    # Its own keys again, in a new session (as when a role's credentials are renewed): the
    # answer kept for them.
    with as_caller(extension.aws, FAKE_KEYS):
        assert body(await jp_fetch("dsws", "registry", "groups")) == mine
    assert calls("sagemaker.ListModelPackageGroups") == 2


async def test_twenty_polling_tabs_make_the_aws_calls_of_one(jp_fetch, extension, calls):
    per_minute = [await poll_a_minute(jp_fetch, extension, tabs, calls) for tabs in (1, TABS)]
    assert per_minute[0] == per_minute[1]
    assert per_minute[0]["sagemaker.ListModelPackageGroups"] == 2  # at 0 s and 30 s
    assert per_minute[0]["codecommit.ListRepositories"] == 1  # at 0 s (kept 60 s)


async def poll_a_minute(jp_fetch: Callable[..., Any], extension: Any, tabs: int,
                        calls: Callable[[str], int]) -> dict[str, int]:
    """Every tab reads the Models and Repositories panels every 10 s for a minute (the
    store's clock is moved on instead of waiting); the AWS calls that made."""
    reads = extension.aws.reads
    reads.clear()
    now = [10_000.0]
    reads.monotonic = lambda: now[0]
    names = ["sagemaker.ListModelPackageGroups", "codecommit.ListRepositories",
             "sts.GetCallerIdentity"]
    before = {name: calls(name) for name in names}
    for _ in range(6):
        answers = await asyncio.gather(*(
            jp_fetch("dsws", *route) for route in (("registry", "groups"),
                                                   ("codecommit", "repos"), ("status",))
            for _ in range(tabs)))
        assert {a.code for a in answers} == {200}
        now[0] += 10
    return {name: calls(name) - before[name] for name in names}
