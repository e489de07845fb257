"""dsws/registry/…: a real jupyter-server against moto's server, seeded by the demo.

The seed registers four groups through register_model (metrics statistics in S3, training
parameters, lineage, mixed approvals); tests that change state use groups of their own.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from helpers import body, error_of
from registry_fixtures import seeded_group

from jupyter_dsws.demo.catalog import FAMILIES, PENDING
from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.registry import register_model
from jupyter_dsws.slug import slugify

SORTING_HAT = "sorting-hat-algorithm"


@pytest.fixture(scope="module")
def generated(world: SeedResult, aws: Callable[[str], Any], bucket: str) -> list[str]:
    """Ten more groups with 1..3 versions each, for paging and search."""

    sagemaker, s3 = aws("sagemaker"), aws("s3")
    names = [f"churn-model-{n:02}" for n in range(10)]
    for n, name in enumerate(names):
        for v in range(1, n % 3 + 2):
            register_model(name, f"s3://{bucket}/{name}/v{v}/model.tar.gz", "img:1",
                           params={"depth": v}, metrics={"auc": 0.6 + v / 10},
                           sagemaker_client=sagemaker, s3_client=s3)
    return names


# Groups -----------------------------------------------------------------------------------

async def test_groups_show_latest_and_latest_approved(
        jp_fetch: Callable[..., Any], world: SeedResult, generated: list[str]) -> None:
    answer = body(await jp_fetch("dsws", "registry", "groups"))
    assert answer["next"] is None
    by_name = {g["name"]: g for g in answer["groups"]}
    assert set(by_name) == {g.name for g in world.groups} | set(generated)
    for seeded in world.groups:
        group = by_name[seeded.name]
        latest = seeded.versions[-1]
        approved = [v.version for v in seeded.versions if v.approval_status == "Approved"]
        assert group["versions_count"] == len(seeded.versions)
        assert group["latest_version"] == latest.version
        assert group["latest_status"] == latest.approval_status
        assert group["latest_approved_version"] == (approved[-1] if approved else None)
        assert seeded.owner in group["description"]
        assert group["created"].endswith("Z") and group["last_modified"].endswith("Z")
    # The XGBoost group's newest version waits for review, its third is the approved one.
    assert (by_name[SORTING_HAT]["latest_status"], by_name[SORTING_HAT]
            ["latest_approved_version"]) == (PENDING, 3)


@pytest.mark.parametrize("registry_config", [{"page_size": 4}], indirect=True)
async def test_groups_page_through_with_the_cursor(
        jp_fetch: Callable[..., Any], world: SeedResult, generated: list[str]) -> None:
    seen: list[str] = []
    params: dict[str, str] = {}
    pages = 0
    while True:
        answer = body(await jp_fetch("dsws", "registry", "groups", params=params))
        pages += 1
        assert len(answer["groups"]) <= 4
        seen += [g["name"] for g in answer["groups"]]
        if answer["next"] is None:
            break
        params = {"next": answer["next"]}
    assert pages == 4  # 14 groups, 4 per page
    assert sorted(seen) == sorted({g.name for g in world.groups} | set(generated))
    assert len(seen) == len(set(seen))


async def test_a_bad_cursor_is_a_400_that_says_to_start_again(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    for route in (("groups",), ("overview",), ("groups", SORTING_HAT, "versions")):
        status, error = await error_of(jp_fetch("dsws", "registry", *route,
                                                params={"next": "forged"}))
        assert status == 400 and error["error"] == "bad_cursor"
        assert "first page" in error["message"]


async def test_search_goes_to_name_contains(
        jp_fetch: Callable[..., Any], world: SeedResult, generated: list[str]) -> None:
    found = body(await jp_fetch("dsws", "registry", "groups", params={"query": "sorting"}))
    assert [g["name"] for g in found["groups"]] == [SORTING_HAT]
    churn = body(await jp_fetch("dsws", "registry", "groups", params={"query": "churn-model-0"}))
    assert sorted(g["name"] for g in churn["groups"]) == generated
    # The emulator's NameContains is case-sensitive (docs/registry.md says what AWS does).
    upper = body(await jp_fetch("dsws", "registry", "groups", params={"query": "SORTING"}))
    assert upper["groups"] == []


# Versions ---------------------------------------------------------------------------------

async def test_versions_newest_first_with_params_and_metrics_as_columns(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    answer = body(await jp_fetch("dsws", "registry", "groups", SORTING_HAT, "versions"))
    plans = FAMILIES["XGBoost"].versions
    assert [v["version"] for v in answer["versions"]] == list(range(len(plans), 0, -1))
    assert answer["next"] is None
    for row in answer["versions"]:
        plan = plans[row["version"] - 1]
        assert row["group"] == SORTING_HAT
        assert row["status"] == plan.approval
        assert row["params"]["max_depth"] == plan.params["max_depth"]
        assert row["metrics"] == {name: value for name, (value, _) in plan.metrics.items()}
        assert row["metrics_std"] == {name: std for name, (_, std) in plan.metrics.items()}
        assert row["metrics_error"] is None
        assert row["approval_description"] == (plan.reason or None)
        assert row["created"].endswith("Z")


async def test_demo_versions_name_the_team_member_who_registered_them(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    for group in world.groups:
        rows = body(await jp_fetch("dsws", "registry", "groups", group.name, "versions"))
        assert {row["created_by"] for row in rows["versions"]} == {slugify(group.owner)}


async def test_versions_filter_by_status(jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    answer = body(await jp_fetch("dsws", "registry", "groups", SORTING_HAT, "versions",
                                 params={"status": "Approved"}))
    expected = [v.version for v in seeded_group(world, SORTING_HAT).versions
                if v.approval_status == "Approved"]
    assert sorted(v["version"] for v in answer["versions"]) == expected
    status, error = await error_of(jp_fetch("dsws", "registry", "groups", SORTING_HAT,
                                            "versions", params={"status": "Deployed"}))
    assert status == 400
    assert "Approved, Rejected, PendingManualApproval" in error["message"]


@pytest.mark.parametrize("registry_config", [{"versions_page_size": 3}],
                         indirect=True)
async def test_versions_page_through(jp_fetch: Callable[..., Any], world: SeedResult,
                                     register: Callable[..., Any]) -> None:
    for number in range(1, 8):
        register("paged-versions", number)
    seen: list[int] = []
    params: dict[str, str] = {}
    while True:
        answer = body(await jp_fetch("dsws", "registry", "groups", "paged-versions",
                                     "versions", params=params))
        assert len(answer["versions"]) <= 3
        seen += [v["version"] for v in answer["versions"]]
        if not answer["next"]:
            break
        params = {"next": answer["next"]}
    assert seen == [7, 6, 5, 4, 3, 2, 1]


async def test_missing_groups_and_versions_are_404(jp_fetch: Callable[..., Any],
                                                   world: SeedResult) -> None:
    for parts in (("groups", "no-such-group", "versions"),
                  ("groups", "no-such-group", "versions", "1"),
                  ("groups", SORTING_HAT, "versions", "99")):
        status, error = await error_of(jp_fetch("dsws", "registry", *parts))
        assert status == 404, parts
        assert error["error"] in ("group_not_found", "version_not_found")
    status, _ = await error_of(jp_fetch("dsws", "registry", "groups", "no-such-group",
                                        "versions", "1", method="PATCH",
                                        body=json.dumps({"status": "Approved",
                                                         "comment": "Fine."})))
    assert status == 404


# Detail -----------------------------------------------------------------------------------

async def test_detail_has_everything_a_reviewer_reads(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    seeded = seeded_group(world, SORTING_HAT).versions[1]
    detail = body(await jp_fetch("dsws", "registry", "groups", SORTING_HAT, "versions", "2"))
    plan = FAMILIES["XGBoost"].versions[1]
    assert detail["arn"] == seeded.arn
    assert detail["status"] == plan.approval == "Approved"
    assert detail["approval_description"] == plan.reason
    assert detail["description"] == "XGBoost version 2 for Sorting Hat algorithm"
    assert detail["model_data_url"] == seeded.model_data_url
    assert "sagemaker-xgboost" in detail["image"]
    assert detail["metrics"]["accuracy"] == plan.metrics["accuracy"][0]
    assert detail["metrics_error"] is None
    assert detail["params"]["num_round"] == "100"
    assert detail["lineage"]["CommitId"] == world.commit_id
    assert detail["lineage"]["GeneratedBy"] == "train_xgboost_sorting_hat.ipynb"
    assert detail["training_job"] is None
    assert detail["approval_history"] == []
    assert seeded.arn in detail["snippets"]["load"]
    assert seeded.arn in detail["snippets"]["deploy"]


async def test_a_bad_or_missing_metrics_file_is_shown_not_fatal(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any], bucket: str,
        register: Callable[..., Any]) -> None:
    good = register("metrics-trouble", 1)
    broken = register("metrics-trouble", 2)
    gone = register("metrics-trouble", 3)
    s3 = aws("s3")
    s3.put_object(Bucket=bucket, Key=broken["metrics_uri"].split("/", 3)[3], Body=b"{oops")
    s3.delete_object(Bucket=bucket, Key=gone["metrics_uri"].split("/", 3)[3])

    rows = body(await jp_fetch("dsws", "registry", "groups", "metrics-trouble",
                               "versions"))["versions"]
    by_version = {r["version"]: r for r in rows}
    assert by_version[good["version"]]["metrics"]["accuracy"] == pytest.approx(0.51)
    assert by_version[2]["metrics"] == {} and "not SageMaker statistics JSON" in \
        by_version[2]["metrics_error"]
    assert by_version[3]["metrics"] == {} and "does not exist" in by_version[3]["metrics_error"]
    detail = body(await jp_fetch("dsws", "registry", "groups", "metrics-trouble",
                                 "versions", "2"))
    assert detail["metrics_error"].startswith(f"Metrics file {broken['metrics_uri']}")
    assert detail["params"] == {"max_depth": "2"}


# Cost and caching -------------------------------------------------------------------------

@pytest.mark.parametrize("registry_config", [{"page_size": 3, "versions_page_size": 2}],
                         indirect=True)
async def test_list_cost_follows_the_rows_shown_not_all_rows(
        jp_fetch: Callable[..., Any], world: SeedResult, generated: list[str],
        aws_calls: Callable[..., list[str]]) -> None:
    calls = aws_calls("sagemaker", "s3", "sts")
    answer = body(await jp_fetch("dsws", "registry", "groups"))
    assert len(answer["groups"]) == 3 and answer["next"]
    # One page of groups, then two calls per group on it (14 groups exist).
    assert Counter(calls) == Counter({"sagemaker.ListModelPackageGroups": 1,
                                      "sagemaker.ListModelPackages": 3,
                                      "sagemaker.DescribeModelPackage": 3})
    calls.clear()
    answer = body(await jp_fetch("dsws", "registry", "groups", SORTING_HAT, "versions"))
    assert len(answer["versions"]) == 2  # of four
    assert Counter(calls) == Counter({"sagemaker.DescribeModelPackageGroup": 1,
                                      "sagemaker.ListModelPackages": 1,
                                      "sagemaker.DescribeModelPackage": 2,
                                      "s3.GetObject": 2})


async def test_an_open_panel_does_not_download_metrics_again(
        jp_fetch: Callable[..., Any], world: SeedResult, extension: Any,
        aws: Callable[[str], Any], bucket: str, register: Callable[..., Any]) -> None:
    store = extension.features["registry"].service.store
    first = register("cached", 1, metrics={"auc": 0.7})
    await jp_fetch("dsws", "registry", "groups", "cached", "versions")
    downloaded = store.downloads
    # Refresh: past the answer every tab shares, to SageMaker and S3 again.
    fresh = {"refresh": "true"}
    again = body(await jp_fetch("dsws", "registry", "groups", "cached", "versions",
                                params=fresh))
    assert store.downloads == downloaded  # revalidated by ETag: 304, no body
    assert again["versions"][0]["metrics"] == {"auc": 0.7}
    # A changed file (new ETag) is read again.
    aws("s3").put_object(
        Bucket=bucket, Key=first["metrics_uri"].split("/", 3)[3],
        Body=json.dumps({"custom_metrics": {"auc": {"value": 0.75}}}).encode())
    changed = body(await jp_fetch("dsws", "registry", "groups", "cached", "versions",
                                  params=fresh))
    assert changed["versions"][0]["metrics"] == {"auc": 0.75}
    assert store.downloads == downloaded + 1



async def test_a_long_group_counts_and_finds_an_old_approved_version(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any],
        register: Callable[..., Any], aws_calls: Callable[..., list[str]]) -> None:
    first = register("long-history", 1, metrics=None)
    for number in range(2, 106):  # more than one page of the API (100)
        register("long-history", number, metrics=None)
    aws("sagemaker").update_model_package(ModelPackageArn=first["arn"],
                                          ModelApprovalStatus="Approved")
    calls = aws_calls("sagemaker", "s3", "sts")
    answer = body(await jp_fetch("dsws", "registry", "groups",
                                 params={"query": "long-history"}))
    (group,) = answer["groups"]
    assert (group["versions_count"], group["latest_version"], group["latest_status"],
            group["latest_approved_version"]) == (105, 105, PENDING, 1)
    # The one extra call: the approved version is older than the newest 100.
    assert calls.count("sagemaker.ListModelPackages") == 2
