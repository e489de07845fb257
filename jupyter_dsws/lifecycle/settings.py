"""The settings an admin bakes into the lifecycle script, and the server config they become.

The script writes them as ``<prefix>/etc/jupyter/jupyter_dsws_config.json``, the config file
of our ExtensionApp (``name = "dsws"``) on the server's config path: Studio starts the
server under supervisord, so environment variables exported by a lifecycle script never
reach it. Not a ``jupyter_server_config.d/*.json``: jupyter_server reads those directories
only for ``jpserver_extensions``, every other key there is ignored. Ours is a file of its
own, so nothing the image or a person configured is overwritten, and the server's own
config (``--DSWSExtension.…``, ``jupyter_server_config``) still takes precedence.
Each key is a real trait: ``DSWSExtension.region``, ``DSWSExtension.panels``,
``IdleShutdown.timeout_minutes``, ``min_timeout_minutes``, ``max_timeout_minutes`` and
``Experiments.tracking_uri``.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from typing import Any

from ..experiments.config import SERVER_ARN
from ..features import panels
from ..idle.config import IdleShutdown

# A lifecycle script has 5 minutes; leave Studio room for everything else it does.
DEFAULT_BUDGET_SECONDS = 120
MAX_BUDGET_SECONDS = 240

_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")


class SettingsError(ValueError):
    """A setting the admin gave is wrong; the message says how to fix it."""


@dataclass(frozen=True)
class Settings:
    region: str | None = None
    panels: tuple[str, ...] | None = None
    idle_timeout_minutes: float | None = None
    idle_min_minutes: float | None = None
    idle_max_minutes: float | None = None
    mlflow_tracking_uri: str | None = None
    strict: bool = False
    budget_seconds: int = DEFAULT_BUDGET_SECONDS

    def __post_init__(self) -> None:
        if self.region is not None and not _REGION.match(self.region):
            raise SettingsError(f"--region {self.region!r} is not an AWS region such as "
                                "eu-central-1.")
        unknown = [p for p in self.panels or () if p not in panels()]
        if unknown:
            raise SettingsError(f"--panels: unknown panel(s) {', '.join(unknown)}; choose from "
                                f"{', '.join(panels())}.")
        for flag, value in (("--idle-timeout-minutes", self.idle_timeout_minutes),
                            ("--idle-min-minutes", self.idle_min_minutes),
                            ("--idle-max-minutes", self.idle_max_minutes)):
            if value is not None and not value > 0:
                raise SettingsError(f"{flag} must be a positive number of minutes; got {value}.")
        low, value, high = self._effective_bounds()
        if not low <= value <= high:
            raise SettingsError(
                "The idle settings need min ≤ timeout ≤ max (unset ones take the server's "
                f"defaults); got {low:g} ≤ {value:g} ≤ {high:g} minutes.")
        uri = self.mlflow_tracking_uri
        if uri is not None and not (uri.startswith(("http://", "https://"))
                                    or SERVER_ARN.match(uri)):
            raise SettingsError(f"--mlflow-tracking-uri {uri[:200]!r}: an http(s):// URL, a "
                                "SageMaker MLflow tracking server ARN or an MLflow app ARN.")
        if not 10 <= self.budget_seconds <= MAX_BUDGET_SECONDS:
            raise SettingsError(f"--budget-seconds must be within 10..{MAX_BUDGET_SECONDS} "
                                "(Studio stops a lifecycle script after 300 s).")

    def _effective_bounds(self) -> tuple[float, float, float]:
        defaults = IdleShutdown.class_traits()

        def pick(value: float | None, trait: str) -> float:
            return value if value is not None else float(defaults[trait].default_value)

        return (pick(self.idle_min_minutes, "min_timeout_minutes"),
                pick(self.idle_timeout_minutes, "timeout_minutes"),
                pick(self.idle_max_minutes, "max_timeout_minutes"))

    def server_config(self) -> dict[str, Any]:
        """The jupyter_server config the script writes: only what the admin chose."""
        config: dict[str, dict[str, Any]] = {}
        ours: dict[str, Any] = {}
        if self.region is not None:
            ours["region"] = self.region
        if self.panels is not None:
            ours["panels"] = list(self.panels)
        if ours:
            config["DSWSExtension"] = ours
        idle = {trait: value for trait, value in (
            ("timeout_minutes", self.idle_timeout_minutes),
            ("min_timeout_minutes", self.idle_min_minutes),
            ("max_timeout_minutes", self.idle_max_minutes)) if value is not None}
        if idle:
            config["IdleShutdown"] = idle
        if self.mlflow_tracking_uri is not None:
            config["Experiments"] = {"tracking_uri": self.mlflow_tracking_uri}
        return config

    def server_config_json(self) -> str:
        return json.dumps(self.server_config(), sort_keys=True, separators=(",", ":"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("settings baked into the script")
    group.add_argument("--region", help="DSWSExtension.region, and the region the script "
                       "reaches S3 in (default: the region of the Studio app's ARN).")
    group.add_argument("--panels", help="Comma-separated panels to turn on, any of "
                       f"{','.join(panels())}; an empty string turns all off (default: all).")
    group.add_argument("--idle-timeout-minutes", type=float,
                       help="IdleShutdown.timeout_minutes (server default 60).")
    group.add_argument("--idle-min-minutes", type=float,
                       help="IdleShutdown.min_timeout_minutes (server default 10).")
    group.add_argument("--idle-max-minutes", type=float,
                       help="IdleShutdown.max_timeout_minutes (server default 1440).")
    group.add_argument("--mlflow-tracking-uri",
                       help="Experiments.tracking_uri: the team's MLflow (tracking server or "
                            "app ARN, or an http(s) URL); kernels get it as MLFLOW_TRACKING_URI "
                            "(default: the domain's default MLflow app, else the account's only "
                            "tracking server, looked up at start).")
    group.add_argument("--strict", action="store_true",
                       help="Fail the space's start when the install fails (default: log, exit "
                            "0, start without the extension).")
    group.add_argument("--budget-seconds", type=int, default=DEFAULT_BUDGET_SECONDS,
                       help=f"Time budget of the script (default {DEFAULT_BUDGET_SECONDS} s; "
                            "Studio allows 300 s).")


def from_args(args: argparse.Namespace) -> Settings:
    panels = None
    if args.panels is not None:
        panels = tuple(p.strip() for p in args.panels.split(",") if p.strip())
    return Settings(region=args.region, panels=panels,
                    idle_timeout_minutes=args.idle_timeout_minutes,
                    idle_min_minutes=args.idle_min_minutes,
                    idle_max_minutes=args.idle_max_minutes,
                    mlflow_tracking_uri=args.mlflow_tracking_uri,
                    strict=args.strict, budget_seconds=args.budget_seconds)
