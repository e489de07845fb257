"""``{base_url}dsws/instances…``: thin handlers over the instances feature's services."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..people import person_of
from ..web import ServiceHandler, api

if TYPE_CHECKING:
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


class CatalogBase(ServiceHandler["InstancesService"]):
    """Given the catalog's ``InstancesService`` by the route (``InstancesFeature.handlers``)."""


class SwitchBase(ServiceHandler["SwitchService"]):
    """Given the ``SwitchService`` by the route (``InstancesFeature.handlers``)."""


class CatalogHandler(CatalogBase):
    # Read by the panel on its own: not a person's activity.
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self, query: CatalogQuery) -> InstanceCatalog:
        return self.service.catalog_view(query.region)


class RecommendHandler(CatalogBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: WorkloadRequest) -> Recommendations:
        return self.service.recommend(body)


class InventoryHandler(CatalogBase):
    @web.authenticated
    @authorized
    @api
    async def post(self, body: InventoryRequest) -> Inventory:
        # Up to 10,000 rows take ~0.6 s of CPU (benchmarks/instances.py): off the loop.
        return await asyncio.to_thread(self.service.inventory, body)


class CurrentHandler(SwitchBase):
    _track_activity = False

    @web.authenticated
    @authorized
    @api
    async def get(self) -> CurrentInstance:
        return await self.service.current(person_of(self.current_user))


class SwitchHandler(SwitchBase):
    @web.authenticated
    @authorized
    @api(status=202)
    async def post(self, body: SwitchRequest) -> SwitchAccepted:
        return await self.service.switch(body.instance_type.strip(), self.person)


catalog_handlers = [
    ("instances", CatalogHandler),
    ("instances/recommend", RecommendHandler),
    ("instances/inventory", InventoryHandler),
]
switch_handlers = [
    ("instances/current", CurrentHandler),
    ("instances/switch", SwitchHandler),
]
handlers = catalog_handlers + switch_handlers
