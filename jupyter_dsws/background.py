"""One background task of a feature, started once the event loop runs and cancelled at stop."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Callable, Coroutine
from typing import Any


class BackgroundTask:
    """Runs ``work()`` as a named asyncio task; ``start`` is idempotent, ``stop`` waits for it."""

    def __init__(self, name: str, work: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self.name = name
        self._work = work
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        if not self.running:
            # In a context of its own: work started from a request (an instance switch wakes
            # the idle monitor) must not inherit that request's deadline for AWS calls.
            self._task = contextvars.Context().run(asyncio.create_task, self._work(),
                                                   name=self.name)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
