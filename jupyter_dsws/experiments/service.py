"""``ExperimentsService``: what the Experiments panel asks of MLflow and SageMaker.

No tornado here: the handlers are thin over these methods. The MLflow target is resolved
per request (cached a minute, ``tracking.py``); reading is in ``reading.py`` and
``histories.py``, registering in ``promote.py``, the compare rules are the Models panel's
(``registry/compare.py``). The panel's reads (not the charts' histories) are shared by every
tab and person for ``Experiments.read_ttl_seconds`` (``AwsAccess.shared``), keyed by the
tracking server and, for SageMaker's signed MLflow, the AWS identity; a write to MLflow
(``mlflow_rest``) makes them fresh.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from ..aws.shared_reads import MLFLOW
from ..errors import InvalidInput
from ..people import Person
from ..registry.compare import best_of, differing, direction
from ..studio import StudioApp
from ..wire import Fetched, iso_time
from . import histories, promote, reading, sheet
from .config import Experiments
from .mlflow_rest import MlflowRest
from .models import (
    ExperimentList,
    MetricHistory,
    MlflowServerList,
    RegisterRequest,
    RunComparison,
    RunDetail,
    RunDifferences,
    RunList,
    RunRegistration,
    RunsCompareHistory,
    UiUrl,
)
from .tracking import Tracking

F = TypeVar("F", bound=Fetched)


class ExperimentsService:
    def __init__(self, aws: Any, config: Experiments, studio: StudioApp | None, *,
                 metric_directions: Mapping[str, str] | None = None) -> None:
        self.aws = aws
        self.config = config
        self.tracking = Tracking(aws, config, studio)
        self.metric_directions = dict(metric_directions or {})
        self._rest: MlflowRest | None = None

    async def rest(self) -> MlflowRest:
        target, _ = await self.tracking.target()
        if self._rest is None or self._rest.target != target:
            self._rest = MlflowRest(target, self.aws, timeout=self.config.request_timeout)
        return self._rest

    async def _shared(self, name: str, fetch: Callable[[MlflowRest], Awaitable[F]],
                      refresh: bool, **params: Any) -> F:
        """An MLflow read shared by every tab and person for ``read_ttl_seconds``, with its
        age: keyed by the tracking server, and by the AWS identity where requests to it are
        signed (what a role may read is its own); a plain URL answers anyone alike."""
        rest = await self.rest()
        target = rest.target
        shared = await self.aws.shared(
            name, lambda: fetch(rest), services=(MLFLOW,), ttl=self.config.read_ttl_seconds,
            refresh=refresh, signed=target.signing_service is not None,
            server=target.arn or target.base_url, **params)
        return shared.value.model_copy(update={"fetched_at": iso_time(shared.fetched_at),
                                               "notice": shared.notice})

    def directions(self, metrics: list[str]) -> dict[str, Any]:
        found = {m: direction(m, self.metric_directions) for m in metrics}
        return {m: way for m, way in found.items() if way}

    # Servers -------------------------------------------------------------------------

    async def servers(self, refresh: bool = False) -> MlflowServerList:
        return await self.tracking.servers(refresh)

    async def ui_url(self) -> UiUrl:
        return await self.tracking.ui_url()

    # Reading -------------------------------------------------------------------------

    async def experiments(self, query: str | None, next_: str | None,
                          refresh: bool = False) -> ExperimentList:
        return await self._shared(
            "experiments.experiments", lambda rest: reading.experiments(rest, query, next_),
            refresh, query=query or None, next=next_)

    async def runs(self, experiment_id: str, filter_: str | None, order_by: str | None,
                   next_: str | None, refresh: bool = False) -> RunList:
        async def page_of(rest: MlflowRest) -> RunList:
            page = await reading.runs(rest, experiment_id, filter_=filter_,
                                      order_by=order_by, next_=next_,
                                      page_size=self.config.page_size)
            page.directions = self.directions(page.metrics)
            return page

        return await self._shared("experiments.runs", page_of, refresh,
                                  experiment=experiment_id, filter=filter_ or None,
                                  order_by=order_by or None, next=next_)

    async def run(self, run_id: str, refresh: bool = False) -> RunDetail:
        return await self._shared("experiments.run",
                                  lambda rest: reading.run_detail(rest, run_id), refresh,
                                  run=run_id)

    async def history(self, run_id: str, key: str, max_points: int) -> MetricHistory:
        return await histories.history(await self.rest(), run_id, key, max_points)

    # Compare -------------------------------------------------------------------------

    def _check_compare(self, run_ids: list[str]) -> list[str]:
        unique = list(dict.fromkeys(run_ids))
        most = self.config.max_compare
        if not 2 <= len(unique) <= most:
            raise InvalidInput(f"Compare takes 2 to {most} different runs; {len(unique)} "
                               "given.", code="bad_compare")
        return unique

    async def compare(self, run_ids: list[str], refresh: bool = False) -> RunComparison:
        unique = self._check_compare(run_ids)
        # The order is the tab's columns': another order is another answer.
        return await self._shared("experiments.compare",
                                  lambda rest: self._compare(rest, unique), refresh,
                                  runs=unique)

    async def _compare(self, rest: MlflowRest, unique: list[str]) -> RunComparison:
        runs = await reading.some_runs(rest, unique)
        params, metrics = sheet.names(runs)
        directions = self.directions(metrics)
        return RunComparison(
            runs=runs, params=params, metrics=metrics,
            different=RunDifferences(params=differing([r.params for r in runs], params),
                                  metrics=differing([r.metrics for r in runs], metrics)),
            best=best_of({r.id: r.metrics for r in runs}, metrics, directions),
            directions=directions)

    async def compare_history(self, run_ids: list[str], key: str,
                              max_points: int) -> RunsCompareHistory:
        unique = self._check_compare(run_ids)
        series = await histories.histories(await self.rest(), unique, key, max_points)
        return RunsCompareHistory(key=key, series=series)

    async def run_metrics(self, run_id: str) -> dict[str, float]:
        """A run's metrics (the Models panel's, for versions MLflow registered itself)."""
        return sheet.run_of(await reading.raw_run(await self.rest(), run_id)).metrics

    # Promote -------------------------------------------------------------------------

    async def register(self, run_id: str, request: RegisterRequest,
                       person: Person | None = None) -> RunRegistration:
        rest = await self.rest()
        _, server = await self.tracking.target()
        return await promote.register(
            rest, self.aws, run_id, request,
            tracking_uri=server.url if server.kind == "url" else server.arn,
            image_uri=self.config.inference_image, person=person)
