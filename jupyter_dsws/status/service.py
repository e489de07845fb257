"""Who we are on AWS and where we run: the facts the status panel shows."""

from __future__ import annotations

import asyncio
import logging

from ..aws import AwsAccess
from ..errors import DSWSError
from ..studio import StudioApp
from ..wire import iso_time
from .models import AwsStatus, Status, StudioStatus

log = logging.getLogger(__name__)


class StatusService:
    """Builds the status; a failed AWS check is part of the answer, never an exception."""

    def __init__(self, aws: AwsAccess, studio: StudioApp | None, version: str, *,
                 probe_seconds: float = 5.0, identity_ttl_seconds: float = 3600.0,
                 failure_ttl_seconds: float = 10.0) -> None:
        self.aws = aws
        self.studio = studio
        self.version = version
        self.identity_ttl_seconds = identity_ttl_seconds
        self.failure_ttl_seconds = failure_ttl_seconds
        # The probe has less time than a panel's calls, so that a missing endpoint shows in
        # the panel within seconds whether its port refuses or accepts and never answers.
        self.probe_seconds = probe_seconds
        self._instance_type: str | None = None

    async def status(self, refresh: bool = False) -> Status:
        identity, instance_type = await asyncio.gather(self.identity(refresh),
                                                       self.instance_type())
        return Status(
            version=self.version,
            region=self.aws.region,
            aws=identity,
            studio=self._studio_status(instance_type),
        )

    async def identity(self, refresh: bool = False) -> AwsStatus:
        """Who we are, asked of STS once for every tab and kept until the credentials
        expire (at most ``identity_ttl_seconds``); a failed check is kept only briefly."""
        try:
            shared = await self.aws.shared("status.identity", self._ask_identity,
                                           services=("sts",), ttl=self._keep_for,
                                           refresh=refresh)
        except DSWSError as exc:  # throttled, and no earlier answer to stand in
            return AwsStatus(ok=False, endpoint=self.aws.endpoint_of("sts"), error=exc.message)
        return shared.value.model_copy(update={"fetched_at": iso_time(shared.fetched_at),
                                               "notice": shared.notice})

    def _keep_for(self, answer: AwsStatus) -> float:
        if not answer.ok:
            return self.failure_ttl_seconds
        left = self.aws.credentials_seconds_left()
        return self.identity_ttl_seconds if left is None else min(left,
                                                                  self.identity_ttl_seconds)

    async def _ask_identity(self) -> AwsStatus:
        try:
            answer = await self.aws.call("sts", "get_caller_identity", budget=self.probe_seconds)
        except DSWSError as exc:
            if getattr(exc, "throttled", False):
                raise  # the identity asked before stands in (shared reads)
            return AwsStatus(ok=False, endpoint=self.aws.endpoint_of("sts"), error=exc.message)
        return AwsStatus(ok=True, account=answer.get("Account"), arn=answer.get("Arn"),
                         endpoint=self.aws.endpoint_of("sts"))

    async def instance_type(self) -> str | None:
        """The app's instance type (not in the metadata file: DescribeApp knows it)."""
        app = self.studio
        if self._instance_type or not app or not (app.space_name or app.user_profile):
            return self._instance_type
        try:
            answer = await self.aws.call("sagemaker", "describe_app", budget=self.probe_seconds,
                                         **app.app_identity())
        except DSWSError as exc:
            log.info("dsws: instance type unknown: %s", exc.message)
            return None
        # Fixed for the app's lifetime: a new instance type means a new app and server.
        self._instance_type = (answer.get("ResourceSpec") or {}).get("InstanceType")
        return self._instance_type

    def _studio_status(self, instance_type: str | None) -> StudioStatus | None:
        app = self.studio
        if app is None:
            return None
        return StudioStatus(
            domain_id=app.domain_id, space_name=app.space_name, user_profile=app.user_profile,
            app_type=app.app_type, app_name=app.app_name, instance_type=instance_type,
        )
