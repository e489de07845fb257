"""``{base_url}dsws/codecommit/…``: thin handlers over ``CodeCommitService``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import ServiceHandler, api

if TYPE_CHECKING:
    from ..wire import RefreshQuery
    from .models import (
        ClonedAt,
        ClonedQuery,
        CloneRequest,
        CloneStarted,
        CloneStatus,
        RepositoryList,
    )


class _CodeCommitHandler(ServiceHandler["CodeCommitService"]):
    """Given its ``CodeCommitService`` by the route (``CodeCommitFeature.handlers``)."""


class RepositoriesHandler(_CodeCommitHandler):
    # The panel asks on refresh; that is not a person's activity on the server.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: RefreshQuery) -> RepositoryList:
        return await self.service.repositories(query.refresh)


class ClonedHandler(_CodeCommitHandler):
    # The panel asks while a person types a name or URL: not activity on the server.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: ClonedQuery) -> ClonedAt:
        return await self.service.cloned_at(query.source)


class CloneHandler(_CodeCommitHandler):
    @web.authenticated
    @authorized
    @api(status=202)
    async def post(self, body: CloneRequest) -> CloneStarted:
        from .models import CloneStarted  # built at the first clone, not at start-up

        job = await self.service.start_clone(body, self.person)
        self.set_header("Location", self.request.path.rstrip("/") + "/" + job.id)
        return CloneStarted(id=job.id)


class CloneJobHandler(_CodeCommitHandler):
    # The panel polls a clone's progress every second.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, id: str) -> CloneStatus:  # the route names its group "id"
        return self.service.status(id)

    @web.authenticated
    @authorized
    @api
    async def delete(self, id: str) -> CloneStatus:
        return await self.service.cancel(id)


handlers = [
    ("codecommit/repos", RepositoriesHandler),
    ("codecommit/cloned", ClonedHandler),
    ("codecommit/clone", CloneHandler),
    (r"codecommit/clone/(?P<id>[0-9a-f]{32})", CloneJobHandler),
]
