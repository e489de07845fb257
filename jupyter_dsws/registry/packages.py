"""Pure readings of SageMaker model packages: dates, who did what, where the approval
history lives. Plain functions, tested without AWS or a server."""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidInput, echo
from ..people import PersonRecord, person_from
from .metrics import statistics_uris
from .models import APPROVAL_STATUSES, ApprovalEntry

log = logging.getLogger(__name__)

HISTORY_NAME = "approval-history.json"
PACKAGE_ARN = re.compile(r"^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:model-package/[^/]+/\d+$")


def iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def allowed_status(status: str) -> str:
    if status not in APPROVAL_STATUSES:
        raise InvalidInput(f"Unknown approval status '{echo(status, 40)}': use one of "
                           f"{', '.join(APPROVAL_STATUSES)}.", code="bad_status")
    return status


def training_job(package: dict[str, Any]) -> str | None:
    """The training job a version came from, where the registry records one."""
    generated = (package.get("MetadataProperties") or {}).get("GeneratedBy") or ""
    if ":training-job/" in generated:
        return generated
    params = package.get("CustomerMetadataProperties") or {}
    for key in ("training_job", "TrainingJobName", "training_job_name", "TrainingJobArn"):
        if params.get(key):
            return str(params[key])
    return None


def history_uri(package: dict[str, Any], fallback_uri: str | None) -> str | None:
    """Where the version's approval history lives: beside its metrics, else beside its
    model data, else under ``fallback_uri`` (ModelRegistry.history_fallback_uri), else
    nowhere."""
    uris = statistics_uris(package.get("ModelMetrics"))
    if uris:
        return beside(uris[0])
    containers = (package.get("InferenceSpecification") or {}).get("Containers") or []
    data = next((c.get("ModelDataUrl") for c in containers
                 if str(c.get("ModelDataUrl") or "").startswith("s3://")), None)
    if data:
        return beside(data)
    if fallback_uri:
        return (f"{fallback_uri}/{package['ModelPackageGroupName']}/"
                f"{package['ModelPackageVersion']}/{HISTORY_NAME}")
    return None


def beside(uri: str) -> str:
    """The history's URI in the S3 folder of ``uri``; the bucket's root for ``s3://bucket``
    (which the API accepts, and whose "folder" would otherwise be ``s3:/``)."""
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    folder = key.rsplit("/", 1)[0] + "/" if "/" in key else ""
    return f"s3://{bucket}/{folder}{HISTORY_NAME}"


def status_set_by(package: dict[str, Any], entries: list[ApprovalEntry]) -> str | None:
    """Who set the version's current status, as far as anyone recorded it."""
    status = package.get("ModelApprovalStatus")
    if entries and entries[-1].to == status:
        return entries[-1].by
    if not package.get("LastModifiedTime"):
        return None  # never changed since it was registered
    who = package.get("LastModifiedBy") or {}
    return (who.get("UserProfileName")
            or (who.get("IamIdentity") or {}).get("Arn")
            or None)


def status_set_by_person(package: dict[str, Any],
                         entries: list[ApprovalEntry]) -> PersonRecord | None:
    """The person who set the current status, when our history names one."""
    if entries and entries[-1].to == package.get("ModelApprovalStatus"):
        return entries[-1].person
    return None


#: CustomerMetadataProperties the panels write for the record: never shown as parameters.
REGISTERED_BY = "dsws:registered_by"
REGISTERED_BY_NAME = "dsws:registered_by_display_name"
RECORD_PREFIX = "dsws:"


def registered_by(properties: dict[str, Any]) -> PersonRecord | None:
    """Who registered a version from the Experiments panel, as it recorded them."""
    return person_from({"name": properties.get(REGISTERED_BY),
                        "display_name": properties.get(REGISTERED_BY_NAME)})


def entries_of(raw: list[dict[str, Any]], arn: str) -> list[ApprovalEntry]:
    """The entries of the version ``arn``; one edited by hand into another shape is left
    out, and so is one without the version's ARN (another version's, in a shared file)."""
    entries = []
    for item in raw:
        if item.get("arn") != arn:
            continue
        try:
            entries.append(ApprovalEntry.model_validate(item))
        except ValidationError:
            log.info("dsws: approval history entry left out: %r", item)
    return entries
