"""What the demo's Studio page shows and does, through the Studio API as Studio's home does.

The domain's spaces (owner, sharing, instance type, the app's state and why it failed),
its people, each space's lifecycle-configuration log (read from CloudWatch Logs, where
Studio puts it), and the three actions of Studio's home: Run (CreateApp), Stop (DeleteApp)
and, for a stopped space, another instance type (UpdateSpace). Plain code over boto3; the
page's HTTP side is ``studio_page.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from ..aws import BOTO_ERRORS, error_code, items
from ..studio import DEFAULT_APP_NAME
from .clients import PERSISTENT_ATTEMPTS, Clients
from .studio_seed import APP_TYPE

LOG_GROUP = "/aws/sagemaker/studio"
#: An app in these states holds the space: Run is refused, Stop applies.
ACTIVE = ("Pending", "InService", "Deleting")


class HomeError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class SpaceRow:
    name: str
    display_name: str
    owner: str
    sharing: str
    instance_type: str
    #: Stopped, Pending, InService, Deleting or Failed: as Studio's home shows a space.
    status: str
    failure_reason: str
    url: str | None  # JupyterLab's, once the app is InService


def instance_types() -> list[str]:
    """Studio's JupyterLab instance types, from the catalog the Instances panel ships."""
    from ..instances.catalog import load_bundled

    return [t.type for t in load_bundled().types]


def log_stream(domain_id: str, space: str) -> str:
    return f"{domain_id}/{space}/{APP_TYPE}/{DEFAULT_APP_NAME}/LifecycleConfigOnStart"


