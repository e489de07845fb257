"""The shape every emulated JSON-protocol operation shares: read the request, answer it, or
answer AWS's error (issue 21: the MLflow and the Studio control planes used to repeat it).

A plane names the operations it answers (``OPERATIONS``) and implements ``answer``, which
returns the response's JSON or raises ``AwsError``; this base reads the caller (account and
region, as moto reads them), parses the body, and writes either in the wire's shape
(``application/x-amz-json-1.1``, timestamps as epoch seconds, errors as ``__type`` and
``message``, which botocore turns into a ``ClientError`` with that code).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

from werkzeug.wsgi import get_input_stream

from .caller import caller
from .wsgi import StartResponse

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"


class AwsError(Exception):
    """An AWS error answer: its code (``ResourceNotFound``, ``ValidationException``, …)."""

    def __init__(self, code: str, message: str, status: str = "400 Bad Request") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def not_found(message: str) -> AwsError:
    return AwsError("ResourceNotFound", message)


def in_use(message: str) -> AwsError:
    return AwsError("ResourceInUse", message)


def invalid(message: str) -> AwsError:
    return AwsError("ValidationException", message)


class JsonPlane:
    """A WSGI answerer for some operations of one AWS JSON-protocol service."""

    OPERATIONS: ClassVar[frozenset[str]] = frozenset()

    def answer(self, operation: str, request: dict[str, Any], account: str,
               region: str) -> dict[str, Any]:
        raise NotImplementedError

    def __call__(self, operation: str, environ: dict[str, Any],
                 start_response: StartResponse) -> Iterable[bytes]:
        account, region = caller(environ)
        return self.respond(operation, get_input_stream(environ).read(), account, region,
                            start_response)

    def respond(self, operation: str, body: bytes, account: str, region: str,
                start_response: StartResponse) -> Iterable[bytes]:
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = None
        try:
            if not isinstance(request, dict):
                raise AwsError("SerializationException", "The request body is not a JSON object.")
            status, answer = "200 OK", self.answer(operation, request, account, region)
        except AwsError as exc:
            status, answer = exc.status, {"__type": exc.code, "message": exc.message}
        return json_response(start_response, status, answer)


def json_response(start_response: StartResponse, status: str,
                  answer: dict[str, Any]) -> Iterable[bytes]:
    payload = json.dumps(answer, default=epoch).encode()
    start_response(status, [("Content-Type", JSON_CONTENT_TYPE),
                            ("Content-Length", str(len(payload)))])
    return [payload]


def epoch(value: Any) -> float:
    """A datetime as the JSON protocols send it: seconds since the epoch."""
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(type(value).__name__)
