"""The current instance and the switch, on a real server "in Studio", with botocore's Stubber
on the cached SageMaker and Service Quotas clients (moto has neither Studio spaces and apps
nor Service Quotas). Stubber checks every request against the real API models; it does not
check enum values, so each test asserts the exact parameters."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.stub import Stubber
from helpers import (
    COOKIE_IDENTITY,
    STUDIO,
    as_person,
    body,
    checks_done,
    error_of,
    idle_monitor,
    wait_for,
)

APP = {"DomainId": "d-abc123", "SpaceName": "hermione-space", "AppType": "JupyterLab",
       "AppName": "default"}
SPACE = {"DomainId": "d-abc123", "SpaceName": "hermione-space"}
CPU_IMAGE = "arn:aws:sagemaker:eu-central-1:936697816551:image/sagemaker-distribution-cpu"
GPU_IMAGE = "arn:aws:sagemaker:eu-central-1:936697816551:image/sagemaker-distribution-gpu"
LCC = "arn:aws:sagemaker:eu-central-1:123456789012:studio-lifecycle-config/dsws-on-start"
QUOTA = "Studio JupyterLab Apps running on ml.g4dn.xlarge instances"
in_studio = pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)


async def fails(jp_fetch, *path: str, payload: dict | None = None) -> tuple[int, dict]:
    return await error_of(jp_fetch("dsws", "instances", *path, method="POST",
                                   body=json.dumps(payload or {})))


async def switch(jp_fetch, instance_type: str) -> dict:
    response = await jp_fetch("dsws", "instances", "switch", method="POST",
                              body=json.dumps({"instance_type": instance_type}))
    assert response.code == 202
    return body(response)


def described_app(instance_type: str = "ml.t3.medium") -> dict:
    return {"AppType": "JupyterLab", "AppName": "default", "Status": "InService",
            "ResourceSpec": {"InstanceType": instance_type, "SageMakerImageArn": CPU_IMAGE}}


def described_space() -> dict:
    return {"DomainId": "d-abc123", "SpaceName": "hermione-space", "Status": "InService",
            "SpaceSettings": {"AppType": "JupyterLab", "JupyterLabAppSettings": {
                "DefaultResourceSpec": {"InstanceType": "ml.t3.medium",
                                        "SageMakerImageArn": CPU_IMAGE, "LifecycleConfigArn": LCC},
                "CodeRepositories": [{"RepositoryUrl": "https://example.com/repo.git"}]}}}


def running(instance_type: str, status: str = "InService") -> dict:
    return {"DomainId": "d-other", "SpaceName": "s", "AppType": "JupyterLab",
            "AppName": "default", "Status": status, "ResourceSpec": {"InstanceType": instance_type}}


def quota(value: float, name: str = QUOTA) -> dict:
    return {"ServiceCode": "sagemaker", "QuotaName": name, "QuotaCode": "L-ABCD1234",
            "Value": value}


async def delete_app_answered(calls: list[str], monitor: Any) -> None:
    """Return once the idle monitor asked SageMaker to delete this app and the check that
    asked is over (so the Stubber's answer was taken)."""
    await wait_for(lambda: "sagemaker.DeleteApp" in calls, what="DeleteApp")
    await checks_done(monitor)


# ---- current -----------------------------------------------------------------------------

async def test_outside_studio_there_is_no_current_instance(jp_fetch):
    answer = body(await jp_fetch("dsws", "instances", "current"))
    assert [p["you"] for p in answer.pop("people")] == [True]  # whoever asks is here
    assert answer == {"in_studio": False, "instance_type": None, "space_name": None}


@in_studio
async def test_the_current_instance_comes_from_describe_app(jp_fetch, stubs):
    sagemaker, _ = stubs
    sagemaker.add_response("describe_app", described_app("ml.m5.large"), APP)
    answer = body(await jp_fetch("dsws", "instances", "current"))
    answer.pop("people")
    assert answer == {
        "in_studio": True, "instance_type": "ml.m5.large", "space_name": "hermione-space"}
    sagemaker.assert_no_pending_responses()


@in_studio
async def test_without_describe_app_the_spaces_setting_answers(jp_fetch, stubs):
    sagemaker, _ = stubs
    sagemaker.add_client_error("describe_app", "AccessDeniedException", http_status_code=400,
                               expected_params=APP)
    sagemaker.add_response("describe_space", described_space(), SPACE)
    answer = body(await jp_fetch("dsws", "instances", "current"))
    assert answer["instance_type"] == "ml.t3.medium"
    sagemaker.assert_no_pending_responses()


# ---- refusals, before anything changes ---------------------------------------------------

async def test_outside_studio_a_switch_is_a_409_that_says_how_to_switch(jp_fetch):
    status, answer = await fails(jp_fetch, "switch", payload={"instance_type": "ml.m5.large"})
    assert status == 409
    assert answer["error"] == "not_in_studio"
    assert "space's settings" in answer["message"]


@in_studio
async def test_an_unknown_type_is_a_400_naming_the_field(jp_fetch, stubs):
    status, answer = await fails(jp_fetch, "switch", payload={"instance_type": "ml.x9.huge"})
    assert status == 400 and answer["message"].startswith("instance_type:")
    status, answer = await fails(jp_fetch, "switch", payload={})
    assert status == 400 and "instance_type:" in answer["message"]


@in_studio
@pytest.mark.parametrize("picker_config", [{"allowed_instance_types": ["ml.t3.medium"]}],
                         indirect=True)
async def test_a_type_the_admin_forbids_is_a_403_and_nothing_is_called(jp_fetch, stubs):
    status, answer = await fails(jp_fetch, "switch", payload={"instance_type": "ml.g4dn.xlarge"})
    assert status == 403
    assert answer["error"] == "instance_type_not_allowed"
    assert "ml.g4dn.xlarge" in answer["message"]
    # No stubbed response was queued: any AWS call would have raised in the Stubber.


@in_studio
async def test_a_full_quota_is_a_422_naming_it_and_the_space_is_untouched(jp_fetch, stubs):
    sagemaker, quotas = stubs
    sagemaker.add_response("describe_app", described_app(), APP)
    quotas.add_response("list_service_quotas", {
        "Quotas": [quota(5, "Studio JupyterLab Apps running on ml.t3.medium instances")],
        "NextToken": "p2"}, {"ServiceCode": "sagemaker", "MaxResults": 100})
    quotas.add_response("list_service_quotas", {"Quotas": [quota(1)]},
                        {"ServiceCode": "sagemaker", "MaxResults": 100, "NextToken": "p2"})
    sagemaker.add_response("list_apps", {
        "Apps": [running("ml.g4dn.xlarge"), running("ml.g4dn.xlarge", "Deleted"),
                 running("ml.t3.medium")], "NextToken": "a2"}, {"MaxResults": 100})
    sagemaker.add_response("list_apps", {"Apps": []}, {"MaxResults": 100, "NextToken": "a2"})

    status, answer = await fails(jp_fetch, "switch",
                                 payload={"instance_type": "ml.g4dn.xlarge"})
    assert status == 422
    assert answer["error"] == "quota_exceeded"
    assert (answer["quota_name"], answer["quota_code"], answer["limit"], answer["in_use"]) == (
        QUOTA, "L-ABCD1234", 1, 1)
    assert QUOTA in answer["message"] and "Service Quotas" in answer["message"]
    sagemaker.assert_no_pending_responses()  # and no UpdateSpace, no DeleteApp
    quotas.assert_no_pending_responses()


# ---- the switch ------------------------------------------------------------------------

def expect_quota_ok(sagemaker: Stubber, quotas: Stubber) -> None:
    """No applied quota for the type: AWS's default (2) counts, and nothing runs on it."""
    quotas.add_response("list_service_quotas", {"Quotas": []},
                        {"ServiceCode": "sagemaker", "MaxResults": 100})
    quotas.add_response("list_aws_default_service_quotas", {"Quotas": [quota(2)]},
                        {"ServiceCode": "sagemaker", "MaxResults": 100})
    sagemaker.add_response("list_apps", {"Apps": [running("ml.t3.medium")]}, {"MaxResults": 100})


def expect_update(sagemaker: Stubber) -> None:
    """The space's update: the GPU type and image; its LCC and code repositories stay."""
    sagemaker.add_response("describe_space", described_space(), SPACE)
    sagemaker.add_response("update_space", {"SpaceArn": "arn:aws:sagemaker:eu-central-1:"
                                            "123456789012:space/d-abc123/hermione-space"}, {
        **SPACE, "SpaceSettings": {"JupyterLabAppSettings": {
            "DefaultResourceSpec": {"InstanceType": "ml.g4dn.xlarge",
                                    "SageMakerImageArn": GPU_IMAGE, "LifecycleConfigArn": LCC},
            "CodeRepositories": [{"RepositoryUrl": "https://example.com/repo.git"}]}}})


def expect_switch(sagemaker: Stubber, quotas: Stubber) -> None:
    """The app on ml.t3.medium switched to ml.g4dn.xlarge, as AWS lets it through."""
    sagemaker.add_response("describe_app", described_app(), APP)
    expect_quota_ok(sagemaker, quotas)
    expect_update(sagemaker)


@in_studio
async def test_a_switch_updates_the_space_then_saves_and_deletes_this_app(
        jp_fetch, extension, stubs, aws_calls):
    sagemaker, quotas = stubs
    monitor = idle_monitor(extension)
    calls = aws_calls("sagemaker")
    # An open tab: the stop waits for it to save its documents.
    await jp_fetch("dsws", "idle", params={"client": "tab-1"})
    expect_switch(sagemaker, quotas)
    sagemaker.add_response("delete_app", {}, APP)

    answer = await switch(jp_fetch, "ml.g4dn.xlarge")
    assert answer["instance_type"] == "ml.g4dn.xlarge" and answer["app_stopping"] is True
    assert "saved" in answer["message"] and "kernels" in answer["message"]

    state = body(await jp_fetch("dsws", "idle", params={"client": "tab-1"}))
    assert state["app"]["stopping"] is True and state["app"]["stop_id"]
    await checks_done(monitor, 2)  # the stop's checks run; the tab has not saved yet
    assert "sagemaker.DeleteApp" not in calls, "DeleteApp before the tab saved its documents"
    # Saving a document is activity, and must not cancel a stop the person asked for.
    monitor.note_contents_action("save")
    monitor.note_activity()
    await jp_fetch("dsws", "idle", "saved", method="POST", body=json.dumps(
        {"client": "tab-1", "stop_id": state["app"]["stop_id"]}))
    await delete_app_answered(calls, monitor)
    sagemaker.assert_no_pending_responses()
    quotas.assert_no_pending_responses()
    events = body(await jp_fetch("dsws", "idle", "events"))["events"]
    assert any(e["action"] == "shutdown" and "ml.g4dn.xlarge" in e["reason"] for e in events)


@in_studio
async def test_unreadable_quotas_do_not_block_but_the_answer_says_so(jp_fetch, extension, stubs,
                                                                     aws_calls):
    sagemaker, quotas = stubs
    calls = aws_calls("sagemaker")
    sagemaker.add_response("describe_app", described_app(), APP)
    quotas.add_client_error("list_service_quotas", "AccessDeniedException",
                            http_status_code=400,
                            expected_params={"ServiceCode": "sagemaker", "MaxResults": 100})
    expect_update(sagemaker)
    sagemaker.add_response("delete_app", {}, APP)
    answer = await switch(jp_fetch, "ml.g4dn.xlarge")
    assert "could not be checked" in answer["message"]
    assert "servicequotas:ListServiceQuotas" in answer["message"]
    await delete_app_answered(calls, idle_monitor(extension))
    sagemaker.assert_no_pending_responses()


@in_studio
async def test_when_sagemaker_refuses_the_update_nothing_stops(jp_fetch, extension, stubs,
                                                               aws_calls):
    sagemaker, quotas = stubs
    calls = aws_calls("sagemaker")
    monitor = idle_monitor(extension)
    monitor.start()
    sagemaker.add_response("describe_app", described_app(), APP)
    expect_quota_ok(sagemaker, quotas)
    sagemaker.add_response("describe_space", described_space(), SPACE)
    sagemaker.add_client_error("update_space", "ResourceInUse", http_status_code=400,
                               service_message="Space is in use")
    status, answer = await fails(jp_fetch, "switch",
                                 payload={"instance_type": "ml.g4dn.xlarge"})
    assert status == 409 and answer["error"] == "space_busy"
    assert "Nothing was changed" in answer["message"]
    await checks_done(monitor, 2)  # a stop asked for would have been taken by now
    state = body(await jp_fetch("dsws", "idle"))
    assert state["app"]["stopping"] is False and state["app"]["stop"] is None
    assert "sagemaker.DeleteApp" not in calls
    events = body(await jp_fetch("dsws", "idle", "events"))["events"]
    assert not any(e["action"] == "shutdown" for e in events)
    sagemaker.assert_no_pending_responses()


@in_studio
async def test_a_switch_to_the_current_type_is_a_409(jp_fetch, stubs):
    sagemaker, _ = stubs
    sagemaker.add_response("describe_app", described_app("ml.m5.large"), APP)
    status, answer = await fails(jp_fetch, "switch", payload={"instance_type": "ml.m5.large"})
    assert status == 409 and answer["error"] == "same_instance_type"


@in_studio
@pytest.mark.parametrize("panels", [["instances"]], indirect=True)
async def test_without_the_idle_panel_the_space_changes_and_nothing_stops(jp_fetch, stubs,
                                                                          aws_calls):
    sagemaker, quotas = stubs
    calls = aws_calls("sagemaker")
    expect_switch(sagemaker, quotas)
    answer = await switch(jp_fetch, "ml.g4dn.xlarge")
    assert answer["app_stopping"] is False
    assert "stop the space from Studio" in answer["message"]
    # Nobody to list without the idle panel, whose tabs' polls say who is here.
    assert body(await jp_fetch("dsws", "instances", "current"))["people"] is None
    # Without the idle panel nothing runs in the background to stop the app later.
    assert "sagemaker.UpdateSpace" in calls and "sagemaker.DeleteApp" not in calls
    sagemaker.assert_no_pending_responses()
    catalog = body(await jp_fetch("dsws", "instances"))
    assert catalog["idle_timeout_minutes"] == 45.0  # IdleShutdown's setting all the same


# ---- a shared space ----------------------------------------------------------------------

@pytest.mark.parametrize("server_app_settings", [COOKIE_IDENTITY])
async def test_the_switch_confirmation_knows_who_else_has_the_space_open(jp_fetch):
    """The Instances panel confirms a switch listing everyone here: it stops the space for
    all of them. Ron's tab polls the idle state; Harry asks for the current instance."""
    await jp_fetch("dsws", "idle", params={"client": "ron-tab"},
                   headers=as_person("ronald-weasley"))
    answer = body(await jp_fetch("dsws", "instances", "current",
                                 headers=as_person("harry-potter")))
    assert {(p["name"], p["you"]) for p in answer["people"]} == {
        ("harry-potter", True), ("ronald-weasley", False)}
