"""The wire format of ``{base_url}dsws/registry/…`` (the spec's Registry* schemas).

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's. Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, ConfigDict, Field

from ..errors import echo
from ..people import PersonRecord
from ..wire import Fetched, RefreshQuery, WireModel

ApprovalStatus = Literal["Approved", "Rejected", "PendingManualApproval"]
APPROVAL_STATUSES: tuple[str, ...] = ("Approved", "Rejected", "PendingManualApproval")
#: A model package version's ARN (the service checks the same before asking AWS).
PACKAGE_ARN_PATTERN = (r"^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:[0-9]{12}:model-package/[^/]+/"
                       r"[0-9]+$")
_NEXT = "The opaque cursor of the previous page's next, URL-encoded; absent for the first page."
_STATUS = "Approved, Rejected or PendingManualApproval."


class Group(WireModel):
    name: str
    arn: str
    description: str | None = None
    created: str | None = Field(default=None, description="ISO 8601, UTC.")
    versions_count: int = Field(default=0, ge=0, description=(
        "Exact up to 100 versions; above that the newest version number (versions are "
        "numbered 1..n)."))
    latest_version: int | None = None
    latest_status: str | None = Field(default=None, description=(
        "Approved, Rejected or PendingManualApproval; null for an empty group."))
    latest_approved_version: int | None = None
    last_modified: str | None = Field(default=None, description=(
        "The latest version's last change, else its creation (ISO 8601, UTC)."))


class GroupList(Fetched):
    groups: list[Group]
    next: str | None = None


class Version(WireModel):
    """One row of a group's sheet; a detail has more (RegistryVersionDetail)."""

    group: str
    version: int
    arn: str
    status: str = Field(description=_STATUS)
    created: str | None = Field(default=None, description="ISO 8601, UTC.")
    created_by: str | None = Field(default=None, description=(
        "The Studio user profile that created it, else null."))
    registered_by: PersonRecord | None = Field(default=None, description=(
        "The person who registered it from the Experiments panel (kept in its "
        "CustomerMetadataProperties as dsws:registered_by); null otherwise. For the record "
        "only."))
    description: str | None = None
    approval_description: str | None = Field(default=None, description=(
        "The last approval comment (SageMaker keeps only the last one)."))
    params: dict[str, str] = Field(default_factory=dict,
                                   description="CustomerMetadataProperties.")
    metrics: dict[str, float] = Field(default_factory=dict, description=(
        'Flattened statistics: "<name>": value; "<kind>.<name>" when a name occurs under '
        'two kinds (e.g. "regression.mae").'))
    metrics_std: dict[str, float] = Field(default_factory=dict, description=(
        "The standard deviation beside each metric, when known."))
    metrics_error: str | None = Field(default=None, description=(
        "Why metrics are missing or partial (file missing, not JSON...); null if none."))


