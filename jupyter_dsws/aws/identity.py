"""Who the server's calls are made as: the key that keeps shared answers to one AWS identity,
and when the current credentials expire.

The key is a digest of the access key id (never the key itself, never in a log or answer):
two roles, two accounts or two sessions never share it. Reading it is free on the event loop
while the credentials are current; resolving or refreshing them (a container role's HTTP
call) happens in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any

from .sessions import make_session

#: The key of a server without credentials (its reads fail; nothing is stored for them).
NO_CREDENTIALS = "no-credentials"
#: Seconds before a server found without credentials looks for them again (the chain may
#: ask the instance metadata service, which takes seconds to say there are none).
NO_CREDENTIALS_SECONDS = 30.0


def current_key(credentials: Any) -> str | None:
    """The identity key, if reading it needs no I/O now (None: read it in a thread)."""
    if credentials is None:
        return None
    needs_refresh = getattr(credentials, "refresh_needed", None)
    if needs_refresh is not None and needs_refresh():
        return None
    return digest(getattr(credentials, "access_key", None))


def resolved_key(credentials: Any) -> str:
    """The identity key, refreshing the credentials first if they need it (blocking)."""
    if credentials is None:
        return NO_CREDENTIALS
    return digest(credentials.get_frozen_credentials().access_key)


def digest(access_key: str | None) -> str:
    if not access_key:
        return NO_CREDENTIALS
    return hashlib.sha256(access_key.encode()).hexdigest()[:24]


def seconds_left(credentials: Any, now: datetime | None = None) -> float | None:
    """Seconds until the credentials expire; None for credentials that do not (static keys)."""
    expiry = getattr(credentials, "_expiry_time", None)  # botocore's RefreshableCredentials
    if not isinstance(expiry, datetime):
        return None
    now = now or datetime.now(timezone.utc)
    if expiry.tzinfo is None:
        expiry = expiry.replace(tzinfo=timezone.utc)
    return max(0.0, (expiry - now).total_seconds())


class IdentityOfCalls:
    """``AwsAccess``'s identity key and credentials' expiry (a mixin over its session)."""

    region: str | None
    _credentials: Any
    _session: Any
    _build_lock: threading.Lock
    _none_found_at: float | None = None

    def _pool(self, service: str) -> ThreadPoolExecutor:
        raise NotImplementedError

    async def identity_key(self) -> str:
        """A digest of the credentials' access key id: no I/O unless they must be resolved
        or refreshed, which happens in threads of their own (not STS's: a silent STS
        endpoint must not hold every other read)."""
        key = current_key(self._credentials)
        if key is not None:
            return key
        if self._credentials is None and self._none_found_at is not None and \
                time.monotonic() - self._none_found_at < NO_CREDENTIALS_SECONDS:
            return NO_CREDENTIALS
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool("credentials"), self._resolve_identity)

    def _resolve_identity(self) -> str:
        with self._build_lock:
            if self._session is None:
                self._session = make_session(self.region)
        self._credentials = self._session.get_credentials()
        self._none_found_at = time.monotonic() if self._credentials is None else None
        return resolved_key(self._credentials)

    def credentials_seconds_left(self) -> float | None:
        """Seconds until the server's credentials expire; None when they do not (or are not
        read yet)."""
        return seconds_left(self._credentials)
