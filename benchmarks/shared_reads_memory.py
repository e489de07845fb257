"""Memory of the shared reads at 3,000 model package groups (issue 28: at most 20 MB more).

Stores every page of the Models list (120 pages of 25 groups) and of the Team overview
(with one pending version and metrics per group) in a ``SharedReads``, as a team paging
through all of them would, and prints the memory they take (tracemalloc) beside the
store's own estimate, which is what ``DSWSExtension.shared_reads_megabytes`` bounds.

    .venv/bin/python benchmarks/shared_reads_memory.py [--groups 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import tracemalloc

from jupyter_dsws.aws.shared_reads import SharedReads
from jupyter_dsws.registry.models import (
    Group,
    GroupList,
    LatestApproved,
    Overview,
    OverviewGroup,
    Pending,
)

ARN = "arn:aws:sagemaker:eu-central-1:123456789012"


def group_page(start: int, size: int) -> GroupList:
    return GroupList(groups=[Group(
        name=f"team-model-{n:05d}", arn=f"{ARN}:model-package-group/team-model-{n:05d}",
        description="Churn model for the retail team, trained weekly",
        created="2026-11-01T09:00:00Z", latest_version=12, latest_status="Approved",
        latest_approved_version=11, versions_count=12, last_modified="2026-12-01T09:00:00Z")
        for n in range(start, start + size)], next="eyJ0b2tlbiI6ICJ4In0=")


def overview_page(start: int, size: int) -> Overview:
    return Overview(groups=[OverviewGroup(
        name=f"team-model-{n:05d}", description="Churn model for the retail team",
        latest_approved=LatestApproved(
            version=11, arn=f"{ARN}:model-package/team-model-{n:05d}/11",
            metrics={"auc": 0.91, "accuracy": 0.88, "f1": 0.79, "rmse": 0.31},
            approved_at="2026-12-01T09:00:00Z"),
        pending=[Pending(version=12, arn=f"{ARN}:model-package/team-model-{n:05d}/12",
                         created="2026-12-02T09:00:00Z", waiting_seconds=3600.0)])
        for n in range(start, start + size)], next="eyJ0b2tlbiI6ICJ4In0=")


async def fill(reads: SharedReads, groups: int, size: int) -> None:
    for start in range(0, groups, size):
        for name, page in (("registry.groups", group_page), ("registry.overview",
                                                              overview_page)):
            key = (("sagemaker", "s3"), "identity", "eu-central-1", name, str(start))

            async def fetch(page=page, start=start):
                return page(start, size)

            await reads.read(key, fetch, ttl=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=3000)
    parser.add_argument("--page-size", type=int, default=25)
    args = parser.parse_args()
    reads = SharedReads(max_bytes=1 << 40)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    asyncio.run(fill(reads, args.groups, args.page_size))
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - before
    print(f"{args.groups:,} groups: {len(reads)} pages stored (groups list and overview), "
          f"{used / 2**20:.1f} MB measured, {reads.stored_bytes / 2**20:.1f} MB estimated "
          "by the store (the bound counts the estimate)")


if __name__ == "__main__":
    main()
