"""Which MLflow the panel reads: the configured URI, the domain's default MLflow app, or the
account's only tracking server; where its data plane answers and how to sign for it.

SageMaker's control plane (List/Describe MlflowTrackingServer and MlflowApp, the presigned
UI URLs) goes through ``AwsAccess``; the data plane's address follows the sagemaker-mlflow
plugin: ``https://<region>.experiments.sagemaker.aws`` signed as ``sagemaker-mlflow`` for a
tracking server, ``https://mlflow.sagemaker.<region>.app.aws`` signed as ``sagemaker`` for an
MLflow app (the latter unverified against AWS, see docs/experiments.md).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..aws.shared_reads import Shared
from ..errors import Unavailable
from ..studio import StudioApp
from ..wire import iso_time
from .config import SERVER_ARN, Experiments
from .mlflow_rest import Target
from .models import MlflowServer, MlflowServerList, UiUrl

#: A tracking server in these states answers MLflow's API.
READY = {"Created", "Updated", "Updating", "Started", "MaintenanceComplete",
         "MaintenanceInProgress", "UpdateFailed", "MaintenanceFailed"}
#: How long a resolved target is reused before SageMaker is asked again.
TARGET_SECONDS = 60.0
#: A presigned UI URL works once within this many seconds.
UI_URL_SECONDS = 60
SET_IT = ("Set c.Experiments.tracking_uri to an MLflow URL or a tracking server's ARN (the "
          "lifecycle configuration's --mlflow option writes it).")


@dataclass(frozen=True)
class Found:
    """The servers SageMaker knows and the one the panel reads."""

    servers: list[MlflowServer]
    default: MlflowServer | None
    help: str | None


def kind_of(arn: str) -> str:
    match = SERVER_ARN.match(arn)
    if not match:
        raise ValueError(arn)
    return "tracking_server" if match["kind"] == "mlflow-tracking-server" else "app"


def data_plane(server: MlflowServer, *, region: str, endpoint_url: str | None) -> Target:
    """The address and signing of ``server``'s MLflow API."""
    if server.kind == "url":
        return Target(base_url=(server.url or "").rstrip("/"))
    arn = server.arn or ""
    region = SERVER_ARN.match(arn)["region"] if SERVER_ARN.match(arn) else region  # type: ignore[index]
    vpc = f"aws.sagemaker.{region}.experiments"
    if server.kind == "tracking_server":
        base = endpoint_url or f"https://{region}.experiments.sagemaker.aws"
        return Target(base_url=base.rstrip("/"), signing_service="sagemaker-mlflow",
                      region=region, arn=arn, vpc_endpoint=vpc)
    base = endpoint_url or f"https://mlflow.sagemaker.{region}.app.aws"
    return Target(base_url=base.rstrip("/"), signing_service="sagemaker", region=region,
                  arn=arn, vpc_endpoint=vpc)


def not_ready_help(server: MlflowServer) -> str | None:
    """What to do when the default server does not answer MLflow's API now."""
    if server.kind != "tracking_server" or server.status in READY:
        return None
    if server.status in ("Stopped", "StopFailed", "StartFailed"):
        return (f"The tracking server {server.name} is {server.status.lower()}. Start it in "
                "SageMaker Studio (MLflow), or ask your admin: aws sagemaker "
                f"start-mlflow-tracking-server --tracking-server-name {server.name}. It takes "
                "a few minutes to start.")
    return (f"The tracking server {server.name} is {server.status}; the panel reads it once "
            "it is ready.")


