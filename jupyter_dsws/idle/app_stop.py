"""The app's own stop, as the idle monitor's checks take it: the warning, the save
handshake with the browsers, the stop itself; for idleness or when a person asked for it
(an instance switch). The decisions are ``policy``'s; this part acts and records."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..errors import DSWSError
from . import policy
from .handshake import Handshake
from .policy import Resource, Rules
from .wording import app_idle_reason, app_stop_reason, app_warning

if TYPE_CHECKING:
    from ..people import Person
    from .collaboration import Collaboration
    from .settings import SettingsStore
    from .stopper import AppStopper

#: Under real-time collaboration, the end of the save wait kept for saving the rooms' documents
#: from the server (at most half the wait): the browsers are waited for until then.
ROOM_SAVE_RESERVE = timedelta(seconds=5)


class AppStopSteps:
    """Part of ``IdleMonitor``: the steps of the app's stop, over the monitor's state."""

    log: logging.Logger
    store: SettingsStore
    stopper: AppStopper
    handshake: Handshake
    collaboration: Collaboration | None
    _stop_issued: bool
    _requested: str | None
    _requested_by: Person | None
    _warned_for: datetime | None
    _app_done_for: datetime | None

    if TYPE_CHECKING:  # the monitor's own
        def idle_since(self) -> datetime: ...

        def clock(self) -> datetime: ...

        def rtc_enabled(self) -> bool: ...

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
                                 reason=app_idle_reason(idle, rules.timeout.total_seconds()),
                                 reserve=self._room_save_reserve())
        if self.handshake.ready(now):
            await self._stop_app(idle_from, idle, rules)

    def _room_save_reserve(self) -> timedelta:
        if not self.rtc_enabled():
            return timedelta(0)
        wait = timedelta(seconds=self.store.config.save_wait_seconds)
        return min(ROOM_SAVE_RESERVE, wait / 2)

    async def _save_rooms(self) -> str:
        """Under real-time collaboration, save every open collaborative document from the
        server's rooms (unsaved edits live there, not only in browsers), within what is left
        of the save wait. Returns what it did, for the stop's record."""
        if self.collaboration is None or not self.collaboration.enabled:
            return ""
        bound = self.handshake.bound()
        left = (bound - self.clock()).total_seconds() if bound is not None else 0.0
        saves = await self.collaboration.save_all(max(0.0, left))
        summary = saves.summary()
        if saves.failed:
            self.log.warning("dsws idle: before the stop, %s", summary)
        return f" Before it: {summary}." if summary else ""

    async def _stop_app(self, idle_from: datetime, idle: float, rules: Rules) -> None:
        reason = app_stop_reason(idle, rules.timeout.total_seconds(), self.stopper.target)
        dry_run = self.store.config.dry_run
        if not dry_run:
            reason += await self._save_rooms()
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
            self.handshake.begin(now, reserve=self._room_save_reserve())
        if not self.handshake.ready(now):
            return
        saved = await self._save_rooms()
        await self.record("shutdown", "app", self.stopper.id, self.stopper.name,
                          self._requested + saved, 0.0, dry_run=False,
                          person=self._requested_by)
        try:
            await self.stopper.stop()
        except DSWSError as exc:
            self._requested = None
            self.handshake.cancel()
            await self.record("error", "app", self.stopper.id, self.stopper.name,
                              f"Could not stop the app: {exc.message}", 0.0, dry_run=False)
            return
        self._stop_issued = True
