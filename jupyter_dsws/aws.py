"""The one way this extension talks to AWS.

Every feature gets its boto3 clients here: built for the configured region and optional
endpoint URL, with short timeouts and standard retries, called off the event loop, and
with botocore's exceptions translated into errors a person can act on
(``errors.DSWSError``). Nothing here knows about tornado.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import boto3
import botocore.session
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    CredentialRetrievalError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    PartialCredentialsError,
    ReadTimeoutError,
)
from botocore.parsers import ResponseParserError

from .errors import (
    AwsUpstreamError,
    Conflict,
    DSWSError,
    InvalidInput,
    NotAllowed,
    NotFound,
    Throttled,
    Unavailable,
)
from .studio import StudioApp

log = logging.getLogger(__name__)

T = TypeVar("T")

REGION_HELP = (
    "No AWS region is configured. Set c.DSWSExtension.region in a jupyter_server_config "
    "file (in Studio the lifecycle configuration writes it), or AWS_REGION in the "
    "server's environment."
)

# The VPC interface endpoint service (com.amazonaws.<region>.<name>) that serves each
# botocore service. S3 is usually a gateway endpoint, which has the same name.
VPC_ENDPOINT_SERVICES: Mapping[str, str] = {
    "sagemaker": "sagemaker.api",
    "sagemaker-runtime": "sagemaker.runtime",
    "ecr": "ecr.api",
    "emr": "elasticmapreduce",
    "pricing": "pricing.api",
    "service-quotas": "servicequotas",
}

_ACCESS_DENIED = {
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError",
    "UnauthorizedException", "Forbidden", "403",
}
_BAD_CREDENTIALS = {
    "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch",
    "UnrecognizedClientException", "InvalidAccessKeyId", "InvalidToken", "IncompleteSignature",
}
_THROTTLED = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
    "BandwidthLimitExceeded", "SlowDown", "RequestThrottled", "PriorRequestNotComplete",
    "EC2ThrottledException",
}
_NOT_FOUND = {
    "ResourceNotFound", "ResourceNotFoundException", "NoSuchKey", "NoSuchBucket", "NotFound",
    "404", "NoSuchEntity", "RepositoryDoesNotExistException",
}
_CONFLICT = {
    "ConflictException", "ResourceInUse", "ResourceInUseException",
    "ConcurrentModificationException", "ResourceLimitExceeded",
}

_SECRETS = re.compile(
    r"(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s\"']+"
    r"|(Signature=)[^&\s,\"']+"
    r"|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """Remove signatures, session tokens and access key ids from a message."""
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2) or "") + "[redacted]", text)


def vpc_endpoint_name(service: str, region: str | None) -> str:
    return f"com.amazonaws.{region or '<region>'}.{VPC_ENDPOINT_SERVICES.get(service, service)}"


def resolve_region(configured: str | None, environ: Mapping[str, str],
                   studio: StudioApp | None) -> str | None:
    """The region, in order: the trait, AWS_REGION, AWS_DEFAULT_REGION, the Studio app's ARN."""
    for candidate in (configured, environ.get("AWS_REGION"), environ.get("AWS_DEFAULT_REGION"),
                      studio.region if studio else None):
        if candidate and candidate.strip():
            return candidate.strip()
    return None


@dataclass(frozen=True)
class CallContext:
    """What a translated error needs to know about the call that failed."""

    service: str
    operation: str  # the API name, e.g. GetCallerIdentity
    iam_prefix: str
    region: str | None
    endpoint: str | None
    read_timeout: float

    @property
    def action(self) -> str:
        return f"{self.iam_prefix}:{self.operation}"


def translate(exc: BaseException, ctx: CallContext) -> DSWSError:
    """Turn a botocore exception into an error with a status, a code and a sentence."""
    if isinstance(exc, DSWSError):
        return exc
    if isinstance(exc, ClientError):
        return _translate_client_error(exc, ctx)
    if isinstance(exc, ConnectTimeoutError | EndpointConnectionError | ConnectionClosedError):
        return Unavailable(
            f"Cannot reach the {ctx.service} endpoint ({ctx.endpoint}). In a VPC-only Studio "
            f"domain an admin must add the VPC interface endpoint "
            f"{vpc_endpoint_name(ctx.service, ctx.region)} with private DNS.",
            code="endpoint_unreachable",
        )
    if isinstance(exc, ReadTimeoutError):
        return Unavailable(
            f"The {ctx.service} endpoint ({ctx.endpoint}) accepted the connection but did not "
            f"answer {ctx.operation} within {ctx.read_timeout:g} s. Check the VPC interface "
            f"endpoint {vpc_endpoint_name(ctx.service, ctx.region)} and its security group "
            f"(HTTPS from Studio).",
            code="endpoint_unreachable",
        )
    if isinstance(exc, NoCredentialsError | PartialCredentialsError | CredentialRetrievalError):
        return Unavailable(
            "The server has no AWS credentials. In Studio they come from the execution role; "
            "elsewhere set AWS_PROFILE or the usual AWS environment variables.",
            code="aws_credentials_missing",
        )
    if isinstance(exc, NoRegionError):
        return Unavailable(REGION_HELP, code="region_missing")
    if isinstance(exc, ParamValidationError):
        return InvalidInput(redact(str(exc)), code="invalid_input")
    if isinstance(exc, ResponseParserError):
        return AwsUpstreamError(
            f"The {ctx.service} endpoint ({ctx.endpoint}) answered {ctx.operation} with "
            "something that is not an AWS response: it may not implement this operation.",
        )
    if isinstance(exc, BotoCoreError):
        return AwsUpstreamError(f"{ctx.operation} failed: {redact(str(exc))}")
    raise exc