class Tracking:
    """Finds the MLflow servers and resolves the panel's target, cached for a minute."""

    def __init__(self, aws: Any, config: Experiments, studio: StudioApp | None,
                 environ: Mapping[str, str] = os.environ) -> None:
        self.aws = aws
        self.config = config
        self.studio = studio
        self.environ = environ
        self._target: tuple[float, Target, MlflowServer] | None = None
        self._lock = asyncio.Lock()

    @property
    def endpoint_url(self) -> str | None:
        return (self.config.mlflow_endpoint_url
                or self.environ.get("SAGEMAKER_MLFLOW_CUSTOM_ENDPOINT") or None)

    async def servers(self, refresh: bool = False) -> MlflowServerList:
        """The servers SageMaker knows, shared by every tab for ``servers_ttl_seconds``;
        ``refresh`` asks SageMaker again, and the panel then reads the server it names."""
        if refresh:
            self._target = None
        shared = await self.found(refresh)
        found = shared.value
        return MlflowServerList(servers=found.servers,
                          tracking_uri=_uri_of(found.default) if found.default else None,
                          help=found.help, fetched_at=iso_time(shared.fetched_at),
                          notice=shared.notice)

    async def found(self, refresh: bool = False) -> Shared[Found]:
        """``find()``'s answer, shared with every identical read (a URL asks nobody)."""
        uri = self.config.tracking_uri
        if uri and not SERVER_ARN.match(uri):
            return Shared(await self.find(), time.time())
        domain = self.studio.domain_id if self.studio else None
        return await self.aws.shared("experiments.servers", self.find, services=("sagemaker",),
                                     ttl=self.config.servers_ttl_seconds, refresh=refresh,
                                     uri=uri, domain=domain)

    async def target(self) -> tuple[Target, MlflowServer]:
        """The default server's data plane; 503 with what to do when there is none to read."""
        async with self._lock:
            cached = self._target
            if cached and time.monotonic() - cached[0] < TARGET_SECONDS:
                return cached[1], cached[2]
            found = (await self.found()).value
            if found.default is None or found.help:
                raise Unavailable(found.help or SET_IT, code="no_tracking_server")
            target = data_plane(found.default, region=self.aws.region or "",
                                endpoint_url=self.endpoint_url)
            self._target = (time.monotonic(), target, found.default)
            return target, found.default

    async def find(self) -> Found:
        uri = self.config.tracking_uri
        if uri and not SERVER_ARN.match(uri):
            host = urlsplit(uri).netloc or uri
            server = MlflowServer(name=host, kind="url", status="Configured", default=True, url=uri)
            return Found([server], server, None)
        tracking = await self.aws.items("sagemaker", "list_mlflow_tracking_servers",
                                        "TrackingServerSummaries", max_pages=10)
        apps = await self.aws.items("sagemaker", "list_mlflow_apps", "Summaries", max_pages=10)
        servers = [MlflowServer(arn=s["TrackingServerArn"], name=s.get("TrackingServerName") or "",
                          kind="tracking_server", status=s.get("TrackingServerStatus") or "",
                          mlflow_version=s.get("MlflowVersion"), default=False,
                          url=s["TrackingServerArn"]) for s in tracking]
        servers += [MlflowServer(arn=a["Arn"], name=a.get("Name") or "", kind="app",
                           status=a.get("Status") or "", mlflow_version=a.get("MlflowVersion"),
                           default=False, url=a["Arn"]) for a in apps]
        chosen = await self._choose(uri, servers, apps)
        if chosen is None:
            help_text = ("No MLflow tracking server or MLflow app was found in this account "
                         "and region. " + SET_IT) if not servers else (
                "This account has several MLflow servers and none is the domain's default. "
                + SET_IT)
            return Found(servers, None, help_text)
        marked = [s.model_copy(update={"default": s.arn == chosen.arn}) for s in servers]
        if chosen.arn not in {s.arn for s in servers}:  # configured, but not listed here
            chosen = chosen.model_copy(update={"default": True})
            marked.insert(0, chosen)
        default = next(s for s in marked if s.default)
        return Found(marked, default, not_ready_help(default))

    async def _choose(self, uri: str | None, servers: list[MlflowServer],
                      apps: list[dict[str, Any]]) -> MlflowServer | None:
        if uri:  # an ARN
            listed = next((s for s in servers if s.arn == uri), None)
            return listed or await self._describe(uri)
        domain = self.studio.domain_id if self.studio else None
        if domain and apps:
            details = await asyncio.gather(*(
                self.aws.call("sagemaker", "describe_mlflow_app", Arn=a["Arn"]) for a in apps))
            for app, detail in zip(apps, details, strict=True):
                if domain in (detail.get("DefaultDomainIdList") or []):
                    return next(s for s in servers if s.arn == app["Arn"])
        tracking = [s for s in servers if s.kind == "tracking_server"]
        if len(tracking) == 1:
            return tracking[0]
        if not tracking and len(servers) == 1:
            return servers[0]
        return None

    async def _describe(self, arn: str) -> MlflowServer:
        kind = kind_of(arn)
        if kind == "tracking_server":
            name = SERVER_ARN.match(arn)["name"]  # type: ignore[index]
            d = await self.aws.call("sagemaker", "describe_mlflow_tracking_server",
                                    TrackingServerName=name)
            return MlflowServer(arn=arn, name=name, kind=kind, default=True, url=arn,
                          status=d.get("TrackingServerStatus") or "",
                          mlflow_version=d.get("MlflowVersion"))
        d = await self.aws.call("sagemaker", "describe_mlflow_app", Arn=arn)
        return MlflowServer(arn=arn, name=d.get("Name") or arn, kind=kind, default=True, url=arn,
                      status=d.get("Status") or "", mlflow_version=d.get("MlflowVersion"))

    async def ui_url(self) -> UiUrl:
        """A URL that opens the default server's MLflow UI: presigned, made now, never kept."""
        _, server = await self.target()
        if server.kind == "url":
            return UiUrl(url=server.url or "", expires_in=None)
        if server.kind == "tracking_server":
            answer = await self.aws.call(
                "sagemaker", "create_presigned_mlflow_tracking_server_url",
                TrackingServerName=server.name, ExpiresInSeconds=UI_URL_SECONDS)
        else:
            answer = await self.aws.call("sagemaker", "create_presigned_mlflow_app_url",
                                         Arn=server.arn, ExpiresInSeconds=UI_URL_SECONDS)
        return UiUrl(url=answer["AuthorizedUrl"], expires_in=UI_URL_SECONDS)


def _uri_of(server: MlflowServer) -> str | None:
    return server.url if server.kind == "url" else server.arn
