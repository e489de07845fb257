"""dsws/registry/…: approving and rejecting versions, against a real jupyter-server and
moto's server seeded by the demo (the reads: test_registry_api.py); each test changes
groups of its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import STUDIO, body, error_of

from jupyter_dsws.demo.catalog import PENDING
from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.registry import register_model

SORTING_HAT = "sorting-hat-algorithm"
MOTO_CALLER = "arn:aws:sts::123456789012:user/moto"



# Approval ---------------------------------------------------------------------------------

async def test_approve_then_reject_keeps_the_history(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any], bucket: str,
        register: Callable[..., Any]) -> None:
    registered = register("approvals", 1, params={"eta": 0.1, "note": "first try"})

    def patch(status: str, comment: str) -> Any:
        return jp_fetch("dsws", "registry", "groups", "approvals", "versions", "1",
                        method="PATCH", body=json.dumps({"status": status, "comment": comment}))

    approved = body(await patch("Approved", "Good enough for the feast."))
    assert approved["status"] == "Approved"
    assert approved["approval_description"] == "Good enough for the feast."
    rejected = body(await patch("Rejected", "Confuses Hufflepuff with Ravenclaw."))
    assert rejected["status"] == "Rejected"
    history = rejected["approval_history"]
    assert [(e["from"], e["to"], e["comment"], e["by"]) for e in history] == [
        (PENDING, "Approved", "Good enough for the feast.", MOTO_CALLER),
        ("Approved", "Rejected", "Confuses Hufflepuff with Ravenclaw.", MOTO_CALLER)]
    assert all(e["at"].endswith("Z") for e in history)
    assert rejected["status_set_by"] == MOTO_CALLER
    # Parameters survive the updates (moto drops them unless repeated).
    assert rejected["params"] == {"eta": "0.1", "note": "first try"}
    # The history is a document in S3 beside the metrics; SageMaker has the last comment.
    key = registered["metrics_uri"].split("/", 3)[3].replace("statistics.json",
                                                              "approval-history.json")
    stored = json.loads(aws("s3").get_object(Bucket=bucket, Key=key)["Body"].read())
    assert [e["to"] for e in stored["entries"]] == ["Approved", "Rejected"]
    package = aws("sagemaker").describe_model_package(
        ModelPackageName=registered["arn"])
    assert package["ApprovalDescription"] == "Confuses Hufflepuff with Ravenclaw."
    # The list shows the new status.
    rows = body(await jp_fetch("dsws", "registry", "groups", "approvals", "versions"))
    assert rows["versions"][0]["status"] == "Rejected"


async def test_versions_sharing_one_model_data_folder_keep_their_own_histories(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any],
        bucket: str) -> None:
    # No metrics file, one model location: both histories live in the same S3 document.
    for _ in range(2):
        register_model("shared-data", f"s3://{bucket}/shared-data/model.tar.gz",
                       "123.dkr.ecr.eu-central-1.amazonaws.com/xgb:1",
                       sagemaker_client=aws("sagemaker"), s3_client=aws("s3"))

    def version(number: int, **patch: str) -> Any:
        if patch:
            return jp_fetch("dsws", "registry", "groups", "shared-data", "versions",
                            str(number), method="PATCH", body=json.dumps(patch))
        return jp_fetch("dsws", "registry", "groups", "shared-data", "versions", str(number))

    rejected = body(await version(1, status="Rejected", comment="Overfits."))
    approved = body(await version(2, status="Approved", comment="Ship it."))
    first, second = body(await version(1)), body(await version(2))

    assert [e["comment"] for e in rejected["approval_history"]] == ["Overfits."]
    assert [e["comment"] for e in first["approval_history"]] == ["Overfits."]
    assert [e["comment"] for e in approved["approval_history"]] == ["Ship it."]
    assert [e["comment"] for e in second["approval_history"]] == ["Ship it."]
    assert first["status_set_by"] == second["status_set_by"] == MOTO_CALLER


@pytest.mark.parametrize("studio_metadata", [{
    **STUDIO, "UserProfileName": "hermione-granger"}], indirect=True)
async def test_in_studio_the_history_names_the_user_profile(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any]) -> None:
    register("approvals-studio", 1)
    detail = body(await jp_fetch("dsws", "registry", "groups", "approvals-studio", "versions",
                                 "1", method="PATCH",
                                 body=json.dumps({"status": "Approved", "comment": "Ok."})))
    assert [(e["by"], e["comment"]) for e in detail["approval_history"]] == [
        ("hermione-granger", "Ok.")]


async def test_a_wrong_status_or_body_is_a_400_naming_what_is_allowed(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    path = ("dsws", "registry", "groups", SORTING_HAT, "versions", "1")
    status, error = await error_of(jp_fetch(*path, method="PATCH",
                                            body=json.dumps({"status": "Deployed",
                                                             "comment": "Shipped."})))
    assert status == 400
    assert error["message"] == ("Unknown approval status 'Deployed': use one of Approved, "
                                "Rejected, PendingManualApproval.")
    status, error = await error_of(jp_fetch(*path, method="PATCH",
                                            body=json.dumps({"status": "Approved",
                                                             "reviewer": "me"})))
    assert status == 400 and "reviewer" in error["message"]
    status, _ = await error_of(jp_fetch(*path[:-1], "42", method="PATCH",
                                        body=json.dumps({"status": "Approved",
                                                         "comment": "Fine."})))
    assert status == 404
    # A decision without its reason is refused: the next reviewer must read why.
    for without in ({"status": "Approved"}, {"status": "Rejected", "comment": "   "}):
        status, error = await error_of(jp_fetch(*path, method="PATCH",
                                                body=json.dumps(without)))
        assert status == 400 and "comment" in error["message"]




async def test_a_broken_history_file_hides_nothing_else_and_blocks_approval(
        jp_fetch: Callable[..., Any], world: SeedResult, aws: Callable[[str], Any],
        bucket: str, register: Callable[..., Any]) -> None:
    registered = register("broken-history", 1)
    key = registered["metrics_uri"].split("/", 3)[3].replace("statistics.json",
                                                              "approval-history.json")
    aws("s3").put_object(Bucket=bucket, Key=key, Body=b"<html>not a history</html>")
    detail = body(await jp_fetch("dsws", "registry", "groups", "broken-history", "versions",
                                 "1"))
    assert detail["approval_history"] == [] and detail["metrics"]
    status, error = await error_of(jp_fetch(
        "dsws", "registry", "groups", "broken-history", "versions", "1", method="PATCH",
        body=json.dumps({"status": "Approved", "comment": "ok"})))
    assert status == 409 and error["error"] == "history_malformed"
    assert "approval-history.json" in error["message"]


async def test_reading_is_not_activity_but_an_approval_is(
        jp_fetch: Callable[..., Any], jp_serverapp: Any, world: SeedResult,
        register: Callable[..., Any]) -> None:
    register("activity", 1)
    settings = jp_serverapp.web_app.settings
    settings.pop("api_last_activity", None)
    await jp_fetch("dsws", "registry", "groups", "activity", "versions", "1")
    await jp_fetch("dsws", "registry", "overview")
    assert "api_last_activity" not in settings
    await jp_fetch("dsws", "registry", "groups", "activity", "versions", "1", method="PATCH",
                   body=json.dumps({"status": "Approved", "comment": "Fine."}))
    assert "api_last_activity" in settings
