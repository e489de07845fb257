"""The one session factory: the server, the admin commands, the demo and ``register_model``.

Every session uses the regional STS endpoint (the global one is not reachable from a VPC-only
domain); every client gets short timeouts and botocore's standard retry mode counted as
``total_max_attempts`` (first try included). boto3 is imported on first use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


def resolve_region(configured: str | None, environ: Mapping[str, str],
                   studio: Any = None) -> str | None:
    """The region, in order: the trait, AWS_REGION, AWS_DEFAULT_REGION, the Studio app's ARN."""
    for candidate in (configured, environ.get("AWS_REGION"), environ.get("AWS_DEFAULT_REGION"),
                      studio.region if studio else None):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


def endpoint_from_environment(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get("AWS_ENDPOINT_URL") or None


def make_session(region: str | None = None, *,
                 credentials: Mapping[str, str] | None = None) -> Any:
    """A boto3 session of its own (never boto3's global one), with regional STS.

    ``credentials``: ``aws_access_key_id``/``aws_secret_access_key`` (the demo's fake keys);
    by default the usual chain (environment, profile, container or instance role).
    """
    import boto3.session
    import botocore.session

    core = botocore.session.Session()
    core.set_config_variable("sts_regional_endpoints", "regional")
    return boto3.session.Session(botocore_session=core, region_name=region or None,
                                 **dict(credentials or {}))


def client_config(*, connect_timeout: float = 3.0, read_timeout: float = 10.0,
                  max_attempts: int = 3, agent: str = "jupyter_dsws") -> Any:
    from botocore.config import Config

    return Config(connect_timeout=connect_timeout, read_timeout=read_timeout,
                  retries={"mode": "standard", "total_max_attempts": max_attempts},
                  user_agent_extra=agent)


def make_client(service: str, region: str | None = None, *, session: Any = None,
                endpoint_url: str | None = None, **config: Any) -> Any:
    """A client from ``session`` (default: a new ``make_session(region)``); ``config`` are
    ``client_config``'s keywords. ``endpoint_url=None`` lets botocore read AWS_ENDPOINT_URL."""
    session = session or make_session(region)
    return session.client(service, region_name=region or None, endpoint_url=endpoint_url,
                          config=client_config(**config))
