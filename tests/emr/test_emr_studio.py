"""In Studio: the runtime roles and the space's security groups come from the user profile's
settings, else the domain's defaults.

moto has no SageMaker DescribeSpace or DescribeUserProfile (and its DescribeDomain has no
JupyterLabAppSettings.EmrSettings), so botocore's Stubber answers SageMaker here, checking
each request and answer against the real API model; EMR and EC2 are moto's.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.stub import Stubber
from helpers import STUDIO, body, error_of

DOMAIN, SPACE, OWNER = STUDIO["DomainId"], STUDIO["SpaceName"], "hermione-granger"
TEAM_ROLE = "arn:aws:iam::123456789012:role/spark-team"
DEFAULT_ROLE = "arn:aws:iam::123456789012:role/spark-default"
NO_SPACE_CONFIG = [lambda w, lv: {"livy_endpoints": {w.clusters["mapped"]: lv.url}}]


@pytest.fixture
def sagemaker(extension: Any):
    stub = Stubber(extension.aws.client("sagemaker"))
    stub.activate()
    yield stub
    stub.deactivate()


def owner_is_read(stub: Stubber) -> None:
    stub.add_response("describe_space", {
        "DomainId": DOMAIN, "SpaceName": SPACE,
        "OwnershipSettings": {"OwnerUserProfileName": OWNER},
        "SpaceSharingSettings": {"SharingType": "Private"}},
        {"DomainId": DOMAIN, "SpaceName": SPACE})


def profile_says(stub: Stubber, settings: dict) -> None:
    stub.add_response("describe_user_profile", {
        "DomainId": DOMAIN, "UserProfileName": OWNER, "UserSettings": settings},
        {"DomainId": DOMAIN, "UserProfileName": OWNER})


def domain_says(stub: Stubber, settings: dict) -> None:
    stub.add_response("describe_domain", {"DomainId": DOMAIN, "DefaultUserSettings": settings},
                      {"DomainId": DOMAIN})


def emr_roles(*roles: str) -> dict:
    return {"JupyterLabAppSettings": {"EmrSettings": {"ExecutionRoleArns": list(roles)}}}


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
@pytest.mark.parametrize("emr_config", NO_SPACE_CONFIG, indirect=True)
async def test_the_profiles_roles_and_security_groups_are_used(jp_fetch, world, sagemaker):
    cluster_id = world.clusters["mapped"]
    world.open_livy(cluster_id)
    owner_is_read(sagemaker)
    profile_says(sagemaker, {**emr_roles(TEAM_ROLE), "SecurityGroups": [world.space_sg]})
    detail = body(await jp_fetch("dsws", "emr", "clusters", cluster_id))
    assert detail["runtime_roles"] == [TEAM_ROLE]
    sagemaker.assert_no_pending_responses()

    # read once a minute: the path check asks SageMaker nothing more
    answer = body(await jp_fetch("dsws", "emr", "clusters", cluster_id, "check",
                                 method="POST", body=""))
    group = {s["name"]: s for s in answer["checks"]}["security_group"]
    assert group["ok"] and world.space_sg in group["detail"]


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
@pytest.mark.parametrize("emr_config", NO_SPACE_CONFIG, indirect=True)
async def test_what_the_profile_leaves_out_comes_from_the_domain(jp_fetch, world, sagemaker):
    cluster_id = world.clusters["runtime"]
    other_sg = world.ec2.create_security_group(GroupName="other", Description="x",
                                               VpcId=world.vpc)["GroupId"]
    owner_is_read(sagemaker)
    profile_says(sagemaker, {"SecurityGroups": [other_sg]})
    domain_says(sagemaker, {**emr_roles(DEFAULT_ROLE), "SecurityGroups": [world.space_sg],
                            "ExecutionRole": "arn:aws:iam::123456789012:role/studio"})
    answer = body(await jp_fetch("dsws", "emr", "clusters", cluster_id, "check",
                                 method="POST", body=""))
    group = {s["name"]: s for s in answer["checks"]}["security_group"]
    assert not group["ok"] and f"--source-group {other_sg}" in group["fix"]
    detail = body(await jp_fetch("dsws", "emr", "clusters", cluster_id))
    assert detail["runtime_roles"] == [DEFAULT_ROLE]

    # only those roles connect
    cell = body(await jp_fetch("dsws", "emr", "clusters", cluster_id, "connect", method="POST",
                               body=json.dumps({"auth": "runtime_role",
                                                "execution_role_arn": DEFAULT_ROLE})))["cell"]
    assert f"--emr-execution-role-arn {DEFAULT_ROLE}" in cell
    code, error = await error_of(jp_fetch(
        "dsws", "emr", "clusters", cluster_id, "connect", method="POST",
        body=json.dumps({"auth": "runtime_role", "execution_role_arn": TEAM_ROLE})))
    assert code == 400 and error["error"] == "execution_role_not_allowed"
    assert DEFAULT_ROLE in error["message"]


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
async def test_settings_sagemaker_refuses_leave_the_panel_working(jp_fetch, world, sagemaker):
    sagemaker.add_client_error("describe_space", "AccessDeniedException", "denied",
                               http_status_code=403)
    detail = body(await jp_fetch("dsws", "emr", "clusters", world.clusters["runtime"]))
    assert detail["runtime_roles"] == []
