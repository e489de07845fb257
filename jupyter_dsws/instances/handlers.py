"""``{base_url}dsws/instances…``: thin handlers over the instances feature's services."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler, api
from .models import (
    CatalogQuery,
    CurrentInstance,
    InstanceCatalog,
    Inventory,
    InventoryRequest,
    Recommendations,
    SwitchAccepted,
    SwitchRequest,
    WorkloadRequest,
)

if TYPE_CHECKING:
    from .feature import InstancesFeature


class InstancesBase(DSWSHandler):
    @property
    def feature(self) -> InstancesFeature:
        return self.dsws.features["instances"]


class CatalogHandler(InstancesBase):
    # Read by the panel on its own: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: CatalogQuery) -> InstanceCatalog:
        return self.feature.service.catalog_view(query.region)


class RecommendHandler(InstancesBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: WorkloadRequest) -> Recommendations:
        return self.feature.service.recommend(body)


class InventoryHandler(InstancesBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: InventoryRequest) -> Inventory:
        # Up to 10,000 rows take ~0.6 s of CPU (benchmarks/instances.py): off the loop.
        return await asyncio.to_thread(self.feature.service.inventory, body)


class CurrentHandler(InstancesBase):
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self) -> CurrentInstance:
        return await self.feature.switcher.current()


class SwitchHandler(InstancesBase):
    @web.authenticated
    @authorized
    @api(status=202)
    async def post(self, body: SwitchRequest) -> SwitchAccepted:
        return await self.feature.switcher.switch(body.instance_type.strip())


handlers = [
    ("instances", CatalogHandler),
    ("instances/recommend", RecommendHandler),
    ("instances/inventory", InventoryHandler),
    ("instances/current", CurrentHandler),
    ("instances/switch", SwitchHandler),
]
