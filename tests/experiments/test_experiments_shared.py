"""The Experiments panel's reads under many tabs: identical reads make one call to MLflow
(or to SageMaker for the tracking servers), answers are kept for a short time and say their
age, a person's Refresh and a run registered from the panel read afresh, and answers of a
signed tracking server never cross to another AWS identity.

MLflow calls are counted at the door of the real MLflow server (``CountingProxy``); SageMaker
calls at the emulator, which answers SageMaker's MLflow control plane.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import as_caller, assumed_role, body
from mlflow_world import CountingProxy

TABS = 20
ACCOUNT = "123456789012"


@pytest.fixture
def proxy(mlflow_server: Any) -> Iterator[CountingProxy]:
    counting = CountingProxy(mlflow_server.url)
    yield counting
    counting.stop()


@pytest.fixture
def tracking_server(emulator: Any, proxy: CountingProxy, unique: str) -> Iterator[str]:
    """A SageMaker MLflow tracking server in the emulator's control plane, answering at the
    proxy: its ARN."""
    name = f"team-{unique}"
    emulator.mlflow.add(name, proxy.url, "s3://dsws-mlflow-tests/artifacts", lambda: True)
    yield emulator.mlflow.arn(name, ACCOUNT, "eu-central-1")
    emulator.mlflow.remove(name)


@pytest.fixture
def config_sections(request: pytest.FixtureRequest, proxy: CountingProxy,
                    experiments_config: dict) -> dict:
    """The panel reads MLflow through the proxy: at its plain URL, or, for a test that asks
    for ``tracking_server``, as SageMaker's signed tracking server."""
    if "tracking_server" in request.fixturenames:
        place = {"tracking_uri": request.getfixturevalue("tracking_server"),
                 "mlflow_endpoint_url": proxy.url}
    else:
        place = {"tracking_uri": proxy.url}
    return {"Experiments": {**place, **experiments_config}}


def team(mlflow: Any, unique: str) -> tuple[str, list[str]]:
    experiment = mlflow.experiment(f"shared-{unique}")
    return experiment, [mlflow.run(experiment, f"run-{i}", params={"depth": i},
                                   metrics={"accuracy": 0.8 + i / 100},
                                   artifacts=["model/MLmodel"] if i == 2 else [])
                        for i in range(3)]


async def tabs(jp_fetch: Any, *path: str, params: Any = None) -> list[dict[str, Any]]:
    """``TABS`` identical reads at once; their answers."""
    answers = await asyncio.gather(*(jp_fetch("dsws", "experiments", *path, params=params)
                                     for _ in range(TABS)))
    return [body(a) for a in answers]


async def test_many_tabs_reading_the_panel_make_one_mlflow_read_each(jp_fetch, mlflow, unique,
                                                                    proxy):
    experiment, runs = team(mlflow, unique)
    calls = proxy.counts

    listed = await tabs(jp_fetch, "experiments", params={"query": f"shared-{unique}"})
    assert calls["experiments/search"] == 1 and calls["runs/search"] == 1  # its run count
    assert [e["runs"] for e in listed[0]["experiments"]] == [3]

    sheet = await tabs(jp_fetch, "experiments", experiment, "runs")
    assert calls["experiments/get"] == 1 and calls["runs/search"] == 2
    assert len(sheet[0]["runs"]) == 3

    run = await tabs(jp_fetch, "runs", runs[0])
    assert calls["runs/get"] == 1 and calls["artifacts/list"] == 1
    assert run[0]["id"] == runs[0]

    compared = await tabs(jp_fetch, "compare", params=[("run", r) for r in runs])
    assert calls["runs/get"] == 2 and calls["runs/search"] == 3  # the first run, the others
    assert [r["id"] for r in compared[0]["runs"]] == runs

    for answers in (listed, sheet, run, compared):
        assert all(a == answers[0] for a in answers)
        assert answers[0]["fetched_at"] and answers[0]["notice"] is None


