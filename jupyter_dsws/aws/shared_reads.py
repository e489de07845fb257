"""Answers of read routes, shared by every request of the server for a short time.

Many tabs and people read the same lists through one server. ``SharedReads`` makes
concurrent identical reads wait for one fetch (coalesced), keeps each answer for its read's
time to live, and forgets what our own writes change. Everything here is in the server's
memory only, bounded (least recently used first out), and keyed by the caller's AWS identity
and region as well as the read and its parameters (``AwsAccess.shared`` builds the key), so
that no answer crosses to another role.

A read names its *sources*: what it reads, whose writes make it stale. They are AWS services
("sagemaker", "s3": ``AwsAccess`` reports each write call it makes) or another source the
server writes to itself (``MLFLOW``, the tracking server the Experiments panel reads).

When a fetch fails because AWS throttles it, the last answer to the same read (however old,
while it is in memory) is served with its age and a notice; without one the throttling
error goes on (503 ``throttled``). Nothing here knows about AWS or tornado: the clock is
injected, and the pure behaviour is tested without a server.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..errors import DSWSError

T = TypeVar("T")

#: (sources read, identity, region, read name, parameters): see ``read_key``.
ReadKey = tuple[tuple[str, ...], str, str, str, Hashable]
#: The source of reads of the MLflow tracking server (its writes: ``SharedReads.wrote``).
MLFLOW = "mlflow"
#: The identity of reads that go out unsigned (a plain MLflow URL): they answer anyone alike.
UNSIGNED = "unsigned"


def read_key(sources: tuple[str, ...], identity: str, region: str, name: str,
             params: dict[str, Any]) -> ReadKey:
    """The key of one read: ``sources`` it reads (a write to one makes it fresh), who reads
    (the AWS identity key, or ``UNSIGNED``), the region, the read's ``name`` and its
    parameters (any JSON-able values; their order does not matter)."""
    return (tuple(sources), identity, region, name,
            json.dumps(params, sort_keys=True, default=str))


@dataclass(frozen=True)
class Shared(Generic[T]):
    """One answer as a request gets it: when it was fetched (epoch seconds) and, when it is
    an older answer served because AWS throttled the fresh one, a notice saying so."""

    value: T
    fetched_at: float
    notice: str | None = None


@dataclass
class _Entry:
    value: Any
    fetched_at: float  # wall clock, for the answer
    expires: float  # monotonic
    size: int


class SharedReads:
    """In-memory, bounded store of read answers, with one fetch per identical read at a time."""

    def __init__(self, *, max_bytes: int = 20 * 1024 * 1024,
                 monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time,
                 size_of: Callable[[Any], int] | None = None) -> None:
        self.max_bytes = max_bytes
        self.monotonic = monotonic
        self.wall = wall
        self.size_of = size_of or _size_of
        self._entries: OrderedDict[ReadKey, _Entry] = OrderedDict()
        self._bytes = 0
        self._flights: dict[ReadKey, asyncio.Future[Any]] = {}
        # Bumped by each write to a service: a fetch begun before it is not stored.
        self._generation: dict[str, int] = {}
        #: Fetches started (a test and the benchmark read it).
        self.fetches = 0

    @property
    def stored_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    async def read(self, key: ReadKey, fetch: Callable[[], Awaitable[T]], *,
                   ttl: float | Callable[[T], float], refresh: bool = False) -> Shared[T]:
        """The answer to ``key``: stored and younger than its ``ttl`` (seconds, or a function
        of the answer), else fetched once for every caller waiting for it. ``refresh`` skips
        the stored answer but still joins a fetch of the same read already in flight."""
        entry = self._entries.get(key)
        if entry is not None and not refresh and self.monotonic() < entry.expires:
            self._entries.move_to_end(key)
            return Shared(entry.value, entry.fetched_at)
        flight = self._flights.get(key)
        if flight is None:
            flight = asyncio.ensure_future(
                self._fetch(key, fetch, ttl, self._generation_of(key)))
            self._flights[key] = flight
            flight.add_done_callback(lambda done: self._landed(key, done))
        try:
            # Shielded: one caller giving up (a closed tab) does not cancel the others' fetch.
            return await asyncio.shield(flight)
        except DSWSError as exc:
            fallback = self._entries.get(key) if getattr(exc, "throttled", False) else None
            if fallback is None:
                raise
            self._entries.move_to_end(key)
            age = _age(max(0.0, self.wall() - fallback.fetched_at))
            action = getattr(exc, "action", None)
            said = (f"AWS is throttling {action} (too many calls in this account and region)"
                    if action else exc.message.rstrip("."))
            return Shared(fallback.value, fallback.fetched_at, notice=(
                f"{said}: this is what AWS answered {age} ago."))

    async def _fetch(self, key: ReadKey, fetch: Callable[[], Awaitable[T]],
                     ttl: float | Callable[[T], float], generation: tuple[int, ...]
                     ) -> Shared[T]:
        self.fetches += 1
        value = await fetch()
        fetched_at = self.wall()
        seconds = ttl(value) if callable(ttl) else ttl
        if self._generation_of(key) == generation:
            self._store(key, _Entry(value, fetched_at, self.monotonic() + seconds,
                                    self.size_of(value)))
        return Shared(value, fetched_at)

    def _landed(self, key: ReadKey, flight: asyncio.Future[Any]) -> None:
        if self._flights.get(key) is flight:
            del self._flights[key]
        if not flight.cancelled():
            flight.exception()  # retrieved: a failure nobody awaited is not logged as lost

    def _store(self, key: ReadKey, entry: _Entry) -> None:
        if entry.size > self.max_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        self._entries[key] = entry
        self._bytes += entry.size
        while self._bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= evicted.size

    def _generation_of(self, key: ReadKey) -> tuple[int, ...]:
        return tuple(self._generation.get(source, 0) for source in key[0])

    def wrote(self, source: str) -> None:
        """Our own write to ``source`` (an AWS service, ``MLFLOW``) happened: every read of
        it is fetched afresh, and a fetch already in flight is neither stored nor joined any
        more."""
        self._generation[source] = self._generation.get(source, 0) + 1
        for key in [k for k in self._entries if source in k[0]]:
            self._bytes -= self._entries.pop(key).size
        for key in [k for k in self._flights if source in k[0]]:
            del self._flights[key]

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0
        self._flights.clear()


def _age(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds):d} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60):d} min"
    return f"{round(seconds / 3600):d} h"


def _size_of(value: Any) -> int:
    """About what an answer holds in memory: its JSON length, times the overhead of Python
    objects over their text (measured at ~4 for the panels' models)."""
    dump = getattr(value, "model_dump_json", None)
    text = dump() if dump is not None else repr(value)
    return 4 * len(text) + 500
