"""The emulator's Studio user profiles and spaces (moto lacks them): AWS's request and
response shapes, checked against botocore's service model, through a real boto3 client."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import botocore.session
import pytest

from jupyter_dsws.demo.studio_control import OPERATIONS, StudioControlPlane

DOMAIN = "d-studiotests"
ACCOUNT, REGION = "123456789012", "eu-central-1"
SETTINGS = {"SecurityGroups": ["sg-0123456789abcdef0"],
            "JupyterLabAppSettings": {"EmrSettings": {
                "AssumableRoleArns": [f"arn:aws:iam::{ACCOUNT}:role/emr-cross-account"],
                "ExecutionRoleArns": [f"arn:aws:iam::{ACCOUNT}:role/emr-runtime"]}}}
MODEL = botocore.session.get_session().get_service_model("sagemaker")


def conforms(value: Any, shape: Any, where: str = "") -> list[str]:
    """What in ``value`` (an answer's JSON) the botocore shape does not allow."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        problems = [f"{where}.{k}: not in {shape.name}" for k in value if k not in shape.members]
        problems += [f"{where}.{k}: required" for k in shape.required_members if k not in value]
        for key, item in value.items():
            if key in shape.members:
                problems += conforms(item, shape.members[key], f"{where}.{key}")
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, item in enumerate(value) for p in conforms(item, shape.member,
                                                                    f"{where}[{i}]")]
    if kind == "map":
        return [p for k, item in value.items() for p in conforms(item, shape.value,
                                                                 f"{where}.{k}")]
    expected = {"string": str, "timestamp": (int, float), "boolean": bool,
                "integer": int, "long": int, "double": (int, float), "float": (int, float)}
    if kind in expected and not isinstance(value, expected[kind]):
        return [f"{where}: {type(value).__name__}, not {kind}"]
    if kind == "string" and shape.enum and value not in shape.enum:
        return [f"{where}: {value!r} not one of {shape.enum}"]
    return []


def wire(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer as it travels: JSON, timestamps as epoch seconds."""
    return json.loads(json.dumps(answer, default=lambda v: v.timestamp()))


@pytest.fixture
def sagemaker(fresh_emulator: Any, emulator_client: Callable[..., Any]) -> Any:
    client = emulator_client("sagemaker")
    client.create_domain(DomainName=DOMAIN.removeprefix("d-"), AuthMode="IAM",
                         DefaultUserSettings={"ExecutionRole": f"arn:aws:iam::{ACCOUNT}:role/x"},
                         SubnetIds=["subnet-0123456789abcdef0"], VpcId="vpc-0123456789abcdef0")
    return client


def test_every_answer_has_the_shape_of_botocores_model(sagemaker: Any) -> None:
    plane = StudioControlPlane()
    requests = {
        "CreateUserProfile": {"DomainId": DOMAIN, "UserProfileName": "harry-potter",
                              "UserSettings": SETTINGS},
        "DescribeUserProfile": {"DomainId": DOMAIN, "UserProfileName": "harry-potter"},
        "ListUserProfiles": {"DomainIdEquals": DOMAIN},
        "CreateSpace": {"DomainId": DOMAIN, "SpaceName": "harry-private",
                        "SpaceDisplayName": "Harry's space",
                        "OwnershipSettings": {"OwnerUserProfileName": "harry-potter"},
                        "SpaceSharingSettings": {"SharingType": "Private"},
                        "SpaceSettings": {"AppType": "JupyterLab"}},
        "DescribeSpace": {"DomainId": DOMAIN, "SpaceName": "harry-private"},
        "ListSpaces": {"DomainIdEquals": DOMAIN},
    }
    assert set(requests) == OPERATIONS
    for operation, request in requests.items():
        operation_model = MODEL.operation_model(operation)
        status, answer = plane.answer(operation, request, ACCOUNT, REGION)
        assert status == "200 OK", answer
        assert conforms(wire(answer), operation_model.output_shape) == [], operation


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


def test_a_space_reads_back_with_its_owner(sagemaker: Any) -> None:
    sagemaker.create_space(DomainId=DOMAIN, SpaceName="harry-private",
                           OwnershipSettings={"OwnerUserProfileName": "harry-potter"},
                           SpaceSharingSettings={"SharingType": "Private"})
    space = sagemaker.describe_space(DomainId=DOMAIN, SpaceName="harry-private")
    assert space["OwnershipSettings"] == {"OwnerUserProfileName": "harry-potter"}
    assert [s["SpaceName"] for s in sagemaker.list_spaces()["Spaces"]] == ["harry-private"]


def test_unknown_names_and_duplicates_are_refused_as_aws_does(sagemaker: Any) -> None:
    errors = sagemaker.exceptions
    with pytest.raises(errors.ResourceNotFound, match="nobody does not exist"):
        sagemaker.describe_user_profile(DomainId=DOMAIN, UserProfileName="nobody")
    with pytest.raises(errors.ResourceNotFound, match="d-nowhere"):
        sagemaker.create_user_profile(DomainId="d-nowhere", UserProfileName="harry-potter")
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    with pytest.raises(errors.ResourceInUse):
        sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")


def test_a_reset_forgets_profiles_as_moto_forgets_domains(sagemaker: Any,
                                                          fresh_emulator: Any) -> None:
    sagemaker.create_user_profile(DomainId=DOMAIN, UserProfileName="harry-potter")
    fresh_emulator.reset()
    assert sagemaker.list_user_profiles()["UserProfiles"] == []
