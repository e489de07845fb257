"""The server extension: its configuration, the services it wires, its routes."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.extension.application import ExtensionApp
from traitlets import Float, Int, List, Unicode, default, validate

from . import __version__
from .aws import AwsAccess, endpoint_from_environment, resolve_region
from .config_bounds import one_or_more, positive, zero_or_more
from .examples.config import Examples
from .examples.service import ExamplesService
from .features import (
    CORE_ROUTES,
    Feature,
    FeatureContext,
    Route,
    feature_class,
    panels,
    route_table,
    with_service,
)
from .logs import route_through
from .preferences.service import PreferencesService, names_people
from .preferences.store import PreferenceStore
from .status.service import StatusService
from .studio import DEFAULT_METADATA_PATH, StudioApp, read_metadata
from .web import NotFoundHandler

ROUTE_PREFIX = "dsws/"


class DSWSExtension(ExtensionApp):
    """The data science workspace for SageMaker Studio."""

    name = "dsws"

    # So that --help-all and command-line options know each feature's Configurable.
    classes = [*ExtensionApp.classes, Examples,
               *(c for c in (feature_class(name).settings for name in panels()) if c)]
    # Studio starts the server under supervisord: configure through a jupyter_server_config
    # file (the lifecycle configuration writes one) or the command line, not environment.

    panels = List(
        Unicode(),
        config=True,
        help=(
            "Which sidebar panels are on, any of "
            f"{', '.join(panels())}. Default: all of them. An empty list leaves only the "
            "workspace status."
        ),
    )

    region = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "AWS region for every AWS call, e.g. eu-central-1. Default: None, meaning "
            "AWS_REGION, then AWS_DEFAULT_REGION, then the region of the Studio app's ARN."
        ),
    )

    aws_endpoint_url = Unicode(
        None,
        allow_none=True,
        config=True,
        help=(
            "Send every AWS call to this URL instead of the regional AWS endpoints (an "
            "emulator, as `dsws demo` does). Default: the AWS_ENDPOINT_URL environment "
            "variable, else None (real AWS)."
        ),
    )

    aws_connect_timeout = Float(
        3.0,
        config=True,
        help="Seconds to wait for a TCP connection to an AWS endpoint. Default: 3 s.",
    )

    aws_read_timeout = Float(
        10.0,
        config=True,
        help="Seconds to wait for an AWS endpoint to answer once connected. Default: 10 s.",
    )

    aws_max_attempts = Int(
        3,
        config=True,
        help=(
            "Attempts per AWS call, first try included, with botocore's standard retry "
            "mode (backoff on throttling and transient errors). Default: 3. 1 turns retries off."
        ),
    )

    aws_request_deadline = Float(
        12.0,
        config=True,
        help=(
            "Seconds a panel request may wait for AWS in all, every call and retry included; "
            "also the most any one AWS call may take (the price refresh has its own, "
            "InstancePicker.pricing_timeout_seconds). Default: 12 s."
        ),
    )

    aws_threads_per_service = Int(
        16,
        config=True,
        help=(
            "Worker threads for the calls to each AWS service (SageMaker, S3, STS...): each "
            "service has its own, so that one endpoint that never answers holds only its own "
            "callers. Default: 16 threads per service."
        ),
    )

    identity_ttl_seconds = Float(
        3600.0,
        config=True,
        help=(
            "Seconds the server keeps its AWS identity (STS GetCallerIdentity, the status "
            "panel's check), shared by every tab, and never past the expiry of the "
            "credentials it was asked with; a failed check is kept 10 s. Default: 3600 s. "
            "0 asks STS on every poll (concurrent polls still share one call)."
        ),
    )

    shared_reads_megabytes = Float(
        20.0,
        config=True,
        help=(
            "Memory (estimated) for the answers of read routes that every tab and person of "
            "this server share for a short time (registry lists, repositories, the AWS "
            "identity); the least recently used go first. Memory only, never disk. "
            "Default: 20 MB. 0 keeps nothing (concurrent identical reads still share one "
            "fetch)."
        ),
    )

    resource_metadata_path = Unicode(
        config=True,
        help=(
            "Path of the Studio resource metadata file. Default: the "
            "DSWS_RESOURCE_METADATA_PATH environment variable, else "
            f"{DEFAULT_METADATA_PATH}. When it is missing we are not in Studio."
        ),
    )

    state_dir = Unicode(
        config=True,
        help=(
            "Folder for what the extension keeps across restarts (the idle-shutdown "
            "choices, the idle events log, the git credential helper that CodeCommit clones "
            "name, and each person's own preferences in people/). Default: ~/.jupyter_dsws, "
            "under HOME, the one folder that survives an app restart in Studio; in a shared "
            "space everyone has that one HOME."
        ),
    )

    @default("panels")
    def _default_panels(self) -> list[str]:
        return list(panels())

    @default("state_dir")
    def _default_state_dir(self) -> str:
        return str(Path.home() / ".jupyter_dsws")

    @default("aws_endpoint_url")
    def _default_endpoint(self) -> str | None:
        return endpoint_from_environment()

    @default("resource_metadata_path")
    def _default_metadata_path(self) -> str:
        return os.environ.get("DSWS_RESOURCE_METADATA_PATH") or DEFAULT_METADATA_PATH

    @validate("panels")
    def _validate_panels(self, proposal: dict) -> list[str]:
        unknown = [p for p in proposal["value"] if p not in panels()]
        if unknown:
            raise ValueError(
                f"Unknown panel(s) {', '.join(unknown)} in DSWSExtension.panels; "
                f"choose from {', '.join(panels())}."
            )
        return list(dict.fromkeys(proposal["value"]))

    _positive = positive("aws_connect_timeout", "aws_read_timeout", "aws_request_deadline")
    _zero_or_more = zero_or_more("identity_ttl_seconds", "shared_reads_megabytes")
    _one_or_more = one_or_more("aws_max_attempts", "aws_threads_per_service")

    def initialize_settings(self) -> None:
        self._unroute_logs = route_through(self.log)
        self.studio: StudioApp | None = read_metadata(self.resource_metadata_path)
        self.aws = AwsAccess(
            region=resolve_region(self.region, os.environ, self.studio),
            endpoint_url=self.aws_endpoint_url,
            connect_timeout=self.aws_connect_timeout,
            read_timeout=self.aws_read_timeout,
            max_attempts=self.aws_max_attempts,
            deadline_seconds=self.aws_request_deadline,
            threads_per_service=self.aws_threads_per_service,
            shared_reads_bytes=int(self.shared_reads_megabytes * 1024 * 1024),
        )
        self.status_service = StatusService(self.aws, self.studio, __version__,
                                            identity_ttl_seconds=self.identity_ttl_seconds)
        self.examples_service = ExamplesService(
            self.serverapp.root_dir, Examples(parent=self).kernel_name, self._kernel_display_name)
        # Each person's own, under HOME (shared by everyone in a shared space): people/.
        self.preferences_service = PreferencesService(
            PreferenceStore(Path(self.state_dir) / "people"),
            per_person=names_people(getattr(self.serverapp, "identity_provider", None)))
        self.features = self._build_features()
        if not self.aws.region:
            self.log.warning("jupyter_dsws: no AWS region configured; AWS panels will say so.")
        self.log.info(
            "jupyter_dsws %s: region %s, %s, panels %s", __version__, self.aws.region,
            f"Studio domain {self.studio.domain_id}" if self.studio else "outside Studio",
            ", ".join(self.panels) or "none",
        )

    def _kernel_display_name(self, name: str) -> str | None:
        try:
            return self.serverapp.kernel_spec_manager.get_kernel_spec(name).display_name
        except (KeyError, OSError, ValueError):  # no such kernel (NoSuchKernel is a KeyError)
            return None

    def feature_context(self) -> FeatureContext:
        """What each feature may use of the server (see ``FeatureContext``)."""
        return FeatureContext(
            aws=self.aws, studio=self.studio, root_dir=self.serverapp.root_dir,
            state_dir=Path(self.state_dir), log=self.log,
            event_logger=getattr(self.serverapp, "event_logger", None), config=self,
            server=self.serverapp,
        )

    def _build_features(self) -> dict[str, Feature]:
        """The enabled panels' features, in sidebar order: a feature used by another is
        built first and handed to it (None when its panel is off)."""
        context = self.feature_context()
        built: dict[str, Feature] = {}
        for name in panels():
            if name in self.panels:
                cls = feature_class(name)
                late = [used for used in cls.uses if used in self.panels and used not in built]
                if late:
                    raise TypeError(f"features.FEATURES lists {name} before {', '.join(late)}, "
                                    "which it uses: list those first.")
                built[name] = cls(context, **{used: built.get(used) for used in cls.uses})
        return {name: built[name] for name in self.panels}

    def initialize_handlers(self) -> None:
        routes: list[Route] = []
        for name in CORE_ROUTES:
            service = getattr(self, f"{name}_service")
            routes.extend(with_service(route_table(name), lambda service=service: service))
        for feature in self.features.values():
            routes.extend(feature.handlers())
        self.handlers.extend((ROUTE_PREFIX + pattern, handler, args)
                             for pattern, handler, args in routes)
        # Last: whatever no route takes under dsws/ is a JSON 404, not tornado's HTML page.
        self.handlers.append((ROUTE_PREFIX.rstrip("/") + "(?:/.*)?", NotFoundHandler))
        # The frontend reads these from the page config: no extra request at start-up.
        page_config = self.serverapp.web_app.settings.setdefault("page_config_data", {})
        page_config["dswsVersion"] = __version__
        page_config["dswsPanels"] = ",".join(self.panels)
        for feature in self.features.values():
            page_config.update(feature.page_config())

    async def _start_jupyter_server_extension(self, serverapp) -> None:
        for feature in self.features.values():
            await feature.start()

    async def stop_extension(self) -> None:
        for feature in getattr(self, "features", {}).values():
            await feature.stop()
        aws = getattr(self, "aws", None)
        if aws is not None:
            aws.close()
        unroute = getattr(self, "_unroute_logs", None)
        if unroute is not None:
            unroute()
