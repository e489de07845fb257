"""The Repositories panel's server side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..features import Feature
from .config import CodeCommitClone
from .handlers import handlers
from .service import CodeCommitService

if TYPE_CHECKING:
    from ..app import DSWSExtension


class CodeCommitFeature(Feature):
    name = "codecommit"
    configurables = (CodeCommitClone,)

    def __init__(self, extension: DSWSExtension) -> None:
        super().__init__(extension)
        self.config = CodeCommitClone(parent=extension)
        self.service = CodeCommitService(
            extension.aws, self.config, extension.serverapp.root_dir, extension.studio,
            helper_dir=Path(extension.state_dir) / "git-credential")

    def handlers(self) -> list[tuple[str, Any]]:
        return list(handlers)

    async def stop(self) -> None:
        await self.service.stop()
