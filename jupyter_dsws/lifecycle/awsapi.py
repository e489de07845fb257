"""boto3 for the admin commands: clients with short timeouts, a dry run, errors a person can act on.

Every write goes through ``Calls.write``, which prints the operation by its AWS name with its
parameters, and under ``--dry-run`` stops there; reads (Describe*, List*) always run, so a
dry run shows exactly what a real run would change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ReadTimeoutError,
)

from ..aws import redact

_ACCESS_DENIED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Forbidden"}
_NOT_FOUND = {"ResourceNotFound", "ResourceNotFoundException", "NoSuchBucket", "NoSuchKey",
              "NotFound", "404"}


class LifecycleError(Exception):
    """A failed admin command; the message says what is missing and how to fix it."""


class LocalFileError(LifecycleError):
    """A local file the command reads is unreadable or damaged (bad input: exit 2)."""


def make_client(service: str, region: str | None) -> Any:
    """A client like the server's (AwsAccess): regional STS, short timeouts, standard retries.

    ``AWS_ENDPOINT_URL`` in the environment points it elsewhere (botocore reads it).
    """
    core = botocore.session.Session()
    core.set_config_variable("sts_regional_endpoints", "regional")
    session = boto3.session.Session(botocore_session=core, region_name=region or None)
    config = Config(connect_timeout=5, read_timeout=30,
                    retries={"mode": "standard", "total_max_attempts": 3},
                    user_agent_extra="jupyter_dsws-lifecycle")
    try:
        return session.client(service, config=config)
    except NoRegionError:
        raise LifecycleError("No AWS region: pass --region or set AWS_REGION.") from None


def explain(exc: Exception, client: Any, method: str) -> LifecycleError:
    operation = client.meta.method_to_api_mapping.get(method, method)
    action = f"{client.meta.service_model.signing_name}:{operation}"
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {}) or {}
        code = str(error.get("Code") or "")
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        message = redact(str(error.get("Message") or "")).strip()
        if code in _ACCESS_DENIED or status == 403:
            return LifecycleError(
                f"AWS denied {action}: allow {action} for the credentials you run dsws with "
                f"(on the resource the command names).{' ' + message if message else ''}")
        if code in _NOT_FOUND or status == 404:
            return LifecycleError(f"{operation}: not found. {message or ''}".strip())
        return LifecycleError(f"AWS refused {action} ({code}): {message}")
    if isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError):
        return LifecycleError(f"Cannot reach the {client.meta.service_model.service_name} "
                              f"endpoint {client.meta.endpoint_url} for {operation}: "
                              f"{redact(str(exc))}")
    if isinstance(exc, NoCredentialsError):
        return LifecycleError("No AWS credentials: set AWS_PROFILE or the usual AWS "
                              "environment variables.")
    return LifecycleError(f"{operation} failed: {redact(str(exc))}")


def is_not_found(exc: LifecycleError) -> bool:
    return isinstance(exc.__cause__, ClientError) and (
        exc.__cause__.response.get("Error", {}).get("Code") in _NOT_FOUND)


class Calls:
    """The calls of one command, printed as ``Operation {parameters}``."""

    def __init__(self, *, dry_run: bool = False, out: Callable[[str], None] = print) -> None:
        self.dry_run = dry_run
        self.out = out

    def read(self, client: Any, method: str, **params: Any) -> dict[str, Any]:
        try:
            return getattr(client, method)(**params)
        except (ClientError, BotoCoreError) as exc:
            raise explain(exc, client, method) from exc

    def pages(self, client: Any, method: str, key: str, **params: Any) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        while True:
            page = self.read(client, method, **params)
            items.extend(page.get(key) or [])
            token = page.get("NextToken")
            if not token:
                return items
            params["NextToken"] = token

    def write(self, client: Any, method: str, shown: dict[str, Any] | None = None,
              **params: Any) -> dict[str, Any] | None:
        """Print, then (unless a dry run) call. ``shown`` replaces long values in the print."""
        operation = client.meta.method_to_api_mapping.get(method, method)
        text = json.dumps({**params, **(shown or {})}, default=str, sort_keys=True)
        self.out(f"{'(dry run) would call ' if self.dry_run else ''}{operation} {text}")
        if self.dry_run:
            return None
        try:
            return getattr(client, method)(**params)
        except (ClientError, BotoCoreError) as exc:
            raise explain(exc, client, method) from exc
