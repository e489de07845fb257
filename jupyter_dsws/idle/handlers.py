"""``{base_url}dsws/idle``, ``idle/events``, ``idle/activity``, ``idle/keep``, ``idle/saved``:
thin handlers over ``IdleService``."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler
from .models import ActivityBody, KeepBody, SavedBody, SettingsBody
from .service import IdleService


class IdleBase(DSWSHandler):
    @property
    def service(self) -> IdleService:
        return self.dsws.features["idle"].service


class IdleHandler(IdleBase):
    # Every open tab polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        client = self.get_query_argument("client", None)
        self.send(await self.service.state(client[:200] if client else None))

    @web.authenticated
    @authorized
    async def put(self) -> None:
        self.service.check_allowed(self.get_json_body())  # 403 before any 400
        self.send(await self.service.update_settings(self.read_body(SettingsBody).settings))


class IdleEventsHandler(IdleBase):
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.events(self.get_query_argument("limit", None)))


class IdleActivityHandler(IdleBase):
    # A person edited a document: activity, for jupyter-server's own bookkeeping too.

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.read_body(ActivityBody)
        self.send(await self.service.activity(body.client))


class IdleKeepHandler(IdleBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.read_body(KeepBody)
        self.send(await self.service.keep(body.client))


class IdleSavedHandler(IdleBase):
    # Sent by the browser on its own when asked to save: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    async def post(self) -> None:
        body = self.read_body(SavedBody)
        self.service.saved(body.client, body.stop_id)
        self.set_status(204)
        self.finish()


handlers = [
    ("idle", IdleHandler),
    ("idle/events", IdleEventsHandler),
    ("idle/activity", IdleActivityHandler),
    ("idle/keep", IdleKeepHandler),
    ("idle/saved", IdleSavedHandler),
]
