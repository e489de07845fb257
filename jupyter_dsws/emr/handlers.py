"""``{base_url}dsws/emr/…``: thin handlers over ``EMRService``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import PanelHandler, api

if TYPE_CHECKING:
    from ..wire import RefreshQuery
    from .models import (
        EmrClusterDetail,
        EmrClusterList,
        EmrClustersQuery,
        EmrConnectCell,
        EmrConnectRequest,
        EmrPathCheck,
        EmrServerlessApplicationList,
        EmrServerlessStarted,
    )
    from .service import EMRService  # noqa: F401  (the handlers' type argument)

_CLUSTER = r"(?P<cluster_id>j-[0-9A-Z]{1,32})"
_APPLICATION = r"(?P<application_id>[0-9a-z]{1,64})"


class _EMRHandler(PanelHandler["EMRService"]):
    """Given its ``EMRService`` by the route (``EMRFeature.handlers``)."""


class ClustersHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: EmrClustersQuery) -> EmrClusterList:
        return await self.service.list_clusters(query.state, query.next, query.refresh)


class ClusterHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, cluster_id: str) -> EmrClusterDetail:
        return await self.service.cluster(cluster_id)


class CheckHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def post(self, cluster_id: str) -> EmrPathCheck:
        return await self.service.check(cluster_id)


class ConnectHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def post(self, cluster_id: str, body: EmrConnectRequest) -> EmrConnectCell:
        return await self.service.connect(cluster_id, body)


class ApplicationsHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: RefreshQuery) -> EmrServerlessApplicationList:
        return await self.service.serverless_applications(query.refresh)


class StartApplicationHandler(_EMRHandler):
    @web.authenticated
    @authorized
    @api
    async def post(self, application_id: str) -> EmrServerlessStarted:
        return await self.service.start_serverless(application_id)


handlers = [
    ("emr/clusters", ClustersHandler),
    (rf"emr/clusters/{_CLUSTER}", ClusterHandler),
    (rf"emr/clusters/{_CLUSTER}/check", CheckHandler),
    (rf"emr/clusters/{_CLUSTER}/connect", ConnectHandler),
    ("emr/serverless/applications", ApplicationsHandler),
    (rf"emr/serverless/applications/{_APPLICATION}/start", StartApplicationHandler),
]
