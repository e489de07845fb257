"""The save-before-stop handshake with the browsers, as plain state with the time passed in.

Browsers poll ``dsws/idle?client=<id>``; a client seen within the TTL is connected. When
the app's time comes the monitor begins a stop with a fresh ``stop_id``; every connected
client saves its documents and confirms with that id. The stop proceeds when all of them
confirmed or when the bounded wait is over, and at once when nobody is connected.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..errors import Conflict


@dataclass
class PendingStop:
    stop_id: str
    began: datetime
    waiting_for: frozenset[str]
    cause: str = "idle"  # idle | requested (an instance switch)
    reason: str = ""  # for a person: why the app stops
    idle_seconds: float = 0.0  # how long nothing ran and nobody was active, for an idle stop
    confirmed: set[str] = field(default_factory=set)
    # The end of the save wait kept for the server's own saves (collaboration rooms): the
    # browsers are waited for until ``save_wait - reserve``, the whole stop within save_wait.
    reserve: timedelta = timedelta(0)


class Handshake:
    def __init__(self, client_ttl: timedelta, save_wait: timedelta) -> None:
        self.client_ttl = client_ttl
        self.save_wait = save_wait
        self._seen: dict[str, datetime] = {}
        self.pending: PendingStop | None = None

    def seen(self, client: str | None, now: datetime) -> None:
        if client:
            self._seen[client] = now
        # Forget tabs long gone, so a server up for weeks keeps a small table.
        expired = now - 10 * self.client_ttl
        for old in [c for c, t in self._seen.items() if t < expired]:
            del self._seen[old]

    def connected(self, now: datetime) -> frozenset[str]:
        return frozenset(c for c, t in self._seen.items() if now - t <= self.client_ttl)

    def begin(self, now: datetime, *, cause: str = "idle", reason: str = "",
              idle_seconds: float = 0.0, reserve: timedelta = timedelta(0)) -> PendingStop:
        self.pending = PendingStop(stop_id=str(uuid.uuid4()), began=now,
                                   waiting_for=self.connected(now), cause=cause, reason=reason,
                                   idle_seconds=idle_seconds,
                                   reserve=min(reserve, self.save_wait))
        return self.pending

    def confirm(self, client: str, stop_id: str, now: datetime) -> None:
        """A client saved its documents; ``Conflict`` when no stop with that id is pending."""
        if self.pending is None or self.pending.stop_id != stop_id:
            raise Conflict(f"No pending stop has id {stop_id}; it was cancelled or is over.",
                           code="unknown_stop")
        self.seen(client, now)
        self.pending.confirmed.add(client)

    def deadline(self) -> datetime | None:
        """The latest moment the browsers are waited for."""
        stop = self.pending
        return None if stop is None else stop.began + self.save_wait - stop.reserve

    def bound(self) -> datetime | None:
        """The latest moment the whole stop may wait until (browsers, then the server's own
        saves)."""
        return None if self.pending is None else self.pending.began + self.save_wait

    def ready(self, now: datetime) -> bool:
        """All connected clients confirmed, nobody to wait for, or their wait is over."""
        stop = self.pending
        if stop is None:
            return False
        deadline = self.deadline()
        assert deadline is not None
        return stop.waiting_for <= stop.confirmed or now >= deadline

    def cancel(self) -> None:
        self.pending = None