def _translate_client_error(exc: ClientError, ctx: CallContext) -> DSWSError:
    error = exc.response.get("Error", {}) or {}
    code = str(error.get("Code") or "")
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
    message = redact(str(error.get("Message") or "")).strip()

    if code in _BAD_CREDENTIALS:
        return NotAllowed(
            f"AWS rejected the server's credentials ({code}) when calling {ctx.action}. "
            "In Studio they come from the execution role; elsewhere refresh your AWS credentials.",
            code="aws_credentials_invalid",
        )
    if code in _ACCESS_DENIED or (status == 403 and code not in _THROTTLED):
        return NotAllowed(
            f"Not allowed: AWS denied {ctx.action}. Ask your admin to allow {ctx.action} "
            "for the Studio execution role.",
        )
    if code in _THROTTLED or status == 429:
        return Throttled(
            f"AWS is throttling {ctx.action} even after retries. Try again in a few seconds.",
            headers={"Retry-After": "5"},
        )
    if status >= 500:
        detail = "" if message.lstrip().startswith("<") else f": {message}" if message else ""
        return AwsUpstreamError(
            f"AWS answered {ctx.action} with a server error (HTTP {status}){detail}."
        )
    if code in _NOT_FOUND or status == 404:
        return NotFound(message or f"Not found ({ctx.action}).")
    if code in _CONFLICT or status == 409:
        return Conflict(message or f"{ctx.action} conflicts with the current state.")
    return InvalidInput(
        f"AWS refused {ctx.action} ({code}){': ' + message if message else ''}",
        code="aws_rejected",
    )


class AwsAccess:
    """boto3 clients for one region and endpoint, and a way to call them off the loop."""

    def __init__(
        self,
        *,
        region: str | None,
        endpoint_url: str | None = None,
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        max_attempts: int = 3,
        max_workers: int = 8,
    ) -> None:
        self.region = region
        self.endpoint_url = endpoint_url or None
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.max_attempts = max_attempts
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="dsws-aws")
        self._clients: dict[tuple[str, float, int], Any] = {}
        self._lock = threading.Lock()
        self._session: boto3.session.Session | None = None

    def _boto_session(self) -> boto3.session.Session:
        if self._session is None:
            core = botocore.session.Session()
            # The global STS endpoint is not reachable from a VPC-only domain.
            core.set_config_variable("sts_regional_endpoints", "regional")
            self._session = boto3.session.Session(botocore_session=core, region_name=self.region)
        return self._session

    def client(self, service: str, *, read_timeout: float | None = None,
               max_attempts: int | None = None) -> Any:
        """A cached client; raises ``Unavailable`` when no region is configured."""
        if not self.region:
            raise Unavailable(REGION_HELP, code="region_missing")
        key = (service, read_timeout or self.read_timeout, max_attempts or self.max_attempts)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                config = Config(
                    connect_timeout=self.connect_timeout,
                    read_timeout=key[1],
                    retries={"mode": "standard", "total_max_attempts": key[2]},
                    user_agent_extra="jupyter_dsws",
                )
                client = self._boto_session().client(
                    service, region_name=self.region, endpoint_url=self.endpoint_url,
                    config=config,
                )
                self._clients[key] = client
        return client

    async def call(self, client: Any, method: str, /, **params: Any) -> dict[str, Any]:
        """Call ``client.<method>(**params)`` in the thread pool, translating errors."""
        return await self.run(client, method, functools.partial(getattr(client, method), **params))

    async def run(self, client: Any, method: str, fn: Callable[[], T]) -> T:
        """Run blocking work with ``client`` in the thread pool; ``method`` names it in errors."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, fn)
        except (BotoCoreError, ClientError, ResponseParserError) as exc:
            error = translate(exc, self.context(client, method))
            log.warning("AWS %s failed: %s (%s)", error.code, error.message, type(exc).__name__)
            raise error from None

    def context(self, client: Any, method: str) -> CallContext:
        meta = client.meta
        service = meta.service_model.service_name
        return CallContext(
            service=service,
            operation=meta.method_to_api_mapping.get(method, method),
            iam_prefix=meta.service_model.signing_name or service,
            region=self.region,
            endpoint=meta.endpoint_url,
            read_timeout=meta.config.read_timeout,
        )

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def endpoint_from_environment(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get("AWS_ENDPOINT_URL") or None
