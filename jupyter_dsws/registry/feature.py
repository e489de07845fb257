"""The Models panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..features import Feature, FeatureContext
from .config import ModelRegistry

if TYPE_CHECKING:
    from .service import RegistryService


class RegistryFeature(Feature):
    name = "registry"
    settings = ModelRegistry
    config: ModelRegistry

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        #: Set by the Experiments panel: a version's metrics read from its MLflow run.
        self.run_metrics: Any = None

    @cached_property
    def service(self) -> RegistryService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import RegistryService

        service = RegistryService(self.context.aws, self.config, self.context.studio)
        service.run_metrics = self.run_metrics
        return service

