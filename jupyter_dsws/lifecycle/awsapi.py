"""boto3 for the admin commands: clients with short timeouts, a dry run, errors a person can act on.

Every write goes through ``Calls.write``, which prints the operation by its AWS name with its
parameters, and under ``--dry-run`` stops there; reads (Describe*, List*) always run, so a
dry run shows exactly what a real run would change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .. import aws
from ..aws.codes import (
    CREDENTIALS,
    DENIED,
    NO_CREDENTIALS,
    NO_REGION,
    NOT_FOUND,
    TIMEOUT,
    UNREACHABLE,
)

_MAX_PAGES = 1000  # every page an account has; a token that never ends is cut off


class LifecycleError(Exception):
    """A failed admin command; the message says what is missing and how to fix it."""


class LocalFileError(LifecycleError):
    """A local file the command reads is unreadable or damaged (bad input: exit 2)."""


def make_client(service: str, region: str | None) -> Any:
    """A client like the server's (the AWS layer's session): regional STS, short timeouts,
    standard retries. ``AWS_ENDPOINT_URL`` in the environment points it elsewhere."""
    try:
        return aws.make_client(service, region, connect_timeout=5, read_timeout=30,
                               agent="jupyter_dsws-lifecycle")
    except aws.BOTO_ERRORS as exc:
        failure = aws.failure_of(exc)
        if failure is not None and failure.kind == NO_REGION:
            raise LifecycleError("No AWS region: pass --region or set AWS_REGION.") from None
        raise


def explain(exc: Exception, client: Any, method: str) -> LifecycleError:
    operation = client.meta.method_to_api_mapping.get(method, method)
    action = f"{client.meta.service_model.signing_name}:{operation}"
    failure = aws.failure_of(exc)
    if failure is None:
        return LifecycleError(f"{operation} failed: {aws.redact(str(exc))}")
    message = failure.message
    if failure.code:  # AWS answered
        if failure.kind == DENIED:
            return LifecycleError(
                f"AWS denied {action}: allow {action} for the credentials you run dsws with "
                f"(on the resource the command names).{' ' + message if message else ''}")
        if failure.kind == NOT_FOUND:
            return LifecycleError(f"{operation}: not found. {message}".strip())
        if failure.kind == CREDENTIALS:
            return LifecycleError(f"AWS rejected the credentials you run dsws with "
                                  f"({failure.code}) when calling {action}: refresh them.")
        return LifecycleError(f"AWS refused {action} ({failure.code}): {message}")
    if failure.kind in (UNREACHABLE, TIMEOUT):
        return LifecycleError(f"Cannot reach the {client.meta.service_model.service_name} "
                              f"endpoint {client.meta.endpoint_url} for {operation}: {message}")
    if failure.kind == NO_CREDENTIALS:
        return LifecycleError("No AWS credentials: set AWS_PROFILE or the usual AWS "
                              "environment variables.")
    return LifecycleError(f"{operation} failed: {message}")


def is_not_found(exc: LifecycleError) -> bool:
    failure = aws.failure_of(exc.__cause__) if exc.__cause__ is not None else None
    return failure is not None and bool(failure.code) and failure.kind == NOT_FOUND


class Calls:
    """The calls of one command, printed as ``Operation {parameters}``."""

    def __init__(self, *, dry_run: bool = False, out: Callable[[str], None] = print) -> None:
        self.dry_run = dry_run
        self.out = out

    def read(self, client: Any, method: str, **params: Any) -> dict[str, Any]:
        try:
            return getattr(client, method)(**params)
        except aws.BOTO_ERRORS as exc:
            raise explain(exc, client, method) from exc

    def pages(self, client: Any, method: str, key: str, **params: Any) -> list[dict[str, Any]]:
        try:
            return list(aws.items(client, method, key, max_pages=_MAX_PAGES, **params))
        except aws.BOTO_ERRORS as exc:
            raise explain(exc, client, method) from exc

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
        except aws.BOTO_ERRORS as exc:
            raise explain(exc, client, method) from exc
