"""``{base_url}dsws/instances…``: thin handlers over the instances feature's services."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import DSWSHandler

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
    async def get(self) -> None:
        region = self.get_query_argument("region", None)
        self.send(self.feature.service.catalog_view(region))


class RecommendHandler(InstancesBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        from .models import WorkloadRequest  # the models load with the first request

        self.send(self.feature.service.recommend(self.read_body(WorkloadRequest)))


class InventoryHandler(InstancesBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        from .models import InventoryRequest

        body = self.read_body(InventoryRequest)
        # Up to 10,000 rows take ~0.6 s of CPU (benchmarks/instances.py): off the loop.
        self.send(await asyncio.to_thread(self.feature.service.inventory, body))


class CurrentHandler(InstancesBase):
    _track_activity = False

    @web.authenticated
    @authorized
    async def get(self) -> None:
        self.send(await self.feature.switcher.current())


class SwitchHandler(InstancesBase):
    @web.authenticated
    @authorized
    async def post(self) -> None:
        from .models import SwitchRequest

        body = self.read_body(SwitchRequest)
        self.send(await self.feature.switcher.switch(body.instance_type.strip()), status=202)


handlers = [
    ("instances", CatalogHandler),
    ("instances/recommend", RecommendHandler),
    ("instances/inventory", InventoryHandler),
    ("instances/current", CurrentHandler),
    ("instances/switch", SwitchHandler),
]
