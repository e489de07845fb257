"""The one way this extension talks to AWS.

Every feature calls AWS through ``AwsAccess`` (``access.py``): clients built for the
configured region and optional endpoint URL, once per service and region, in a worker
thread; each service's calls in a bounded pool of its own (``clients.py``); one deadline per
panel request across calls and retries (``deadline.py``); pages read through boto3's
paginators with a cap (``paging.py``); botocore's exceptions read through one code table
(``codes.py``) and translated into errors a person can act on (``failures.py``). The admin
commands, the demo and ``register_model`` get their sessions and clients from
``sessions.py``.

Nothing outside this package imports botocore's exception classes: code that must catch a
botocore error catches ``BOTO_ERRORS`` and reads it with ``failure_of``/``error_code``.
Importing this package does not import boto3 or botocore; they load on first use.
"""

from __future__ import annotations

from typing import Any

from .access import AwsAccess
from .codes import VPC_ENDPOINT_SERVICES, classify, vpc_endpoint_name
from .failures import (
    REGION_HELP,
    AwsFailure,
    CallContext,
    NotModified,
    PreconditionFailed,
    boto_errors,
    error_code,
    failure_of,
    redact,
    translate,
)
from .paging import MAX_PAGES, call_sync, items, paginate
from .sessions import (
    client_config,
    endpoint_from_environment,
    make_client,
    make_session,
    resolve_region,
)

__all__ = [
    "BOTO_ERRORS", "MAX_PAGES", "REGION_HELP", "VPC_ENDPOINT_SERVICES", "AwsAccess",
    "AwsFailure", "CallContext", "NotModified", "PreconditionFailed", "boto_errors", "call_sync",
    "classify",
    "client_config", "endpoint_from_environment", "error_code", "failure_of", "items",
    "make_client", "make_session", "paginate", "redact", "resolve_region", "translate",
    "vpc_endpoint_name",
]


def __getattr__(name: str) -> Any:
    # ``except BOTO_ERRORS`` in the admin commands: botocore loads only when asked for.
    if name == "BOTO_ERRORS":
        return boto_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
