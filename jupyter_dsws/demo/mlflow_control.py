"""SageMaker's MLflow control plane, which moto lacks, for the demo's tracking servers.

ListMlflowTrackingServers, DescribeMlflowTrackingServer, Start/StopMlflowTrackingServer,
ListMlflowApps and CreatePresignedMlflowTrackingServerUrl, answered in the API's JSON
shape from the tracking servers the demo announces (``add``): each is a real local MLflow
server, whose status is "Creating" until it answers ``/health`` and "Created" after, as a
new tracking server reports on AWS. The presigned URL opens that server's own UI.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from werkzeug.wsgi import get_input_stream

from .caller import caller

OPERATIONS = frozenset({
    "ListMlflowTrackingServers", "DescribeMlflowTrackingServer", "StartMlflowTrackingServer",
    "StopMlflowTrackingServer", "ListMlflowApps", "CreatePresignedMlflowTrackingServerUrl",
})
MLFLOW_VERSION = "3.17.2"


@dataclass
class TrackingServer:
    name: str
    url: str
    artifact_store: str
    #: Whether the server answers now (its process started and /health answers).
    ready: Callable[[], bool]
    stopped: bool = False
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    def status(self) -> str:
        if self.stopped:
            return "Stopped"
        return "Created" if self.ready() else "Creating"


class MlflowControlPlane:
    def __init__(self) -> None:
        self._servers: dict[str, TrackingServer] = {}
        self._lock = threading.Lock()

    def add(self, name: str, url: str, artifact_store: str, ready: Callable[[], bool]) -> None:
        with self._lock:
            self._servers[name] = TrackingServer(name, url, artifact_store, ready)

    def arn(self, name: str, account: str, region: str) -> str:
        return f"arn:aws:sagemaker:{region}:{account}:mlflow-tracking-server/{name}"

    def __call__(self, operation: str, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        account, region = caller(environ)
        try:
            request = json.loads(get_input_stream(environ).read() or b"{}")
        except ValueError:
            request = {}
        status, answer = self._answer(operation, request, account, region)
        payload = json.dumps(answer, default=_epoch).encode()
        start_response(status, [("Content-Type", "application/x-amz-json-1.1"),
                                ("Content-Length", str(len(payload)))])
        return [payload]

    def _answer(self, operation: str, request: dict[str, Any], account: str,
                region: str) -> tuple[str, dict[str, Any]]:
        with self._lock:
            servers = list(self._servers.values())
        if operation == "ListMlflowTrackingServers":
            return "200 OK", {"TrackingServerSummaries": [
                {"TrackingServerArn": self.arn(s.name, account, region),
                 "TrackingServerName": s.name, "CreationTime": s.created,
                 "LastModifiedTime": s.created, "TrackingServerStatus": s.status(),
                 "IsActive": "Active", "MlflowVersion": MLFLOW_VERSION} for s in servers]}
        if operation == "ListMlflowApps":
            return "200 OK", {"Summaries": []}
        name = request.get("TrackingServerName")
        server = next((s for s in servers if s.name == name), None)
        if server is None:
            return "400 Bad Request", {
                "__type": "ResourceNotFound",
                "message": f"Tracking server {name} does not exist."}
        if operation == "DescribeMlflowTrackingServer":
            return "200 OK", {
                "TrackingServerArn": self.arn(server.name, account, region),
                "TrackingServerName": server.name, "ArtifactStoreUri": server.artifact_store,
                "TrackingServerSize": "Small", "MlflowVersion": MLFLOW_VERSION,
                "TrackingServerStatus": server.status(), "IsActive": "Active",
                "TrackingServerUrl": server.url, "AutomaticModelRegistration": False,
                "CreationTime": server.created}
        if operation in ("StartMlflowTrackingServer", "StopMlflowTrackingServer"):
            server.stopped = operation.startswith("Stop")
            return "200 OK", {"TrackingServerArn": self.arn(server.name, account, region)}
        if server.status() != "Created":
            return "400 Bad Request", {
                "__type": "ValidationException",
                "message": f"Tracking server {name} is {server.status()}."}
        return "200 OK", {"AuthorizedUrl": server.url + "/"}


def _epoch(value: Any) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    raise TypeError(type(value).__name__)
