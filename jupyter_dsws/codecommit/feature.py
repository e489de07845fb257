"""The Repositories panel's server side."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..features import Feature
from .config import CodeCommitClone
from .handlers import handlers

if TYPE_CHECKING:
    from ..app import DSWSExtension
    from .service import CodeCommitService


class CodeCommitFeature(Feature):
    name = "codecommit"
    configurables = (CodeCommitClone,)

    def __init__(self, extension: DSWSExtension) -> None:
        super().__init__(extension)
        self.config = CodeCommitClone(parent=extension)

    @cached_property
    def service(self) -> CodeCommitService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import CodeCommitService

        extension = self.extension
        return CodeCommitService(
            extension.aws, self.config, extension.serverapp.root_dir, extension.studio,
            helper_dir=Path(extension.state_dir) / "git-credential")

    def handlers(self) -> list[tuple[str, Any]]:
        return list(handlers)

    async def stop(self) -> None:
        if "service" in self.__dict__:  # never built: no clone to stop
            await self.service.stop()
