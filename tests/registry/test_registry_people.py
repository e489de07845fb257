"""Who approved: in a shared space everyone acts as one AWS identity, so each approval
records the person (the server's identity provider, here reading Studio's cookie) beside
it, and the history shows each. The name is for the record only."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import COOKIE_IDENTITY, as_person, body

from jupyter_dsws.demo.seed import SeedResult

MOTO_CALLER = "arn:aws:sts::123456789012:user/moto"


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


def approve(jp_fetch: Callable[..., Any], group: str, status: str, comment: str,
            headers: dict[str, str] | None = None) -> Any:
    return jp_fetch("dsws", "registry", "groups", group, "versions", "1", method="PATCH",
                    body=json.dumps({"status": status, "comment": comment}),
                    headers=headers or {})


async def test_an_approval_by_each_person_names_each_beside_the_aws_identity(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any],
        aws: Callable[[str], Any], bucket: str) -> None:
    registered = register("people-approvals", 1)
    await approve(jp_fetch, "people-approvals", "Approved", "Sorts well.",
                  as_person("hermione-granger"))
    detail = body(await approve(jp_fetch, "people-approvals", "Rejected", "Not on Slytherins.",
                                as_person("ronald-weasley")))

    history = detail["approval_history"]
    assert [(e["to"], e["person"], e["by"]) for e in history] == [
        ("Approved", {"name": "hermione-granger", "display_name": "Hermione Granger"},
         MOTO_CALLER),
        ("Rejected", {"name": "ronald-weasley", "display_name": "Ronald Weasley"},
         MOTO_CALLER)]
    assert detail["status_set_by"] == MOTO_CALLER
    assert detail["status_set_by_person"]["display_name"] == "Ronald Weasley"
    assert detail["registered_by"] is None  # registered from a notebook: nobody recorded
    # A teammate who opens the version later reads the same, from the history in S3.
    again = body(await jp_fetch("dsws", "registry", "groups", "people-approvals", "versions",
                                "1", headers=as_person("harry-potter")))
    assert [e["person"]["name"] for e in again["approval_history"]] == [
        "hermione-granger", "ronald-weasley"]
    key = registered["metrics_uri"].split("/", 3)[3].replace("statistics.json",
                                                              "approval-history.json")
    stored = json.loads(aws("s3").get_object(Bucket=bucket, Key=key)["Body"].read())
    assert [e["person"]["display_name"] for e in stored["entries"]] == [
        "Hermione Granger", "Ronald Weasley"]


async def test_without_the_cookie_the_approval_is_recorded_for_studios_default_user(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any]) -> None:
    register("people-nobody", 1)
    detail = body(await approve(jp_fetch, "people-nobody", "Approved", "Fine."))
    (entry,) = detail["approval_history"]
    assert entry["person"] == {"name": "User", "display_name": "User"}
    assert entry["by"] == MOTO_CALLER


async def test_entries_written_before_people_were_recorded_show_no_person(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any],
        aws: Callable[[str], Any], bucket: str) -> None:
    registered = register("people-old", 1)
    key = registered["metrics_uri"].split("/", 3)[3].replace("statistics.json",
                                                              "approval-history.json")
    old = {"arn": registered["arn"], "at": "2026-11-25T10:00:00Z", "by": "harry-potter",
           "from": "PendingManualApproval", "to": "Approved", "comment": "Old entry."}
    aws("s3").put_object(Bucket=bucket, Key=key, Body=json.dumps({"entries": [old]}).encode())
    detail = body(await approve(jp_fetch, "people-old", "Rejected", "Changed my mind.",
                                as_person("harry-potter")))
    assert [(e["by"], e["person"]) for e in detail["approval_history"]] == [
        ("harry-potter", None),
        (MOTO_CALLER, {"name": "harry-potter", "display_name": "Harry Potter"})]