async def test_a_new_run_shows_after_a_refresh_and_the_answer_says_its_age(jp_fetch, mlflow,
                                                                          unique, proxy):
    experiment, _ = team(mlflow, unique)
    first = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs"))
    mlflow.run(experiment, "run-new", metrics={"accuracy": 0.99})  # a notebook logs one

    kept = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs"))
    assert kept == first and proxy.counts["runs/search"] == 1
    fresh = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs",
                                params={"refresh": "true"}))
    assert proxy.counts["runs/search"] == 2
    assert fresh["runs"][0]["name"] == "run-new"  # newest first
    assert fresh["fetched_at"] > first["fetched_at"]


@pytest.mark.parametrize("experiments_config", [{"read_ttl_seconds": 0}], indirect=True)
async def test_read_ttl_zero_asks_mlflow_each_time(jp_fetch, mlflow, unique, proxy):
    experiment, _ = team(mlflow, unique)
    for _ in range(3):
        await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    assert proxy.counts["runs/search"] == 3


async def test_a_run_registered_from_the_panel_shows_at_once_in_its_sheet_and_detail(
        jp_fetch, mlflow, unique):
    experiment, runs = team(mlflow, unique)
    sheet = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs"))
    assert all(r["registered"] == [] for r in sheet["runs"])
    assert body(await jp_fetch("dsws", "experiments", "runs", runs[2]))["registered"] == []

    group = f"shared-{unique}"
    made = await jp_fetch("dsws", "experiments", "runs", runs[2], "register", method="POST",
                          body=json.dumps({"group": group}))
    assert made.code == 201

    sheet = body(await jp_fetch("dsws", "experiments", "experiments", experiment, "runs"))
    registered = {r["id"]: [(v["group"], v["version"]) for v in r["registered"]]
                  for r in sheet["runs"]}
    assert registered[runs[2]] == [(group, 1)]
    detail = body(await jp_fetch("dsws", "experiments", "runs", runs[2]))
    assert [(v["group"], v["version"]) for v in detail["registered"]] == [(group, 1)]
    versions = body(await jp_fetch("dsws", "registry", "groups", group, "versions"))
    assert [v["version"] for v in versions["versions"]] == [1]


async def test_tabs_asking_for_the_tracking_servers_make_one_sagemaker_call(
        jp_fetch, emulator, tracking_server, mlflow, unique, proxy):
    start = dict(emulator.throttle.calls)

    def calls(name: str) -> int:
        return emulator.throttle.calls[name] - start.get(name, 0)

    answers = await tabs(jp_fetch, "servers")
    assert calls("sagemaker.ListMlflowTrackingServers") == 1
    assert calls("sagemaker.ListMlflowApps") == 1
    assert answers[0]["tracking_uri"] == tracking_server and answers[0]["fetched_at"]
    assert all(a == answers[0] for a in answers)

    # The panel's MLflow reads find their server in the same shared list.
    team(mlflow, unique)
    await tabs(jp_fetch, "experiments", params={"query": f"shared-{unique}"})
    assert calls("sagemaker.ListMlflowTrackingServers") == 1
    assert proxy.counts["experiments/search"] == 1

    fresh = body(await jp_fetch("dsws", "experiments", "servers", params={"refresh": "true"}))
    assert calls("sagemaker.ListMlflowTrackingServers") == 2
    assert fresh["fetched_at"] > answers[0]["fetched_at"]


async def test_a_signed_tracking_servers_answers_are_kept_per_aws_identity(
        jp_fetch, extension, emulator, tracking_server, mlflow, unique, proxy):
    experiment, _ = team(mlflow, unique)
    await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    assert proxy.counts["runs/search"] == 1

    # Another role, in another account: what it may read is its own.
    with as_caller(extension.aws, assumed_role(emulator.endpoint_url)):
        await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    assert proxy.counts["runs/search"] == 2


async def test_a_plain_mlflow_urls_answers_are_the_same_for_any_aws_identity(
        jp_fetch, extension, emulator, mlflow, unique, proxy):
    experiment, _ = team(mlflow, unique)
    await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    # Another role: requests to a plain URL are not signed, so nothing differs.
    with as_caller(extension.aws, assumed_role(emulator.endpoint_url)):
        await jp_fetch("dsws", "experiments", "experiments", experiment, "runs")
    assert proxy.counts["runs/search"] == 1
