"""Compare 2 to 10 versions side by side, with each group's metric trends.

The pure parts (union of names, best value, differences, trends) are in ``compare``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from ..errors import InvalidInput, NotFound, echo
from . import compare
from .calls import LIST_PAGE, MAX_PAGES
from .listing import RegistryListing
from .metrics import statistics_uris
from .models import Comparison, Differences, TrendPoint, VersionDetail
from .packages import PACKAGE_ARN


class RegistryComparing(RegistryListing):
    async def compare(self, arns: list[str], refresh: bool = False) -> Comparison:
        arns = list(dict.fromkeys(a.strip() for a in arns if a.strip()))
        if not 2 <= len(arns) <= 10:
            raise InvalidInput(f"Compare takes 2 to 10 different version ARNs (arn=...); got "
                               f"{len(arns)}.", code="bad_compare")
        bad = [a for a in arns if not PACKAGE_ARN.match(a)]
        if bad:
            raise InvalidInput(f"Not a model package version ARN: '{echo(bad[0])}' (expected "
                               "arn:aws:sagemaker:<region>:<account>:model-package/<group>/<n>).",
                               code="bad_compare")
        # The order is the tab's columns': another order is another answer.
        return await self._shared("registry.compare", lambda: self._compare(arns), refresh,
                                  arns=arns)

    async def _compare(self, arns: list[str]) -> Comparison:
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
                max_pages=MAX_PAGES, ModelPackageGroupName=group, MaxResults=LIST_PAGE,
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
