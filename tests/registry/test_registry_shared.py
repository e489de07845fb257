"""A version's detail and a comparison are shared reads, as the lists are: many tabs make one
set of AWS calls, a person's Refresh asks again, our own approval shows at once, and an
answer never crosses to another AWS identity.

AWS calls are counted where they arrive: at the emulator (``emulator.throttle.calls``).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from helpers import as_caller, assumed_role, body, error_of

TABS = 20


@pytest.fixture
def calls(world: Any, emulator: Any) -> Callable[[str], int]:
    """``calls("sagemaker.DescribeModelPackage")``: how many the emulator answered since."""
    start = dict(emulator.throttle.calls)
    return lambda name: emulator.throttle.calls[name] - start.get(name, 0)


@pytest.fixture
def group(world: Any, register: Callable[..., Any]) -> tuple[str, list[str]]:
    """A group of this test's own with two pending versions: (name, their ARNs), in the
    module's world (its bucket: another module may have reset the emulator since)."""
    name = f"shared-{uuid.uuid4().hex[:8]}"
    return name, [register(name, number)["arn"] for number in (1, 2)]


def detail(jp_fetch: Callable[..., Any], group: str, version: int, **params: str) -> Any:
    return jp_fetch("dsws", "registry", "groups", group, "versions", str(version),
                    params=params or None)


def compare(jp_fetch: Callable[..., Any], arns: list[str], **params: str) -> Any:
    return jp_fetch("dsws", "registry", "compare",
                    params=[("arn", a) for a in arns] + list(params.items()))


async def test_tabs_opening_one_version_make_one_set_of_aws_calls(jp_fetch, group, calls):
    name, _ = group
    answers = [body(a) for a in await asyncio.gather(*(detail(jp_fetch, name, 2)
                                                       for _ in range(TABS)))]
    assert calls("sagemaker.DescribeModelPackageGroup") == 1
    assert calls("sagemaker.DescribeModelPackage") == 1
    assert all(a == answers[0] for a in answers)
    assert answers[0]["version"] == 2 and answers[0]["fetched_at"]

    again = body(await detail(jp_fetch, name, 2))
    assert again == answers[0] and calls("sagemaker.DescribeModelPackage") == 1
    fresh = body(await detail(jp_fetch, name, 2, refresh="true"))
    assert calls("sagemaker.DescribeModelPackage") == 2
    assert fresh["fetched_at"] > answers[0]["fetched_at"]


async def test_tabs_comparing_the_same_versions_make_one_set_of_aws_calls(jp_fetch, group,
                                                                          calls):
    _, arns = group
    answers = [body(a) for a in await asyncio.gather(*(compare(jp_fetch, arns)
                                                       for _ in range(TABS)))]
    described = calls("sagemaker.DescribeModelPackage")
    assert described == 2  # each version once; the trend knows their metrics files
    assert calls("sagemaker.ListModelPackages") == 1  # the group's trend
    assert all(a == answers[0] for a in answers) and answers[0]["fetched_at"]

    await compare(jp_fetch, arns)
    assert calls("sagemaker.DescribeModelPackage") == described
    reversed_ = body(await compare(jp_fetch, arns[::-1]))  # other columns: another read
    assert [v["arn"] for v in reversed_["versions"]] == arns[::-1]
    assert calls("sagemaker.DescribeModelPackage") == 2 * described
    await compare(jp_fetch, arns, refresh="true")
    assert calls("sagemaker.DescribeModelPackage") == 3 * described


async def test_an_approval_shows_at_once_in_the_detail_and_the_comparison(jp_fetch, group,
                                                                          calls):
    name, arns = group
    assert body(await detail(jp_fetch, name, 2))["status"] == "PendingManualApproval"
    assert [v["status"] for v in body(await compare(jp_fetch, arns))["versions"]] == [
        "PendingManualApproval", "PendingManualApproval"]

    approved = body(await jp_fetch("dsws", "registry", "groups", name, "versions", "2",
                                   method="PATCH", body=json.dumps(
                                       {"status": "Approved", "comment": "Better"})))
    assert approved["status"] == "Approved" and approved["fetched_at"]

    shown = body(await detail(jp_fetch, name, 2))
    assert shown["status"] == "Approved"
    assert [e["to"] for e in shown["approval_history"]] == ["Approved"]
    assert [v["status"] for v in body(await compare(jp_fetch, arns))["versions"]] == [
        "PendingManualApproval", "Approved"]


async def test_another_aws_identity_never_gets_the_stored_detail(jp_fetch, extension, emulator,
                                                                group):
    name, _ = group
    assert body(await detail(jp_fetch, name, 1))["version"] == 1

    with as_caller(extension.aws, assumed_role(emulator.endpoint_url)):
        code, _ = await error_of(detail(jp_fetch, name, 1))
    assert code == 404  # that account has no such group