class StudioHome:
    def __init__(self, clients: Clients, domain_id: str,
                 lab_url: Callable[[str], str | None]) -> None:
        self.clients = clients
        self.domain_id = domain_id
        #: The URL of a space's JupyterLab (with its token), None when it has no port yet.
        self.lab_url = lab_url

    @classmethod
    def over(cls, endpoint_url: str, region: str, domain_id: str,
             lab_url: Callable[[str], str | None]) -> StudioHome:
        """Studio's home over the emulator at ``endpoint_url``: like the console, it tries
        again through a busy account (DSWS_EMULATOR_THROTTLE) where our product gives up."""
        return cls(Clients(endpoint_url, region, max_attempts=PERSISTENT_ATTEMPTS),
                   domain_id, lab_url)

    def state(self) -> dict[str, Any]:
        sm = self.clients.sagemaker
        spaces = self._call(lambda: list(items(sm, "list_spaces", "Spaces",
                                               DomainIdEquals=self.domain_id)))
        apps = self._call(lambda: list(items(sm, "list_apps", "Apps",
                                             DomainIdEquals=self.domain_id)))
        people = self._call(lambda: list(items(sm, "list_user_profiles", "UserProfiles",
                                               DomainIdEquals=self.domain_id)))
        rows = [self._row(s["SpaceName"], apps) for s in spaces]
        return {"domain_id": self.domain_id,
                "spaces": [asdict(r) for r in sorted(rows, key=lambda r: r.name)],
                "people": sorted({p["UserProfileName"] for p in people}),
                "instance_types": instance_types()}

    def _row(self, name: str, apps: list[dict[str, Any]]) -> SpaceRow:
        sm = self.clients.sagemaker
        space = self._call(lambda: sm.describe_space(DomainId=self.domain_id, SpaceName=name))
        settings = (space.get("SpaceSettings") or {}).get("JupyterLabAppSettings") or {}
        instance_type = (settings.get("DefaultResourceSpec") or {}).get("InstanceType", "")
        mine = [a for a in apps if a.get("SpaceName") == name and a.get("AppType") == APP_TYPE
                and a.get("AppName") == DEFAULT_APP_NAME]
        latest = max(mine, key=lambda a: a.get("CreationTime", 0), default=None)
        status, reason = "Stopped", ""
        if latest is not None and latest.get("Status") in (*ACTIVE, "Failed"):
            status = str(latest["Status"])
            if status == "Failed":
                described = self._call(lambda: sm.describe_app(
                    DomainId=self.domain_id, SpaceName=name, AppType=APP_TYPE,
                    AppName=DEFAULT_APP_NAME))
                reason = str(described.get("FailureReason") or "")
            instance_type = str((latest.get("ResourceSpec") or {}).get("InstanceType")
                                or instance_type)
        return SpaceRow(
            name=name, display_name=str(space.get("SpaceDisplayName") or name),
            owner=str((space.get("OwnershipSettings") or {}).get("OwnerUserProfileName", "")),
            sharing=str((space.get("SpaceSharingSettings") or {}).get("SharingType",
                                                                       "Private")),
            instance_type=instance_type, status=status, failure_reason=reason,
            url=self.lab_url(name) if status == "InService" else None)

    def run(self, name: str) -> None:
        """Studio's Run: a new app on the space's instance type (a failed one is replaced)."""
        sm = self.clients.sagemaker
        row = self._row(name, self._apps(name))
        if row.status in ACTIVE:
            raise HomeError(409, "space_running", f"The space {name} is {row.status} already.")
        if row.status == "Failed":  # Studio deletes the failed app before a new start
            self._call(lambda: sm.delete_app(DomainId=self.domain_id, SpaceName=name,
                                             AppType=APP_TYPE, AppName=DEFAULT_APP_NAME))
        self._call(lambda: sm.create_app(
            DomainId=self.domain_id, SpaceName=name, AppType=APP_TYPE, AppName=DEFAULT_APP_NAME,
            ResourceSpec={"InstanceType": row.instance_type}))

    def stop(self, name: str) -> None:
        sm = self.clients.sagemaker
        row = self._row(name, self._apps(name))
        if row.status not in ("Pending", "InService"):
            raise HomeError(409, "space_not_running", f"The space {name} is not running.")
        self._call(lambda: sm.delete_app(DomainId=self.domain_id, SpaceName=name,
                                         AppType=APP_TYPE, AppName=DEFAULT_APP_NAME))

    def set_instance_type(self, name: str, instance_type: str) -> None:
        """A stopped space's next instance type, as Studio's space settings change it."""
        sm = self.clients.sagemaker
        row = self._row(name, self._apps(name))
        if row.status in ACTIVE:
            raise HomeError(409, "space_running", f"Stop the space {name} first: Studio "
                            "changes a space's instance type only while it is stopped.")
        space = self._call(lambda: sm.describe_space(DomainId=self.domain_id, SpaceName=name))
        settings = dict((space.get("SpaceSettings") or {}).get("JupyterLabAppSettings") or {})
        settings["DefaultResourceSpec"] = {**(settings.get("DefaultResourceSpec") or {}),
                                           "InstanceType": instance_type}
        self._call(lambda: sm.update_space(DomainId=self.domain_id, SpaceName=name,
                                           SpaceSettings={"JupyterLabAppSettings": settings}))

    def log(self, name: str) -> list[str]:
        """The lifecycle configuration's output of the space's starts, oldest first."""
        logs = self.clients.client("logs")
        try:
            events = logs.get_log_events(logGroupName=LOG_GROUP,
                                         logStreamName=log_stream(self.domain_id, name),
                                         startFromHead=True, limit=10000)
        except BOTO_ERRORS as exc:
            if error_code(exc) == "ResourceNotFoundException":
                return []
            raise HomeError(502, "aws_error", str(exc)) from None
        return [str(e.get("message", "")) for e in events.get("events", [])]

    def _apps(self, name: str) -> list[dict[str, Any]]:
        sm = self.clients.sagemaker
        return self._call(lambda: list(items(sm, "list_apps", "Apps",
                                             DomainIdEquals=self.domain_id,
                                             SpaceNameEquals=name)))

    @staticmethod
    def _call(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except BOTO_ERRORS as exc:
            code = error_code(exc) or "aws_error"
            status = 404 if "NotFound" in code else 409 if code == "ResourceInUse" else 400 \
                if code in ("ValidationException", "ResourceLimitExceeded") else 502
            raise HomeError(status, code, _message(exc)) from None


def _message(exc: Exception) -> str:
    response = getattr(exc, "response", None) or {}
    return str((response.get("Error") or {}).get("Message") or exc)
