"""``{base_url}dsws/registry/…``: thin handlers over ``RegistryService``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import PanelHandler, api

if TYPE_CHECKING:
    from .models import (
        ApprovalRequest,
        CompareQuery,
        Comparison,
        GroupList,
        GroupsQuery,
        Overview,
        OverviewQuery,
        VersionDetail,
        VersionList,
        VersionQuery,
        VersionsQuery,
    )

_GROUP = r"(?P<group>[^/]+)"
_VERSION = r"(?P<version>[0-9]{1,9})"


class _RegistryHandler(PanelHandler["RegistryService"]):
    """Given its ``RegistryService`` by the route (``RegistryFeature.handlers``)."""


class GroupsHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: GroupsQuery) -> GroupList:
        return await self.service.groups(query.query, query.next, query.refresh)


class VersionsHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, group: str, query: VersionsQuery) -> VersionList:
        return await self.service.versions(group, query.status, query.next,
                                           query.refresh)


class VersionHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, group: str, version: str, query: VersionQuery) -> VersionDetail:
        return await self.service.version(group, int(version), query.refresh)

    @web.authenticated
    @authorized
    @api
    async def patch(self, group: str, version: str, body: ApprovalRequest) -> VersionDetail:
        return await self.service.set_approval(group, int(version), body, self.person)


class CompareHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: CompareQuery) -> Comparison:
        return await self.service.compare(query.arn, query.refresh)


class OverviewHandler(_RegistryHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: OverviewQuery) -> Overview:
        return await self.service.overview(query.next, query.refresh)


handlers = [
    ("registry/groups", GroupsHandler),
    (rf"registry/groups/{_GROUP}/versions", VersionsHandler),
    (rf"registry/groups/{_GROUP}/versions/{_VERSION}", VersionHandler),
    ("registry/compare", CompareHandler),
    ("registry/overview", OverviewHandler),
]
