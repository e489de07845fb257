"""What the idle routes do, free of tornado: the handlers read the request and send the answer.

The monitor decides and acts; this service answers the panel: the state with every countdown,
a person's settings, the events, and the browser's part of a stop (activity, keep, saved).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..people import Person
from . import policy
from .models import (
    AppState,
    AppStop,
    Events,
    IdleState,
    PersonHere,
    ResourceState,
    SettingsChange,
)
from .monitor import IdleMonitor


class IdleService:
    def __init__(self, monitor: IdleMonitor) -> None:
        self.monitor = monitor
        self.store = monitor.store

    def _seen(self, client: str | None, person: Person | None, now: datetime) -> None:
        m = self.monitor
        m.handshake.seen(client, now)
        m.presence.seen(client, person, now)
        if m.collaboration is not None:
            m.collaboration.watch()  # a document opened since the last check

    def people_here(self, person: Person | None = None) -> list[PersonHere]:
        """Who has the space open now, ``person`` marked as "you"."""
        me = person.name if person is not None else None
        here = [PersonHere(name=h.person.name, display_name=h.person.display_name,
                           tabs=h.tabs, collaborating=h.collaborating, you=h.person.name == me)
                for h in self.monitor.people(self.monitor.clock())]
        if person is not None and not any(h.you for h in here):
            # Whoever asks is here, whether or not a tab of theirs polled yet.
            here.insert(0, PersonHere(name=person.name, display_name=person.display_name,
                                      tabs=0, collaborating=False, you=True))
        return here

    async def state(self, client: str | None = None, person: Person | None = None) -> IdleState:
        """What GET dsws/idle answers. Cheap: process facts come from the last check."""
        m = self.monitor
        now = m.clock()
        self._seen(client, person, now)
        resources = m.resources(await m.inventory.observe(now), now, track=False)
        rules = self.store.rules()
        idle_from = m.idle_since()
        working = any(r.working for r in resources)
        pending = m.handshake.pending
        stop = None
        if pending is not None:
            stop = AppStop(cause=pending.cause,  # type: ignore[arg-type]
                           at=pending.began, idle_seconds=round(pending.idle_seconds, 3),
                           reason=pending.reason, restart=m.restart_hint())
        return IdleState(
            settings=self.store.settings(),
            resources=[ResourceState(
                kind=r.kind, id=r.id, name=r.name, state=r.state,
                idle_seconds=round(policy.idle_seconds(r, now), 3), connections=r.connections,
                shutdown_at=policy.resource_shutdown_at(r, rules),
            ) for r in resources],
            app=AppState(
                idle_seconds=0.0 if working else round((now - idle_from).total_seconds(), 3),
                shutdown_at=policy.app_shutdown_at(rules, resources, idle_from),
                target=m.stopper.target,  # type: ignore[arg-type]
                stopping=pending is not None or m.stop_issued,
                stop_id=pending.stop_id if pending is not None else None,
                stop=stop,
            ),
            people=self.people_here(person),
            collaboration=m.rtc_enabled(),
            last_change=self.store.last_change(),
        )

    def check_allowed(self, body: Any) -> None:
        """403 for an admin-only field or any change when people may change nothing, before
        the body is validated: an admin-only field is refused whatever its value."""
        settings = body.get("settings") if isinstance(body, dict) else None
        if isinstance(settings, dict):
            self.store.check_allowed(settings)

    async def update_settings(self, change: SettingsChange,
                              person: Person | None = None) -> IdleState:
        """A person changes the space's settings (everyone's, in a shared space): recorded
        with their name, and shown to the others (``last_change``)."""
        m = self.monitor
        text = await self.store.update(change, person, m.clock())
        if change.model_fields_set:
            # Choosing one's own timeout is a person's act.
            m.note_activity()
        if text is not None:
            await m.record("settings", "app", m.stopper.id, m.stopper.name, text, 0.0,
                           dry_run=self.store.config.dry_run, person=person)
        m.wake()  # the new timeout applies now, not at the next check
        return await self.state(None, person)

    async def events(self, limit: int) -> Events:
        return Events.model_validate({"events": await self.monitor.events.recent(limit)})

    async def activity(self, client: str | None, person: Person | None = None) -> IdleState:
        """A person edited a document in a browser tab: the app's idle time starts again."""
        m = self.monitor
        self._seen(client, person, m.clock())
        m.note_activity()
        return await self.state(client, person)

    async def keep(self, client: str | None, person: Person | None = None) -> IdleState:
        """"Keep working": activity, a cancelled stop for everyone in the space, and a
        record of it with the person's name."""
        m = self.monitor
        now = m.clock()
        self._seen(client, person, now)
        idle = (now - m.idle_since()).total_seconds()
        m.note_activity(now)
        who = person.display_name if person is not None else "A person"
        tab = f" in browser {client}" if client else ""
        await m.record("keep", "app", m.stopper.id, m.stopper.name,
                       f"{who} pressed keep working{tab}.",
                       idle, dry_run=self.store.config.dry_run, person=person)
        return await self.state(client, person)

    def saved(self, client: str, stop_id: str) -> None:
        """A browser saved its documents for the pending stop ``stop_id`` (409 when none)."""
        self.monitor.confirm_saved(client, stop_id)
