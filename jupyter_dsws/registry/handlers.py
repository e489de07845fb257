"""``{base_url}dsws/registry/…``: thin handlers over ``RegistryService``."""

from __future__ import annotations

from typing import Any

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler

_GROUP = r"(?P<group>[^/]+)"
_VERSION = r"(?P<version>[0-9]{1,9})"


class _RegistryHandler(DSWSHandler):
    @property
    def _track_activity(self) -> bool:  # type: ignore[override]
        # Reading the registry is not a person's activity on the server (the panel
        # refreshes); an approval is.
        return self.request.method != "GET"

    @property
    def service(self) -> Any:
        return self.dsws.features["registry"].service


class GroupsHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.groups(self.get_argument("query", None),
                                            self.get_argument("next", None)))


class VersionsHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    async def get(self, group: str) -> None:
        self.send(await self.service.versions(group, self.get_argument("status", None) or None,
                                              self.get_argument("next", None)))


class VersionHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    async def get(self, group: str, version: str) -> None:
        self.send(await self.service.version(group, int(version)))

    @web.authenticated
    @authorized
    async def patch(self, group: str, version: str) -> None:
        from .models import ApprovalRequest  # the models load with the first request

        request = self.read_body(ApprovalRequest)
        self.send(await self.service.set_approval(group, int(version), request))


class CompareHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.compare(self.get_arguments("arn")))


class OverviewHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.service.overview(self.get_argument("next", None)))


handlers = [
    ("registry/groups", GroupsHandler),
    (rf"registry/groups/{_GROUP}/versions", VersionsHandler),
    (rf"registry/groups/{_GROUP}/versions/{_VERSION}", VersionHandler),
    ("registry/compare", CompareHandler),
    ("registry/overview", OverviewHandler),
]
