"""``AwsAccess``: every AWS call made off the event loop.

A call runs in its service's threads, with the client built there (``clients.py``); it is
held to a deadline (``deadline.py``) and its errors are translated (``failures.py``). Read
routes that many tabs ask share their answers (``shared_reads.py``). Nothing here knows
about tornado.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from ..errors import DSWSError, NotFound, Unavailable
from . import deadline, identity
from .clients import ServiceClients
from .failures import (
    AwsFailure,
    CallContext,
    NotModified,
    PreconditionFailed,
    boto_errors,
    throttled,
    timed_out,
    translate,
)
from .paging import MAX_PAGES, paginate
from .shared_reads import UNSIGNED, Shared, SharedReads, read_key

log = logging.getLogger(__name__)

T = TypeVar("T")
# The loop waits this much past the deadline for the thread's own (more precise) answer.
_GRACE_SECONDS = 0.5
# Conditional requests answer these as a matter of course: never worth a warning.
_EXPECTED = (NotModified, PreconditionFailed)
# Calls that change what reads answer: each makes the service's shared reads fresh.
_WRITES = ("create_", "update_", "delete_", "put_", "start_", "stop_", "register_",
           "deregister_", "associate_", "disassociate_", "add_", "remove_", "copy_",
           "upload_", "tag_", "untag_", "merge_", "batch_delete_", "batch_update_")
_NOT_WRITES = ("create_presigned_",)


class AwsAccess(ServiceClients, identity.IdentityOfCalls):
    """boto3 clients for one region and endpoint, and a way to call them off the loop."""

    def __init__(
        self,
        *,
        region: str | None,
        endpoint_url: str | None = None,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        max_attempts: int = 3,
        deadline_seconds: float = 12.0,
        threads_per_service: int = 16,
        shared_reads_bytes: int = 20 * 1024 * 1024,
    ) -> None:
        super().__init__(region=region, endpoint_url=endpoint_url,
                         connect_timeout=connect_timeout, read_timeout=read_timeout,
                         max_attempts=max_attempts, threads_per_service=threads_per_service)
        self.deadline_seconds = deadline_seconds
        self._credentials: Any = None
        #: The answers of read routes, shared by every request (``shared``).
        self.reads = SharedReads(max_bytes=shared_reads_bytes)

    # Calls ------------------------------------------------------------------------------

    async def call(self, service: str, method: str, /, *, region: str | None = None,
                   missing_ok: bool = False, budget: float | None = None,
                   refine: Callable[[AwsFailure], DSWSError | None] | None = None,
                   **params: Any) -> dict[str, Any]:
        """``<service client>.<method>(**params)`` in the service's threads, translated.

        ``missing_ok``: AWS saying the thing does not exist is expected here: ``NotFound``
        is raised and logged at debug level only. ``budget``: seconds for this call (default
        the deadline), never beyond its request's deadline. ``refine``: the caller's own
        reading of an AWS error answer, e.g. a stale page token (raised, logged at debug).
        """
        return await self.run(service, method, lambda client: getattr(client, method)(**params),
                              region=region, missing_ok=missing_ok, budget=budget,
                              refine=refine)

    async def run(self, service: str, method: str, fn: Callable[[Any], T], *,
                  region: str | None = None, missing_ok: bool = False,
                  budget: float | None = None,
                  refine: Callable[[AwsFailure], DSWSError | None] | None = None) -> T:
        """Run ``fn(client)`` (blocking boto3 work, e.g. reading a body) in the service's
        threads; ``method`` names the call in errors. Options as ``call``."""
        state = deadline.CallState(deadline.deadline_for(budget or self.deadline_seconds))
        if state.left() <= 0:
            raise deadline.spent(f"{service} {method}", self.deadline_seconds)
        loop = asyncio.get_running_loop()
        work = loop.run_in_executor(self._pool(service), self._in_thread, service,
                                    region, method, fn, state, refine)
        try:
            return await asyncio.wait_for(work, state.left() + _GRACE_SECONDS)
        except asyncio.TimeoutError:
            error: DSWSError = self._out_of_time(service, method, region, state)
        except DSWSError as exc:
            error = exc
        finally:
            # A write, even one that failed or timed out (it may have happened), makes what
            # the service's shared reads hold stale.
            if method.startswith(_WRITES) and not method.startswith(_NOT_WRITES):
                self.reads.wrote(service)
        expected = getattr(error, "expected", False) or isinstance(error, _EXPECTED) or (
            missing_ok and isinstance(error, NotFound))
        log.log(logging.DEBUG if expected else logging.WARNING, "AWS %s %s: %s %s",
                service, method, error.code, error.message)
        raise error from None

    def _in_thread(self, service: str, region: str | None, method: str,
                   fn: Callable[[Any], T], state: deadline.CallState,
                   refine: Callable[[AwsFailure], DSWSError | None] | None) -> T:
        if state.left() <= 0:  # queued behind others until the caller stopped waiting
            raise Unavailable("gave up before starting", code="endpoint_unreachable")
        client = self.client(service, region=region)
        with deadline.Running(state):
            try:
                return fn(client)
            except boto_errors() as exc:
                context = self.context(client, method, state)
                error = translate(exc, context)
                if state.throttled and error.code == "endpoint_unreachable":
                    # Backing off from throttling used the time up: say so, not "silent".
                    error = throttled(context)
                failure = getattr(error, "failure", None)
                refined = refine(failure) if refine and failure else None
                if refined is not None:
                    refined.expected = True  # type: ignore[attr-defined]
                    raise refined from None
                raise error from None

    async def pages(self, service: str, method: str, /, *, max_pages: int = MAX_PAGES,
                    region: str | None = None, budget: float | None = None,
                    **params: Any) -> AsyncIterator[dict[str, Any]]:
        """The pages of a List call (boto3's paginator, at most ``max_pages``), each read
        in the service's threads. Leaving the loop early reads no further page."""
        pages: Any = None

        def next_page(client: Any) -> dict[str, Any] | None:
            nonlocal pages
            if pages is None:
                pages = paginate(client, method, max_pages=max_pages, **params)
            return next(pages, None)

        while True:
            page = await self.run(service, method, next_page, region=region, budget=budget)
            if page is None:
                return
            yield page

    async def items(self, service: str, method: str, key: str, /, *,
                    max_pages: int = MAX_PAGES, **params: Any) -> list[Any]:
        """Every page's ``key`` list, joined."""
        found: list[Any] = []
        async for page in self.pages(service, method, max_pages=max_pages, **params):
            found.extend(page.get(key) or [])
        return found

    # Shared reads -----------------------------------------------------------------------

    async def shared(self, name: str, fetch: Callable[[], Awaitable[T]], *,
                     services: tuple[str, ...], ttl: float | Callable[[T], float],
                     refresh: bool = False, signed: bool = True,
                     **params: Any) -> Shared[T]:
        """``fetch()``'s answer, shared with every identical read of this server's AWS
        identity and region (``shared_reads.SharedReads``): ``name`` and ``params`` say
        which read, ``services`` which sources it reads (AWS services, or
        ``shared_reads.MLFLOW``: a write to one makes it fresh), ``ttl`` how long an answer
        is kept (0: only joined while in flight). ``signed=False``: the read goes out
        without this server's AWS credentials (a plain MLflow URL), so it answers anyone
        alike and is keyed as ``UNSIGNED`` rather than by the AWS identity."""
        identity = await self.identity_key() if signed else UNSIGNED
        key = read_key(services, identity, self.region or "", name, params)
        return await self.reads.read(key, fetch, ttl=ttl, refresh=refresh)

    def begin_request(self) -> None:
        """Start the clock of a panel request: its AWS calls share ``deadline_seconds``."""
        deadline.begin_request(self.deadline_seconds)

    def use_session(self, session: Any) -> Any:
        """Call AWS through the boto3 ``session`` from now on (its credentials, e.g. another
        role's; None: the default chain's, read at the next call) and return the one used
        until now. The clients built from that one are dropped."""
        with self._build_lock:
            previous, self._session = self._session, session
            self._clients.clear()
            self._credentials = None
            self._none_found_at = None  # the new session's are not known to be missing
        return previous

    # Errors -----------------------------------------------------------------------------

    def context(self, client: Any, method: str,
                state: deadline.CallState | None = None) -> CallContext:
        meta = client.meta
        service = meta.service_model.service_name
        return CallContext(
            service=service,
            operation=meta.method_to_api_mapping.get(method, method),
            iam_prefix=meta.service_model.signing_name or service,
            region=meta.region_name or self.region,
            endpoint=meta.endpoint_url,
            waited=state.waited() if state else None,
            attempts=state.attempts if state else 0,
        )

    def _out_of_time(self, service: str, method: str, region: str | None,
                     state: deadline.CallState) -> DSWSError:
        client = self._clients.get((service, region or self.region or ""))
        said = throttled if state.throttled else timed_out
        if client is not None:
            return said(self.context(client, method, state))
        return said(CallContext(
            service=service, operation="".join(p.title() for p in method.split("_")),
            iam_prefix=service, region=region or self.region, endpoint=self.endpoint_url,
            waited=state.waited(), attempts=state.attempts))
