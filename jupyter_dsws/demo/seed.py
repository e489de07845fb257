"""Fill an emulator with a small team's work, told from the demo inventory.

``seed`` only talks to AWS APIs (boto3 with fake credentials) and to git over HTTP, the
way a team would have built this state on a real account, so what the extension later
reads is what real AWS would hold. It is idempotent: a second run against the same
emulator finds the buckets, the groups with their versions and the repository and
creates nothing twice (to start over, reset the emulator first).
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..aws import call_sync, items
from ..registry import register_model
from ..slug import slugify
from .catalog import PENDING, ModelFamily, VersionPlan, family
from .clients import Clients
from .emr_seed import EmrSeed, seed_emr
from .git import run_git
from .git_config import rewrite_setting
from .inventory import InventoryRow, demo_inventory
from .studio_seed import StudioSeed, seed_studio
from .team import reviewer_of

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


REPOSITORY_NAME = "sagemaker-repository"
REPOSITORY_DESCRIPTION = "The team's notebooks: one per feature of the model inventory."
# Fixed, so that the seeded commit has the same id on every machine and every run.
_COMMIT_ENV = {
    "GIT_AUTHOR_NAME": "Hermione Granger",
    "GIT_AUTHOR_EMAIL": "hermione.granger@hogwarts.example",
    "GIT_AUTHOR_DATE": "2024-09-01T09:00:00+00:00",
    "GIT_COMMITTER_NAME": "Hermione Granger",
    "GIT_COMMITTER_EMAIL": "hermione.granger@hogwarts.example",
    "GIT_COMMITTER_DATE": "2024-09-01T09:00:00+00:00",
}
NOTEBOOKS = {
    "XGBoost": "train_xgboost_sorting_hat.ipynb",
    "Seq2seq": "train_seq2seq_inquiry_summaries.ipynb",
    "ARIMA": "forecast_arima_owls.ipynb",
    "CNN": "train_cnn_restricted_section.ipynb",
}


@dataclass(frozen=True)
class SeededVersion:
    arn: str
    version: int
    approval_status: str
    metrics_uri: str
    model_data_url: str


@dataclass(frozen=True)
class SeededGroup:
    name: str
    feature: str
    owner: str
    model: str
    versions: tuple[SeededVersion, ...]


@dataclass(frozen=True)
class SeedResult:
    """What the emulator holds after ``seed``: enough to print it and to test it."""

    account_id: str
    region: str
    data_bucket: str
    artifacts_bucket: str
    datasets: tuple[str, ...]
    groups: tuple[SeededGroup, ...]
    repository_name: str
    clone_url_http: str
    commit_id: str
    emr: EmrSeed | None = None
    studio: StudioSeed | None = None

    def summary(self) -> list[str]:
        """Lines for a person: what is there and where."""
        lines = [
            f"S3            s3://{self.data_bucket} ({len(self.datasets)} datasets), "
            f"s3://{self.artifacts_bucket} (models and metrics)",
            f"Model registry {len(self.groups)} model package groups:",
        ]
        for group in self.groups:
            statuses = ", ".join(f"v{v.version} {v.approval_status}" for v in group.versions)
            lines.append(f"  {group.name} ({group.owner}, {group.model}): {statuses}")
        lines.append(f"CodeCommit    {self.repository_name}: git clone {self.clone_url_http}")
        if self.emr is not None:
            lines += self.emr.summary()
        if self.studio is not None:
            lines += self.studio.summary()
        return lines


def data_bucket_name(account_id: str, region: str) -> str:
    return f"dsws-data-{account_id}-{region}"


def artifacts_bucket_name(account_id: str, region: str) -> str:
    return f"dsws-artifacts-{account_id}-{region}"


def seed(endpoint_url: str, region: str, workdir: Path, *,
         wheel: Path | None = None) -> SeedResult:
    """Seed the emulator at ``endpoint_url``; ``workdir`` holds the repository's working copy
    (and the lifecycle configuration's build, when ``wheel`` is given: see studio_seed.py)."""
    clients = Clients(endpoint_url, region)
    account = clients.sts.get_caller_identity()["Account"]
    data_bucket = data_bucket_name(account, region)
    artifacts_bucket = artifacts_bucket_name(account, region)
    for bucket in (data_bucket, artifacts_bucket):
        _ensure_bucket(clients.s3, bucket, region)

    inventory = demo_inventory()
    datasets = tuple(_put_dataset(clients.s3, data_bucket, row) for row in inventory)
    clone_url, commit_id = _seed_repository(clients.codecommit, Path(workdir),
                                            rewrite_setting(endpoint_url, region))
    groups = tuple(
        _seed_group(clients, row, artifacts_bucket, region, clone_url, commit_id)
        for row in inventory
    )
    emr = seed_emr(clients, region, account)  # the domain and the team's user profiles
    return SeedResult(
        account_id=account, region=region, data_bucket=data_bucket,
        artifacts_bucket=artifacts_bucket, datasets=datasets, groups=groups,
        repository_name=REPOSITORY_NAME, clone_url_http=clone_url, commit_id=commit_id,
        emr=emr, studio=seed_studio(clients, artifacts_bucket, Path(workdir), wheel),
    )


def _ensure_bucket(s3: Any, bucket: str, region: str) -> None:
    params: dict[str, Any] = {"Bucket": bucket}
    if region != "us-east-1":  # us-east-1 refuses a location constraint naming itself
        params["CreateBucketConfiguration"] = {"LocationConstraint": region}
    call_sync(s3, "create_bucket", ok_codes=("BucketAlreadyOwnedByYou",), **params)


def _data(*parts: str) -> Traversable:
    node = resources.files(__package__) / "data"
    for part in parts:
        node = node / part
    return node


def _put_dataset(s3: Any, bucket: str, row: InventoryRow) -> str:
    group = slugify(row.feature)
    key = f"{group}/train.csv"
    s3.put_object(Bucket=bucket, Key=key, Body=_data("datasets", f"{group}.csv").read_bytes(),
                  ContentType="text/csv")
    return f"s3://{bucket}/{key}"


def _seed_repository(codecommit: Any, workdir: Path, rewrite: str) -> tuple[str, str]:
    """Create the repository and push the notebooks to it, as a team member would.

    ``rewrite`` is the demo's ``url.<base>.insteadOf`` setting: the push goes to the URL
    AWS reports, and git sends it to the emulator's git server.
    """
    call_sync(codecommit, "create_repository", ok_codes=("RepositoryNameExistsException",),
              repositoryName=REPOSITORY_NAME, repositoryDescription=REPOSITORY_DESCRIPTION)
    clone_url = codecommit.get_repository(
        repositoryName=REPOSITORY_NAME)["repositoryMetadata"]["cloneUrlHttp"]

    checkout = workdir / REPOSITORY_NAME
    # The working copy is ours and rebuilt each time, so its commit id never drifts.
    shutil.rmtree(checkout, ignore_errors=True)
    checkout.mkdir(parents=True)
    for entry in _data("repository").iterdir():
        if entry.is_file():
            (checkout / entry.name).write_bytes(entry.read_bytes())
    author = ("-c", f"user.name={_COMMIT_ENV['GIT_AUTHOR_NAME']}",
              "-c", f"user.email={_COMMIT_ENV['GIT_AUTHOR_EMAIL']}")
    run_git("init", "--quiet", cwd=checkout)
    run_git("add", "--all", cwd=checkout)
    run_git(*author, "commit", "--quiet", "--no-verify", "-m",
            "The team's notebooks, one per feature", cwd=checkout, env=_COMMIT_ENV)
    # An unchanged commit makes this a no-op on a second seed.
    run_git("-c", rewrite, "push", "--quiet", "--", clone_url, "HEAD:refs/heads/main",
            cwd=checkout)
    commit_id = run_git("rev-parse", "HEAD", cwd=checkout).strip()
    return clone_url, commit_id


def _seed_group(clients: Clients, row: InventoryRow, bucket: str, region: str,
                clone_url: str, commit_id: str) -> SeededGroup:
    name = slugify(row.feature)
    model = family(row.model)
    # The owner registers (CreatedBy), a teammate reviews (LastModifiedBy), as in Studio.
    owner, reviewer = clients.of(row.user), clients.of(reviewer_of(row.user))
    sagemaker = owner.sagemaker
    description = f"{row.feature}. Owner: {row.user}. Model: {row.model}."
    if call_sync(sagemaker, "describe_model_package_group", missing_ok=True,
                 ModelPackageGroupName=name) is None:
        sagemaker.create_model_package_group(ModelPackageGroupName=name,
                                             ModelPackageGroupDescription=description)

    registered = _versions(sagemaker, name)
    for number, plan in enumerate(model.versions[len(registered):], start=len(registered) + 1):
        prefix = f"s3://{bucket}/{name}/v{number}"
        owner.s3.put_object(Bucket=bucket, Key=f"{name}/v{number}/model.tar.gz",
                            Body=_fake_model(model, plan), ContentType="application/gzip")
        properties = {**plan.params, "model_size_mb": f"{row.memory_mb:g}",
                      "gpu": "true" if row.gpu else "false"}
        # As a data scientist would at the end of training: the public notebook API.
        arn = register_model(
            name, f"{prefix}/model.tar.gz", model.image(region), params=properties,
            metrics=model.statistics(plan),
            description=f"{row.model} version {number} for {row.feature}",
            metrics_uri=f"{prefix}/statistics.json", approval_status=PENDING,
            lineage={"Repository": clone_url, "CommitId": commit_id,
                     "GeneratedBy": NOTEBOOKS.get(row.model, REPOSITORY_NAME)},
            inference=_inference(model, row),
            sagemaker_client=sagemaker, s3_client=owner.s3,
        )["arn"]
        # Decided versions go through the reviewer's update, as on AWS: only an update
        # records ApprovalDescription and LastModifiedTime. moto drops the metadata map on
        # any update that does not repeat it (AWS keeps it): repeating it suits both.
        if plan.approval != PENDING:
            reviewer.sagemaker.update_model_package(
                ModelPackageArn=arn, ModelApprovalStatus=plan.approval,
                ApprovalDescription=plan.reason, CustomerMetadataProperties=properties)

    versions = tuple(
        SeededVersion(arn=summary["ModelPackageArn"], version=summary["ModelPackageVersion"],
                      approval_status=summary["ModelApprovalStatus"],
                      metrics_uri=f"s3://{bucket}/{name}/v{summary['ModelPackageVersion']}"
                                  "/statistics.json",
                      model_data_url=f"s3://{bucket}/{name}/v{summary['ModelPackageVersion']}"
                                     "/model.tar.gz")
        for summary in _versions(sagemaker, name)
    )
    return SeededGroup(name=name, feature=row.feature, owner=row.user, model=row.model,
                       versions=versions)


def _versions(sagemaker: Any, group: str) -> list[dict[str, Any]]:
    summaries = items(sagemaker, "list_model_packages", "ModelPackageSummaryList",
                      ModelPackageGroupName=group)
    return sorted(summaries, key=lambda s: s["ModelPackageVersion"])


def _inference(model: ModelFamily, row: InventoryRow) -> dict[str, Any]:
    """What register_model adds to the InferenceSpecification for this family."""
    instances = (["ml.g4dn.xlarge", "ml.g5.xlarge"] if row.gpu
                 else ["ml.m5.large", "ml.c5.xlarge"])
    return {
        "Container": {"Framework": model.framework,
                      "FrameworkVersion": model.framework_version},
        "SupportedContentTypes": [model.content_type],
        "SupportedResponseMIMETypes": ["application/json"],
        "SupportedRealtimeInferenceInstanceTypes": instances,
        "SupportedTransformInstanceTypes": instances,
    }


def _fake_model(model: ModelFamily, plan: VersionPlan) -> bytes:
    """A real, reproducible model.tar.gz whose one file says what it stands in for."""
    manifest = json.dumps({
        "family": model.name, "params": dict(plan.params),
        "note": "A stand-in for a trained model: the demo registers it, never serves it.",
    }, indent=2).encode()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        info = tarfile.TarInfo("model.json")
        info.size = len(manifest)
        info.mtime = 0
        tar.addfile(info, io.BytesIO(manifest))
    return gzip.compress(archive.getvalue(), mtime=0)
