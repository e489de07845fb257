"""``dsws lifecycle attach|detach|list`` against botocore's Stubber.

moto has no Studio lifecycle configurations, user profiles, spaces nor UpdateDomain, so
these use the Stubber: it checks every request against the real SageMaker API model
(unknown or missing parameters, wrong types) but not enum values, hence each call's exact
``expected_params``. A call a test did not stub fails the test, which is how "a dry run
makes no write" and "detach leaves others' LCCs alone" are checked. The whole sequence also
runs against the demo's emulator, which plays those Studio calls (test_lifecycle_emulator.py).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from jupyter_dsws.lifecycle import cli as lifecycle_cli
from jupyter_dsws.lifecycle.attach import Target, attach, detach
from jupyter_dsws.lifecycle.awsapi import Calls, LifecycleError
from jupyter_dsws.lifecycle.listing import format_rows, list_ours
from jupyter_dsws.lifecycle.naming import MANAGED_TAG, lcc_name

REGION = "eu-central-1"
ACCOUNT = "123456789012"
SCRIPT = "#!/bin/bash\nVERSION=0.1.0\necho install\n"
NAME = lcc_name(SCRIPT, "0.1.0")


def lcc_arn(name: str) -> str:
    return f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:studio-lifecycle-config/{name}"


OURS = lcc_arn(NAME)
OURS_OLD = lcc_arn("dsws-0-0-9-0badcafe")
OTHERS = lcc_arn("team-conda-setup")
IMPOSTER = lcc_arn("dsws-someone-elses")  # our prefix, not our tag
IMAGE = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:image/team-image"


@pytest.fixture
def sm() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client("sagemaker", region_name=REGION, aws_access_key_id="testing",
                          aws_secret_access_key="testing")
    with Stubber(client) as stub:
        yield client, stub
        stub.assert_no_pending_responses()


@pytest.fixture
def printed() -> list[str]:
    return []


def team_settings() -> dict[str, Any]:
    """What an admin already set: another LCC, a custom image, idle settings."""
    return {
        "LifecycleConfigArns": [OTHERS],
        "DefaultResourceSpec": {"InstanceType": "ml.t3.medium", "LifecycleConfigArn": OTHERS},
        "CustomImages": [{"ImageName": "team-image", "AppImageConfigName": "team-config"}],
        "AppLifecycleManagement": {"IdleSettings": {"LifecycleManagement": "ENABLED",
                                                    "IdleTimeoutInMinutes": 120}},
    }


def expect_lcc_missing(stub: Stubber) -> None:
    stub.add_client_error("describe_studio_lifecycle_config", service_error_code="ResourceNotFound",
                          service_message=f"Lifecycle config {NAME} does not exist.",
                          http_status_code=400,
                          expected_params={"StudioLifecycleConfigName": NAME})


def expect_lcc_exists(stub: Stubber) -> None:
    stub.add_response("describe_studio_lifecycle_config",
                      {"StudioLifecycleConfigArn": OURS, "StudioLifecycleConfigName": NAME},
                      {"StudioLifecycleConfigName": NAME})


def expect_create(stub: Stubber) -> None:
    stub.add_response(
        "create_studio_lifecycle_config", {"StudioLifecycleConfigArn": OURS},
        {"StudioLifecycleConfigName": NAME,
         "StudioLifecycleConfigContent": base64.b64encode(SCRIPT.encode()).decode(),
         "StudioLifecycleConfigAppType": "JupyterLab",
         "Tags": [MANAGED_TAG, {"Key": "dsws:version", "Value": "0.1.0"}]})


def test_attach_to_a_domain_as_built_in_keeps_everything_else(sm, printed):
    client, stub = sm
    stub.add_response("describe_domain",
                      {"DomainId": "d-1", "DefaultUserSettings": {
                          "ExecutionRole": f"arn:aws:iam::{ACCOUNT}:role/studio",
                          "JupyterLabAppSettings": team_settings()}},
                      {"DomainId": "d-1"})
    expect_lcc_missing(stub)
    expect_create(stub)
    wanted = team_settings()
    wanted["LifecycleConfigArns"] = [OTHERS, OURS]
    wanted["BuiltInLifecycleConfigArn"] = OURS
    stub.add_response("update_domain", {"DomainArn": f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:"
                                                     "domain/d-1"},
                      {"DomainId": "d-1", "DefaultUserSettings": {"JupyterLabAppSettings": wanted}})

    arn = attach(Calls(out=printed.append), client, script=SCRIPT, target=Target("d-1"),
                 mode="built-in", region=REGION)
    assert arn == OURS
    assert any(line.startswith("CreateStudioLifecycleConfig ") for line in printed)
    assert any(line.startswith("UpdateDomain ") for line in printed)


def test_attach_to_a_user_profile_as_default_reuses_the_existing_lcc(sm, printed):
    client, stub = sm
    stub.add_response("describe_user_profile",
                      {"DomainId": "d-1", "UserProfileName": "ana",
                       "UserSettings": {"JupyterLabAppSettings": team_settings()}},
                      {"DomainId": "d-1", "UserProfileName": "ana"})
    expect_lcc_exists(stub)  # the same script twice is one LCC: no CreateStudioLifecycleConfig
    wanted = team_settings()
    wanted["LifecycleConfigArns"] = [OTHERS, OURS]
    wanted["DefaultResourceSpec"] = {"InstanceType": "ml.t3.medium", "LifecycleConfigArn": OURS}
    stub.add_response("update_user_profile", {},
                      {"DomainId": "d-1", "UserProfileName": "ana",
                       "UserSettings": {"JupyterLabAppSettings": wanted}})

    attach(Calls(out=printed.append), client, script=SCRIPT,
           target=Target("d-1", user_profile="ana"), mode="default", region=REGION)


def test_attach_to_a_user_profile_with_neither_flag_only_lists_it(sm, printed):
    client, stub = sm
    stub.add_response("describe_user_profile",
                      {"DomainId": "d-1", "UserProfileName": "ana", "UserSettings": {}},
                      {"DomainId": "d-1", "UserProfileName": "ana"})
    expect_lcc_exists(stub)
    stub.add_response("update_user_profile", {},
                      {"DomainId": "d-1", "UserProfileName": "ana",
                       "UserSettings": {"JupyterLabAppSettings": {"LifecycleConfigArns": [OURS]}}})
    attach(Calls(out=printed.append), client, script=SCRIPT,
           target=Target("d-1", user_profile="ana"), mode=None, region=REGION)


def test_attach_to_a_space_sets_only_its_default(sm, printed):
    client, stub = sm
    space_settings = {"DefaultResourceSpec": {"InstanceType": "ml.m5.large",
                                              "SageMakerImageArn": IMAGE},
                      "CodeRepositories": [{"RepositoryUrl": "https://example.com/team.git"}]}
    stub.add_response("describe_space",
                      {"DomainId": "d-1", "SpaceName": "lab",
                       "SpaceSettings": {"AppType": "JupyterLab",
                                         "JupyterLabAppSettings": space_settings}},
                      {"DomainId": "d-1", "SpaceName": "lab"})
    expect_lcc_exists(stub)
    wanted = {"DefaultResourceSpec": {"InstanceType": "ml.m5.large", "SageMakerImageArn": IMAGE,
                                      "LifecycleConfigArn": OURS},
              "CodeRepositories": [{"RepositoryUrl": "https://example.com/team.git"}]}
    stub.add_response("update_space", {},
                      {"DomainId": "d-1", "SpaceName": "lab",
                       "SpaceSettings": {"JupyterLabAppSettings": wanted}})
    attach(Calls(out=printed.append), client, script=SCRIPT, target=Target("d-1", space="lab"),
           mode="default", region=REGION)


def test_attach_again_changes_nothing(sm, printed):
    client, stub = sm
    settings = {"LifecycleConfigArns": [OTHERS, OURS], "BuiltInLifecycleConfigArn": OURS}
    stub.add_response("describe_domain", {"DefaultUserSettings": {
        "JupyterLabAppSettings": settings}}, {"DomainId": "d-1"})
    expect_lcc_exists(stub)
    attach(Calls(out=printed.append), client, script=SCRIPT, target=Target("d-1"),
           mode="built-in", region=REGION)  # no UpdateDomain stubbed: calling it would fail
    assert "nothing to change" in printed[-1]


def test_dry_run_attach_prints_the_writes_and_makes_only_reads(sm, printed):
    client, stub = sm
    stub.add_response("describe_domain", {"DefaultUserSettings": {
        "JupyterLabAppSettings": team_settings()}}, {"DomainId": "d-1"})
    expect_lcc_missing(stub)
    attach(Calls(dry_run=True, out=printed.append), client, script=SCRIPT,
           target=Target("d-1"), mode="built-in", region=REGION)
    create, update = (line for line in printed if line.startswith("(dry run)"))
    assert create.startswith("(dry run) would call CreateStudioLifecycleConfig {")
    assert f'"StudioLifecycleConfigName": "{NAME}"' in create
    assert '"Key": "dsws:managed", "Value": "true"' in create
    assert update.startswith("(dry run) would call UpdateDomain {")
    pending = lcc_arn(NAME).replace(ACCOUNT, "<account>")
    assert f'"BuiltInLifecycleConfigArn": "{pending}"' in update
    assert OTHERS in update  # kept


def test_a_script_over_the_size_limit_is_refused_before_any_call(sm, printed):
    client, _stub = sm
    big = "#!/bin/bash\n" + "# padding\n" * 1300  # 13 KB: over 16,384 base64 characters
    with pytest.raises(LifecycleError, match="16384"):
        attach(Calls(out=printed.append), client, script=big, target=Target("d-1"),
               mode=None, region=REGION)


def expect_our_lccs(stub: Stubber) -> None:
    stub.add_response(
        "list_studio_lifecycle_configs",
        {"StudioLifecycleConfigs": [
            {"StudioLifecycleConfigArn": OURS_OLD, "StudioLifecycleConfigName":
             "dsws-0-0-9-0badcafe", "StudioLifecycleConfigAppType": "JupyterLab"},
            {"StudioLifecycleConfigArn": OURS, "StudioLifecycleConfigName": NAME,
             "StudioLifecycleConfigAppType": "JupyterLab"},
            {"StudioLifecycleConfigArn": IMPOSTER, "StudioLifecycleConfigName":
             "dsws-someone-elses", "StudioLifecycleConfigAppType": "JupyterLab"}]},
        {"NameContains": "dsws-", "AppTypeEquals": "JupyterLab"})
    # Created by the infra stack: our tag, no version tag (list reads the version from the name).
    stub.add_response("list_tags", {"Tags": [MANAGED_TAG]}, {"ResourceArn": OURS_OLD})
    stub.add_response("list_tags", {"Tags": [MANAGED_TAG, {"Key": "dsws:version",
                                                           "Value": "0.1.0"}]},
                      {"ResourceArn": OURS})
    stub.add_response("list_tags", {"Tags": [{"Key": "team", "Value": "other"}]},
                      {"ResourceArn": IMPOSTER})


def test_detach_removes_only_ours(sm, printed):
    client, stub = sm
    settings = {**team_settings(), "LifecycleConfigArns": [OTHERS, OURS_OLD, IMPOSTER, OURS],
                "BuiltInLifecycleConfigArn": OURS}
    stub.add_response("describe_domain", {"DefaultUserSettings": {
        "JupyterLabAppSettings": settings}}, {"DomainId": "d-1"})
    expect_our_lccs(stub)
    wanted = {**team_settings(), "LifecycleConfigArns": [OTHERS, IMPOSTER],
              "BuiltInLifecycleConfigArn": "None"}
    stub.add_response("update_domain", {}, {"DomainId": "d-1", "DefaultUserSettings": {
        "JupyterLabAppSettings": wanted}})
    removed = detach(Calls(out=printed.append), client, target=Target("d-1"))
    assert removed == sorted([OURS, OURS_OLD])


def test_detach_from_a_space_clears_our_default_and_keeps_the_rest(sm, printed):
    client, stub = sm
    stub.add_response("describe_space", {"SpaceSettings": {"JupyterLabAppSettings": {
        "DefaultResourceSpec": {"InstanceType": "ml.m5.large", "LifecycleConfigArn": OURS}}}},
        {"DomainId": "d-1", "SpaceName": "lab"})
    expect_our_lccs(stub)
    stub.add_response("update_space", {}, {
        "DomainId": "d-1", "SpaceName": "lab", "SpaceSettings": {"JupyterLabAppSettings": {
            "DefaultResourceSpec": {"InstanceType": "ml.m5.large",
                                    "LifecycleConfigArn": "None"}}}})
    detach(Calls(out=printed.append), client, target=Target("d-1", space="lab"))


def test_dry_run_detach_makes_only_reads(sm, printed):
    client, stub = sm
    stub.add_response("describe_user_profile", {"UserSettings": {"JupyterLabAppSettings": {
        "LifecycleConfigArns": [OURS, OTHERS]}}}, {"DomainId": "d-1", "UserProfileName": "ana"})
    expect_our_lccs(stub)
    detach(Calls(dry_run=True, out=printed.append), client,
           target=Target("d-1", user_profile="ana"))
    assert printed[0].startswith("(dry run) would call UpdateUserProfile {")
    assert OURS not in printed[0] and OTHERS in printed[0]


def test_list_shows_ours_their_versions_and_where(sm, printed):
    client, stub = sm
    expect_our_lccs(stub)
    stub.add_response("describe_domain", {"DefaultUserSettings": {"JupyterLabAppSettings": {
        "LifecycleConfigArns": [OTHERS, OURS], "BuiltInLifecycleConfigArn": OURS}}},
        {"DomainId": "d-1"})
    stub.add_response("list_user_profiles", {"UserProfiles": [
        {"DomainId": "d-1", "UserProfileName": "ana"}]}, {"DomainIdEquals": "d-1"})
    stub.add_response("describe_user_profile", {"UserSettings": {"JupyterLabAppSettings": {
        "LifecycleConfigArns": [OURS_OLD]}}}, {"DomainId": "d-1", "UserProfileName": "ana"})
    stub.add_response("list_spaces", {"Spaces": [{"DomainId": "d-1", "SpaceName": "lab"}]},
                      {"DomainIdEquals": "d-1"})
    stub.add_response("describe_space", {"SpaceSettings": {"JupyterLabAppSettings": {
        "DefaultResourceSpec": {"LifecycleConfigArn": OURS}}}},
        {"DomainId": "d-1", "SpaceName": "lab"})
    rows = list_ours(Calls(out=printed.append), client, "d-1")
    assert [(r["name"], r["version"]) for r in rows] == [("dsws-0-0-9-0badcafe", "0.0.9"),
                                                          (NAME, "0.1.0")]
    assert rows[0]["attached"] == ["user profile d-1/ana (listed)"]
    assert rows[1]["attached"] == ["domain d-1 (listed, built-in)", "space d-1/lab (default)"]
    text = format_rows(rows)
    assert "dsws-someone-elses" not in text and "version 0.1.0" in text


def test_access_denied_names_the_action(sm, printed):
    client, stub = sm
    stub.add_client_error("describe_domain", service_error_code="AccessDeniedException",
                          service_message="User is not authorized", http_status_code=400,
                          expected_params={"DomainId": "d-1"})
    with pytest.raises(LifecycleError, match=r"AWS denied sagemaker:DescribeDomain: allow "
                                             r"sagemaker:DescribeDomain"):
        detach(Calls(out=printed.append), client, target=Target("d-1"))


def test_a_missing_user_profile_is_named(sm, printed):
    client, stub = sm
    stub.add_client_error("describe_user_profile", service_error_code="ResourceNotFound",
                          service_message="User profile arn:…/d-1/bob does not exist.",
                          http_status_code=400,
                          expected_params={"DomainId": "d-1", "UserProfileName": "bob"})
    with pytest.raises(LifecycleError, match=r"DescribeUserProfile: not found\. .*bob does not"):
        attach(Calls(out=printed.append), client, script=SCRIPT,
               target=Target("d-1", user_profile="bob"), mode=None, region=REGION)


# --- the command line ---------------------------------------------------------------------

def test_built_in_on_a_space_is_a_usage_error(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr(lifecycle_cli, "make_client", lambda *a: pytest.fail("AWS was called"))
    script = tmp_path / "s.sh"
    script.write_text(SCRIPT)
    code = lifecycle_cli.main(["attach", "--script", str(script), "--domain", "d-1",
                               "--space", "lab", "--built-in"])
    assert code == 2
    assert "--built-in applies to a domain or a user profile" in capsys.readouterr().err


def test_cli_dry_run_prints_operation_names(tmp_path: Path, capsys, monkeypatch, sm):
    client, stub = sm
    monkeypatch.setattr(lifecycle_cli, "make_client", lambda service, region: client)
    stub.add_response("describe_space", {"SpaceSettings": {}},
                      {"DomainId": "d-1", "SpaceName": "lab"})
    expect_lcc_missing(stub)
    script = tmp_path / "s.sh"
    script.write_text(SCRIPT)
    code = lifecycle_cli.main(["attach", "--script", str(script), "--domain", "d-1",
                               "--space", "lab", "--dry-run", "--region", REGION])
    out = capsys.readouterr().out
    assert code == 0
    assert "(dry run) would call CreateStudioLifecycleConfig" in out
    assert "(dry run) would call UpdateSpace" in out
