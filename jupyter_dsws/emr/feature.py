"""The EMR panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..features import Feature, FeatureContext
from .config import EMRConnect

if TYPE_CHECKING:
    from .service import EMRService


class EMRFeature(Feature):
    name = "emr"
    configurables = (EMRConnect,)

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.config = EMRConnect(parent=context.config)

    @cached_property
    def service(self) -> EMRService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import EMRService

        return EMRService(self.context.aws, self.config, self.context.studio)

