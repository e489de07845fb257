"""The registry's SageMaker calls: bounded concurrency, one page from a browser cursor,
"missing is None". The base of every registry use case; no tornado here."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from ..aws import AwsAccess, AwsFailure
from ..errors import DSWSError, NotFound
from ..studio import StudioApp
from ..wire import Fetched, iso_time
from . import cursor
from .config import ModelRegistry
from .store import RegistryStore

T = TypeVar("T")
F = TypeVar("F", bound=Fetched)

LIST_PAGE = 100  # the API's largest page
MAX_PAGES = 100  # 10,000 versions of one group: more than any panel shows


class RegistryCalls:
    def __init__(self, aws: AwsAccess, config: ModelRegistry, studio: StudioApp | None = None,
                 *, clock: Callable[[], float] = time.time) -> None:
        self.aws = aws
        self.config = config
        self.studio = studio
        self.clock = clock
        self.limit = asyncio.Semaphore(config.max_concurrency)
        self.store = RegistryStore(aws, cache_size=config.metrics_cache_size, limit=self.limit)
        # A version's metrics URIs never change: remembered by ARN for trends.
        self._metrics_uris: dict[str, tuple[int, list[str]]] = {}
        self._caller: str | None = None
        #: The metrics of a version that has no metrics file, read from the MLflow run it
        #: came from (set by the Experiments panel when it is on), or None.
        self.run_metrics: Callable[[dict[str, Any]], Awaitable[dict[str, float] | None]] | \
            None = None

    async def _shared(self, name: str, fetch: Callable[[], Awaitable[F]], refresh: bool,
                      **params: Any) -> F:
        """A list answer shared by every tab and person for ``list_ttl_seconds`` (the
        versions' metrics come from S3: a write to either makes it fresh), with its age."""
        shared = await self.aws.shared(name, fetch, services=("sagemaker", "s3"),
                                       ttl=self.config.list_ttl_seconds, refresh=refresh,
                                       **params)
        return shared.value.model_copy(update={"fetched_at": iso_time(shared.fetched_at),
                                               "notice": shared.notice})

    async def _call(self, method: str, *, missing_ok: bool = False,
                    **params: Any) -> dict[str, Any]:
        async with self.limit:
            return await self.aws.call("sagemaker", method, missing_ok=missing_ok, **params)

    async def _list(self, method: str, next_: str | None, *, supplied: bool = True,
                    **params: Any) -> dict[str, Any]:
        """One page of a List call from the cursor ``next_``. When the browser ``supplied``
        it, a token SageMaker refuses is a 400 ``bad_cursor``, not rejected credentials."""
        token = cursor.decode(next_)
        if not token:
            return await self._call(method, **params)
        refine = _stale_cursor if supplied else None
        async with self.limit:
            return await self.aws.call("sagemaker", method, refine=refine, NextToken=token,
                                       **params)

    async def _call_or_none(self, method: str, **params: Any) -> dict[str, Any] | None:
        """The answer, or None when SageMaker says the thing does not exist."""
        try:
            return await self._call(method, missing_ok=True, **params)
        except NotFound:
            return None

    @staticmethod
    async def _each(items: Iterable[T], fn: Callable[[T], Awaitable[Any]]) -> list[Any]:
        return list(await asyncio.gather(*(fn(item) for item in items)))


def _stale_cursor(failure: AwsFailure) -> DSWSError | None:
    return cursor.stale() if cursor.rejects_token(failure.code, failure.message) else None
