"""The Experiments panel's server side."""

from __future__ import annotations

import asyncio
import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..background import BackgroundTask
from ..errors import DSWSError
from ..features import Feature, FeatureContext
from .config import Experiments

if TYPE_CHECKING:
    from .service import ExperimentsService

#: What MLflow's client reads (kernels inherit the server's environment).
TRACKING_URI = "MLFLOW_TRACKING_URI"
#: Seconds after start before SageMaker is asked for the default tracking server.
LOOKUP_DELAY_SECONDS = 5.0


class ExperimentsFeature(Feature):
    name = "experiments"
    settings = Experiments
    config: Experiments
    uses = ("registry",)

    def __init__(self, context: FeatureContext, registry: Any = None) -> None:
        super().__init__(context)
        if registry is not None:
            # Versions MLflow registered itself have no metrics file: the run has them.
            registry.run_metrics = self._run_metrics
        self._lookup: BackgroundTask | None = None

    @cached_property
    def service(self) -> ExperimentsService:
        # Built at the first request: its models and logic are no part of the server's start.
        from ..registry.config import ModelRegistry
        from .service import ExperimentsService

        # Which way a metric is better is one rule for both panels: c.ModelRegistry's table.
        directions = ModelRegistry(parent=self.context.config).metric_directions
        return ExperimentsService(self.context.aws, self.config, self.context.studio,
                                  metric_directions=directions)

    async def _run_metrics(self, package: dict[str, Any]) -> dict[str, float] | None:
        from .promote import run_of_package

        run_id = run_of_package(package)
        if run_id is None:
            return None
        try:
            return await self.service.run_metrics(run_id)
        except DSWSError as error:
            self.context.log.debug("dsws: no metrics from run %s: %s", run_id, error.message)
            return None

    async def start(self) -> None:
        if not self.config.kernel_tracking_uri or os.environ.get(TRACKING_URI):
            return
        if self.config.tracking_uri:  # known now: every kernel gets it
            os.environ.setdefault(TRACKING_URI, self.config.tracking_uri)
            return
        self._lookup = BackgroundTask("dsws-experiments-tracking-uri", self._look_up)
        self._lookup.start()

    async def _look_up(self) -> None:
        """The domain's default MLflow, looked up once the server is up (start-up stays
        free of AWS calls)."""
        await asyncio.sleep(LOOKUP_DELAY_SECONDS)
        try:
            found = await self.service.tracking.servers()
        except DSWSError as error:
            self.context.log.info("dsws: no MLflow tracking URI for kernels: %s", error.message)
            return
        if found.tracking_uri and not found.help:
            os.environ.setdefault(TRACKING_URI, found.tracking_uri)
            self.context.log.info("dsws: kernels log MLflow runs to %s", found.tracking_uri)

    async def stop(self) -> None:
        if self._lookup is not None:
            await self._lookup.stop()
