"""The Models panel's server side."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..features import Feature
from .config import ModelRegistry
from .handlers import handlers
from .service import RegistryService

if TYPE_CHECKING:
    from ..app import DSWSExtension


class RegistryFeature(Feature):
    name = "registry"
    configurables = (ModelRegistry,)

    def __init__(self, extension: DSWSExtension) -> None:
        super().__init__(extension)
        self.config = ModelRegistry(parent=extension)
        self.service = RegistryService(extension.aws, self.config, extension.studio)

    def handlers(self) -> list[tuple[str, Any]]:
        return list(handlers)
