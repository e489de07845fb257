"""The Models panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..features import Feature
from .config import ModelRegistry
from .handlers import handlers

if TYPE_CHECKING:
    from ..app import DSWSExtension
    from .service import RegistryService


class RegistryFeature(Feature):
    name = "registry"
    configurables = (ModelRegistry,)

    def __init__(self, extension: DSWSExtension) -> None:
        super().__init__(extension)
        self.config = ModelRegistry(parent=extension)

    @cached_property
    def service(self) -> RegistryService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import RegistryService

        return RegistryService(self.extension.aws, self.config, self.extension.studio)

    def handlers(self) -> list[tuple[str, Any]]:
        return list(handlers)
