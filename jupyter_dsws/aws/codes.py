"""The one code table: what kind of failure an AWS error answer is, from its code, HTTP
status and message; and which VPC endpoint serves each service, for the messages.

``failures.py`` reads botocore's exceptions with it and says what to do about each kind;
the admin commands test for the kinds (``DENIED``, ``NOT_FOUND``...). Plain data and
functions: no botocore here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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

# The one code table. Kinds a caller may test for:
DENIED, CREDENTIALS, THROTTLED, NOT_FOUND, CONFLICT = (
    "denied", "credentials", "throttled", "not_found", "conflict")
PRECONDITION, NOT_MODIFIED, SERVER, REJECTED = (
    "precondition", "not_modified", "server", "rejected")
UNREACHABLE, TIMEOUT, NO_CREDENTIALS, NO_REGION, BAD_PARAMS, NOT_AWS, OTHER = (
    "unreachable", "timeout", "no_credentials", "no_region", "bad_params", "not_aws", "other")

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
_PRECONDITION = {"PreconditionFailed", "ConditionalRequestConflict", "412"}
# SageMaker answers a missing group or package with a ValidationException that says so.
_MISSING_MESSAGE = re.compile(r"does not exist|not found|cannot be found", re.IGNORECASE)


def vpc_endpoint_name(service: str, region: str | None) -> str:
    return f"com.amazonaws.{region or '<region>'}.{VPC_ENDPOINT_SERVICES.get(service, service)}"


def classify(code: str, status: int = 0, message: str = "") -> str:
    """The kind of an AWS error answer, from its code, HTTP status and message."""
    if code in _BAD_CREDENTIALS:
        return CREDENTIALS
    if code in _ACCESS_DENIED or (status == 403 and code not in _THROTTLED):
        return DENIED
    if code in _THROTTLED or status == 429:
        return THROTTLED
    if status == 304 or code in ("304", "NotModified"):
        return NOT_MODIFIED
    if code in _PRECONDITION or status == 412:
        return PRECONDITION
    if status >= 500:
        return SERVER
    if code in _NOT_FOUND or status == 404 or (
            code in ("ValidationException", "ResourceNotFound")
            and _MISSING_MESSAGE.search(message)):
        return NOT_FOUND
    if code in _CONFLICT or status == 409:
        return CONFLICT
    return REJECTED
