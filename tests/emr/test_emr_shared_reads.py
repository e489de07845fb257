"""The EMR panel's lists are shared reads (issue 28): identical reads make one EMR call, a
later one is answered from memory with its age until a person's Refresh, and starting a
Serverless application makes its list fresh. AWS calls are counted where they arrive: at
the emulator (``emulator.throttle.calls``, as tests/reads/ does)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from helpers import body

TABS = 8
#: ListApplications as the emulator counts it (a REST call: its method and path).
LIST_APPLICATIONS = "emr-serverless.GET /applications"


@pytest.fixture
def calls(world: Any, fresh_emulator: Any) -> Callable[[str], int]:
    """``calls("elasticmapreduce.ListClusters")``: how many the emulator answered since."""
    start = dict(fresh_emulator.throttle.calls)
    return lambda name: fresh_emulator.throttle.calls[name] - start.get(name, 0)


async def test_concurrent_identical_cluster_list_reads_make_one_list_clusters_call(
        jp_fetch, world, calls):
    answers = await asyncio.gather(*(jp_fetch("dsws", "emr", "clusters")
                                     for _ in range(TABS)))
    lists = [body(a) for a in answers]
    assert calls("elasticmapreduce.ListClusters") == 1
    assert all(a == lists[0] for a in lists)
    assert len(lists[0]["clusters"]) == len(world.clusters)
    assert lists[0]["fetched_at"] and lists[0]["notice"] is None


async def test_a_later_read_is_answered_from_memory_until_refresh(jp_fetch, world, calls):
    first = body(await jp_fetch("dsws", "emr", "clusters"))
    world.cluster("newcomer")
    again = body(await jp_fetch("dsws", "emr", "clusters"))
    assert again == first and calls("elasticmapreduce.ListClusters") == 1
    fresh = body(await jp_fetch("dsws", "emr", "clusters", params={"refresh": "true"}))
    assert calls("elasticmapreduce.ListClusters") == 2
    assert "newcomer" in {c["name"] for c in fresh["clusters"]}
    assert fresh["fetched_at"] >= first["fetched_at"]


@pytest.mark.parametrize("emr_config", [lambda w, lv: {"list_ttl_seconds": 0}],
                         indirect=True)
async def test_ttl_zero_asks_emr_each_time(jp_fetch, world, calls):
    for _ in range(3):
        await jp_fetch("dsws", "emr", "clusters")
    assert calls("elasticmapreduce.ListClusters") == 3


async def test_starting_an_application_makes_the_applications_list_fresh(jp_fetch, world,
                                                                         calls):
    app_id = world.serverless.create_application(name="adhoc", releaseLabel="emr-7.5.0",
                                                 type="SPARK")["applicationId"]
    world.serverless.stop_application(applicationId=app_id)
    listed = body(await jp_fetch("dsws", "emr", "serverless", "applications"))
    assert [a["state"] for a in listed["applications"]] == ["STOPPED"]
    assert listed["fetched_at"] and listed["notice"] is None
    kept = body(await jp_fetch("dsws", "emr", "serverless", "applications"))
    assert kept == listed and calls(LIST_APPLICATIONS) == 1

    await jp_fetch("dsws", "emr", "serverless", "applications", app_id, "start",
                   method="POST", body="")
    after = body(await jp_fetch("dsws", "emr", "serverless", "applications"))
    assert calls(LIST_APPLICATIONS) == 2
    assert after["applications"][0]["state"] in ("STARTING", "STARTED")
