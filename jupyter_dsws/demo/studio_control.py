"""SageMaker Studio's user profiles and spaces, which moto lacks, for the demo's domain.

moto 5.2.5 creates and describes domains (their ``DefaultUserSettings`` kept as given) but
answers every user profile and space call with HTTP 500. This layer answers
CreateUserProfile, DescribeUserProfile, ListUserProfiles, CreateSpace, DescribeSpace and
ListSpaces in the API's JSON shape (``tests/demo/test_demo_studio.py`` checks them against
botocore's model), for domains moto holds; an unknown domain, profile or space is AWS's
``ResourceNotFound``. The settings are kept as given, so a profile's
``UserSettings.SecurityGroups`` and ``JupyterLabAppSettings.EmrSettings`` (AssumableRoleArns,
ExecutionRoleArns) read back as on AWS. Everything is at once ``InService``, as moto's
domains are. Apps (issue 24: the demo plays Studio's spaces and apps) belong here too.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from moto.sagemaker.models import sagemaker_backends
from werkzeug.wsgi import get_input_stream

from .caller import caller

OPERATIONS = frozenset({
    "CreateUserProfile", "DescribeUserProfile", "ListUserProfiles",
    "CreateSpace", "DescribeSpace", "ListSpaces",
})


@dataclass
class _Resource:
    domain_id: str
    name: str
    arn: str
    request: dict[str, Any]
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def uid(self) -> str:
        """A stable POSIX uid for the home folder, as EFS gives each profile or space."""
        return str(200000 + zlib.crc32(self.arn.encode()) % 100000)


class StudioControlPlane:
    """User profiles and spaces by (account, region, domain, name); thread-safe."""

    def __init__(self) -> None:
        self._profiles: dict[tuple[str, str, str, str], _Resource] = {}
        self._spaces: dict[tuple[str, str, str, str], _Resource] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        """What moto's reset does to its own state."""
        with self._lock:
            self._profiles.clear()
            self._spaces.clear()

    def __call__(self, operation: str, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        account, region = caller(environ)
        try:
            request = json.loads(get_input_stream(environ).read() or b"{}")
        except ValueError:
            request = {}
        status, answer = self.answer(operation, request, account, region)
        payload = json.dumps(answer, default=_epoch).encode()
        start_response(status, [("Content-Type", "application/x-amz-json-1.1"),
                                ("Content-Length", str(len(payload)))])
        return [payload]

    def answer(self, operation: str, request: dict[str, Any], account: str,
               region: str) -> tuple[str, dict[str, Any]]:
        domain_id = str(request.get("DomainId") or request.get("DomainIdEquals") or "")
        if domain_id and domain_id not in sagemaker_backends[account][region].domains:
            return _not_found(f"Domain {domain_id} does not exist.")
        kind = "user-profile" if "UserProfile" in operation else "space"
        store = self._profiles if kind == "user-profile" else self._spaces
        if operation.startswith("List"):
            with self._lock:
                found = [r for (a, g, d, _), r in store.items()
                         if (a, g) == (account, region) and (not domain_id or d == domain_id)]
            key = "UserProfiles" if kind == "user-profile" else "Spaces"
            return "200 OK", {key: [_summary(kind, r) for r in found]}
        name = str(request.get("UserProfileName" if kind == "user-profile" else "SpaceName")
                   or "")
        key = (account, region, domain_id, name)
        if operation.startswith("Create"):
            arn = f"arn:aws:sagemaker:{region}:{account}:{kind}/{domain_id}/{name}"
            with self._lock:
                if key in store:
                    return "400 Bad Request", {
                        "__type": "ResourceInUse",
                        "message": f"{kind.replace('-', ' ').capitalize()} {name} already "
                                   f"exists in domain {domain_id}."}
                store[key] = _Resource(domain_id, name, arn, request)
            return "200 OK", {"UserProfileArn" if kind == "user-profile" else "SpaceArn": arn}
        with self._lock:
            resource = store.get(key)
        if resource is None:
            return _not_found(f"{kind.replace('-', ' ').capitalize()} {name} does not exist "
                              f"in domain {domain_id}.")
        return "200 OK", _described(kind, resource)


def _summary(kind: str, resource: _Resource) -> dict[str, Any]:
    common = {"DomainId": resource.domain_id, "Status": "InService",
              "CreationTime": resource.created, "LastModifiedTime": resource.created}
    if kind == "user-profile":
        return {**common, "UserProfileName": resource.name}
    return {**common, "SpaceName": resource.name,
            "SpaceDisplayName": resource.request.get("SpaceDisplayName", resource.name)}


def _described(kind: str, resource: _Resource) -> dict[str, Any]:
    request = resource.request
    common = {"DomainId": resource.domain_id, "HomeEfsFileSystemUid": resource.uid,
              "Status": "InService", "CreationTime": resource.created,
              "LastModifiedTime": resource.created}
    if kind == "user-profile":
        return {**common, "UserProfileArn": resource.arn, "UserProfileName": resource.name,
                **{k: request[k] for k in ("SingleSignOnUserIdentifier",
                                           "SingleSignOnUserValue", "UserSettings")
                   if k in request}}
    return {**common, "SpaceArn": resource.arn, "SpaceName": resource.name,
            "SpaceDisplayName": request.get("SpaceDisplayName", resource.name),
            **{k: request[k] for k in ("SpaceSettings", "OwnershipSettings",
                                       "SpaceSharingSettings") if k in request}}


def _not_found(message: str) -> tuple[str, dict[str, Any]]:
    return "400 Bad Request", {"__type": "ResourceNotFound", "message": message}


def _epoch(value: Any) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(type(value).__name__)
