"""The periodic check: observe, decide with ``policy``, act, record.

Everything that blocks (reading /proc, files, AWS) runs in threads; the check itself only
awaits. One failed check is logged and recorded as an ``error`` event; the next one runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from ..background import BackgroundTask
from ..errors import DSWSError
from ..people import Person
from . import policy, processes, wording
from .app_stop import AppStopSteps
from .collaboration import Collaboration
from .events import EventLog, IdleEvent
from .handshake import Handshake
from .inventory import Inventory, Seen
from .policy import Resource, Rules
from .presence import Here, Presence
from .settings import SettingsStore
from .stopper import AppStopper, StudioHeartbeat
from .wording import resource_reason

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
FindProcesses = Callable[[Mapping[tuple[str, str], int]], Mapping[tuple[str, str], list[int]]]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class IdleMonitor(AppStopSteps):
    def __init__(self, *, store: SettingsStore, inventory: Inventory, events: EventLog,
                 stopper: AppStopper, heartbeat: StudioHeartbeat | None,
                 clock: Clock = utc_now,
                 find_processes: FindProcesses | None = None,
                 collaboration: Collaboration | None = None,
                 logger: logging.Logger = log) -> None:
        # The server's logger in production, so that every action shows in the server log.
        self.log = logger
        self.store = store
        self.inventory = inventory
        self.events = events
        self.stopper = stopper
        self.heartbeat = heartbeat
        self.clock = clock
        # One finder for the monitor's life: it remembers which processes are helpers.
        self.find_processes = find_processes or processes.ProcessFinder()
        self.started = clock()
        self.person_activity: datetime | None = None
        self.last_work: datetime | None = None
        self.checks = 0  # checks begun
        self.checked_at: datetime | None = None  # the time of the last check that finished
        config = store.config
        self.handshake = Handshake(timedelta(seconds=config.client_ttl_seconds),
                                   timedelta(seconds=config.save_wait_seconds))
        self.presence = Presence(timedelta(seconds=config.client_ttl_seconds))
        # jupyter-collaboration's rooms; None (or not enabled) in a private space.
        self.collaboration = collaboration
        self._has_process: dict[tuple[str, str], bool] = {}
        self._last_working: dict[tuple[str, str], datetime] = {}
        self._dry_run_done: set[tuple[str, str, datetime]] = set()
        self._warned_for: datetime | None = None
        self._app_done_for: datetime | None = None  # a dry-run stop recorded for this period
        self._stop_issued = False
        self._requested: str | None = None  # why a stop was asked for (an instance switch)
        self._requested_by: Person | None = None  # who asked for it, for the record
        self._wake = asyncio.Event()
        self._task = BackgroundTask("dsws-idle-monitor", self.run)

    # -- activity ---------------------------------------------------------------------

    def note_activity(self, when: datetime | None = None) -> None:
        """A person did something: the app's idle time starts again and a pending stop is
        cancelled at once (the browsers see it at their next poll)."""
        when = when or self.clock()
        self.person_activity = policy.latest((self.person_activity, when))
        if self.handshake.pending is not None and self._requested is None:
            self.handshake.cancel()
            self._wake.set()

    def note_contents_action(self, action: str) -> None:
        # A save is not among them: JupyterLab autosaves and we save before a stop, with
        # nobody there. A person's edit reaches us from the browser (POST dsws/idle/activity).
        if policy.contents_action_is_activity(action):
            self.note_activity()

    async def on_contents_event(self, logger: Any, schema_id: str, data: dict) -> None:
        """jupyter_events listener for the contents service."""
        self.note_contents_action(str(data.get("action", "")))

    def note_edit(self) -> None:
        """A collaborative document was edited (the collaboration websocket never moves
        jupyter-server's last_activity): a person's activity."""
        self.note_activity()

    def people(self, now: datetime) -> list[Here]:
        """Who has the space open: our tabs' polls, and the collaboration connections."""
        collaborators = self.collaboration.people() if self.collaboration is not None else ()
        return self.presence.people(now, collaborators)

    def rtc_enabled(self) -> bool:
        return self.collaboration is not None and self.collaboration.enabled

    # -- the loop -----------------------------------------------------------------------

    def start(self) -> None:
        self._task.start()

    async def stop(self) -> None:
        await self._task.stop()

    async def run(self) -> None:
        try:
            await self.stopper.prepare()
        except DSWSError as exc:
            # No region, say: the stop will fail later and be recorded then; checks go on.
            self.log.warning("dsws idle: cannot prepare the app stop: %s", exc.message)
        while True:
            await self.check_safely()
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._next_delay())

    def _next_delay(self) -> float:
        delay = self.store.config.check_interval_seconds
        deadline = self.handshake.deadline()
        if deadline is not None:
            # Never wait past the save bound: the stop must not be delayed beyond it.
            delay = min(delay, max(0.05, (deadline - self.clock()).total_seconds()))
        return delay

    def wake(self) -> None:
        self._wake.set()

    def request_stop(self, reason: str, person: Person | None = None) -> None:
        """Stop the app soon for a reason other than idleness (an instance switch), through
        the same handshake: the browsers save every document, then the app stops. A person
        asked for it, so activity does not cancel it, and it runs whatever the idle settings
        (off, dry run)."""
        self._requested_by = person  # who asked, recorded with the stop
        self._requested = reason
        self.handshake.begin(self.clock(), cause="requested", reason=reason,
                             reserve=self._room_save_reserve())
        self.start()
        self._wake.set()

    async def check_safely(self) -> None:
        try:
            await self.check()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the monitor must outlive any one failure: logged, recorded
            self.log.exception("dsws idle: a check failed")
            await self.record("error", "app", self.stopper.id, self.stopper.name,
                              f"The idle check failed: {type(exc).__name__}: {exc}", 0.0,
                              dry_run=False)

    # -- one check ----------------------------------------------------------------------

    async def check(self) -> None:
        now = self.clock()
        self.checks += 1
        try:
            await self._check(now)
        finally:
            self.checked_at = now

    async def _check(self, now: datetime) -> None:
        if self.collaboration is not None:
            self.collaboration.watch()  # documents opened since the last check
        if self._requested is not None:
            await self._check_requested(now)
            return
        seen = await self.inventory.observe(now)
        roots = {s.key: s.pid for s in seen if s.pid is not None}
        found = await asyncio.to_thread(self.find_processes, roots) if roots else {}
        self._has_process = {s.key: bool(found.get(s.key)) for s in seen}
        resources = self.resources(seen, now, track=True)
        rules = self.store.rules()
        if not rules.enabled:
            self.handshake.cancel()
            return
        for resource in resources:
            if policy.resource_due(resource, rules, now):
                await self._shut_down(resource, rules, now)
        if self.heartbeat is not None and any(r.working for r in resources):
            await self.heartbeat.touch(now)
        await self._check_app(resources, rules, now)

    def resources(self, seen: list[Seen], now: datetime, *, track: bool) -> list[Resource]:
        resources = []
        for s in seen:
            has_process = self._has_process.get(s.key, False)
            state = policy.observed_state(s.kind, s.state, has_process)
            resource = Resource(kind=s.kind, id=s.id, name=s.name, state=state,
                                last_activity=s.last_activity, connections=s.connections,
                                has_process=has_process, last_working=self._last_working.get(s.key))
            if track and resource.working:
                self._last_working[s.key] = now
                self.last_work = now
            resources.append(resource)
        if track:
            current = {s.key for s in seen}
            for gone in [k for k in self._last_working if k not in current]:
                del self._last_working[gone]
            self._dry_run_done = {m for m in self._dry_run_done if (m[0], m[1]) in current}
        # Code run, output, terminal input and output, a start: a person's activity.
        self.person_activity = policy.latest(
            (self.person_activity, *(r.last_activity for r in resources)))
        return resources

    async def _shut_down(self, resource: Resource, rules: Rules, now: datetime) -> None:
        idle = policy.idle_seconds(resource, now)
        reason = resource_reason(idle, rules.timeout.total_seconds(), resource.state,
                                 resource.connections)
        if self.store.config.dry_run:
            mark = (resource.kind, resource.id, policy.idle_since(resource))
            if mark not in self._dry_run_done:
                self._dry_run_done.add(mark)
                await self.record("shutdown", resource.kind, resource.id, resource.name,
                                  reason, idle, dry_run=True)
            return
        try:
            done = await self.inventory.shut_down(resource.kind, resource.id)
        except Exception as exc:  # one stuck kernel must not stop the others' or the app's turn
            self.log.exception("dsws idle: could not shut down %s %s", resource.kind, resource.id)
            await self.record("error", resource.kind, resource.id, resource.name,
                              f"Could not shut it down: {type(exc).__name__}: {exc}", idle,
                              dry_run=False)
            return
        if done:
            await self.record("shutdown", resource.kind, resource.id, resource.name, reason,
                              idle, dry_run=False)

    # -- for the service ----------------------------------------------------------------

    @property
    def stop_issued(self) -> bool:
        """The app was told to stop (DeleteApp answered, or the server's stop scheduled)."""
        return self._stop_issued

    def idle_since(self) -> datetime:
        return policy.app_idle_since(self.started, self.person_activity, self.last_work)

    def restart_hint(self) -> str:
        """What a person does to get the app back after it stopped."""
        return wording.restart_hint(self.store.config.restart_hint, self.stopper.target)

    def confirm_saved(self, client: str, stop_id: str) -> None:
        """A browser saved its documents for the pending stop: it may proceed sooner."""
        self.handshake.confirm(client, stop_id, self.clock())
        self._wake.set()

    async def record(self, action: str, kind: str, resource_id: str, name: str, reason: str,
                     idle: float, *, dry_run: bool, person: Person | None = None) -> None:
        self.log.info("dsws idle: %s %s %s (%s): %s", action, kind, resource_id, name, reason)
        await self.events.record(IdleEvent(action=action, kind=kind, id=resource_id, name=name,
                                           reason=reason, idle_seconds=idle, dry_run=dry_run,
                                           person=person),
                                 self.clock())
