"""Setting a version's approval status, and writing it to the version's approval history."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from ..errors import Conflict, DSWSError
from ..people import Person, person_record
from ..studio import in_shared_space
from .listing import RegistryListing
from .models import ApprovalEntry, ApprovalRequest, VersionDetail
from .packages import allowed_status, iso

log = logging.getLogger(__name__)


class RegistryApproval(RegistryListing):
    async def who(self) -> str:
        """The AWS identity that decides: the Studio user profile of a private space, else
        the caller's ARN. A shared space's metadata may name a profile, but everyone there
        acts as the space's role (the person is recorded beside it, people.py)."""
        if self.studio and self.studio.user_profile and not in_shared_space():
            return self.studio.user_profile
        if self._caller is None:
            self._caller = (await self.aws.call("sts", "get_caller_identity"))["Arn"]
        return self._caller

    async def set_approval(self, group: str, version: int, request: ApprovalRequest,
                           person: Person | None = None) -> VersionDetail:
        """Set the status and append to the history; ``person`` (who asked, as the server
        names them) is recorded beside the AWS identity, and decides nothing."""
        status = allowed_status(request.status)
        package = await self._find(group, version)
        history_uri = self.history_uri(package)
        if history_uri is None:
            raise Conflict(
                f"Version {version} of {group} has neither a metrics file nor model data in "
                "S3, so its approval history has no place; an admin can set "
                "ModelRegistry.history_fallback_uri.", code="no_history_location")
        by = await self.who()
        params: dict[str, Any] = {"ModelPackageArn": package["ModelPackageArn"],
                                  "ModelApprovalStatus": status,
                                  "ApprovalDescription": request.comment}
        if package.get("CustomerMetadataProperties"):
            # The emulator drops the map on an update that does not repeat it; AWS keeps it.
            params["CustomerMetadataProperties"] = package["CustomerMetadataProperties"]
        await self._call("update_model_package", **params)
        log.info("dsws registry: %s v%s set to %s by %s as %s", group, version, status,
                 person or "unknown", by)
        entry = ApprovalEntry(at=iso(datetime.fromtimestamp(self.clock(), timezone.utc)) or "",
                              by=by, from_=package.get("ModelApprovalStatus"), to=status,
                              comment=request.comment, person=person_record(person))
        # The document may be shared (two versions with one model data folder or one
        # metrics file): each entry says whose it is.
        stored = {"arn": package["ModelPackageArn"], **entry.model_dump(by_alias=True)}
        try:
            await self.store.append_history(history_uri, stored)
        except DSWSError as exc:
            exc.message = (f"Version {version} of {group} is now {status}, but its approval "
                           f"history could not be written: {exc.message}")
            exc.args = (exc.message,)
            raise
        return await self.version(group, version)
