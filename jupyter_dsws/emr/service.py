"""``EMRService``: what the EMR panel asks of EMR, EC2, SageMaker and the network.

No tornado here: the handlers are thin over these methods. Listing and detail are in
``clusters.py``, the runtime roles and the space's security groups in ``roles.py``, the path
check in ``checks.py``, the connect cell in ``cells.py``, Serverless in ``serverless.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from ..errors import InvalidInput, echo
from ..studio import StudioApp
from ..wire import Fetched, iso_time
from . import cells
from .checks import PathCheck
from .clusters import Clusters
from .config import EMRConnect
from .models import (
    EmrClusterDetail,
    EmrClusterList,
    EmrConnectCell,
    EmrConnectRequest,
    EmrPathCheck,
    EmrServerlessApplicationList,
    EmrServerlessStarted,
)
from .roles import StudioSettings
from .serverless import Serverless

F = TypeVar("F", bound=Fetched)


class EMRService:
    def __init__(self, aws: Any, config: EMRConnect, studio: StudioApp | None) -> None:
        self.aws = aws
        self.config = config
        self.clusters = Clusters(aws, config)
        self.settings = StudioSettings(aws, studio)
        self.path_check = PathCheck(self.clusters, self.settings, config, aws)
        self.serverless = Serverless(aws)

    async def list_clusters(self, state: str, next_: str | None,
                            refresh: bool = False) -> EmrClusterList:
        """One page of clusters, shared by every tab and person for ``list_ttl_seconds``."""
        return await self._shared("emr.clusters", lambda: self.clusters.page(state, next_),
                                  ("emr",), refresh, state=state, next=next_)

    async def cluster(self, cluster_id: str) -> EmrClusterDetail:
        found = await self.clusters.described(cluster_id, all_groups=True)
        primary_dns = await self.clusters.primary_dns(found)
        roles = list((await self.settings.access()).execution_roles)
        return self.clusters.detail(found, primary_dns=primary_dns, runtime_roles=roles)

    async def check(self, cluster_id: str) -> EmrPathCheck:
        return await self.path_check.run(cluster_id)

    async def connect(self, cluster_id: str, request: EmrConnectRequest) -> EmrConnectCell:
        found = await self.clusters.described(cluster_id)
        auth = found.auth()
        if request.auth != auth:
            raise InvalidInput(
                f"Cluster {cluster_id} uses {auth} auth, not {request.auth}: connect with "
                f"auth {auth}.", code="wrong_auth")
        role = request.execution_role_arn
        if auth != "runtime_role" and role:
            raise InvalidInput(f"Cluster {cluster_id} uses {auth} auth: it takes no "
                               "execution_role_arn (only runtime-role clusters do).",
                               code="wrong_auth")
        if auth == "runtime_role":
            await self._check_role(cluster_id, role)
        name = found.cluster.get("Name") or ""
        url = self.config.livy_endpoints.get(cluster_id)
        if url is not None:
            cell = cells.sparkmagic_cell(cluster_id=cluster_id, name=name, auth=auth, url=url,
                                         execution_role_arn=role,
                                         verify_certificate=self.config.verify_certificate)
        else:
            cell = cells.analytics_cell(cluster_id=cluster_id, name=name, auth=auth,
                                        execution_role_arn=role,
                                        verify_certificate=self.config.verify_certificate)
        return EmrConnectCell(cell=cell)

    async def _check_role(self, cluster_id: str, role: str | None) -> None:
        allowed = list((await self.settings.access()).execution_roles)
        if not role:
            choice = f" (one of {', '.join(allowed)})" if allowed else ""
            raise InvalidInput(f"Cluster {cluster_id} uses runtime roles: give the "
                               f"execution_role_arn Spark runs as{choice}.",
                               code="execution_role_missing")
        if allowed and role not in allowed:
            raise InvalidInput(f"{echo(role)} is not one of the runtime roles Studio lets you "
                               f"use: {', '.join(allowed)}.", code="execution_role_not_allowed")

    async def serverless_applications(self, refresh: bool = False
                                      ) -> EmrServerlessApplicationList:
        """Shared like the clusters; starting an application (a write to EMR Serverless)
        makes it fresh."""
        return await self._shared("emr.serverless.applications", self.serverless.applications,
                                  ("emr-serverless",), refresh)

    async def _shared(self, name: str, fetch: Callable[[], Awaitable[F]],
                      services: tuple[str, ...], refresh: bool, **params: Any) -> F:
        shared = await self.aws.shared(name, fetch, services=services,
                                       ttl=self.config.list_ttl_seconds, refresh=refresh,
                                       **params)
        return shared.value.model_copy(update={"fetched_at": iso_time(shared.fetched_at),
                                               "notice": shared.notice})

    async def start_serverless(self, application_id: str) -> EmrServerlessStarted:
        return await self.serverless.start(application_id)
