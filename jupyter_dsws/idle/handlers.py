"""``{base_url}dsws/idle``, ``idle/events``, ``idle/activity``, ``idle/keep``, ``idle/saved``:
thin handlers over ``IdleService``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import ServiceHandler, api
from .service import IdleService

if TYPE_CHECKING:
    from .models import (
        ActivityBody,
        Events,
        EventsQuery,
        IdleQuery,
        IdleState,
        KeepBody,
        SavedBody,
        SettingsBody,
    )


class IdleBase(ServiceHandler[IdleService]):
    """Given its ``IdleService`` by the route (``IdleFeature.handlers``)."""


class IdleHandler(IdleBase):
    # Every open tab polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: IdleQuery) -> IdleState:
        return await self.service.state(query.client or None, self.person)

    def inspect_body(self, raw: Any) -> None:
        # 403 comes before any 400: an admin-only field is refused whatever its value.
        self.service.check_allowed(raw)

    @web.authenticated
    @authorized
    @api
    async def put(self, body: SettingsBody) -> IdleState:
        return await self.service.update_settings(body.settings, self.person)


class IdleEventsHandler(IdleBase):
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: EventsQuery) -> Events:
        return await self.service.events(query.limit)


class IdleActivityHandler(IdleBase):
    # A person's input in a tab: activity, for jupyter-server's own bookkeeping too.

    @web.authenticated
    @authorized
    @api
    async def post(self, body: ActivityBody) -> IdleState:
        return await self.service.activity(body.client, self.person)


class IdleKeepHandler(IdleBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: KeepBody) -> IdleState:
        return await self.service.keep(body.client, self.person)


class IdleSavedHandler(IdleBase):
    # Sent by the browser on its own when asked to save: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api(status=204)
    async def post(self, body: SavedBody) -> None:
        self.service.saved(body.client, body.stop_id)


handlers = [
    ("idle", IdleHandler),
    ("idle/events", IdleEventsHandler),
    ("idle/activity", IdleActivityHandler),
    ("idle/keep", IdleKeepHandler),
    ("idle/saved", IdleSavedHandler),
]
