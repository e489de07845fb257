"""dsws/registry/…: comparing versions and the team overview, against a real jupyter-server
and moto's server seeded by the demo (the lists and a version's detail: test_registry_api.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from helpers import body, error_of
from registry_fixtures import seeded_group

from jupyter_dsws.demo.catalog import FAMILIES, PENDING
from jupyter_dsws.demo.inventory import demo_inventory
from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.slug import slugify

SORTING_HAT = "sorting-hat-algorithm"
OWLS = "forecast-number-of-owls-needed-to-deliver-school-letters"


# Compare ----------------------------------------------------------------------------------

async def test_compare_marks_the_best_the_differences_and_the_trends(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    hat = seeded_group(world, SORTING_HAT).versions
    owls = seeded_group(world, OWLS).versions
    arns = [hat[0].arn, hat[2].arn, owls[1].arn]
    answer = body(await jp_fetch("dsws", "registry", "compare",
                                 params=[("arn", a) for a in arns]))
    assert [v["arn"] for v in answer["versions"]] == arns
    assert {"accuracy", "weighted_f1", "mae", "rmse", "r2"} == set(answer["metrics"])
    assert answer["directions"]["rmse"] == "down" and answer["directions"]["accuracy"] == "up"
    assert answer["best"]["accuracy"] == hat[2].arn  # 0.838 beats 0.712
    assert answer["best"]["rmse"] == owls[1].arn  # the only one with rmse
    assert "max_depth" in answer["differences"]["params"]
    assert "objective" in answer["differences"]["params"]  # missing in the owls model
    assert "accuracy" in answer["differences"]["metrics"]
    trend = answer["trends"][SORTING_HAT]["accuracy"]
    assert [p["version"] for p in trend] == [1, 2, 3, 4]
    assert [p["value"] for p in trend] == [p.metrics["accuracy"][0]
                                           for p in FAMILIES["XGBoost"].versions]
    assert [p["version"] for p in answer["trends"][OWLS]["rmse"]] == [1, 2, 3]


async def test_compare_of_identical_parameters_has_no_differences(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any]) -> None:
    a = register("twins", 1, params={"eta": "0.1"}, metrics={"auc": 0.9})
    b = register("twins", 2, params={"eta": "0.1"}, metrics={"auc": 0.9})
    answer = body(await jp_fetch("dsws", "registry", "compare",
                                 params=[("arn", a["arn"]), ("arn", b["arn"])]))
    assert answer["differences"] == {"params": [], "metrics": []}
    assert answer["best"] == {"auc": a["arn"]}


async def test_compare_wants_two_to_ten_existing_version_arns(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    arn = seeded_group(world, SORTING_HAT).versions[0].arn
    for arns in ([arn], [arn, arn], [f"{arn[:-1]}{n}" for n in range(11)],
                 [arn, "arn:aws:s3:::bucket"]):
        status, error = await error_of(jp_fetch("dsws", "registry", "compare",
                                                params=[("arn", a) for a in arns]))
        assert status == 400, arns
        assert error["error"] == "bad_compare"
    status, _ = await error_of(jp_fetch("dsws", "registry", "compare",
                                        params=[("arn", arn), ("arn", arn[:-1] + "9")]))
    assert status == 404


# Team overview ----------------------------------------------------------------------------

async def test_overview_shows_latest_approved_and_what_waits(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    answer = body(await jp_fetch("dsws", "registry", "overview"))
    by_name = {g["name"]: g for g in answer["groups"]}
    for row in demo_inventory():
        seeded = seeded_group(world, slugify(row.feature))
        group = by_name[seeded.name]
        approved = [v for v in seeded.versions if v.approval_status == "Approved"]
        assert group["latest_approved"]["version"] == approved[-1].version
        assert group["latest_approved"]["metrics"]
        assert group["latest_approved"]["approved_at"].endswith("Z")
        waiting = [v.version for v in seeded.versions if v.approval_status == PENDING]
        assert [p["version"] for p in group["pending"]] == waiting
        assert all(p["waiting_seconds"] >= 0 for p in group["pending"])
