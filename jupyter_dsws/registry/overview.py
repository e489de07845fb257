"""The Team overview: per group, the latest approved version and what waits for approval."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from .calls import LIST_PAGE
from .listing import RegistryListing
from .models import LatestApproved, Overview, OverviewGroup, Pending
from .packages import iso


class RegistryOverview(RegistryListing):
    async def overview(self, next_: str | None = None, refresh: bool = False) -> Overview:
        return await self._shared("registry.overview", lambda: self._overview(next_),
                                  refresh, next=next_)

    async def _overview(self, next_: str | None) -> Overview:
        summaries, following = await self._group_page(None, next_, self.config.page_size)
        return Overview(groups=await self._each(summaries, self._overview_group),
                        next=following)

    async def _overview_group(self, summary: dict[str, Any]) -> OverviewGroup:
        name = summary["ModelPackageGroupName"]
        approved, pending = await asyncio.gather(
            self._call("list_model_packages", ModelPackageGroupName=name,
                       ModelApprovalStatus="Approved", SortBy="CreationTime",
                       SortOrder="Descending", MaxResults=1),
            self._call("list_model_packages", ModelPackageGroupName=name,
                       ModelApprovalStatus="PendingManualApproval", SortBy="CreationTime",
                       SortOrder="Ascending", MaxResults=LIST_PAGE))
        now = self.clock()
        waiting = [
            Pending(version=s["ModelPackageVersion"], arn=s["ModelPackageArn"],
                    created=iso(s.get("CreationTime")),
                    waiting_seconds=max(0.0, round(now - s["CreationTime"].timestamp(), 1))
                    if isinstance(s.get("CreationTime"), datetime) else 0.0)
            for s in pending.get("ModelPackageSummaryList", [])]
        latest = None
        found = approved.get("ModelPackageSummaryList", [])
        if found:
            package = await self._call_or_none("describe_model_package",
                                               ModelPackageName=found[0]["ModelPackageArn"])
            if package:
                version = await self._version(package)
                latest = LatestApproved(
                    version=version.version, arn=version.arn, metrics=version.metrics,
                    approved_at=iso(package.get("LastModifiedTime")) or version.created)
        return OverviewGroup(name=name,
                             description=summary.get("ModelPackageGroupDescription") or None,
                             latest_approved=latest, pending=waiting)
