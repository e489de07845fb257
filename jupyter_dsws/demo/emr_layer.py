"""EMR's GetClusterSessionCredentials, which moto lacks: what the %sm_analytics magic asks
for when a person connects to a runtime-roles cluster with an execution role.

Answered in the API's JSON shape from moto's own state: the cluster must exist and not be
terminated, and its security configuration must enable runtime roles
(``AuthorizationConfiguration.IAMConfiguration.EnableApplicationScopedIAMRole``), else
AWS's ``InvalidRequestException`` saying so. The credentials are Livy basic-auth ones
valid for an hour; the demo's Livy does not check them. moto keeps EMR clusters in the
region of its endpoint's host name (us-east-1 through ``endpoint_url``), so the cluster is
looked for in every region of the caller's account.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from typing import Any

from moto.emr.models import emr_backends
from werkzeug.wsgi import get_input_stream

from .caller import caller
from .wsgi import WsgiApp

TARGET_PREFIX = "ElasticMapReduce."
OPERATIONS = frozenset({"GetClusterSessionCredentials"})
TERMINAL = ("TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS")


class EmrLayer:
    def __init__(self, moto: WsgiApp) -> None:
        self.moto = moto

    def __call__(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        operation = environ.get("HTTP_X_AMZ_TARGET", "")[len(TARGET_PREFIX):]
        if operation not in OPERATIONS:
            return self.moto(environ, start_response)
        account, _ = caller(environ)
        try:
            request = json.loads(get_input_stream(environ).read() or b"{}")
        except ValueError:
            request = {}
        status, answer = session_credentials(request, account)
        payload = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/x-amz-json-1.1"),
                                ("Content-Length", str(len(payload)))])
        return [payload]


def session_credentials(request: dict[str, Any], account: str) -> tuple[str, dict[str, Any]]:
    cluster_id = str(request.get("ClusterId") or "")
    role = str(request.get("ExecutionRoleArn") or "")
    found = _cluster(account, cluster_id)
    if found is None:
        return _invalid(f"Cluster id '{cluster_id}' is not valid.")
    backend, cluster = found
    if cluster.state in TERMINAL:
        return _invalid(f"Cluster {cluster_id} is {cluster.state}.")
    configuration = backend.security_configurations.get(cluster.security_configuration or "")
    settings = json.loads(configuration.security_configuration) if configuration else {}
    iam = (settings.get("AuthorizationConfiguration") or {}).get("IAMConfiguration") or {}
    if iam.get("EnableApplicationScopedIAMRole") is not True:
        return _invalid(f"Cluster {cluster_id} does not have runtime roles enabled in its "
                        "security configuration.")
    if not role.startswith("arn:"):
        return _invalid("ExecutionRoleArn must be the ARN of an IAM role.")
    # Deterministic, so that the same request gets the same answer (no secret: a demo).
    password = hashlib.sha256(f"{cluster_id}:{role}".encode()).hexdigest()[:32]
    return "200 OK", {"Credentials": {"UsernamePassword": {
        "Username": role.rsplit("/", 1)[-1], "Password": password}},
        "ExpiresAt": int(time.time()) + 3600}


def _cluster(account: str, cluster_id: str) -> tuple[Any, Any] | None:
    for backend in list(emr_backends[account].values()):  # the regions used so far
        if cluster_id in backend.clusters:
            return backend, backend.clusters[cluster_id]
    return None


def _invalid(message: str) -> tuple[str, dict[str, Any]]:
    return "400 Bad Request", {"__type": "InvalidRequestException", "Message": message}