class ApprovalEntry(WireModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    at: str = Field(description="ISO 8601, UTC.")
    by: str = Field(description=(
        "The AWS identity: the Studio user profile, else the caller's AWS identity ARN."))
    person: PersonRecord | None = Field(default=None, description=(
        "The person who did it in JupyterLab, as the server's identity provider names them "
        "(in a shared space everyone acts as one AWS identity); for the record only. Null "
        "in entries written before people were recorded."))
    from_: str | None = Field(default=None, alias="from")
    to: str
    comment: str = ""


class Snippets(WireModel):
    load: str = Field(description=(
        "Python (boto3) that describes the package and downloads its model data."))
    deploy: str = Field(description=(
        "Python (boto3) that deploys it to an endpoint in the Studio domain's VPC."))


class VersionDetail(Version, Fetched):
    """One version in full (in a comparison, the comparison says its age)."""

    image: str | None = None
    model_data_url: str | None = None
    training_job: str | None = Field(default=None, description=(
        "The training job's ARN or name, when recorded."))
    lineage: dict[str, str] = Field(default_factory=dict, description=(
        "MetadataProperties (Repository, CommitId, GeneratedBy, ProjectId)."))
    approval_history: list[ApprovalEntry] = Field(default_factory=list,
                                                  description="Oldest first.")
    status_set_by: str | None = Field(default=None, description=(
        "Who set the current status: the history's last change to it, else SageMaker's "
        "LastModifiedBy (a change made outside the panel); null when never changed."))
    status_set_by_person: PersonRecord | None = Field(default=None, description=(
        "The person behind status_set_by when the history names one; else null."))
    snippets: Snippets


class VersionList(Fetched):
    versions: list[Version]
    next: str | None = None


class ApprovalRequest(WireModel):
    model_config = ConfigDict(extra="forbid")

    # A plain string, checked by the service, so that a wrong one gets a sentence naming
    # the allowed statuses rather than pydantic's literal_error; the spec says which.
    status: str = Field(json_schema_extra={"enum": list(APPROVAL_STATUSES)})
    # Required: SageMaker keeps it as ApprovalDescription and our history beside it, so
    # the next reviewer reads why; blank is refused like missing.
    comment: str = Field(min_length=1, max_length=1024,
                         pattern=r"\S", description="Why: what the reviewer decided on.")


class TrendPoint(WireModel):
    version: int
    value: float


class Differences(WireModel):
    params: list[str]
    metrics: list[str]


class Comparison(Fetched):
    versions: list[VersionDetail]
    params: list[str]
    metrics: list[str]
    best: dict[str, str] = Field(description=(
        "Metric name -> the ARN of the version with the best value (known direction only)."))
    directions: dict[str, Literal["up", "down"] | None]
    trends: dict[str, dict[str, list[TrendPoint]]] = Field(description=(
        "Group -> metric -> every version's value, v1 first."))
    differences: Differences


class LatestApproved(WireModel):
    version: int
    arn: str
    metrics: dict[str, float] = Field(default_factory=dict)
    approved_at: str | None = Field(default=None, description=(
        "The version's last change (ISO 8601, UTC)."))


class Pending(WireModel):
    version: int
    arn: str
    created: str | None = None
    waiting_seconds: float


class OverviewGroup(WireModel):
    name: str
    description: str | None = None
    latest_approved: LatestApproved | None = None
    pending: list[Pending] = Field(default_factory=list, description=(
        "Versions waiting for review, oldest first (up to 100 per group)."))


class Overview(Fetched):
    groups: list[OverviewGroup]
    next: str | None = None


# -- query strings ------------------------------------------------------------------------

Next = Annotated[str | None, Field(description=_NEXT)]


def _compare_arns(arns: list[str]) -> list[str]:
    if not 2 <= len(arns) <= 10 or len(set(arns)) != len(arns):
        raise ValueError(f"Compare takes 2 to 10 different version ARNs (arn=...); got "
                         f"{len(arns)} ({len(set(arns))} different)")
    bad = [a for a in arns if not re.fullmatch(PACKAGE_ARN_PATTERN, a)]
    if bad:
        raise ValueError(f"Not a model package version ARN: '{echo(bad[0])}' (expected "
                         "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<n>)")
    return arns


class GroupsQuery(RefreshQuery):
    query: str | None = Field(default=None, max_length=63, description=(
        "Part of the group name (the API's NameContains, at most a group name's 63 "
        "characters); empty or absent lists every group."))
    next: Next = None


class VersionsQuery(RefreshQuery):
    # A plain string for the service's sentence naming the statuses (bad_status).
    status: str | None = Field(default=None, min_length=1, description=(
        "Only versions with this approval status; absent for every status."),
        json_schema_extra={"enum": list(APPROVAL_STATUSES)})
    next: Next = None


class VersionQuery(RefreshQuery):
    pass


class CompareQuery(RefreshQuery):
    #: The code of a refusal, as the service's own checks give it.
    error_code: ClassVar[str] = "bad_compare"

    arn: Annotated[list[str], AfterValidator(_compare_arns), Field(
        description="A model package version ARN; repeat 2 to 10 times, each once.",
        json_schema_extra={"minItems": 2, "maxItems": 10, "uniqueItems": True,
                           "items": {"type": "string", "pattern": PACKAGE_ARN_PATTERN}})]


class OverviewQuery(RefreshQuery):
    next: Next = None
