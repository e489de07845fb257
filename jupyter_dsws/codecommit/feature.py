"""The Repositories panel's server side."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ..features import Feature
from .config import CodeCommitClone

if TYPE_CHECKING:
    from .service import CodeCommitService


class CodeCommitFeature(Feature):
    name = "codecommit"
    settings = CodeCommitClone
    config: CodeCommitClone

    @cached_property
    def service(self) -> CodeCommitService:
        # Built at the first request: its models and logic are no part of the server's start.
        from .service import CodeCommitService

        context = self.context
        return CodeCommitService(
            context.aws, self.config, context.root_dir, context.studio,
            helper_dir=context.state_dir / "git-credential")

    async def stop(self) -> None:
        if "service" in self.__dict__:  # never built: no clone to stop
            await self.service.stop()
