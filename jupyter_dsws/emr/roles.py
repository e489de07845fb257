"""What Studio says about the person's EMR access: runtime roles and the space's security groups.

The user profile's settings, else the domain's defaults, as AWS's own EMR extension reads
them: DescribeSpace names the owner of a private space (when the app's metadata does not),
DescribeUserProfile gives ``UserSettings.JupyterLabAppSettings.EmrSettings`` and
``UserSettings.SecurityGroups``, DescribeDomain ``DefaultUserSettings`` for what the profile
leaves out. Read once a minute at most; outside Studio both are empty.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from ..errors import DSWSError
from ..studio import StudioApp

log = logging.getLogger(__name__)

#: Seconds Studio's answers are reused.
CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class StudioAccess:
    execution_roles: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    #: Why the settings could not be read (logged; the panel works without them).
    problem: str | None = None


def access_of(profile: dict[str, Any] | None, domain: dict[str, Any] | None) -> StudioAccess:
    """The profile's EmrSettings and SecurityGroups, each else the domain's defaults."""
    user = (profile or {}).get("UserSettings") or {}
    default = (domain or {}).get("DefaultUserSettings") or {}

    def roles(settings: dict[str, Any]) -> list[str]:
        emr = (settings.get("JupyterLabAppSettings") or {}).get("EmrSettings") or {}
        return list(emr.get("ExecutionRoleArns") or [])

    return StudioAccess(
        execution_roles=tuple(roles(user) or roles(default)),
        security_groups=tuple(user.get("SecurityGroups") or default.get("SecurityGroups") or []))


class StudioSettings:
    def __init__(self, aws: Any, studio: StudioApp | None, *,
                 clock: Any = time.monotonic) -> None:
        self.aws = aws
        self.studio = studio
        self.clock = clock
        self._cached: tuple[float, StudioAccess] | None = None

    async def access(self) -> StudioAccess:
        if self.studio is None:
            return StudioAccess()
        if self._cached and self.clock() - self._cached[0] < CACHE_SECONDS:
            return self._cached[1]
        try:
            found = await self._read(self.studio)
        except DSWSError as exc:
            log.info("dsws: the Studio EMR settings were not read: %s", exc.message)
            return StudioAccess(problem=exc.message)
        self._cached = (self.clock(), found)
        return found

    async def _read(self, app: StudioApp) -> StudioAccess:
        owner = app.user_profile
        if owner is None and app.space_name:
            space = await self.aws.call("sagemaker", "describe_space", DomainId=app.domain_id,
                                        SpaceName=app.space_name)
            owner = (space.get("OwnershipSettings") or {}).get("OwnerUserProfileName")
        profile = None
        if owner:
            profile = await self.aws.call("sagemaker", "describe_user_profile",
                                          DomainId=app.domain_id, UserProfileName=owner)
        found = access_of(profile, None)
        if found.execution_roles and found.security_groups:
            return found
        domain = await self.aws.call("sagemaker", "describe_domain", DomainId=app.domain_id)
        return access_of(profile, domain)
