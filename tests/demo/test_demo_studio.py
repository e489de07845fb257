"""The emulator's Studio control plane (moto lacks it): every operation through a real boto3
client, each answer as it came over the wire checked against botocore's service model; and
what profiles, spaces and domains read back after Create and Update."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from botocore_shapes import WireAnswers
from studio_world import ACCOUNT, DOMAIN, REGION, app_of, make_space

from jupyter_dsws.demo.studio import TAG_OPERATIONS, ServiceQuotasLayer, StudioControlPlane

SETTINGS = {"SecurityGroups": ["sg-0123456789abcdef0"],
            "JupyterLabAppSettings": {"EmrSettings": {
                "AssumableRoleArns": [f"arn:aws:iam::{ACCOUNT}:role/emr-cross-account"],
                "ExecutionRoleArns": [f"arn:aws:iam::{ACCOUNT}:role/emr-runtime"]}}}
SCRIPT = base64.b64encode(b"#!/bin/bash\necho hello\n").decode()


def test_every_operation_answers_in_botocores_shape(sagemaker: Any,
                                                    emulator_client: Callable[..., Any]) -> None:
    quotas = emulator_client("service-quotas")
    wire = WireAnswers(sagemaker, quotas)
    lcc = sagemaker.create_studio_lifecycle_config(
        StudioLifecycleConfigName="team-setup", StudioLifecycleConfigContent=SCRIPT,
        StudioLifecycleConfigAppType="JupyterLab",
        Tags=[{"Key": "team", "Value": "ml"}])["StudioLifecycleConfigArn"]
    sagemaker.describe_studio_lifecycle_config(StudioLifecycleConfigName="team-setup")
    sagemaker.list_studio_lifecycle_configs(NameContains="team", AppTypeEquals="JupyterLab")
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "LifecycleConfigArns": [lcc], "BuiltInLifecycleConfigArn": lcc,
        "DefaultResourceSpec": {"InstanceType": "ml.t3.large"},
        "AppLifecycleManagement": {"IdleSettings": {
            "LifecycleManagement": "ENABLED", "IdleTimeoutInMinutes": 120}}}},
        DefaultSpaceSettings={"ExecutionRole": f"arn:aws:iam::{ACCOUNT}:role/space"})
    sagemaker.describe_domain(DomainId=DOMAIN)
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter",
                                  UserSettings=SETTINGS, Tags=[{"Key": "who", "Value": "h"}])
    sagemaker.describe_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    sagemaker.update_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter",
                                  UserSettings={"SecurityGroups": []})
    sagemaker.list_user_profiles(DomainIdEquals=DOMAIN)
    sagemaker.create_space(DomainId=DOMAIN, SpaceName="harry-private",
                           SpaceDisplayName="Harry's space",
                           OwnershipSettings={"OwnerUserProfileName": "harry-potter"},
                           SpaceSharingSettings={"SharingType": "Private"},
                           SpaceSettings={"AppType": "JupyterLab"})
    sagemaker.describe_space(DomainId=DOMAIN, SpaceName="harry-private")
    sagemaker.update_space(DomainId=DOMAIN, SpaceName="harry-private", SpaceSettings={
        "JupyterLabAppSettings": {"DefaultResourceSpec": {"InstanceType": "ml.m5.large"}}})
    sagemaker.list_spaces(DomainIdEquals=DOMAIN)
    sagemaker.create_app(**app_of("harry-private"), Tags=[{"Key": "a", "Value": "b"}])
    sagemaker.describe_app(**app_of("harry-private"))
    sagemaker.list_apps(DomainIdEquals=DOMAIN)
    app_arn = sagemaker.create_app(DomainId=DOMAIN, UserProfileName="harry-potter",
                                   AppType="JupyterServer", AppName="default")["AppArn"]
    sagemaker.list_tags(ResourceArn=app_arn)
    sagemaker.add_tags(ResourceArn=lcc, Tags=[{"Key": "more", "Value": "x"}])
    sagemaker.delete_tags(ResourceArn=lcc, TagKeys=["more"])
    sagemaker.list_tags(ResourceArn=lcc)
    sagemaker.delete_app(**app_of("harry-private"))
    sagemaker.delete_app(DomainId=DOMAIN, UserProfileName="harry-potter",
                         AppType="JupyterServer", AppName="default")
    sagemaker.describe_app(**app_of("harry-private"))  # Deleted, still described
    sagemaker.delete_space(DomainId=DOMAIN, SpaceName="harry-private")
    sagemaker.delete_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {}})
    sagemaker.delete_studio_lifecycle_config(StudioLifecycleConfigName="team-setup")
    code = quotas.list_service_quotas(ServiceCode="sagemaker", MaxResults=5)["Quotas"][0][
        "QuotaCode"]
    quotas.list_aws_default_service_quotas(ServiceCode="sagemaker", MaxResults=5)
    quotas.get_service_quota(ServiceCode="sagemaker", QuotaCode=code)
    quotas.get_aws_default_service_quota(ServiceCode="sagemaker", QuotaCode=code)

    emulated = StudioControlPlane.OPERATIONS | TAG_OPERATIONS | ServiceQuotasLayer.OPERATIONS
    assert emulated <= set(wire.bodies), emulated - set(wire.bodies)
    assert wire.problems() == {}


def test_a_profile_reads_back_with_its_emr_settings(sagemaker: Any) -> None:
    created = sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter",
                                            UserSettings=SETTINGS)
    arn = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:user-profile/{DOMAIN}/harry-potter"
    assert created["UserProfileArn"] == arn
    profile = sagemaker.describe_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    assert profile["UserSettings"] == SETTINGS and profile["Status"] == "InService"
    assert isinstance(profile["CreationTime"], datetime)
    (summary,) = sagemaker.list_user_profiles(DomainIdEquals=DOMAIN)["UserProfiles"]
    assert summary["UserProfileName"] == "harry-potter"


def test_an_update_replaces_only_the_settings_it_is_given(sagemaker: Any) -> None:
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter",
                                  UserSettings=SETTINGS)
    lab = {"DefaultResourceSpec": {"InstanceType": "ml.g4dn.xlarge"}}
    sagemaker.update_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter",
                                  UserSettings={"JupyterLabAppSettings": lab})
    profile = sagemaker.describe_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    # The whole JupyterLabAppSettings is replaced (its EmrSettings with it); the rest stays.
    assert profile["UserSettings"] == {"SecurityGroups": SETTINGS["SecurityGroups"],
                                       "JupyterLabAppSettings": lab}
    assert profile["LastModifiedTime"] > profile["CreationTime"]

    before = sagemaker.describe_domain(DomainId=DOMAIN)
    sagemaker.update_domain(DomainId=DOMAIN, DefaultUserSettings={"JupyterLabAppSettings": {
        "EmrSettings": SETTINGS["JupyterLabAppSettings"]["EmrSettings"]}})
    after = sagemaker.describe_domain(DomainId=DOMAIN)
    assert after["DefaultUserSettings"] == {
        "ExecutionRole": before["DefaultUserSettings"]["ExecutionRole"],
        "JupyterLabAppSettings": SETTINGS["JupyterLabAppSettings"]}
    assert after["AppNetworkAccessType"] == "VpcOnly"
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]


def test_a_space_reads_back_with_its_owner_and_keeps_its_type(sagemaker: Any) -> None:
    make_space(sagemaker, "harry-private")
    space = sagemaker.describe_space(DomainId=DOMAIN, SpaceName="harry-private")
    assert space["OwnershipSettings"] == {"OwnerUserProfileName": "harry-potter"}
    (summary,) = sagemaker.list_spaces()["Spaces"]
    assert summary["SpaceName"] == "harry-private"
    assert summary["SpaceSettingsSummary"] == {"AppType": "JupyterLab"}
    with pytest.raises(sagemaker.exceptions.ClientError, match="Updating AppType"):
        sagemaker.update_space(DomainId=DOMAIN, SpaceName="harry-private",
                               SpaceSettings={"AppType": "JupyterLab"})
    with pytest.raises(sagemaker.exceptions.ClientError, match="SpaceSettings must be provided"):
        sagemaker.create_space(DomainId=DOMAIN, SpaceName="bare",
                               OwnershipSettings={"OwnerUserProfileName": "harry-potter"},
                               SpaceSharingSettings={"SharingType": "Private"})


def test_lists_filter_sort_and_page(sagemaker: Any) -> None:
    for name in ("alpha", "beta", "gamma"):
        make_space(sagemaker, name)
    first = sagemaker.list_spaces(DomainIdEquals=DOMAIN, MaxResults=2)
    assert [s["SpaceName"] for s in first["Spaces"]] == ["alpha", "beta"]
    rest = sagemaker.list_spaces(DomainIdEquals=DOMAIN, MaxResults=2,
                                 NextToken=first["NextToken"])
    assert [s["SpaceName"] for s in rest["Spaces"]] == ["gamma"] and "NextToken" not in rest
    newest = sagemaker.list_spaces(SortOrder="Descending", SpaceNameContains="a")
    assert [s["SpaceName"] for s in newest["Spaces"]] == ["gamma", "beta", "alpha"]
    assert [s["SpaceName"] for s in sagemaker.list_spaces(SpaceNameContains="et")[
        "Spaces"]] == ["beta"]
    with pytest.raises(sagemaker.exceptions.ClientError, match="NextToken"):
        sagemaker.list_spaces(NextToken="forged")
    all_names = [s["SpaceName"] for page in sagemaker.get_paginator("list_spaces").paginate(
        PaginationConfig={"PageSize": 1}) for s in page["Spaces"]]
    assert all_names == ["alpha", "beta", "gamma"]


def test_unknown_names_and_duplicates_are_refused_as_aws_does(sagemaker: Any) -> None:
    errors = sagemaker.exceptions
    with pytest.raises(errors.ResourceNotFound, match="nobody does not exist"):
        sagemaker.describe_user_profile(DomainId=DOMAIN, UserProfileName="nobody")
    with pytest.raises(errors.ResourceNotFound, match="d-nowhere"):
        sagemaker.create_user_profile(DomainId="d-nowhere", UserProfileName="harry-potter")
    with pytest.raises(errors.ResourceNotFound, match="d-nowhere"):
        sagemaker.describe_domain(DomainId="d-nowhere")
    with pytest.raises(errors.ResourceNotFound, match="d-nowhere"):
        sagemaker.update_domain(DomainId="d-nowhere", DefaultUserSettings={})
    with pytest.raises(errors.ResourceNotFound):
        sagemaker.update_space(DomainId=DOMAIN, SpaceName="nowhere", SpaceSettings={})
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    with pytest.raises(errors.ResourceInUse):
        sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")


def test_what_still_runs_or_is_owned_cannot_be_deleted(sagemaker: Any) -> None:
    errors = sagemaker.exceptions
    make_space(sagemaker, "harry-private")
    sagemaker.create_app(**app_of("harry-private"))
    with pytest.raises(errors.ResourceInUse, match="App\\(s\\) are associated"):
        sagemaker.delete_space(DomainId=DOMAIN, SpaceName="harry-private")
    with pytest.raises(errors.ResourceInUse, match="owns space"):
        sagemaker.delete_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    sagemaker.delete_app(**app_of("harry-private"))
    sagemaker.delete_space(DomainId=DOMAIN, SpaceName="harry-private")
    sagemaker.delete_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    assert sagemaker.list_spaces()["Spaces"] == []
    assert sagemaker.list_user_profiles()["UserProfiles"] == []


def test_a_reset_forgets_everything_as_moto_forgets_domains(sagemaker: Any, studio: Any,
                                                            fresh_emulator: Any) -> None:
    make_space(sagemaker, "harry-private")
    sagemaker.create_app(**app_of("harry-private"))
    studio.set_quota("ml.g4dn.xlarge", 7)
    fresh_emulator.reset()
    assert sagemaker.list_user_profiles()["UserProfiles"] == []
    assert sagemaker.list_apps()["Apps"] == []
    assert studio.quotas.value("ml.g4dn.xlarge") == 1
