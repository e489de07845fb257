"""The Experiments panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..features import Feature, FeatureContext, Route, with_service
from .config import Experiments
from .handlers import handlers

if TYPE_CHECKING:
    from .service import ExperimentsService


class ExperimentsFeature(Feature):
    name = "experiments"
    configurables = (Experiments,)

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.config = Experiments(parent=context.config)

    @cached_property
    def service(self) -> ExperimentsService:
        # Built at the first request: its models and logic are no part of the server's start.
        from ..registry.config import ModelRegistry
        from .service import ExperimentsService

        # Which way a metric is better is one rule for both panels: c.ModelRegistry's table.
        directions = ModelRegistry(parent=self.context.config).metric_directions
        return ExperimentsService(self.context.aws, self.config, self.context.studio,
                                  metric_directions=directions)

    def handlers(self) -> list[Route]:
        return with_service(handlers, lambda: self.service)
