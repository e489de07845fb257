"""``GET {base_url}dsws/status``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import ServiceHandler, api
from .service import StatusService

if TYPE_CHECKING:
    from ..wire import RefreshQuery
    from .models import Status


class StatusHandler(ServiceHandler[StatusService]):
    # The sidebar polls this: a poll is not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: RefreshQuery) -> Status:
        return await self.service.status(query.refresh)


handlers = [("status", StatusHandler)]
