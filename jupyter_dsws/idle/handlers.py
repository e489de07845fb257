"""``{base_url}dsws/idle``, ``idle/events``, ``idle/keep``, ``idle/saved``: thin handlers."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..errors import InvalidInput
from ..web import DSWSHandler
from .models import Events, KeepBody, SavedBody, SettingsBody
from .monitor import IdleMonitor

MAX_EVENTS = 500
DEFAULT_EVENTS = 50


class IdleBase(DSWSHandler):
    @property
    def monitor(self) -> IdleMonitor:
        return self.dsws.features["idle"].monitor


class IdleHandler(IdleBase):
    # Every open tab polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        client = self.get_query_argument("client", None)
        self.send(await self.monitor.state(client[:200] if client else None))

    @web.authenticated
    @authorized
    async def put(self) -> None:
        raw: Any = self.get_json_body()
        settings = raw.get("settings") if isinstance(raw, dict) else None
        if isinstance(settings, dict):
            # 403 comes before any 400: an admin-only field is refused whatever its value.
            self.monitor.store.check_allowed(settings)
        body = self.read_body(SettingsBody)
        await self.monitor.store.update(body.settings)
        if body.settings.model_fields_set:
            # Choosing one's own timeout is a person's act.
            self.monitor.note_activity()
        self.monitor.wake()
        self.send(await self.monitor.state())


class IdleEventsHandler(IdleBase):
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        text = self.get_query_argument("limit", str(DEFAULT_EVENTS))
        try:
            limit = int(text)
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_EVENTS:
            raise InvalidInput(
                f"limit must be a whole number from 1 to {MAX_EVENTS}; got {text!r}.")
        events = await self.monitor.events.recent(limit)
        self.send(Events.model_validate({"events": events}))


class IdleKeepHandler(IdleBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.read_body(KeepBody)
        await self.monitor.keep(body.client)
        self.send(await self.monitor.state(body.client))


class IdleSavedHandler(IdleBase):
    # Sent by the browser on its own when asked to save: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.read_body(SavedBody)
        self.monitor.saved(body.client, body.stop_id)
        self.set_status(204)
        self.finish()


handlers = [
    ("idle", IdleHandler),
    ("idle/events", IdleEventsHandler),
    ("idle/keep", IdleKeepHandler),
    ("idle/saved", IdleSavedHandler),
]
