"""``{base_url}dsws/examples`` and ``…/examples/copy``: thin handlers over ``ExamplesService``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import ServiceHandler, api
from .service import ExamplesService

if TYPE_CHECKING:
    from .models import CopiedExample, CopyExampleRequest, ExampleList


class ExamplesHandler(ServiceHandler[ExamplesService]):
    # The getting-started page reads it when shown: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self) -> ExampleList:
        return self.service.examples()


class CopyExampleHandler(ServiceHandler[ExamplesService]):
    @web.authenticated
    @authorized
    @api(status=201)
    async def post(self, body: CopyExampleRequest) -> CopiedExample:
        return await self.service.copy(body)


handlers = [("examples", ExamplesHandler), ("examples/copy", CopyExampleHandler)]
