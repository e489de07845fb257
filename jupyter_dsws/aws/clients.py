"""The server's boto3 clients and the threads they run in.

Clients are built once per service and region, in a worker thread (reading botocore's
service model takes ~0.5 s), and reused. Each service has its own bounded pool of threads,
so that one endpoint that never answers (STS, say) holds only its own callers, never the
others'. Requests to endpoints boto3 has no client for (SageMaker's MLflow data plane) are
signed here too, with the same session's credentials. ``AwsAccess`` (``access.py``) makes
the calls.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ..errors import Unavailable
from . import deadline
from .failures import REGION_HELP
from .sessions import client_config, make_session

log = logging.getLogger(__name__)


class ServiceClients:
    """boto3 clients for one region and endpoint, and a bounded thread pool per service."""

    def __init__(self, *, region: str | None, endpoint_url: str | None = None,
                 connect_timeout: float = 3.0, read_timeout: float = 10.0,
                 max_attempts: int = 3, threads_per_service: int = 16) -> None:
        self.region = region
        self.endpoint_url = endpoint_url or None
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_attempts = max_attempts
        self.threads_per_service = threads_per_service
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()
        # botocore's session is not safe for building clients from two threads at once.
        self._build_lock = threading.Lock()
        self._session: Any = None
        #: Services whose client was built on an event loop's thread (it stalls the loop).
        self.built_on_loop: list[str] = []

    def client(self, service: str, *, region: str | None = None) -> Any:
        """The cached client of ``service`` (in ``region``, default the configured one),
        built on first use; raises ``Unavailable`` when no region is configured.

        Services never call this on the event loop: ``call``, ``run`` and ``pages`` build
        the client in the service's worker thread."""
        region = region or self.region
        if not region:
            raise Unavailable(REGION_HELP, code="region_missing")
        key = (service, region)
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._build_lock:
            client = self._clients.get(key)
            if client is None:
                if _on_event_loop():
                    self.built_on_loop.append(service)
                    log.warning("dsws: the %s client was built on the event loop", service)
                if self._session is None:
                    self._session = make_session(self.region)
                client = self._session.client(
                    service, region_name=region, endpoint_url=self.endpoint_url,
                    config=client_config(connect_timeout=self.connect_timeout,
                                         read_timeout=self.read_timeout,
                                         max_attempts=self.max_attempts))
                deadline.hold_to_deadlines(client)
                self._clients[key] = client
        return client

    def endpoint_of(self, service: str, *, region: str | None = None) -> str | None:
        """The endpoint URL of ``service``'s client, once built (None before)."""
        client = self._clients.get((service, region or self.region or ""))
        return client.meta.endpoint_url if client is not None else None

    def _pool(self, service: str) -> ThreadPoolExecutor:
        with self._lock:
            pool = self._pools.get(service)
            if pool is None:
                pool = ThreadPoolExecutor(max_workers=self.threads_per_service,
                                          thread_name_prefix=f"dsws-aws-{service}")
                self._pools[service] = pool
        return pool

    async def signed_headers(self, service: str, method: str, url: str, *, region: str,
                             headers: dict[str, str], body: bytes = b"") -> dict[str, str]:
        """``headers`` plus SigV4's for a request to a non-boto3 endpoint (SageMaker's MLflow
        data plane), signed as ``service`` in ``region`` with the server's credentials.

        Reading the credentials may block (a container or instance role refreshes them), so
        the signing runs in that service's threads."""

        def sign() -> dict[str, str]:
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest

            with self._build_lock:
                if self._session is None:
                    self._session = make_session(self.region)
            credentials = self._session.get_credentials()
            if credentials is None:
                raise Unavailable(
                    "The server has no AWS credentials. In Studio they come from the execution "
                    "role; elsewhere set AWS_PROFILE or the usual AWS environment variables.",
                    code="aws_credentials_missing")
            request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
            SigV4Auth(credentials.get_frozen_credentials(), service, region).add_auth(request)
            return dict(request.headers.items())

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool(service), sign)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
