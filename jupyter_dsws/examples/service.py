"""The example notebooks: their list, and a copy of one into the workspace. No tornado."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from ..errors import NotFound, echo
from .catalog import EXAMPLES, example, notebook_text
from .copying import resolve_folder, with_kernel, write_new
from .models import CopiedExample, CopyExampleRequest, ExampleInfo, ExampleList


class ExamplesService:
    def __init__(self, root_dir: str, kernel_name: str,
                 display_name: Callable[[str], str | None]) -> None:
        self.root_dir = root_dir
        self.kernel_name = kernel_name
        #: The kernel's display name from the server's kernel specs; None when unknown.
        self.display_name = display_name

    def examples(self) -> ExampleList:
        return ExampleList(examples=[
            ExampleInfo(name=e.name, title=e.title, model=e.model, owner=e.owner,
                        group=e.group, summary=e.summary, gpu=e.gpu) for e in EXAMPLES])

    async def copy(self, request: CopyExampleRequest) -> CopiedExample:
        if example(request.name) is None:
            known = ", ".join(e.name for e in EXAMPLES)
            raise NotFound(f"There is no example {echo(request.name)}; the examples are "
                           f"{known}.")
        return await asyncio.to_thread(self._copy, request)

    def _copy(self, request: CopyExampleRequest) -> CopiedExample:
        folder, relative = resolve_folder(self.root_dir, request.directory)
        text = with_kernel(notebook_text(request.name), self.kernel_name,
                           self.display_name(self.kernel_name) or self.kernel_name)
        name = write_new(folder, request.name, text)
        return CopiedExample(path=f"{relative}/{name}" if relative else name,
                             kernel_name=self.kernel_name)
