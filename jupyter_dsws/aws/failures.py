"""What went wrong with an AWS call, read the same way for the server, the CLIs and the demo.

``failure_of`` reads any botocore exception into an ``AwsFailure`` (its kind, from the code
table in ``codes.py``, AWS's error code and message), ``translate`` turns it into the
``DSWSError`` a person can act on. botocore is imported only once an exception has to be
read: importing this module stays cheap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import (
    AwsThrottled,
    AwsUpstreamError,
    Conflict,
    DSWSError,
    InvalidInput,
    NotAllowed,
    NotFound,
    Unavailable,
)
from .codes import (
    BAD_PARAMS,
    CONFLICT,
    CREDENTIALS,
    DENIED,
    NO_CREDENTIALS,
    NO_REGION,
    NOT_AWS,
    NOT_FOUND,
    NOT_MODIFIED,
    OTHER,
    PRECONDITION,
    SERVER,
    THROTTLED,
    TIMEOUT,
    UNREACHABLE,
    classify,
    vpc_endpoint_name,
)

REGION_HELP = (
    "No AWS region is configured. Set c.DSWSExtension.region in a jupyter_server_config "
    "file (in Studio the lifecycle configuration writes it), or AWS_REGION in the "
    "server's environment."
)

_SECRETS = re.compile(
    r"(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s\"']+"
    r"|(Signature=)[^&\s,\"']+"
    r"|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Remove signatures, session tokens and access key ids from a message."""
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2) or "") + "[redacted]", text)


@dataclass(frozen=True)
class AwsFailure:
    """A botocore exception, read: ``code`` and ``status`` are AWS's (empty/0 when AWS never
    answered), ``message`` is redacted."""

    kind: str
    code: str = ""
    message: str = ""
    status: int = 0
    operation: str = ""


@functools.cache
def boto_errors() -> tuple[type[BaseException], ...]:
    """Every exception botocore raises for a call (imported on first use)."""
    from botocore.exceptions import BotoCoreError, ClientError
    from botocore.parsers import ResponseParserError

    return (BotoCoreError, ClientError, ResponseParserError)


def failure_of(exc: BaseException) -> AwsFailure | None:
    """What a botocore exception says; None for anything else."""
    from botocore import exceptions as bx
    from botocore.parsers import ResponseParserError

    if isinstance(exc, bx.ClientError):
        error = exc.response.get("Error", {}) or {}
        code = str(error.get("Code") or "")
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        message = redact(str(error.get("Message") or "")).strip()
        return AwsFailure(classify(code, status, message), code, message, status,
                          exc.operation_name or "")
    if isinstance(exc, bx.ReadTimeoutError):
        kind = TIMEOUT
    elif isinstance(exc, bx.ConnectTimeoutError | bx.EndpointConnectionError
                    | bx.ConnectionClosedError):
        kind = UNREACHABLE
    elif isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError
                    | bx.CredentialRetrievalError):
        kind = NO_CREDENTIALS
    elif isinstance(exc, bx.NoRegionError):
        kind = NO_REGION
    elif isinstance(exc, bx.ParamValidationError):
        kind = BAD_PARAMS
    elif isinstance(exc, ResponseParserError):
        kind = NOT_AWS
    elif isinstance(exc, bx.BotoCoreError):
        kind = OTHER
    else:
        return None
    return AwsFailure(kind, message=redact(str(exc)))


def error_code(exc: BaseException) -> str | None:
    """AWS's error code when AWS answered with an error; None otherwise."""
    failure = failure_of(exc)
    return failure.code if failure is not None and failure.code else None


class NotModified(DSWSError):
    """A conditional read found the copy we hold still current (HTTP 304)."""

    status = 304
    code = "not_modified"


class PreconditionFailed(Conflict):
    """A conditional write found the object changed since it was read."""

    code = "precondition_failed"


@dataclass(frozen=True)
class CallContext:
    """What a translated error needs to know about the call that failed."""

    service: str
    operation: str  # the API name, e.g. GetCallerIdentity
    iam_prefix: str
    region: str | None
    endpoint: str | None
    waited: float | None = None  # seconds the call took in all, retries included
    attempts: int = 0

    @property
    def action(self) -> str:
        return f"{self.iam_prefix}:{self.operation}"

    @property
    def how_long(self) -> str:
        """`` within 12 s (2 attempts)``: how long the call really waited."""
        if self.waited is None:
            return ""
        tries = f" ({self.attempts} attempt{'s' if self.attempts != 1 else ''})" \
            if self.attempts else ""
        return f" within {round(self.waited, 1):g} s{tries}"


