"""The Studio plane's state, by account and region, and the lookups every operation shares.

Domains stay moto's (its ``Domain`` objects, which UpdateDomain amends in place, so a reset
of moto forgets them); profiles, spaces, apps, lifecycle configurations and tags are ours.
Callers hold ``lock`` around every read and write.
"""

from __future__ import annotations

import threading
from typing import Any

from moto.sagemaker.models import sagemaker_backends

from ..json_plane import invalid, not_found
from .records import App, Lcc, Resource

Key = tuple[str, str, str, str]  # account, region, domain id, name


class StudioState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.profiles: dict[Key, Resource] = {}
        self.spaces: dict[Key, Resource] = {}
        self.apps: list[App] = []  # in creation order; Deleted ones stay, as on AWS
        self.lccs: dict[tuple[str, str, str], Lcc] = {}  # account, region, name
        self.tags: dict[str, list[dict[str, str]]] = {}  # ARN -> AWS's Key/Value list

    def clear(self) -> list[App]:
        """Forget everything; the apps that were still live (their host should stop them)."""
        live = [app for app in self.apps if app.status not in ("Deleted", "Failed")]
        self.profiles.clear()
        self.spaces.clear()
        self.apps.clear()
        self.lccs.clear()
        self.tags.clear()
        return live

    def domain(self, account: str, region: str, domain_id: str) -> Any:
        """moto's Domain, else AWS's ResourceNotFound."""
        found = sagemaker_backends[account][region].domains.get(domain_id)
        if found is None:
            raise not_found(f"Domain {domain_id or '(none given)'} does not exist.")
        return found

    def domains(self, account: str, region: str) -> list[Any]:
        return list(sagemaker_backends[account][region].domains.values())

    def profile(self, account: str, region: str, domain_id: str, name: str) -> Resource:
        found = self.profiles.get((account, region, domain_id, name))
        if found is None:
            raise not_found(f"User profile {name} does not exist in domain {domain_id}.")
        return found

    def space(self, account: str, region: str, domain_id: str, name: str) -> Resource:
        found = self.spaces.get((account, region, domain_id, name))
        if found is None:
            raise not_found(f"Space {name} does not exist in domain {domain_id}.")
        return found

    def lcc_by_arn(self, arn: str) -> Lcc | None:
        return next((lcc for lcc in self.lccs.values() if lcc.arn == arn), None)

    def live_app(self, arn: str) -> App | None:
        return next((app for app in reversed(self.apps)
                     if app.record.arn == arn and app.live), None)

    def known_arn(self, arn: str) -> bool:
        """Whether an ARN names something this plane holds (so its tags are ours too)."""
        return (any(r.arn == arn for r in [*self.profiles.values(), *self.spaces.values()])
                or self.lcc_by_arn(arn) is not None
                or any(app.record.arn == arn for app in self.apps))


def required(request: dict[str, Any], key: str) -> str:
    value = request.get(key)
    if not isinstance(value, str) or not value:
        raise invalid(f"1 validation error detected: Value at '{key[0].lower() + key[1:]}' "
                      "failed to satisfy constraint: Member must not be null")
    return value
