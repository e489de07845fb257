"""``{base_url}dsws/experiments/…``: thin handlers over ``ExperimentsService``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..web import PanelHandler, api

if TYPE_CHECKING:
    from .models import (
        ExperimentList,
        ExperimentsQuery,
        HistoryQuery,
        MetricHistory,
        MlflowServerList,
        RegisterRequest,
        RunComparison,
        RunDetail,
        RunList,
        RunQuery,
        RunRegistration,
        RunsCompareHistory,
        RunsCompareHistoryQuery,
        RunsComparisonQuery,
        RunsQuery,
        ServersQuery,
        UiUrl,
    )
    from .service import ExperimentsService  # noqa: F401  (the handlers' type argument)

_EXPERIMENT = r"(?P<experiment_id>[0-9A-Za-z_-]{1,64})"
_RUN = r"(?P<run_id>[0-9A-Za-z_-]{1,64})"
_KEY = r"(?P<key>[^/]{1,250})"


class _ExperimentsHandler(PanelHandler["ExperimentsService"]):
    """Given its ``ExperimentsService`` by the route (``ExperimentsFeature.handlers``)."""


class ServersHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: ServersQuery) -> MlflowServerList:
        return await self.service.servers(query.refresh)


class ExperimentsHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: ExperimentsQuery) -> ExperimentList:
        return await self.service.experiments(query.query, query.next, query.refresh)


class RunsHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, experiment_id: str, query: RunsQuery) -> RunList:
        return await self.service.runs(experiment_id, query.filter, query.order_by, query.next,
                                       query.refresh)


class RunHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, run_id: str, query: RunQuery) -> RunDetail:
        return await self.service.run(run_id, query.refresh)


class HistoryHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, run_id: str, key: str, query: HistoryQuery) -> MetricHistory:
        return await self.service.history(run_id, key, query.max_points)


class CompareHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, query: RunsComparisonQuery) -> RunComparison:
        return await self.service.compare(query.run, query.refresh)


class CompareHistoryHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def get(self, key: str, query: RunsCompareHistoryQuery) -> RunsCompareHistory:
        return await self.service.compare_history(query.run, key, query.max_points)


class RegisterHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api(status=201)
    async def post(self, run_id: str, body: RegisterRequest) -> RunRegistration:
        return await self.service.register(run_id, body, self.person)


class UiUrlHandler(_ExperimentsHandler):
    @web.authenticated
    @authorized
    @api
    async def post(self) -> UiUrl:
        return await self.service.ui_url()


handlers = [
    ("experiments/servers", ServersHandler),
    ("experiments/experiments", ExperimentsHandler),
    (rf"experiments/experiments/{_EXPERIMENT}/runs", RunsHandler),
    (rf"experiments/runs/{_RUN}", RunHandler),
    (rf"experiments/runs/{_RUN}/metrics/{_KEY}", HistoryHandler),
    (rf"experiments/runs/{_RUN}/register", RegisterHandler),
    ("experiments/compare", CompareHandler),
    (rf"experiments/compare/metrics/{_KEY}", CompareHistoryHandler),
    ("experiments/ui-url", UiUrlHandler),
]
