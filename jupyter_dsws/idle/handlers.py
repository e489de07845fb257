"""``{base_url}dsws/idle``, ``idle/events``, ``idle/keep``, ``idle/saved``: thin handlers."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler, api
from .models import Events, EventsQuery, IdleQuery, IdleState, KeepBody, SavedBody, SettingsBody
from .monitor import IdleMonitor


class IdleBase(DSWSHandler):
    @property
    def monitor(self) -> IdleMonitor:
        return self.dsws.features["idle"].monitor


class IdleHandler(IdleBase):
    # Every open tab polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: IdleQuery) -> IdleState:
        return await self.monitor.state(query.client or None)

    def inspect_body(self, raw: Any) -> None:
        settings = raw.get("settings") if isinstance(raw, dict) else None
        if isinstance(settings, dict):
            # 403 comes before any 400: an admin-only field is refused whatever its value.
            self.monitor.store.check_allowed(settings)

    @web.authenticated
    @authorized
    @api
    async def put(self, body: SettingsBody) -> IdleState:
        await self.monitor.store.update(body.settings)
        if body.settings.model_fields_set:
            # Choosing one's own timeout is a person's act.
            self.monitor.note_activity()
        self.monitor.wake()
        return await self.monitor.state()


class IdleEventsHandler(IdleBase):
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: EventsQuery) -> Events:
        events = await self.monitor.events.recent(query.limit)
        return Events.model_validate({"events": events})


class IdleKeepHandler(IdleBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: KeepBody) -> IdleState:
        await self.monitor.keep(body.client)
        return await self.monitor.state(body.client)


class IdleSavedHandler(IdleBase):
    # Sent by the browser on its own when asked to save: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api(status=204)
    async def post(self, body: SavedBody) -> None:
        self.monitor.saved(body.client, body.stop_id)


handlers = [
    ("idle", IdleHandler),
    ("idle/events", IdleEventsHandler),
    ("idle/keep", IdleKeepHandler),
    ("idle/saved", IdleSavedHandler),
]
