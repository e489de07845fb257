"""register_model (the notebook API) and the notebook snippets, against moto's server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.registry import register_model
from jupyter_dsws.registry.snippets import deploy_snippet, load_snippet

REGION = "eu-central-1"


def test_register_writes_statistics_creates_the_group_and_the_version(
        world: SeedResult, aws: Callable[[str], Any], bucket: str) -> None:
    sagemaker, s3 = aws("sagemaker"), aws("s3")
    kwargs = {"sagemaker_client": sagemaker, "s3_client": s3}
    first = register_model("register-api", f"s3://{bucket}/register-api/run-1/model.tar.gz",
                           "img:1", params={"eta": 0.1, "objective": "binary:logistic",
                                            "layers": [64, 32]},
                           metrics={"auc": 0.91, "log_loss": (0.3, 0.02)},
                           description="first run", group_description="Churn, by Ron",
                           lineage={"CommitId": "abc123"}, **kwargs)
    second = register_model("register-api", f"s3://{bucket}/register-api/run-2/model.tar.gz",
                            "img:1", metrics={"regression_metrics": {
                                "rmse": {"value": 1.2, "standard_deviation": 0.1}}},
                            metrics_uri=f"s3://{bucket}/elsewhere/stats.json",
                            approval_status="Approved", **kwargs)
    assert (first["version"], second["version"]) == (1, 2)
    assert re.fullmatch(rf"s3://{bucket}/register-api/run-1/dsws-metrics/\d{{8}}T\d{{6}}Z-"
                        r"[0-9a-f]{8}/statistics\.json", first["metrics_uri"])
    assert second["metrics_uri"] == f"s3://{bucket}/elsewhere/stats.json"

    stored = json.loads(s3.get_object(Bucket=bucket, Key=first["metrics_uri"].split("/", 3)[3])
                        ["Body"].read())
    assert stored == {"custom_metrics": {"auc": {"value": 0.91},
                                         "log_loss": {"value": 0.3,
                                                      "standard_deviation": 0.02}}}
    group = sagemaker.describe_model_package_group(ModelPackageGroupName="register-api")
    assert group["ModelPackageGroupDescription"] == "Churn, by Ron"
    package = sagemaker.describe_model_package(ModelPackageName=first["arn"])
    assert package["CustomerMetadataProperties"] == {
        "eta": "0.1", "objective": "binary:logistic", "layers": "[64, 32]"}
    assert package["ModelMetrics"]["ModelQuality"]["Statistics"]["S3Uri"] == \
        first["metrics_uri"]
    assert package["MetadataProperties"] == {"CommitId": "abc123"}
    assert package["ModelApprovalStatus"] == "PendingManualApproval"
    assert package["ModelPackageDescription"] == "first run"
    assert sagemaker.describe_model_package(
        ModelPackageName=second["arn"])["ModelApprovalStatus"] == "Approved"


def test_register_refuses_what_it_cannot_store(aws: Callable[[str], Any]) -> None:
    kwargs = {"sagemaker_client": aws("sagemaker"), "s3_client": aws("s3")}
    with pytest.raises(ValueError, match="approval_status"):
        register_model("g", "s3://b/m.tar.gz", "img", approval_status="Deployed", **kwargs)
    with pytest.raises(ValueError, match="s3://"):
        register_model("g", "/home/me/model.tar.gz", "img", **kwargs)
    with pytest.raises(ValueError, match="accuracy"):
        register_model("g", "s3://b/m.tar.gz", "img", metrics={"accuracy": "good"}, **kwargs)


def test_both_snippets_are_python_and_deploy_uses_the_domain_vpc() -> None:
    arn = "arn:aws:sagemaker:eu-central-1:123456789012:model-package/my group/3"
    load = load_snippet(arn, REGION)
    deploy = deploy_snippet(arn, REGION, "My Group!", 3)
    compile(load, "load", "exec")
    compile(deploy, "deploy", "exec")
    assert "NAME = 'My-Group-v3'" in deploy
    for needed in ("/opt/ml/metadata/resource-metadata.json", "describe_domain",
                   '"SubnetIds"', '"SecurityGroups"', "VpcConfig=vpc_config",
                   "ModelPackageName"):
        assert needed in deploy
    assert "import sagemaker" not in load + deploy  # boto3 only: SDK v3 differs from v2


@pytest.mark.timeout(60)
def test_the_load_snippet_runs_in_a_notebook_against_the_emulator(
        world: SeedResult, emulator: Any, tmp_path: Path) -> None:
    version = world.groups[0].versions[0]
    env = {**os.environ, "AWS_ENDPOINT_URL": emulator.endpoint_url,
           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    done = subprocess.run([sys.executable, "-c", load_snippet(version.arn, REGION)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=50,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{world.groups[0].name} version 1 {version.approval_status}" in done.stdout
    assert "model files: ['model.json', 'model.tar.gz']" in done.stdout
    assert json.loads((tmp_path / "model" / "model.json").read_text())["family"] == "XGBoost"
