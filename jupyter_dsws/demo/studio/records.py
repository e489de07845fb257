"""What the Studio plane holds, and what it hands the host that runs apps.

``AppRecord`` and ``LifecycleScript`` are frozen: the host gets a snapshot of what CreateApp
decided (instance type, lifecycle scripts in Studio's order, execution role) and can keep it
while the plane's state moves on. The mutable records (``Resource``, ``App``, ``Lcc``) are
the plane's own and are only touched under its lock.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class LifecycleScript:
    arn: str
    name: str
    content: str  # the decoded script text


@dataclass(frozen=True)
class AppRecord:
    account: str
    region: str
    domain_id: str
    space_name: str | None
    user_profile_name: str | None  # a space app: its owner's profile (None if it has none)
    app_type: str
    app_name: str
    arn: str
    instance_type: str
    lifecycle_scripts: tuple[LifecycleScript, ...]  # in the order Studio runs them
    execution_role_arn: str | None  # the space owner's profile's ExecutionRole, else the domain's
    shared: bool = False  # a space whose SpaceSharingSettings.SharingType is Shared


class AppHost(Protocol):
    """Runs the apps the plane records (the demo's local "instances")."""

    def start(self, app: AppRecord) -> None:
        """After CreateApp recorded the app Pending; must not block. The host reports back
        with ``app_in_service`` or ``app_failed``."""

    def stop(self, app: AppRecord) -> None:
        """After DeleteApp set the app Deleting; must not block. The host reports back with
        ``app_deleted``."""


class PlaneCallbacks(Protocol):
    """The plane's side of a host, thread-safe: what became of an app."""

    def app_in_service(self, arn: str) -> None: ...

    def app_failed(self, arn: str, reason: str) -> None: ...

    def app_deleted(self, arn: str) -> None: ...


@dataclass
class Resource:
    """A user profile or a space: its settings as the last Create/Update left them."""

    domain_id: str
    name: str
    arn: str
    fields: dict[str, Any]  # UserSettings / SpaceSettings, OwnershipSettings, …
    created: datetime = field(default_factory=now)
    modified: datetime = field(default_factory=now)

    @property
    def uid(self) -> str:
        """A stable POSIX uid for the home folder, as EFS gives each profile or space."""
        return str(200000 + zlib.crc32(self.arn.encode()) % 100000)


@dataclass
class App:
    record: AppRecord
    resource_spec: dict[str, Any]
    built_in_lcc: str | None
    status: str
    created: datetime = field(default_factory=now)
    failure_reason: str | None = None

    @property
    def live(self) -> bool:
        """Not yet Deleted: the one app of its (space or profile, type, name)."""
        return self.status != "Deleted"


@dataclass
class Lcc:
    """A Studio lifecycle configuration (immutable once created, as on AWS)."""

    name: str
    arn: str
    content: str  # base64, as given
    app_type: str
    created: datetime = field(default_factory=now)
