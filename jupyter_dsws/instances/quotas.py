"""The pre-flight before a switch: the account's Service Quotas for Studio JupyterLab apps on a
type, and how many run on it now, so that a switch that would fail is refused with the quota's
name instead of Studio's "Unable to complete operation" at the next start."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..aws import AwsAccess
from ..errors import DSWSError

SERVICE_CODE = "sagemaker"
RUNNING = frozenset({"InService", "Pending"})
MAX_PAGES = 50  # ~2,300 SageMaker quotas at 100 a page: never more than ~25 pages


def quota_name(instance_type: str) -> str:
    """The name AWS gives the quota, as in its ResourceLimitExceeded message."""
    return f"Studio JupyterLab Apps running on {instance_type} instances"


def matches(name: str, instance_type: str) -> bool:
    # AWS writes both "... instances" and "... instance" in different places.
    wanted = quota_name(instance_type).lower()
    return name.strip().lower() in (wanted, wanted[:-1])


@dataclass(frozen=True)
class QuotaCheck:
    name: str
    code: str | None
    limit: float | None  # None: the quota could not be read
    in_use: int
    applied: bool  # the account's own value (False: AWS's default)
    problem: str | None = None  # why it could not be read

    @property
    def would_exceed(self) -> bool:
        return self.limit is not None and self.in_use + 1 > self.limit


class QuotaChecker:
    def __init__(self, aws: AwsAccess) -> None:
        self.aws = aws

    async def find_quota(self, instance_type: str) -> tuple[dict[str, Any] | None, bool]:
        """(the quota, whether it is the account's applied value), else (None, False)."""
        for method, applied in (("list_service_quotas", True),
                                ("list_aws_default_service_quotas", False)):
            async for page in self.aws.pages("service-quotas", method, max_pages=MAX_PAGES,
                                             ServiceCode=SERVICE_CODE, MaxResults=100):
                for quota in page.get("Quotas") or []:
                    if matches(str(quota.get("QuotaName", "")), instance_type):
                        return quota, applied
        return None, False

    async def running_apps(self, instance_type: str) -> int:
        """JupyterLab apps of the account in this region that run (or start) on the type."""
        apps = await self.aws.items("sagemaker", "list_apps", "Apps", max_pages=MAX_PAGES,
                                    MaxResults=100)
        return sum(1 for app in apps
                   if app.get("AppType") == "JupyterLab" and app.get("Status") in RUNNING
                   and (app.get("ResourceSpec") or {}).get("InstanceType") == instance_type)

    async def check(self, instance_type: str) -> QuotaCheck:
        """The quota and its use; a quota that cannot be read is reported, not raised."""
        name = quota_name(instance_type)
        try:
            quota, applied = await self.find_quota(instance_type)
        except DSWSError as exc:
            return QuotaCheck(name, None, None, 0, False, problem=exc.message)
        if quota is None:
            return QuotaCheck(name, None, None, 0, False,
                              problem=f"Service Quotas has no quota named {name!r} here.")
        try:
            in_use = await self.running_apps(instance_type)
        except DSWSError as exc:
            return QuotaCheck(str(quota.get("QuotaName") or name), quota.get("QuotaCode"), None,
                              0, applied, problem=exc.message)
        return QuotaCheck(str(quota.get("QuotaName") or name), quota.get("QuotaCode"),
                          float(quota.get("Value", 0)), in_use, applied)
