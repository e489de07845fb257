"""The wire format of ``GET {base_url}dsws/status``; mirrored in labextension/src/status/api.ts."""

from __future__ import annotations

from pydantic import BaseModel


class AwsStatus(BaseModel):
    ok: bool
    account: str | None = None
    arn: str | None = None
    endpoint: str | None = None
    error: str | None = None


class StudioStatus(BaseModel):
    domain_id: str
    space_name: str | None = None
    user_profile: str | None = None
    app_type: str
    app_name: str | None = None
    instance_type: str | None = None


class Status(BaseModel):
    version: str
    region: str | None
    aws: AwsStatus
    studio: StudioStatus | None = None
