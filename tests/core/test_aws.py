"""The AWS access layer: region order, error translation, redaction (no server needed)."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)
from botocore.parsers import ResponseParserError
from botocore.stub import Stubber

from jupyter_dsws.aws import (
    AwsAccess,
    CallContext,
    redact,
    resolve_region,
    translate,
    vpc_endpoint_name,
)
from jupyter_dsws.errors import DSWSError
from jupyter_dsws.studio import StudioApp

SAGEMAKER = CallContext(service="sagemaker", operation="ListModelPackageGroups",
                        iam_prefix="sagemaker", region="eu-central-1",
                        endpoint="https://api.sagemaker.eu-central-1.amazonaws.com",
                        waited=10.2, attempts=1)


def client_error(code: str, status: int, message: str = "boom") -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": message},
         "ResponseMetadata": {"HTTPStatusCode": status}},
        "ListModelPackageGroups",
    )


def studio(arn: str | None) -> StudioApp:
    return StudioApp(domain_id="d-1", space_name="s", app_type="JupyterLab", resource_arn=arn)


ARN = "arn:aws:sagemaker:us-west-2:123456789012:app/d-1/s/jupyterlab/default"


@pytest.mark.parametrize(
    ("configured", "environ", "app", "expected"),
    [
        ("eu-west-1", {"AWS_REGION": "us-east-1"}, studio(ARN), "eu-west-1"),
        (None, {"AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "eu-north-1"}, None,
         "us-east-1"),
        (None, {"AWS_DEFAULT_REGION": "eu-north-1"}, studio(ARN), "eu-north-1"),
        ("", {}, studio(ARN), "us-west-2"),
        (None, {}, studio(None), None),
        (None, {}, None, None),
    ],
)
def test_region_order(configured, environ, app, expected):
    assert resolve_region(configured, environ, app) == expected


def test_access_denied_names_the_action():
    error = translate(client_error("AccessDeniedException", 400), SAGEMAKER)
    assert (error.status, error.code) == (403, "access_denied")
    assert "sagemaker:ListModelPackageGroups" in error.message


@pytest.mark.parametrize("code", ["ThrottlingException", "TooManyRequestsException",
                                  "RequestLimitExceeded", "Throttling"])
def test_throttling_after_retries_is_503_throttled_naming_the_call(code):
    error = translate(client_error(code, 400, "Rate exceeded"), SAGEMAKER)
    assert (error.status, error.code) == (503, "throttled")
    assert "sagemaker:ListModelPackageGroups" in error.message
    assert error.headers["Retry-After"].isdigit()


def test_aws_server_error_is_502_not_500():
    error = translate(client_error("InternalFailure", 500), SAGEMAKER)
    assert (error.status, error.code) == (502, "aws_error")


def test_emulator_html_500_is_502_without_the_html():
    error = translate(client_error("500", 500, "<!doctype html><title>500</title>"), SAGEMAKER)
    assert error.status == 502
    assert "<" not in error.message
    parser = translate(ResponseParserError("Unable to parse response"), SAGEMAKER)
    assert (parser.status, parser.code) == (502, "aws_error")


@pytest.mark.parametrize("exc", [
    EndpointConnectionError(endpoint_url="https://api.sagemaker.eu-central-1.amazonaws.com"),
    ConnectTimeoutError(endpoint_url="https://api.sagemaker.eu-central-1.amazonaws.com"),
    ReadTimeoutError(endpoint_url="https://api.sagemaker.eu-central-1.amazonaws.com"),
])
def test_unreachable_endpoint_names_the_vpc_interface_endpoint(exc):
    error = translate(exc, SAGEMAKER)
    assert (error.status, error.code) == (503, "endpoint_unreachable")
    assert "com.amazonaws.eu-central-1.sagemaker.api" in error.message


def test_missing_credentials_say_where_they_come_from():
    error = translate(NoCredentialsError(), SAGEMAKER)
    assert (error.status, error.code) == (503, "aws_credentials_missing")
    assert "execution role" in error.message


def test_not_found_and_validation_are_4xx():
    assert translate(client_error("ResourceNotFound", 400), SAGEMAKER).status == 404
    rejected = translate(client_error("ValidationException", 400, "bad name"), SAGEMAKER)
    assert (rejected.status, rejected.code) == (400, "aws_rejected")
    assert "bad name" in rejected.message


def test_signed_urls_and_keys_never_survive_in_messages():
    text = ("GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F2026"
            "&X-Amz-Signature=deadbeef&X-Amz-Security-Token=FwoGZXIvYXdz failed for "
            "ASIAZZZZZZZZZZZZZZZZ")
    cleaned = redact(text)
    for secret in ("AKIAABCDEFGHIJKLMNOP", "deadbeef", "FwoGZXIvYXdz", "ASIAZZZZZZZZZZZZZZZZ"):
        assert secret not in cleaned
    error = translate(client_error("AccessDenied", 403, text), SAGEMAKER)
    assert "deadbeef" not in error.message


def test_client_without_region_is_an_error_that_says_how_to_fix_it():
    with pytest.raises(DSWSError) as raised:
        AwsAccess(region=None).client("sts")
    assert raised.value.code == "region_missing"
    assert "AWS_REGION" in raised.value.message


def test_clients_use_regional_sts_short_timeouts_and_standard_retries():
    aws = AwsAccess(region="eu-central-1", connect_timeout=2, read_timeout=7, max_attempts=4)
    sts = aws.client("sts")
    assert sts.meta.endpoint_url == "https://sts.eu-central-1.amazonaws.com"
    assert sts.meta.config.connect_timeout == 2
    assert sts.meta.config.read_timeout == 7
    assert sts.meta.config.retries == {"mode": "standard", "total_max_attempts": 4}
    assert aws.client("sts") is sts
    aws.close()


async def test_calls_run_off_the_loop_and_errors_are_translated():
    aws = AwsAccess(region="eu-central-1")
    sagemaker = aws.client("sagemaker")
    # Stubber: botocore checks the request against the real SageMaker API model.
    with Stubber(sagemaker) as stub:
        stub.add_client_error("list_model_package_groups", "AccessDeniedException",
                              "User is not authorized", 400, expected_params={"MaxResults": 5})
        with pytest.raises(DSWSError) as raised:
            await aws.call("sagemaker", "list_model_package_groups", MaxResults=5)
    assert raised.value.status == 403
    assert "sagemaker:ListModelPackageGroups" in raised.value.message
    aws.close()


def test_boto3_is_not_asked_for_a_default_session():
    # Each AwsAccess has its own session: no state shared through boto3's global one.
    before = boto3.DEFAULT_SESSION
    AwsAccess(region="eu-central-1").client("s3")
    assert boto3.DEFAULT_SESSION is before


@pytest.mark.parametrize(("service", "endpoint"), [
    ("sagemaker", "com.amazonaws.eu-central-1.sagemaker.api"),
    ("service-quotas", "com.amazonaws.eu-central-1.servicequotas"),
    ("codecommit", "com.amazonaws.eu-central-1.codecommit"),
    ("sts", "com.amazonaws.eu-central-1.sts"),
])
def test_unreachable_names_the_interface_endpoint_to_add(service, endpoint):
    # The name a person types into the VPC console, not botocore's service name.
    assert vpc_endpoint_name(service, "eu-central-1") == endpoint
