"""The wire format of ``{base_url}dsws/registry/…`` (docs/openapi.yaml, Registry* schemas).

Mirrored in labextension/src/registry/api.ts. Times are ISO 8601 strings in UTC.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ApprovalStatus = Literal["Approved", "Rejected", "PendingManualApproval"]
APPROVAL_STATUSES: tuple[str, ...] = ("Approved", "Rejected", "PendingManualApproval")


class Group(BaseModel):
    name: str
    arn: str
    description: str | None = None
    created: str | None = None
    versions_count: int = 0
    latest_version: int | None = None
    latest_status: str | None = None
    latest_approved_version: int | None = None
    last_modified: str | None = None


class GroupList(BaseModel):
    groups: list[Group]
    next: str | None = None


class Version(BaseModel):
    group: str
    version: int
    arn: str
    status: str
    created: str | None = None
    created_by: str | None = None
    description: str | None = None
    approval_description: str | None = None
    params: dict[str, str] = Field(default_factory=dict)
    metrics: dict[str, float] = Field(default_factory=dict)
    metrics_std: dict[str, float] = Field(default_factory=dict)
    metrics_error: str | None = None


class ApprovalEntry(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    at: str
    by: str
    from_: str | None = Field(default=None, alias="from")
    to: str
    comment: str = ""


class Snippets(BaseModel):
    load: str
    deploy: str


class VersionDetail(Version):
    image: str | None = None
    model_data_url: str | None = None
    training_job: str | None = None
    lineage: dict[str, str] = Field(default_factory=dict)
    approval_history: list[ApprovalEntry] = Field(default_factory=list)
    #: Who set the current status: our history's last change to it, else SageMaker's
    #: LastModifiedBy (a change made outside the panel); None when never changed.
    status_set_by: str | None = None
    snippets: Snippets


class VersionList(BaseModel):
    versions: list[Version]
    next: str | None = None


class ApprovalRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # A plain string, checked by the service, so that a wrong one gets a sentence naming
    # the allowed statuses rather than pydantic's literal_error.
    status: str
    # Required: SageMaker keeps it as ApprovalDescription and our history beside it, so
    # the next reviewer reads why; blank is refused like missing.
    comment: str = Field(min_length=1, max_length=1024,
                         pattern=r"\S", description="Why: what the reviewer decided on.")


class TrendPoint(BaseModel):
    version: int
    value: float


class Differences(BaseModel):
    params: list[str]
    metrics: list[str]


class Comparison(BaseModel):
    versions: list[VersionDetail]
    params: list[str]
    metrics: list[str]
    best: dict[str, str]
    directions: dict[str, Literal["up", "down"] | None]
    trends: dict[str, dict[str, list[TrendPoint]]]
    differences: Differences


class LatestApproved(BaseModel):
    version: int
    arn: str
    metrics: dict[str, float] = Field(default_factory=dict)
    approved_at: str | None = None


class Pending(BaseModel):
    version: int
    arn: str
    created: str | None = None
    waiting_seconds: float


class OverviewGroup(BaseModel):
    name: str
    description: str | None = None
    latest_approved: LatestApproved | None = None
    pending: list[Pending] = Field(default_factory=list)


class Overview(BaseModel):
    groups: list[OverviewGroup]
    next: str | None = None
