"""The app's own stop, as the idle monitor's checks take it: the warning, the save
handshake with the browsers, the stop itself; for idleness or when a person asked for it
(an instance switch). The decisions are ``policy``'s; this part acts and records."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from ..errors import DSWSError
from . import policy
from .handshake import Handshake
from .policy import Resource, Rules
from .wording import app_idle_reason, app_stop_reason, app_warning

if TYPE_CHECKING:
    from ..people import Person
    from .settings import SettingsStore
    from .stopper import AppStopper


class AppStopSteps:
    """Part of ``IdleMonitor``: the steps of the app's stop, over the monitor's state."""

    log: logging.Logger
    store: SettingsStore
    stopper: AppStopper
    handshake: Handshake
    _stop_issued: bool
    _requested: str | None
    _requested_by: Person | None
    _warned_for: datetime | None
    _app_done_for: datetime | None

    if TYPE_CHECKING:  # the monitor's own
        def idle_since(self) -> datetime: ...

        async def record(self, action: str, kind: str, resource_id: str, name: str,
                         reason: str, idle: float, *, dry_run: bool,
                         person: Person | None = None) -> None: ...

    async def _check_app(self, resources: list[Resource], rules: Rules, now: datetime) -> None:
        if self._stop_issued:
            return
        idle_from = self.idle_since()
        deadline = policy.app_shutdown_at(rules, resources, idle_from)
        if self.handshake.pending is not None and (deadline is None or now < deadline):
            self.log.info("dsws idle: stop %s cancelled by activity",
                          self.handshake.pending.stop_id)
            self.handshake.cancel()
        if deadline is None:
            return
        idle = (now - idle_from).total_seconds()
        if policy.in_warning_window(deadline, rules, now) and self._warned_for != idle_from:
            self._warned_for = idle_from
            await self.record("warn", "app", self.stopper.id, self.stopper.name,
                              app_warning(deadline), idle, dry_run=self.store.config.dry_run)
        if now < deadline or self._app_done_for == idle_from:
            return
        if self.handshake.pending is None:
            self.handshake.begin(now, cause="idle", idle_seconds=idle,
                                 reason=app_idle_reason(idle, rules.timeout.total_seconds()))
        if self.handshake.ready(now):
            await self._stop_app(idle_from, idle, rules)

    async def _stop_app(self, idle_from: datetime, idle: float, rules: Rules) -> None:
        reason = app_stop_reason(idle, rules.timeout.total_seconds(), self.stopper.target)
        dry_run = self.store.config.dry_run
        await self.record("shutdown", "app", self.stopper.id, self.stopper.name, reason, idle,
                          dry_run=dry_run)
        if dry_run:
            self._app_done_for = idle_from
            self.handshake.cancel()
            return
        try:
            await self.stopper.stop()
        except DSWSError as exc:
            # Not stopped: the next check starts over (and warns the browsers again).
            self.handshake.cancel()
            await self.record("error", "app", self.stopper.id, self.stopper.name,
                              f"Could not stop the app: {exc.message}", idle, dry_run=False)
            return
        self._stop_issued = True

    async def _check_requested(self, now: datetime) -> None:
        if self._stop_issued or self._requested is None:
            return
        if self.handshake.pending is None:
            self.handshake.begin(now)
        if not self.handshake.ready(now):
            return
        await self.record("shutdown", "app", self.stopper.id, self.stopper.name,
                          self._requested, 0.0, dry_run=False, person=self._requested_by)
        try:
            await self.stopper.stop()
        except DSWSError as exc:
            self._requested = None
            self.handshake.cancel()
            await self.record("error", "app", self.stopper.id, self.stopper.name,
                              f"Could not stop the app: {exc.message}", 0.0, dry_run=False)
            return
        self._stop_issued = True