def translate(exc: BaseException, ctx: CallContext) -> DSWSError:
    """Turn a botocore exception into an error with a status, a code and a sentence."""
    if isinstance(exc, DSWSError):
        return exc
    failure = failure_of(exc)
    if failure is None:
        raise exc
    error = _translated(failure, ctx)
    error.failure = failure  # type: ignore[attr-defined]
    return error


def timed_out(ctx: CallContext) -> Unavailable:
    """The call ran out of time (the endpoint accepted the connection, never answered)."""
    return Unavailable(
        f"The {ctx.service} endpoint ({ctx.endpoint}) accepted the connection but did not "
        f"answer {ctx.operation}{ctx.how_long}. Check the VPC interface endpoint "
        f"{vpc_endpoint_name(ctx.service, ctx.region)} and its security group (HTTPS from "
        "Studio).",
        code="endpoint_unreachable",
    )


#: Seconds a throttled request is told to wait before asking again.
RETRY_AFTER_SECONDS = 5


def throttled(ctx: CallContext) -> AwsThrottled:
    """AWS kept throttling the call through its retries (or until the request's deadline)."""
    error = AwsThrottled(
        f"AWS is throttling {ctx.action} (too many calls in this account and region) even "
        f"after retries{ctx.how_long}. Try again in a few seconds.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    error.action = ctx.action  # type: ignore[attr-defined]
    return error


def _translated(failure: AwsFailure, ctx: CallContext) -> DSWSError:
    kind, code, message = failure.kind, failure.code, failure.message
    if kind == UNREACHABLE:
        return Unavailable(
            f"Cannot reach the {ctx.service} endpoint ({ctx.endpoint}){ctx.how_long}. In a "
            f"VPC-only Studio domain an admin must add the VPC interface endpoint "
            f"{vpc_endpoint_name(ctx.service, ctx.region)} with private DNS.",
            code="endpoint_unreachable",
        )
    if kind == TIMEOUT:
        return timed_out(ctx)
    if kind == NO_CREDENTIALS:
        return Unavailable(
            "The server has no AWS credentials. In Studio they come from the execution role; "
            "elsewhere set AWS_PROFILE or the usual AWS environment variables.",
            code="aws_credentials_missing",
        )
    if kind == NO_REGION:
        return Unavailable(REGION_HELP, code="region_missing")
    if kind == BAD_PARAMS:
        return InvalidInput(message, code="invalid_input")
    if kind == NOT_AWS:
        return AwsUpstreamError(
            f"The {ctx.service} endpoint ({ctx.endpoint}) answered {ctx.operation} with "
            "something that is not an AWS response: it may not implement this operation.")
    if kind == OTHER:
        return AwsUpstreamError(f"{ctx.operation} failed: {message}")
    if kind == CREDENTIALS:
        return NotAllowed(
            f"AWS rejected the server's credentials ({code}) when calling {ctx.action}. "
            "In Studio they come from the execution role; elsewhere refresh your AWS credentials.",
            code="aws_credentials_invalid",
        )
    if kind == DENIED:
        return NotAllowed(
            f"Not allowed: AWS denied {ctx.action}. Ask your admin to allow {ctx.action} "
            "for the Studio execution role.")
    if kind == THROTTLED:
        return throttled(ctx)
    if kind == NOT_MODIFIED:
        return NotModified(f"{ctx.action}: not modified.")
    if kind == PRECONDITION:
        return PreconditionFailed(message or f"{ctx.action}: the object changed meanwhile.")
    if kind == SERVER:
        detail = "" if message.startswith("<") else f": {message}" if message else ""
        return AwsUpstreamError(
            f"AWS answered {ctx.action} with a server error (HTTP {failure.status}){detail}.")
    if kind == NOT_FOUND:
        return NotFound(message or f"Not found ({ctx.action}).")
    if kind == CONFLICT:
        return Conflict(message or f"{ctx.action} conflicts with the current state.")
    return InvalidInput(
        f"AWS refused {ctx.action} ({code}){': ' + message if message else ''}",
        code="aws_rejected")
