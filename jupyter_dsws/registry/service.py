"""The Models panel's logic: groups, versions, detail, approval, compare, Team overview.

No tornado here: handlers call these methods and send what they return. Lists cost API
calls in proportion to the rows of the page (the per-row calls run concurrently, bounded
by ``ModelRegistry.max_concurrency``), never to all rows.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timezone
from typing import Any, TypeVar

from pydantic import ValidationError

from ..aws import AwsAccess, AwsFailure
from ..errors import Conflict, DSWSError, InvalidInput, NotFound, echo
from ..studio import StudioApp
from . import compare, cursor
from .config import ModelRegistry
from .metrics import statistics_uris
from .models import (
    APPROVAL_STATUSES,
    ApprovalEntry,
    ApprovalRequest,
    Comparison,
    Differences,
    Group,
    GroupList,
    LatestApproved,
    Overview,
    OverviewGroup,
    Pending,
    Snippets,
    TrendPoint,
    Version,
    VersionDetail,
    VersionList,
)
from .snippets import deploy_snippet, load_snippet
from .store import RegistryStore

T = TypeVar("T")
log = logging.getLogger(__name__)

HISTORY_NAME = "approval-history.json"
_LIST_PAGE = 100  # the API's largest page
_MAX_PAGES = 100  # 10,000 versions of one group: more than any panel shows
_EMPTY_FILTERED_PAGES = 3
_PACKAGE_ARN = re.compile(r"^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:model-package/[^/]+/\d+$")


def iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def allowed_status(status: str) -> str:
    if status not in APPROVAL_STATUSES:
        raise InvalidInput(f"Unknown approval status '{echo(status, 40)}': use one of "
                           f"{', '.join(APPROVAL_STATUSES)}.", code="bad_status")
    return status


def training_job(package: dict[str, Any]) -> str | None:
    """The training job a version came from, where the registry records one."""
    generated = (package.get("MetadataProperties") or {}).get("GeneratedBy") or ""
    if ":training-job/" in generated:
        return generated
    params = package.get("CustomerMetadataProperties") or {}
    for key in ("training_job", "TrainingJobName", "training_job_name", "TrainingJobArn"):
        if params.get(key):
            return str(params[key])
    return None


class RegistryService:
    def __init__(self, aws: AwsAccess, config: ModelRegistry, studio: StudioApp | None = None,
                 *, clock: Callable[[], float] = time.time) -> None:
        self.aws = aws
        self.config = config
        self.studio = studio
        self.clock = clock
        self.limit = asyncio.Semaphore(config.max_concurrency)
        self.store = RegistryStore(aws, cache_size=config.metrics_cache_size, limit=self.limit)
        # A version's metrics URIs never change: remembered by ARN for trends.
        self._metrics_uris: dict[str, tuple[int, list[str]]] = {}
        self._caller: str | None = None

    async def _call(self, method: str, *, missing_ok: bool = False,
                    **params: Any) -> dict[str, Any]:
        async with self.limit:
            return await self.aws.call("sagemaker", method, missing_ok=missing_ok, **params)

    async def _list(self, method: str, next_: str | None, *, supplied: bool = True,
                    **params: Any) -> dict[str, Any]:
        """One page of a List call from the cursor ``next_``. When the browser ``supplied``
        it, a token SageMaker refuses is a 400 ``bad_cursor``, not rejected credentials."""
        token = cursor.decode(next_)
        if not token:
            return await self._call(method, **params)
        refine = _stale_cursor if supplied else None
        async with self.limit:
            return await self.aws.call("sagemaker", method, refine=refine, NextToken=token,
                                       **params)

    async def _call_or_none(self, method: str, **params: Any) -> dict[str, Any] | None:
        """The answer, or None when SageMaker says the thing does not exist."""
        try:
            return await self._call(method, missing_ok=True, **params)
        except NotFound:
            return None

    @staticmethod
    async def _each(items: Iterable[T], fn: Callable[[T], Awaitable[Any]]) -> list[Any]:
        return list(await asyncio.gather(*(fn(item) for item in items)))

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

    async def groups(self, query: str | None = None, next_: str | None = None) -> GroupList:
        if query is not None and len(query) > 63:
            raise InvalidInput("Search text is at most 63 characters (a group name's limit).")
        summaries, following = await self._group_page(query or None, next_,
                                                       self.config.page_size)
        for _ in range(_EMPTY_FILTERED_PAGES):
            # AWS may filter NameContains after cutting the page: an empty page with a
            # NextToken. Follow a few, so a search does not show "nothing" too early.
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
                                  MaxResults=_LIST_PAGE)
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
                       next_: str | None = None) -> VersionList:
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
        creator = package.get("CreatedBy") or {}
        return Version(
            group=package["ModelPackageGroupName"], version=package["ModelPackageVersion"],
            arn=package["ModelPackageArn"], status=package.get("ModelApprovalStatus", ""),
            created=iso(package.get("CreationTime")),
            created_by=creator.get("UserProfileName") or None,
            description=package.get("ModelPackageDescription") or None,
            approval_description=package.get("ApprovalDescription") or None,
            params={k: str(v) for k, v in (package.get("CustomerMetadataProperties")
                                           or {}).items()},
            metrics=flat.values, metrics_std=flat.std, metrics_error=error,
        )

    async def _detail(self, package: dict[str, Any]) -> VersionDetail:
        history_uri = self.history_uri(package)
        version, history = await asyncio.gather(
            self._version(package), self._history_for_display(history_uri))
        containers = (package.get("InferenceSpecification") or {}).get("Containers") or [{}]
        lineage = {k: str(v) for k, v in (package.get("MetadataProperties") or {}).items() if v}
        entries = _entries(history[0], package["ModelPackageArn"])
        return VersionDetail(
            **version.model_dump(),
            image=containers[0].get("Image"), model_data_url=containers[0].get("ModelDataUrl"),
            training_job=training_job(package), lineage=lineage,
            approval_history=entries, status_set_by=status_set_by(package, entries),
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
                                         max_pages=_MAX_PAGES, ModelPackageGroupName=group,
                                         MaxResults=_LIST_PAGE):
            for summary in page.get("ModelPackageSummaryList", []):
                if summary.get("ModelPackageVersion") == version:
                    found = await self._call_or_none(
                        "describe_model_package", ModelPackageName=summary["ModelPackageArn"])
                    if found:
                        return found
        raise NotFound(f"Model package group '{echo(group, 80)}' has no version {version}.",
                       code="version_not_found")

    async def version(self, group: str, version: int) -> VersionDetail:
        return await self._detail(await self._find(group, version))

    # Approval ---------------------------------------------------------------------------

    def history_uri(self, package: dict[str, Any]) -> str | None:
        """Where the version's approval history lives: beside its metrics, else beside its
        model data, else under ModelRegistry.history_fallback_uri, else nowhere."""
        uris = statistics_uris(package.get("ModelMetrics"))
        if uris:
            return _beside(uris[0])
        containers = (package.get("InferenceSpecification") or {}).get("Containers") or []
        data = next((c.get("ModelDataUrl") for c in containers
                     if str(c.get("ModelDataUrl") or "").startswith("s3://")), None)
        if data:
            return _beside(data)
        if self.config.history_fallback_uri:
            return (f"{self.config.history_fallback_uri}/{package['ModelPackageGroupName']}/"
                    f"{package['ModelPackageVersion']}/{HISTORY_NAME}")
        return None

    async def who(self) -> str:
        if self.studio and self.studio.user_profile:
            return self.studio.user_profile
        if self._caller is None:
            self._caller = (await self.aws.call("sts", "get_caller_identity"))["Arn"]
        return self._caller

    async def set_approval(self, group: str, version: int, request: ApprovalRequest
                           ) -> VersionDetail:
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
        entry = ApprovalEntry(at=iso(datetime.fromtimestamp(self.clock(), timezone.utc)) or "",
                              by=by, from_=package.get("ModelApprovalStatus"), to=status,
                              comment=request.comment)
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

    # Compare ----------------------------------------------------------------------------

    async def compare(self, arns: list[str]) -> Comparison:
        arns = list(dict.fromkeys(a.strip() for a in arns if a.strip()))
        if not 2 <= len(arns) <= 10:
            raise InvalidInput(f"Compare takes 2 to 10 different version ARNs (arn=...); got "
                               f"{len(arns)}.", code="bad_compare")
        bad = [a for a in arns if not _PACKAGE_ARN.match(a)]
        if bad:
            raise InvalidInput(f"Not a model package version ARN: '{echo(bad[0])}' (expected "
                               "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<n>).",
                               code="bad_compare")
        packages = await self._each(arns, lambda a: self._call_or_none(
            "describe_model_package", ModelPackageName=a))
        missing = [a for a, p in zip(arns, packages, strict=True) if p is None]
        if missing:
            raise NotFound(f"No model package {echo(missing[0])}.", code="version_not_found")
        details: list[VersionDetail]
        details, trends = await asyncio.gather(
            self._each(packages, self._detail),
            self._trends(dict.fromkeys(p["ModelPackageGroupName"] for p in packages)))
        params = compare.union_names([d.params for d in details])
        metrics = compare.union_names([d.metrics for d in details])
        directions = {m: compare.direction(m, self.config.metric_directions) for m in metrics}
        return Comparison(
            versions=details, params=params, metrics=metrics,
            best=compare.best_of({d.arn: d.metrics for d in details}, metrics, directions),
            directions=directions, trends=trends,
            differences=Differences(
                params=compare.differing([d.params for d in details], params),
                metrics=compare.differing([d.metrics for d in details], metrics)),
        )

    async def _trends(self, groups: Iterable[str]
                      ) -> dict[str, dict[str, list[TrendPoint]]]:
        async def one(group: str) -> tuple[str, dict[str, list[TrendPoint]]]:
            summaries = await self.aws.items(
                "sagemaker", "list_model_packages", "ModelPackageSummaryList",
                max_pages=_MAX_PAGES, ModelPackageGroupName=group, MaxResults=_LIST_PAGE,
                SortBy="CreationTime", SortOrder="Ascending")
            points = await self._each(summaries, self._metrics_of)
            series = compare.trend([p for p in points if p])
            return group, {m: [TrendPoint(**p) for p in s] for m, s in series.items()}

        return dict(await self._each(groups, one))

    async def _metrics_of(self, summary: dict[str, Any]) -> tuple[int, dict[str, float]] | None:
        arn = summary["ModelPackageArn"]
        known = self._metrics_uris.get(arn)
        if known is None:
            package = await self._call_or_none("describe_model_package", ModelPackageName=arn)
            if package is None:
                return None
            known = (package["ModelPackageVersion"],
                     statistics_uris(package.get("ModelMetrics")))
            self._metrics_uris[arn] = known
        flat, _ = await self.store.metrics(known[1])
        return known[0], flat.values

    # Team overview ----------------------------------------------------------------------

    async def overview(self, next_: str | None = None) -> Overview:
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
                       SortOrder="Ascending", MaxResults=_LIST_PAGE))
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


def _stale_cursor(failure: AwsFailure) -> DSWSError | None:
    return cursor.stale() if cursor.rejects_token(failure.code, failure.message) else None


def _beside(uri: str) -> str:
    """The history's URI in the S3 folder of ``uri``; the bucket's root for ``s3://bucket``
    (which the API accepts, and whose "folder" would otherwise be ``s3:/``)."""
    bucket, _, key = uri.removeprefix("s3://").partition("/")
    folder = key.rsplit("/", 1)[0] + "/" if "/" in key else ""
    return f"s3://{bucket}/{folder}{HISTORY_NAME}"


def status_set_by(package: dict[str, Any], entries: list[ApprovalEntry]) -> str | None:
    """Who set the version's current status, as far as anyone recorded it."""
    status = package.get("ModelApprovalStatus")
    if entries and entries[-1].to == status:
        return entries[-1].by
    if not package.get("LastModifiedTime"):
        return None  # never changed since it was registered
    who = package.get("LastModifiedBy") or {}
    return (who.get("UserProfileName")
            or (who.get("IamIdentity") or {}).get("Arn")
            or None)


def _entries(raw: list[dict[str, Any]], arn: str) -> list[ApprovalEntry]:
    """The entries of the version ``arn``; one edited by hand into another shape is left
    out, and so is one without the version's ARN (another version's, in a shared file)."""
    entries = []
    for item in raw:
        if item.get("arn") != arn:
            continue
        try:
            entries.append(ApprovalEntry.model_validate(item))
        except ValidationError:
            log.info("dsws: approval history entry left out: %r", item)
    return entries
