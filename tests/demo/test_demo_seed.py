"""The demo seed: the team's story in S3, the model registry and CodeCommit."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from jupyter_dsws.demo.catalog import APPROVED, PENDING, REJECTED
from jupyter_dsws.demo.emulator import Emulator
from jupyter_dsws.demo.git import git_environment
from jupyter_dsws.demo.git_config import rewrite_setting
from jupyter_dsws.demo.inventory import demo_inventory
from jupyter_dsws.demo.runner import lab_environment
from jupyter_dsws.demo.seed import REPOSITORY_NAME, SeedResult, seed
from jupyter_dsws.slug import slugify

REGION = "eu-central-1"
STATISTICS_KINDS = {"regression_metrics", "binary_classification_metrics",
                    "multiclass_classification_metrics"}
NOTEBOOKS = {"train_xgboost_sorting_hat.ipynb", "train_seq2seq_inquiry_summaries.ipynb",
             "forecast_arima_owls.ipynb", "train_cnn_restricted_section.ipynb"}
TRAINING_PARAMETERS = {
    "sorting-hat-algorithm": {"max_depth", "eta", "num_round"},
    "generate-summaries-for-inquiries-for-hogwarts": {"num_layers", "hidden_size",
                                                      "learning_rate"},
    "forecast-number-of-owls-needed-to-deliver-school-letters": {"p", "d", "q"},
    "access-to-restricted-section-in-hogwarts-library": {"epochs", "batch_size",
                                                         "learning_rate"},
}


@pytest.fixture(scope="module")
def seeded(emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[SeedResult, float]]:
    emulator.reset()
    started = time.monotonic()
    result = seed(emulator.endpoint_url, REGION, tmp_path_factory.mktemp("seed"))
    yield result, time.monotonic() - started


@pytest.fixture
def result(seeded: tuple[SeedResult, float]) -> SeedResult:
    return seeded[0]


def read_s3(s3: Any, uri: str) -> bytes:
    bucket, key = uri.removeprefix("s3://").split("/", 1)
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


def describe_versions(sagemaker: Any, group: str) -> list[dict[str, Any]]:
    summaries = sagemaker.list_model_packages(ModelPackageGroupName=group, SortBy="CreationTime",
                                              SortOrder="Ascending")["ModelPackageSummaryList"]
    return [sagemaker.describe_model_package(ModelPackageName=s["ModelPackageArn"])
            for s in summaries]


def test_the_inventory_ships_in_the_spreadsheet_format() -> None:
    rows = demo_inventory()
    assert [(r.user, r.model, r.memory_mb, r.gpu) for r in rows] == [
        ("Harry Potter", "XGBoost", 15, False), ("Ronald Weasley", "Seq2seq", 25, True),
        ("Hermione Granger", "ARIMA", 2, False), ("Hermione Granger", "CNN", 50, True)]


def test_one_group_per_feature_with_three_or_four_versions(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    groups = sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"]
    expected = {slugify(row.feature): row for row in demo_inventory()}
    assert {g["ModelPackageGroupName"] for g in groups} == set(expected)
    for name, row in expected.items():
        description = sagemaker.describe_model_package_group(
            ModelPackageGroupName=name)["ModelPackageGroupDescription"]
        assert row.feature in description
        assert row.user in description
        assert row.model in description
        versions = sagemaker.list_model_packages(
            ModelPackageGroupName=name)["ModelPackageSummaryList"]
        assert 3 <= len(versions) <= 4
    assert [g.name for g in result.groups] == list(expected)


def test_every_version_records_its_training_parameters(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    for group, parameters in TRAINING_PARAMETERS.items():
        for package in describe_versions(sagemaker, group):
            properties = package["CustomerMetadataProperties"]
            assert parameters <= set(properties), (group, package["ModelPackageVersion"])
            assert all(isinstance(v, str) and v for v in properties.values())


def test_metrics_are_sagemaker_statistics_in_s3(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker, s3 = emulator_client("sagemaker"), emulator_client("s3")
    for group in result.groups:
        first_metric = []
        for package in describe_versions(sagemaker, group.name):
            source = package["ModelMetrics"]["ModelQuality"]["Statistics"]
            assert source["ContentType"] == "application/json"
            statistics = json.loads(read_s3(s3, source["S3Uri"]))
            ((kind, metrics),) = statistics.items()
            assert kind in STATISTICS_KINDS
            for metric in metrics.values():
                assert set(metric) == {"value", "standard_deviation"}
                assert isinstance(metric["value"], float)
            first_metric.append(next(iter(metrics.values()))["value"])
        # Improving-ish: the newest version beats the first one.
        lower_is_better = kind == "regression_metrics"
        assert (first_metric[-1] < first_metric[0]) == lower_is_better


def test_versions_point_at_regional_images_and_real_model_archives(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker, s3 = emulator_client("sagemaker"), emulator_client("s3")
    for group in result.groups:
        for package in describe_versions(sagemaker, group.name):
            (container,) = package["InferenceSpecification"]["Containers"]
            assert f".dkr.ecr.{REGION}.amazonaws.com/" in container["Image"]
            assert container["ModelDataUrl"].startswith(f"s3://{result.artifacts_bucket}/")
            archive = gzip.decompress(read_s3(s3, container["ModelDataUrl"]))
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                assert tar.getnames() == ["model.json"]
            assert package["MetadataProperties"]["CommitId"] == result.commit_id


def test_approval_statuses_are_mixed_with_reasons(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    statuses = set()
    newest_pending = []
    for group in result.groups:
        packages = describe_versions(sagemaker, group.name)
        for package in packages:
            status = package["ModelApprovalStatus"]
            statuses.add(status)
            if status == PENDING:
                assert "ApprovalDescription" not in package
            else:
                assert package["ApprovalDescription"]
                assert "LastModifiedTime" in package
        newest_pending.append(packages[-1]["ModelApprovalStatus"] == PENDING)
    assert statuses == {APPROVED, REJECTED, PENDING}
    assert any(newest_pending)


def test_versions_name_the_teams_people_who_registered_and_reviewed_them(
        result: SeedResult, emulator_client: Callable[..., Any]) -> None:
    sagemaker = emulator_client("sagemaker")
    team = {"harry-potter", "ronald-weasley", "hermione-granger"}  # the seed article's team
    seen = []
    for group in result.groups:
        owner = slugify(group.owner)
        packages = describe_versions(sagemaker, group.name)
        seen.extend(packages)
        for package in packages:
            assert package["CreatedBy"]["UserProfileName"] == owner
            assert package["CreatedBy"]["DomainId"] in package["CreatedBy"]["UserProfileArn"]
            if package["ModelApprovalStatus"] != PENDING:
                reviewer = package["LastModifiedBy"]["UserProfileName"]
                assert reviewer in team and reviewer != owner  # a teammate reviews
    assert {slugify(g.owner) for g in result.groups} == team
    assert "fake-user-profile-name" not in json.dumps(seen, default=str)


def test_each_feature_has_a_dataset(result: SeedResult,
                                    emulator_client: Callable[..., Any]) -> None:
    s3 = emulator_client("s3")
    assert len(result.datasets) == 4
    for uri in result.datasets:
        lines = read_s3(s3, uri).decode().splitlines()
        assert uri.startswith(f"s3://{result.data_bucket}/")
        assert len(lines) > 10
        assert "," in lines[0]
    assert result.data_bucket == f"dsws-data-123456789012-{REGION}"
    assert result.artifacts_bucket == f"dsws-artifacts-123456789012-{REGION}"


def test_the_repository_clones_with_real_git_and_holds_the_notebooks(
        result: SeedResult, emulator: Emulator, emulator_client: Callable[..., Any],
        tmp_path: Path) -> None:
    codecommit = emulator_client("codecommit")
    listed = codecommit.list_repositories()["repositories"]
    assert [r["repositoryName"] for r in listed] == [REPOSITORY_NAME]
    metadata = codecommit.get_repository(repositoryName=REPOSITORY_NAME)["repositoryMetadata"]
    assert "notebooks" in metadata["repositoryDescription"]
    assert metadata["defaultBranch"] == "main"

    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", rewrite_setting(emulator.endpoint_url, REGION), "clone", "--",
                    metadata["cloneUrlHttp"], str(clone)],
                   env=git_environment(), check=True, capture_output=True, timeout=60)
    files = {p.name for p in clone.iterdir() if p.is_file()}
    assert files >= NOTEBOOKS | {"README.md", "requirements.txt"}
    for name in NOTEBOOKS:
        notebook = json.loads((clone / name).read_text())
        assert notebook["nbformat"] == 4
        nbformat.validate(nbformat.reads(json.dumps(notebook), as_version=4))
    log = subprocess.run(["git", "log", "--format=%H %an %aI", "main"], cwd=clone,
                         env=git_environment(), check=True, capture_output=True, text=True)
    assert log.stdout.split() == [result.commit_id, "Hermione", "Granger",
                                  "2024-09-01T09:00:00+00:00"]
    branch = codecommit.get_branch(repositoryName=REPOSITORY_NAME, branchName="main")
    assert branch["branch"]["commitId"] == result.commit_id


def test_seeding_twice_changes_nothing(
        result: SeedResult, emulator: Emulator, emulator_client: Callable[..., Any],
        tmp_path: Path) -> None:
    # Another working copy, same commit: the seeded commit is reproducible.
    again = seed(emulator.endpoint_url, REGION, tmp_path)
    assert again == result
    sagemaker = emulator_client("sagemaker")
    for group in result.groups:
        versions = sagemaker.list_model_packages(
            ModelPackageGroupName=group.name)["ModelPackageSummaryList"]
        assert len(versions) == len(group.versions)
    assert len(emulator_client("codecommit").list_repositories()["repositories"]) == 1


@pytest.mark.timeout(120)
def test_the_notebooks_run_against_the_emulator(
        result: SeedResult, emulator: Emulator, tmp_path: Path) -> None:
    # In the environment `dsws demo` gives JupyterLab's kernels.
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", rewrite_setting(emulator.endpoint_url, REGION), "clone", "--",
                    result.clone_url_http, str(clone)],
                   env=git_environment(), check=True, capture_output=True, timeout=60)
    env = lab_environment(os.environ, region=REGION, endpoint_url=emulator.endpoint_url,
                          state_dir=tmp_path / "state", token="unused",
                          clone_url=result.clone_url_http)
    done = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
         "--output-dir", str(tmp_path / "executed"), *sorted(str(clone / n) for n in NOTEBOOKS)],
        env=env, capture_output=True, text=True, timeout=110, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    executed = nbformat.read(tmp_path / "executed" / "train_xgboost_sorting_hat.ipynb",
                             as_version=4)
    printed = "".join(output.get("text", "") for cell in executed.cells
                      for output in cell.get("outputs", []))
    assert "v4  PendingManualApproval  accuracy 0.862" in printed
