"""ModelRegistry's settings: documented in the README, validated, and AWS refusals of an
approval named for the person (botocore's Stubber: moto enforces no IAM)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from botocore.stub import Stubber
from traitlets import TraitError
from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.errors import NotAllowed
from jupyter_dsws.registry.config import ModelRegistry
from jupyter_dsws.registry.models import ApprovalRequest
from jupyter_dsws.registry.service import RegistryService

README = Path(__file__).parents[2] / "README.md"
ARN = "arn:aws:sagemaker:eu-central-1:123456789012:model-package/churn/2"


def test_every_setting_is_in_the_readme_and_says_its_default() -> None:
    ours = {name for name, trait in ModelRegistry.class_traits(config=True).items()
            if trait.this_class is ModelRegistry}
    documented = set(re.findall(r"^\| `ModelRegistry\.(\w+)`", README.read_text(), re.M))
    assert documented == ours
    for name in ours:
        assert "Default" in ModelRegistry.class_traits()[name].help, name


@pytest.mark.parametrize(("trait", "value"), [
    ("page_size", 0), ("versions_page_size", 101), ("metric_directions", {"auc": "higher"}),
    ("metrics_cache_size", -1), ("max_concurrency", 0), ("history_fallback_uri", "/tmp/x"),
])
def test_wrong_settings_are_refused_with_a_reason(trait: str, value: object) -> None:
    with pytest.raises(TraitError, match=f"ModelRegistry.{trait}"):
        ModelRegistry(config=Config({"ModelRegistry": {trait: value}}))


def test_directions_are_matched_case_insensitively() -> None:
    config = ModelRegistry(config=Config({"ModelRegistry": {"metric_directions":
                                                            {"NDCG_at_10": "up"}}}))
    assert config.metric_directions == {"ndcg_at_10": "up"}


async def test_a_denied_approval_names_the_action_and_changes_no_history() -> None:
    aws = AwsAccess(region="eu-central-1")
    service = RegistryService(aws, ModelRegistry(config=Config()))
    sagemaker = aws.client("sagemaker")
    package = {"ModelPackageGroupName": "churn", "ModelPackageVersion": 2,
               "ModelPackageArn": ARN, "ModelApprovalStatus": "PendingManualApproval",
               "CustomerMetadataProperties": {"eta": "0.1"},
               "ModelMetrics": {"ModelQuality": {"Statistics": {
                   "ContentType": "application/json", "S3Uri": "s3://b/churn/2/stats.json"}}}}
    service.studio = None
    with Stubber(sagemaker) as stub, Stubber(aws.client("s3")) as s3_stub, \
            Stubber(aws.client("sts")) as sts_stub:
        # Outside Studio the history names the caller that STS reports.
        sts_stub.add_response("get_caller_identity", {
            "UserId": "AROAEXAMPLE:ron", "Account": "123456789012",
            "Arn": "arn:aws:sts::123456789012:assumed-role/DataScientist/ron"}, {})
        stub.add_response("describe_model_package_group", {
            "ModelPackageGroupName": "churn",
            "ModelPackageGroupArn": "arn:aws:sagemaker:eu-central-1:123456789012:"
                                    "model-package-group/churn",
            "CreationTime": "2026-01-01T00:00:00Z", "CreatedBy": {},
            "ModelPackageGroupStatus": "Completed"},
            expected_params={"ModelPackageGroupName": "churn"})
        stub.add_response("describe_model_package", {
            **package, "ModelPackageName": "churn", "CreationTime": "2026-01-01T00:00:00Z",
            "ModelPackageStatus": "Completed",
            "ModelPackageStatusDetails": {"ValidationStatuses": []}},
            expected_params={"ModelPackageName": ARN})
        stub.add_client_error(
            "update_model_package", service_error_code="AccessDeniedException",
            service_message="not authorized", http_status_code=400,
            expected_params={"ModelPackageArn": ARN, "ModelApprovalStatus": "Approved",
                             "ApprovalDescription": "ship it",
                             "CustomerMetadataProperties": {"eta": "0.1"}})
        with pytest.raises(NotAllowed) as denied:
            await service.set_approval("churn", 2, ApprovalRequest(status="Approved",
                                                                   comment="ship it"))
        stub.assert_no_pending_responses()
        s3_stub.assert_no_pending_responses()  # no history written for a refused change
    assert "sagemaker:UpdateModelPackage" in denied.value.message
    aws.close()
