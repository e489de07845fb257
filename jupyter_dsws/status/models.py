"""The wire format of ``GET {base_url}dsws/status``.

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's.
"""

from __future__ import annotations

from pydantic import Field

from ..wire import Fetched, WireModel


class AwsStatus(Fetched):
    ok: bool
    account: str | None = None
    arn: str | None = Field(default=None, description=(
        "The caller's identity, e.g. the Studio execution role's assumed-role ARN."))
    endpoint: str | None = Field(default=None, description="The STS endpoint that was asked.")
    error: str | None = Field(default=None, description=(
        "Why the check failed, for a person; null when ok."))


class StudioStatus(WireModel):
    domain_id: str
    space_name: str | None = None
    user_profile: str | None = None
    app_type: str
    app_name: str | None = None
    instance_type: str | None = Field(default=None, description=(
        "From DescribeApp; null when it cannot be read."))


class Status(WireModel):
    version: str
    region: str | None = Field(description=(
        "Null when no region is configured (aws.error says how to set it)."))
    aws: AwsStatus
    studio: StudioStatus | None = Field(default=None,
                                        description="Null outside SageMaker Studio.")
