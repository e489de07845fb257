"""The EMR panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..features import Feature
from .config import EMRConnect

if TYPE_CHECKING:
    from .service import EMRService


class EMRFeature(Feature):
    name = "emr"
    settings = EMRConnect
    config: EMRConnect

    @cached_property
    def service(self) -> EMRService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import EMRService

        return EMRService(self.context.aws, self.config, self.context.studio)

