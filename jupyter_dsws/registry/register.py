"""``register_model``: what a data scientist calls at the end of training, in a notebook.

Plain synchronous boto3, no server: it writes the metrics as a SageMaker model quality
statistics JSON to S3, creates the model package group if needed, and registers a new
version whose ModelMetrics point at that file, so the Models panel shows its parameters
and metrics as columns.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..aws import call_sync, make_client, make_session
from .metrics import folder_of, split_s3_uri, to_statistics

PENDING = "PendingManualApproval"
STATUSES = ("Approved", "Rejected", PENDING)


def _param_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def register_model(
    group: str,
    model_data_url: str,
    image_uri: str | None,
    params: Mapping[str, Any] | None = None,
    metrics: Mapping[str, Any] | None = None,
    description: str | None = None,
    *,
    metrics_uri: str | None = None,
    approval_status: str = PENDING,
    group_description: str | None = None,
    lineage: Mapping[str, str] | None = None,
    inference: Mapping[str, Any] | None = None,
    region: str | None = None,
    session: Any = None,
    endpoint_url: str | None = None,
    sagemaker_client: Any = None,
    s3_client: Any = None,
) -> dict[str, Any]:
    """Register a model version; returns ``{"arn", "version", "metrics_uri"}``.

    - ``params``: training parameters, stored as the version's CustomerMetadataProperties
      (values that are not strings are stored as JSON text, e.g. ``0.1`` → ``"0.1"``).
    - ``metrics``: flat (``{"accuracy": 0.91}``, a value may be ``(value, std)``) or SageMaker
      statistics (``{"multiclass_classification_metrics": {"accuracy": {"value": 0.91,
      "standard_deviation": 0.01}}}``). Written to ``metrics_uri``, by default a folder of
      its own per registration beside the model data (see ``default_metrics_uri``).
    - ``lineage``: MetadataProperties (Repository, CommitId, GeneratedBy, ProjectId).
    - ``inference``: more InferenceSpecification keys (SupportedContentTypes, instance
      types...) and container keys under ``"Container"`` (Framework, FrameworkVersion...).
    - ``session``/``endpoint_url``/``*_client``: where to register (default: the notebook's
      own AWS credentials and region).
    """
    if approval_status not in STATUSES:
        raise ValueError(f"approval_status must be one of {', '.join(STATUSES)}")
    split_s3_uri(model_data_url)  # a clear ValueError for anything but s3://bucket/key
    if not (sagemaker_client and s3_client):
        session = session or make_session(region)
    sagemaker = sagemaker_client or make_client("sagemaker", region, session=session,
                                                endpoint_url=endpoint_url)
    s3 = s3_client or make_client("s3", region, session=session, endpoint_url=endpoint_url)

    model_metrics = None
    if metrics:
        statistics = to_statistics(metrics)
        metrics_uri = metrics_uri or default_metrics_uri(model_data_url)
        bucket, key = split_s3_uri(metrics_uri)
        s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(statistics, indent=2).encode(),
                      ContentType="application/json")
        model_metrics = {"ModelQuality": {"Statistics": {
            "ContentType": "application/json", "S3Uri": metrics_uri}}}

    _ensure_group(sagemaker, group, group_description)

    request: dict[str, Any] = {
        "ModelPackageGroupName": group,
        "ModelApprovalStatus": approval_status,
    }
    if image_uri:
        extra = dict(inference or {})
        container = {"Image": image_uri, "ModelDataUrl": model_data_url,
                     **dict(extra.pop("Container", {}))}
        request["InferenceSpecification"] = {"Containers": [container], **extra}
    else:  # no serving image yet: the version records where the model is
        request["SourceUri"] = model_data_url
    if description:
        request["ModelPackageDescription"] = description
    if model_metrics:
        request["ModelMetrics"] = model_metrics
    if params:
        request["CustomerMetadataProperties"] = {str(k): _param_text(v)
                                                 for k, v in params.items()}
    if lineage:
        request["MetadataProperties"] = dict(lineage)
    arn = sagemaker.create_model_package(**request)["ModelPackageArn"]
    tail = arn.rsplit("/", 1)[-1]  # a version's ARN ends with /<version>
    version = int(tail) if tail.isdigit() else sagemaker.describe_model_package(
        ModelPackageName=arn)["ModelPackageVersion"]
    return {"arn": arn, "version": version, "metrics_uri": metrics_uri if metrics else None}


def default_metrics_uri(model_data_url: str, now: datetime | None = None) -> str:
    """``<model data folder>/dsws-metrics/<UTC time>-<8 hex>/statistics.json``.

    One folder per registration: a notebook that always writes the same model.tar.gz
    would otherwise give every version one shared metrics file, and one approval history
    (which lives beside the metrics), so older versions would show the newest one's.
    The time sorts the folders by registration; the random part keeps two in one second
    apart.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{folder_of(model_data_url)}/dsws-metrics/{stamp}-{secrets.token_hex(4)}/" \
        "statistics.json"


def _ensure_group(sagemaker: Any, group: str, description: str | None) -> None:
    if call_sync(sagemaker, "describe_model_package_group", missing_ok=True,
                 ModelPackageGroupName=group) is not None:
        return
    params = {"ModelPackageGroupName": group}
    if description:
        params["ModelPackageGroupDescription"] = description
    sagemaker.create_model_package_group(**params)
