"""The Studio control plane: dispatches each operation under one lock, and talks to the host.

The host (``records.AppHost``) is called outside the lock, after the state says Pending
(``start``) or Deleting (``stop``), and reports back from any thread through
``app_in_service``, ``app_failed`` and ``app_deleted``. A host whose ``start`` raises leaves
the app Failed; one whose ``stop`` raises leaves it Deleted (both logged).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..json_plane import JsonPlane
from . import apps, domains, lifecycle_configs, people
from .quotas import StudioQuotas
from .records import App, AppHost
from .state import StudioState

log = logging.getLogger(__name__)

Handler = Callable[[StudioState, dict[str, Any], str, str], dict[str, Any]]


def _people(kind: str, verb: Callable[..., dict[str, Any]]) -> Handler:
    return lambda state, request, account, region: verb(state, kind, request, account, region)


_HANDLERS: dict[str, Handler] = {
    "DescribeDomain": domains.describe_domain,
    "UpdateDomain": domains.update_domain,
    **{f"{verb}UserProfile": _people(people.PROFILE, fn) for verb, fn in (
        ("Create", people.create), ("Describe", people.describe), ("Update", people.update),
        ("Delete", people.delete))},
    "ListUserProfiles": _people(people.PROFILE, people.listed),
    **{f"{verb}Space": _people(people.SPACE, fn) for verb, fn in (
        ("Create", people.create), ("Describe", people.describe), ("Update", people.update),
        ("Delete", people.delete))},
    "ListSpaces": _people(people.SPACE, people.listed),
    "DescribeApp": apps.describe,
    "ListApps": apps.listed,
    "CreateStudioLifecycleConfig": lifecycle_configs.create,
    "DescribeStudioLifecycleConfig": lifecycle_configs.describe,
    "DeleteStudioLifecycleConfig": lifecycle_configs.delete,
    "ListStudioLifecycleConfigs": lifecycle_configs.listed,
}
_TAGS = {"ListTags": lifecycle_configs.list_tags, "AddTags": lifecycle_configs.add_tags,
         "DeleteTags": lifecycle_configs.delete_tags}
TAG_OPERATIONS = frozenset(_TAGS)


class StudioControlPlane(JsonPlane):
    """Studio's domains, profiles, spaces, apps and lifecycle configurations; thread-safe."""

    OPERATIONS = frozenset({*_HANDLERS, "CreateApp", "DeleteApp"})

    def __init__(self) -> None:
        self.state = StudioState()
        self.quotas = StudioQuotas()
        #: Runs the apps; None: apps are InService at once and Deleted at once.
        self.host: AppHost | None = None

    def set_quota(self, instance_type: str, value: float) -> None:
        """The account's Service Quota for JupyterLab apps on the type (the demo's seed)."""
        self.quotas.set_quota(instance_type, value)

    def clear(self) -> None:
        """What moto's reset does to its own state; the host stops what still runs."""
        with self.state.lock:
            live = self.state.clear()
        self.quotas.clear()
        host = self.host
        for app in live:
            if host is not None:
                self._call_host(host.stop, app, lambda arn: None)

    def owns(self, arn: str) -> bool:
        """Whether the ARN is one of ours (so its tags are answered here, not by moto)."""
        with self.state.lock:
            return self.state.known_arn(arn)

    def answer(self, operation: str, request: dict[str, Any], account: str,
               region: str) -> dict[str, Any]:
        host = self.host
        if operation == "CreateApp":
            with self.state.lock:
                answer, app = apps.create(self.state, self.quotas, request, account, region,
                                          hosted=host is not None)
            if host is not None:
                self._call_host(host.start, app, self._failed_to_start)
            return answer
        if operation == "DeleteApp":
            with self.state.lock:
                stopping = apps.delete(self.state, request, account, region,
                                       hosted=host is not None)
            if host is not None and stopping is not None:
                self._call_host(host.stop, stopping, self.app_deleted)
            return {}
        with self.state.lock:
            if operation in _TAGS:
                return _TAGS[operation](self.state, request)
            return _HANDLERS[operation](self.state, request, account, region)

    def _call_host(self, call: Callable[..., None], app: App,
                   otherwise: Callable[[str], None]) -> None:
        try:
            call(app.record)
        except Exception:  # the host's failure is the app's, not the API call's
            log.exception("The app host failed on %s", app.record.arn)
            otherwise(app.record.arn)

    def _failed_to_start(self, arn: str) -> None:
        self.app_failed(arn, "The app could not be started (the emulator's host failed; "
                             "see its log).")

    # ---- the host's reports ------------------------------------------------------------

    def app_in_service(self, arn: str) -> None:
        self._move(arn, ("Pending",), "InService")

    def app_failed(self, arn: str, reason: str) -> None:
        self._move(arn, ("Pending", "InService"), "Failed", reason)

    def app_deleted(self, arn: str) -> None:
        self._move(arn, ("Deleting",), "Deleted")

    def _move(self, arn: str, allowed: tuple[str, ...], status: str,
              reason: str | None = None) -> None:
        with self.state.lock:
            app = self.state.live_app(arn)
            if app is None or app.status not in allowed:
                log.debug("Ignored %s for %s (%s)", status, arn, app and app.status)
                return
            app.status = status
            if reason is not None:
                app.failure_reason = reason
