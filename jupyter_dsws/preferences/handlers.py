"""``{base_url}dsws/preferences``: the asking person's own preferences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import ServiceHandler, api
from .service import PreferencesService

if TYPE_CHECKING:
    from .models import PersonalPreferences, PreferencesChange


class PreferencesHandler(ServiceHandler[PreferencesService]):
    # Read at page load and written by a column's checkbox: not work that keeps a space up.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self) -> PersonalPreferences:
        return await self.service.get(self.current_user)

    @web.authenticated
    @authorized
    @api
    async def patch(self, body: PreferencesChange) -> PersonalPreferences:
        return await self.service.change(self.current_user, body)


handlers = [("preferences", PreferencesHandler)]
