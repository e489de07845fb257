"""The emulator's AWS rate limit on demand, and a count of the AWS calls it answers.

A WSGI layer in front of the emulator: it counts every AWS API request (not the git smart
HTTP nor moto's own ``/moto-api``), and answers a fraction of them as AWS answers a call
over the account's rate limit, in each protocol's own shape: ``ThrottlingException`` for
the JSON APIs (SageMaker, CodeCommit), ``Throttling`` for the query APIs (STS, EC2),
``SlowDown`` for S3, ``TooManyRequestsException`` for the REST-JSON ones.

``DSWS_EMULATOR_THROTTLE=0.5`` (a fraction from 0 to 1) asks for it in ``dsws demo``, which
``engage``s it once the seed is in (the seed itself is never throttled); tests and the
benchmark set ``emulator.throttle.fraction``.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qs

from .wsgi import StartResponse

ENVIRONMENT = "DSWS_EMULATOR_THROTTLE"
_SCOPE = re.compile(r"Credential=[^/\s,]+/\d{8}/[^/\s,]+/(?P<service>[^/\s,]+)/aws4_request")
_QUERY_SERVICES = {"sts", "ec2", "iam", "sqs", "sns", "elasticmapreduce-query"}


class Throttle:
    """Counts AWS calls; answers ``fraction`` of them with the service's throttling error."""

    def __init__(self, fraction: float = 0.0, *, requested: float = 0.0,
                 seed: int | None = None) -> None:
        self.fraction = fraction
        #: The fraction DSWS_EMULATOR_THROTTLE asks for, from ``engage`` on.
        self.requested = requested
        self.calls: Counter[str] = Counter()
        self.throttled: Counter[str] = Counter()
        self._random = random.Random(seed)  # noqa: S311 (which calls fail, not a secret)
        self._lock = threading.Lock()
        self._burst = 0

    def burst(self, calls: int) -> None:
        """Throttle the next ``calls`` calls, whatever ``fraction`` says: a busy moment."""
        with self._lock:
            self._burst = calls

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Throttle:
        value = (environ if environ is not None else os.environ).get(ENVIRONMENT, "").strip()
        try:
            fraction = float(value) if value else 0.0
        except ValueError:
            raise ValueError(f"{ENVIRONMENT} must be a fraction from 0 to 1; got "
                             f"{value!r}.") from None
        if not 0.0 <= fraction <= 1.0:
            raise ValueError(f"{ENVIRONMENT} must be a fraction from 0 to 1; got {fraction}.")
        return cls(requested=fraction)

    def engage(self) -> None:
        """Throttle from now on as DSWS_EMULATOR_THROTTLE asked (nothing when it did not)."""
        if self.requested:
            self.fraction = self.requested

    def total(self) -> int:
        with self._lock:
            return sum(self.calls.values())

    def wrap(self, app: Any) -> Any:
        def layer(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
            scope = _SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
            if scope is None:  # git, moto's own API, anything unsigned
                return app(environ, start_response)
            service = scope["service"]
            call = f"{service}.{_operation(environ, service)}"
            with self._lock:
                self.calls[call] += 1
                throttle = self._burst > 0 or (
                    self.fraction > 0 and self._random.random() < self.fraction)
                self._burst = max(0, self._burst - 1)
                if throttle:
                    self.throttled[call] += 1
            if throttle:
                return _throttled(environ, service, start_response)
            return app(environ, start_response)

        return layer


def _operation(environ: dict[str, Any], service: str) -> str:
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        return target.rpartition(".")[2]
    if service in _QUERY_SERVICES and "form-urlencoded" in environ.get("CONTENT_TYPE", ""):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)  # what was read goes on to moto
        actions = parse_qs(body.decode("utf-8", "replace")).get("Action")
        return actions[0] if actions else "?"
    return f"{environ.get('REQUEST_METHOD', '')} {environ.get('PATH_INFO', '')}"


def _throttled(environ: dict[str, Any], service: str,
               start_response: StartResponse) -> Iterable[bytes]:
    message = "Rate exceeded (the demo emulator's throttling, DSWS_EMULATOR_THROTTLE)."
    if environ.get("HTTP_X_AMZ_TARGET"):
        status, kind = "400 Bad Request", "application/x-amz-json-1.1"
        body = json.dumps({"__type": "ThrottlingException", "message": message}).encode()
        headers = [("x-amzn-ErrorType", "ThrottlingException")]
    elif service == "s3":
        status, kind, headers = "503 Slow Down", "application/xml", []
        body = (f"<Error><Code>SlowDown</Code><Message>{message}</Message>"
                "<RequestId>demo</RequestId></Error>").encode()
    elif service in _QUERY_SERVICES:
        status, kind, headers = "400 Bad Request", "text/xml", []
        body = ("<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                f"<Message>{message}</Message></Error><RequestId>demo</RequestId>"
                "</ErrorResponse>").encode()
    else:
        status, kind = "429 Too Many Requests", "application/json"
        body = json.dumps({"message": message}).encode()
        headers = [("x-amzn-ErrorType", "TooManyRequestsException")]
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            *headers])
    return [body]
