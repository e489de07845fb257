"""The status service's Studio instance type, which only DescribeApp knows.

moto has no Studio apps, so botocore's Stubber answers DescribeApp; it checks the request
against the real SageMaker API model, and ``expected_params`` pins the exact values.
"""

from __future__ import annotations

import pytest
from botocore.stub import Stubber

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.status.service import StatusService
from jupyter_dsws.studio import StudioApp

APP = StudioApp(domain_id="d-abc123", space_name="ron-space", app_type="JupyterLab",
                app_name="default", user_profile="ron")


@pytest.fixture
def service_and_stub():
    """The status service, and a Stubber on the very SageMaker client it will use."""
    aws = AwsAccess(region="eu-central-1")
    service = StatusService(aws, APP, "1.0")
    sagemaker = aws.client("sagemaker")
    with Stubber(sagemaker) as stub:
        yield service, stub
    aws.close()


async def test_instance_type_is_read_once_from_describe_app(service_and_stub):
    service, stub = service_and_stub
    stub.add_response(
        "describe_app",
        {"AppName": "default", "AppType": "JupyterLab", "Status": "InService",
         "ResourceSpec": {"InstanceType": "ml.g4dn.xlarge"}},
        expected_params={"DomainId": "d-abc123", "SpaceName": "ron-space",
                         "AppType": "JupyterLab", "AppName": "default"},
    )
    assert await service.instance_type() == "ml.g4dn.xlarge"
    # Cached: a second call makes no request (the stub would fail on one).
    assert await service.instance_type() == "ml.g4dn.xlarge"
    stub.assert_no_pending_responses()


async def test_instance_type_unknown_when_describe_app_is_denied(service_and_stub):
    service, stub = service_and_stub
    stub.add_client_error("describe_app", "AccessDeniedException", "no", 400)
    assert await service.instance_type() is None


async def test_instance_type_is_read_when_the_metadata_names_no_app():
    """Studio's metadata may lack ResourceName: the app is then "default", as Studio names it."""
    aws = AwsAccess(region="eu-central-1")
    service = StatusService(aws, StudioApp(domain_id="d-abc123", space_name="ron-space",
                                           app_type="JupyterLab"), "1.0")
    with Stubber(aws.client("sagemaker")) as stub:
        stub.add_response(
            "describe_app", {"ResourceSpec": {"InstanceType": "ml.t3.medium"}},
            expected_params={"DomainId": "d-abc123", "SpaceName": "ron-space",
                             "AppType": "JupyterLab", "AppName": "default"})
        assert await service.instance_type() == "ml.t3.medium"
    aws.close()
