"""SageMaker's MLflow control plane, which moto lacks, for the demo's tracking servers.

ListMlflowTrackingServers, DescribeMlflowTrackingServer, Start/StopMlflowTrackingServer,
ListMlflowApps and CreatePresignedMlflowTrackingServerUrl, answered in the API's JSON
shape from the tracking servers the demo announces (``add``): each is a real local MLflow
server, whose status is "Creating" until it answers ``/health`` and "Created" after, as a
new tracking server reports on AWS. The presigned URL opens that server's own UI. The
request and error handling is ``json_plane.JsonPlane``'s, shared with Studio's plane.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .json_plane import JsonPlane, invalid, not_found

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


class MlflowControlPlane(JsonPlane):
    OPERATIONS = OPERATIONS

    def __init__(self) -> None:
        self._servers: dict[str, TrackingServer] = {}
        self._lock = threading.Lock()

    def add(self, name: str, url: str, artifact_store: str, ready: Callable[[], bool]) -> None:
        with self._lock:
            self._servers[name] = TrackingServer(name, url, artifact_store, ready)

    def remove(self, name: str) -> None:
        """The tracking server ``name`` is gone (a test's own, once it ends)."""
        with self._lock:
            self._servers.pop(name, None)

    def arn(self, name: str, account: str, region: str) -> str:
        return f"arn:aws:sagemaker:{region}:{account}:mlflow-tracking-server/{name}"

    def answer(self, operation: str, request: dict[str, Any], account: str,
               region: str) -> dict[str, Any]:
        with self._lock:
            servers = list(self._servers.values())
        if operation == "ListMlflowTrackingServers":
            return {"TrackingServerSummaries": [
                {"TrackingServerArn": self.arn(s.name, account, region),
                 "TrackingServerName": s.name, "CreationTime": s.created,
                 "LastModifiedTime": s.created, "TrackingServerStatus": s.status(),
                 "IsActive": "Active", "MlflowVersion": MLFLOW_VERSION} for s in servers]}
        if operation == "ListMlflowApps":
            return {"Summaries": []}
        name = request.get("TrackingServerName")
        server = next((s for s in servers if s.name == name), None)
        if server is None:
            raise not_found(f"Tracking server {name} does not exist.")
        if operation == "DescribeMlflowTrackingServer":
            return {
                "TrackingServerArn": self.arn(server.name, account, region),
                "TrackingServerName": server.name, "ArtifactStoreUri": server.artifact_store,
                "TrackingServerSize": "Small", "MlflowVersion": MLFLOW_VERSION,
                "TrackingServerStatus": server.status(), "IsActive": "Active",
                "TrackingServerUrl": server.url, "AutomaticModelRegistration": False,
                "CreationTime": server.created}
        if operation in ("StartMlflowTrackingServer", "StopMlflowTrackingServer"):
            server.stopped = operation.startswith("Stop")
            return {"TrackingServerArn": self.arn(server.name, account, region)}
        if server.status() != "Created":
            raise invalid(f"Tracking server {name} is {server.status()}.")
        return {"AuthorizedUrl": server.url + "/"}

