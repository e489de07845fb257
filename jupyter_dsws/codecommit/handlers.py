"""``{base_url}dsws/codecommit/…``: thin handlers over ``CodeCommitService``."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler
from .models import CloneRequest, CloneStarted


class _CodeCommitHandler(DSWSHandler):
    @property
    def service(self) -> Any:
        return self.dsws.features["codecommit"].service


class RepositoriesHandler(_CodeCommitHandler):
    # The panel asks on refresh; that is not a person's activity on the server.
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.repositories())


class ClonedHandler(_CodeCommitHandler):
    # The panel asks while a person types a name or URL: not activity on the server.
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.cloned_at(self.get_query_argument("source", "")))


class CloneHandler(_CodeCommitHandler):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        job = await self.service.start_clone(self.read_body(CloneRequest))
        self.set_header("Location", self.request.path.rstrip("/") + "/" + job.id)
        self.send(CloneStarted(id=job.id), status=202)


class CloneJobHandler(_CodeCommitHandler):
    # The panel polls a clone's progress every second.
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self, id: str) -> None:  # the route names its group "id"
        self.send(self.service.status(id))

    @web.authenticated
    @authorized
    async def delete(self, id: str) -> None:
        self.send(await self.service.cancel(id))


handlers = [
    ("codecommit/repos", RepositoriesHandler),
    ("codecommit/cloned", ClonedHandler),
    ("codecommit/clone", CloneHandler),
    (r"codecommit/clone/(?P<id>[0-9a-f]{32})", CloneJobHandler),
]
