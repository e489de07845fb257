"""EMR Serverless applications: list them, start a stopped one. No tornado."""

from __future__ import annotations

import re
from typing import Any

from ..errors import DSWSError, NotFound, echo
from .clusters import iso
from .models import EmrServerlessApplication, EmrServerlessApplicationList, EmrServerlessStarted

#: An EMR Serverless application id (lower-case letters and digits).
APPLICATION_ID = re.compile(r"^[0-9a-z]{1,64}$")
#: Pages of ListApplications read (50 applications each).
MAX_PAGES = 10


def application(raw: dict[str, Any]) -> EmrServerlessApplication:
    """ListApplications' summary (``id``) or GetApplication's application (``applicationId``)."""
    return EmrServerlessApplication(
        id=raw.get("id") or raw["applicationId"], name=raw.get("name"),
        state=raw.get("state") or "UNKNOWN",
        type=raw.get("type") or "", release=raw.get("releaseLabel"),
        created=iso(raw.get("createdAt")))


def _not_found(application_id: str) -> Any:
    def refine(failure: Any) -> DSWSError | None:
        if failure.kind == "not_found" or failure.code == "ResourceNotFoundException":
            return NotFound(f"EMR Serverless has no application {echo(application_id)} in "
                            "this account and region.", code="application_not_found")
        return None
    return refine


class Serverless:
    def __init__(self, aws: Any) -> None:
        self.aws = aws

    async def applications(self) -> EmrServerlessApplicationList:
        found = await self.aws.items("emr-serverless", "list_applications", "applications",
                                     max_pages=MAX_PAGES)
        apps = sorted((application(a) for a in found), key=lambda a: (a.name or a.id).lower())
        return EmrServerlessApplicationList(applications=apps)

    async def start(self, application_id: str) -> EmrServerlessStarted:
        """StartApplication (AWS accepts it for a started one too), then the application as
        it is now: STARTING, usually."""
        if not APPLICATION_ID.match(application_id):
            raise NotFound(f"{echo(application_id)} is not an EMR Serverless application id.",
                           code="application_not_found")
        refine = _not_found(application_id)
        await self.aws.call("emr-serverless", "start_application",
                            applicationId=application_id, refine=refine)
        answer = await self.aws.call("emr-serverless", "get_application",
                                     applicationId=application_id, refine=refine)
        return EmrServerlessStarted(application=application(answer["application"]))
