"""MLflow's REST API (``/api/2.0/mlflow/…``), asked with tornado's async HTTP client.

The server never imports mlflow: a tracking server's answers are plain JSON. Requests to
SageMaker's managed MLflow are signed with SigV4 (through ``AwsAccess``, off the loop) and
carry the server's ARN in ``x-mlflow-sm-tracking-server-arn``, as the sagemaker-mlflow
plugin sends them. MLflow's own errors (``{"error_code", "message"}``) and the network's
become the errors a person can act on.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from ..aws import deadline
from ..aws.shared_reads import MLFLOW
from ..errors import (
    AwsUpstreamError,
    DSWSError,
    InvalidInput,
    NotAllowed,
    NotFound,
    Throttled,
    Unavailable,
    echo,
)

log = logging.getLogger(__name__)

API = "/api/2.0/mlflow/"
#: MLflow's error codes that mean "no such thing".
_MISSING = {"RESOURCE_DOES_NOT_EXIST", "NOT_FOUND"}
#: MLflow's error codes that mean "your request is wrong".
_BAD = {"INVALID_PARAMETER_VALUE", "BAD_REQUEST", "INVALID_STATE", "MALFORMED_REQUEST"}


@dataclass(frozen=True)
class Target:
    """Where one MLflow answers and how to sign for it."""

    #: The base URL MLflow's API paths are appended to (no trailing slash).
    base_url: str
    #: SigV4 service name (sagemaker-mlflow, or sagemaker for MLflow apps); None: unsigned.
    signing_service: str | None = None
    region: str | None = None
    #: The tracking server's or app's ARN, sent in x-mlflow-sm-tracking-server-arn.
    arn: str | None = None
    #: The VPC interface endpoint a VPC-only domain needs to reach it, for errors.
    vpc_endpoint: str | None = None


class MlflowError(DSWSError):
    """MLflow refused a request; ``mlflow_code`` is its error_code."""

    def __init__(self, message: str, *, mlflow_code: str, status: int, code: str) -> None:
        super().__init__(message, code=code, status=status)
        self.mlflow_code = mlflow_code


class MlflowRest:
    """GET and POST to one MLflow: each call within ``timeout`` and within what is left of
    its panel request's deadline (``aws.deadline``)."""

    def __init__(self, target: Target, aws: Any, *, timeout: float = 10.0,
                 connect_timeout: float = 3.0) -> None:
        self.target = target
        self.aws = aws
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        #: Calls made, by API path: the benchmark reports them.
        self.calls: dict[str, int] = {}

    async def get(self, path: str, params: dict[str, Any] | None = None, *,
                  api: str = API) -> dict[str, Any]:
        query = urlencode({k: v for k, v in (params or {}).items() if v is not None}, doseq=True)
        return await self._send("GET", api + path + (f"?{query}" if query else ""), None)

    async def post(self, path: str, body: dict[str, Any], *, api: str = API) -> dict[str, Any]:
        return await self._send("POST", api + path, body)

    async def _send(self, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        # Held to the panel request's one deadline, as AWS calls are: a Compare makes several.
        until = deadline.deadline_for(self.timeout)
        name = path.split("?", 1)[0].removeprefix(API)
        self._check_time(name, until)
        target = self.target
        url = target.base_url + path
        data = json.dumps(body).encode() if body is not None else b""
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if target.arn:
            headers["x-mlflow-sm-tracking-server-arn"] = target.arn
        if target.signing_service:
            headers["Host"] = urlsplit(url).netloc
            headers = await self.aws.signed_headers(
                target.signing_service, method, url, region=target.region or "",
                headers=headers, body=data)
        left = self._check_time(name, until)  # signing may have waited for credentials
        self.calls[name] = self.calls.get(name, 0) + 1
        request = HTTPRequest(url, method=method, headers=headers,
                              body=data if method != "GET" else None,
                              connect_timeout=min(self.connect_timeout, left),
                              request_timeout=left, follow_redirects=False)
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except OSError as exc:  # refused, no route, DNS
            raise self._unreachable(f"({exc.strerror or exc})") from None
        except HTTPClientError as exc:
            # 599, raised whatever raise_error says: a timeout, or the connection closed.
            text = str(exc)
            if "Timeout" in text or "timed out" in text.lower():
                raise self._unreachable(f"(no answer within {left:.3g} s)",
                                        answered=True) from None
            raise self._unreachable(f"({text})") from None
        finally:
            if method == "POST" and not name.endswith("/search"):
                # A write (runs/set-tag…), even one that failed (it may have happened):
                # the panel's shared MLflow reads are read afresh.
                self.aws.reads.wrote(MLFLOW)
        return self._read(name, response.code, response.body or b"")

    def _check_time(self, name: str, until: float) -> float:
        """The seconds left for call ``name``; the deadline's error when there are none."""
        left = until - time.monotonic()
        if left <= 0:
            raise deadline.spent(f"MLflow {name}", self.aws.deadline_seconds)
        return left

    def _read(self, name: str, status: int, raw: bytes) -> dict[str, Any]:
        try:
            answer = json.loads(raw) if raw else {}
        except ValueError:
            answer = None
        if 200 <= status < 300:
            if not isinstance(answer, dict):
                raise AwsUpstreamError(
                    f"The tracking server at {self.target.base_url} answered {name} with "
                    "something that is not MLflow's JSON: is tracking_uri an MLflow server?")
            return answer
        answer = answer if isinstance(answer, dict) else {}
        mlflow_code = str(answer.get("error_code") or answer.get("__type") or "")
        message = echo(answer.get("message") or answer.get("Message") or "", 1000)
        if status in (401, 403):
            action = f"sagemaker-mlflow:{_action_of(name)}"
            raise NotAllowed(
                f"Not allowed: the tracking server refused {name} (HTTP {status}). Ask your "
                f"admin to allow {action} on {self.target.arn or self.target.base_url} for the "
                f"Studio execution role.{' ' + message if message else ''}")
        if status == 429:
            raise Throttled("The tracking server is throttling requests. Try again in a few "
                            "seconds.", headers={"Retry-After": "5"})
        if mlflow_code in _MISSING or status == 404:
            raise MlflowError(message or f"MLflow has no such thing ({name}).",
                              mlflow_code=mlflow_code or "NOT_FOUND", status=404,
                              code="not_found")
        if mlflow_code in _BAD or status == 400:
            raise MlflowError(message or f"MLflow refused {name}.",
                              mlflow_code=mlflow_code or "BAD_REQUEST", status=400,
                              code="mlflow_rejected")
        raise AwsUpstreamError(
            f"The tracking server answered {name} with HTTP {status}"
            f"{': ' + message if message else ''}.")

    def _unreachable(self, detail: str, *, answered: bool = False) -> Unavailable:
        target = self.target
        where = f"the tracking server at {target.base_url} {detail}"
        text = f"Reached {where} but it did not answer." if answered else f"Cannot reach {where}."
        if target.vpc_endpoint:
            text += (f" In a VPC-only Studio domain an admin must add the VPC interface "
                     f"endpoint {target.vpc_endpoint} with private DNS, and allow HTTPS from "
                     "Studio in its security group.")
        else:
            text += " Check Experiments.tracking_uri and that the server runs."
        return Unavailable(text, code="endpoint_unreachable")


def missing(error: DSWSError) -> bool:
    return isinstance(error, NotFound) or (isinstance(error, MlflowError)
                                           and error.status == 404)


def bad_request(error: DSWSError) -> bool:
    return isinstance(error, InvalidInput) or (isinstance(error, MlflowError)
                                               and error.status == 400)


def _action_of(name: str) -> str:
    """``runs/search`` → ``SearchRuns``: the IAM action's guess, for the message."""
    parts = name.split("/")
    if len(parts) == 2:
        noun, verb = parts
        noun = "".join(p.title() for p in noun.split("-"))
        return "".join(p.title() for p in verb.split("-")) + noun
    return "".join(p.title() for p in name.replace("/", "-").split("-"))
