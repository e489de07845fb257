"""Groups and versions as the Models panel lists them, and one version's detail.

Lists cost API calls in proportion to the rows of the page (the per-row calls run
concurrently, bounded by ``ModelRegistry.max_concurrency``), never to all rows.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from ..errors import DSWSError, InvalidInput, NotFound, echo
from . import cursor
from .calls import LIST_PAGE, MAX_PAGES, RegistryCalls
from .metrics import statistics_uris
from .models import Group, GroupList, Snippets, Version, VersionDetail, VersionList
from .packages import (
    RECORD_PREFIX,
    allowed_status,
    entries_of,
    history_uri,
    iso,
    registered_by,
    status_set_by,
    status_set_by_person,
    training_job,
)
from .snippets import deploy_snippet, load_snippet

log = logging.getLogger(__name__)

_EMPTY_FILTERED_PAGES = 3


class RegistryListing(RegistryCalls):
    # Groups -----------------------------------------------------------------------------

    async def _group_page(self, query: str | None, next_: str | None, size: int, *,
                          supplied: bool = True) -> tuple[list[dict[str, Any]], str | None]:
        params: dict[str, Any] = {"MaxResults": size, "SortBy": "CreationTime",
                                  "SortOrder": "Descending"}
        if query:
            params["NameContains"] = query
        answer = await self._list("list_model_package_groups", next_, supplied=supplied,
                                  **params)
        return answer.get("ModelPackageGroupSummaryList", []), cursor.encode(
            answer.get("NextToken"))

    async def groups(self, query: str | None = None, next_: str | None = None,
                     refresh: bool = False) -> GroupList:
        if query is not None and len(query) > 63:
            raise InvalidInput("Search text is at most 63 characters (a group name's limit).")
        return await self._shared("registry.groups", lambda: self._groups(query, next_),
                                  refresh, query=query or None, next=next_)

    async def _groups(self, query: str | None, next_: str | None) -> GroupList:
        summaries, following = await self._group_page(query or None, next_,
                                                       self.config.page_size)
        for _ in range(_EMPTY_FILTERED_PAGES):
            # AWS may filter NameContains after cutting the page: an empty page with a
            # NextToken. Follow a few, so a search does not show "nothing" too early.
            # (Not AwsAccess.pages: it starts at the first page and cannot hand back the
            # NextToken where it stopped as the browser's cursor.)
            if summaries or not following or not query:
                break
            summaries, following = await self._group_page(query, following,
                                                           self.config.page_size,
                                                           supplied=False)
        return GroupList(groups=await self._each(summaries, self._group), next=following)

    async def _group(self, summary: dict[str, Any]) -> Group:
        name = summary["ModelPackageGroupName"]
        group = Group(name=name, arn=summary.get("ModelPackageGroupArn", ""),
                      description=summary.get("ModelPackageGroupDescription") or None,
                      created=iso(summary.get("CreationTime")))
        answer = await self._call("list_model_packages", ModelPackageGroupName=name,
                                  SortBy="CreationTime", SortOrder="Descending",
                                  MaxResults=LIST_PAGE)
        versions = answer.get("ModelPackageSummaryList", [])
        if not versions:
            return group
        latest = versions[0]
        group.latest_version = latest.get("ModelPackageVersion")
        group.latest_status = latest.get("ModelApprovalStatus")
        more = bool(answer.get("NextToken"))
        # Versions are numbered 1..n: beyond one page the newest number is the count.
        group.versions_count = (max(len(versions), group.latest_version or 0) if more
                                else len(versions))
        approved = next((v for v in versions if v.get("ModelApprovalStatus") == "Approved"),
                        None)

        async def older_approved() -> dict[str, Any] | None:
            if approved is not None or not more:
                return approved
            found = (await self._call(
                "list_model_packages", ModelPackageGroupName=name, ModelApprovalStatus="Approved",
                SortBy="CreationTime", SortOrder="Descending", MaxResults=1,
            )).get("ModelPackageSummaryList", [])
            return found[0] if found else None

        detail, approved = await asyncio.gather(
            self._call_or_none("describe_model_package",
                               ModelPackageName=latest["ModelPackageArn"]),
            older_approved())
        detail = detail or {}
        group.latest_approved_version = approved.get("ModelPackageVersion") if approved else None
        group.last_modified = iso(detail.get("LastModifiedTime")) or iso(
            latest.get("CreationTime"))
        return group

    async def _group_arn(self, group: str) -> str:
        if not group or len(group) > 63:
            raise NotFound(f"No model package group named '{echo(group, 80)}'.")
        answer = await self._call_or_none("describe_model_package_group",
                                          ModelPackageGroupName=group)
        if answer is None:
            raise NotFound(f"No model package group named '{echo(group, 80)}'.",
                           code="group_not_found")
        return answer["ModelPackageGroupArn"]

    # Versions ---------------------------------------------------------------------------

    async def versions(self, group: str, status: str | None = None,
                       next_: str | None = None, refresh: bool = False) -> VersionList:
        return await self._shared("registry.versions",
                                  lambda: self._versions(group, status, next_), refresh,
                                  group=group, status=status, next=next_)

    async def _versions(self, group: str, status: str | None,
                        next_: str | None) -> VersionList:
        params: dict[str, Any] = {"ModelPackageGroupName": group, "SortBy": "CreationTime",
                                  "SortOrder": "Descending",
                                  "MaxResults": self.config.versions_page_size}
        if status:
            params["ModelApprovalStatus"] = allowed_status(status)
        # AWS lists an empty page for a group that does not exist: ask for the group too.
        _, answer = await asyncio.gather(self._group_arn(group),
                                         self._list("list_model_packages", next_, **params))
        summaries = answer.get("ModelPackageSummaryList", [])
        packages = await self._each(summaries, lambda s: self._call_or_none(
            "describe_model_package", ModelPackageName=s["ModelPackageArn"]))
        rows = await self._each([p for p in packages if p], self._version)
        return VersionList(versions=rows, next=cursor.encode(answer.get("NextToken")))

    async def _version(self, package: dict[str, Any]) -> Version:
        uris = statistics_uris(package.get("ModelMetrics"))
        self._metrics_uris[package["ModelPackageArn"]] = (package["ModelPackageVersion"], uris)
        flat, error = await self.store.metrics(uris)
        values = flat.values
        if not uris and self.run_metrics is not None:
            # MLflow's own registration writes no metrics file: the run has them.
            values = {**values, **(await self.run_metrics(package) or {})}
        creator = package.get("CreatedBy") or {}
        properties = package.get("CustomerMetadataProperties") or {}
        return Version(
            group=package["ModelPackageGroupName"], version=package["ModelPackageVersion"],
            arn=package["ModelPackageArn"], status=package.get("ModelApprovalStatus", ""),
            created=iso(package.get("CreationTime")),
            created_by=creator.get("UserProfileName") or None,
            registered_by=registered_by(properties),
            description=package.get("ModelPackageDescription") or None,
            approval_description=package.get("ApprovalDescription") or None,
            params={k: str(v) for k, v in properties.items()
                    if not k.startswith(RECORD_PREFIX)},
            metrics=values, metrics_std=flat.std, metrics_error=error,
        )

    def history_uri(self, package: dict[str, Any]) -> str | None:
        """Where the version's approval history lives (see ``packages.history_uri``)."""
        return history_uri(package, self.config.history_fallback_uri)

    async def _detail(self, package: dict[str, Any]) -> VersionDetail:
        version, history = await asyncio.gather(
            self._version(package), self._history_for_display(self.history_uri(package)))
        containers = (package.get("InferenceSpecification") or {}).get("Containers") or [{}]
        lineage = {k: str(v) for k, v in (package.get("MetadataProperties") or {}).items() if v}
        entries = entries_of(history[0], package["ModelPackageArn"])
        return VersionDetail(
            **version.model_dump(),
            image=containers[0].get("Image"), model_data_url=containers[0].get("ModelDataUrl"),
            training_job=training_job(package), lineage=lineage,
            approval_history=entries, status_set_by=status_set_by(package, entries),
            status_set_by_person=status_set_by_person(package, entries),
            snippets=Snippets(
                load=load_snippet(version.arn, self.aws.region),
                deploy=deploy_snippet(version.arn, self.aws.region, version.group,
                                      version.version)),
        )

    async def _history_for_display(self, uri: str | None) -> tuple[list[dict[str, Any]], Any]:
        if uri is None:
            return [], None
        try:
            return await self.store.history(uri)
        except DSWSError as exc:
            # The version stays readable; an approval says what is wrong (409/403/503).
            log.warning("dsws: approval history %s not shown: %s", uri, exc.message)
            return [], None

    async def _find(self, group: str, version: int) -> dict[str, Any]:
        group_arn = await self._group_arn(group)
        # Package ARNs are the group's with model-package/<lower-case name>/<version>;
        # describing by "group/2" is not portable (the emulator does not find it).
        arn = re.sub(r":model-package-group/.*$", f":model-package/{group.lower()}/{version}",
                     group_arn)
        package = await self._call_or_none("describe_model_package", ModelPackageName=arn)
        if package and package.get("ModelPackageVersion") == version and \
                package.get("ModelPackageGroupName") == group:
            return package
        # A differently-formed ARN: find the version by listing.
        async for page in self.aws.pages("sagemaker", "list_model_packages",
                                         max_pages=MAX_PAGES, ModelPackageGroupName=group,
                                         MaxResults=LIST_PAGE):
            for summary in page.get("ModelPackageSummaryList", []):
                if summary.get("ModelPackageVersion") == version:
                    found = await self._call_or_none(
                        "describe_model_package", ModelPackageName=summary["ModelPackageArn"])
                    if found:
                        return found
        raise NotFound(f"Model package group '{echo(group, 80)}' has no version {version}.",
                       code="version_not_found")

    async def version(self, group: str, version: int, refresh: bool = False
                      ) -> VersionDetail:
        """One version in full, shared as the lists are (an approval makes it fresh)."""
        return await self._shared("registry.version", lambda: self._version_detail(
            group, version), refresh, group=group, version=version)

    async def _version_detail(self, group: str, version: int) -> VersionDetail:
        return await self._detail(await self._find(group, version))
