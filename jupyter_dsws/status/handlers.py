"""``GET {base_url}dsws/status``."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler, api
from .models import Status


class StatusHandler(DSWSHandler):
    # The sidebar polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self) -> Status:
        return await self.dsws.status_service.status()


handlers = [("status", StatusHandler)]
