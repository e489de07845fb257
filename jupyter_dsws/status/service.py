"""Who we are on AWS and where we run: the facts the status panel shows."""

from __future__ import annotations

import asyncio
import logging

from ..aws import AwsAccess
from ..errors import DSWSError
from ..studio import StudioApp
from .models import AwsStatus, Status, StudioStatus

log = logging.getLogger(__name__)


class StatusService:
    """Builds the status; a failed AWS check is part of the answer, never an exception."""

    def __init__(self, aws: AwsAccess, studio: StudioApp | None, version: str, *,
                 probe_read_timeout: float = 3.0, probe_max_attempts: int = 2) -> None:
        self.aws = aws
        self.studio = studio
        self.version = version
        # The probe is tighter than feature calls, so that a missing endpoint shows in the
        # panel within seconds whether its port refuses or accepts and never answers.
        self.probe_read_timeout = probe_read_timeout
        self.probe_max_attempts = probe_max_attempts
        self._instance_type: str | None = None

    async def status(self) -> Status:
        identity, instance_type = await asyncio.gather(self.identity(), self.instance_type())
        return Status(
            version=self.version,
            region=self.aws.region,
            aws=identity,
            studio=self._studio_status(instance_type),
        )

    async def identity(self) -> AwsStatus:
        endpoint = None
        try:
            sts = self.aws.client("sts", read_timeout=self.probe_read_timeout,
                                  max_attempts=self.probe_max_attempts)
            endpoint = sts.meta.endpoint_url
            answer = await self.aws.call(sts, "get_caller_identity")
        except DSWSError as exc:
            return AwsStatus(ok=False, endpoint=endpoint, error=exc.message)
        return AwsStatus(ok=True, account=answer.get("Account"), arn=answer.get("Arn"),
                         endpoint=endpoint)

    async def instance_type(self) -> str | None:
        """The app's instance type (not in the metadata file: DescribeApp knows it)."""
        app = self.studio
        if self._instance_type or not app or not app.space_name or not app.app_name:
            return self._instance_type
        try:
            sagemaker = self.aws.client("sagemaker", read_timeout=self.probe_read_timeout,
                                        max_attempts=self.probe_max_attempts)
            answer = await self.aws.call(
                sagemaker, "describe_app", DomainId=app.domain_id, SpaceName=app.space_name,
                AppType=app.app_type, AppName=app.app_name,
            )
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
