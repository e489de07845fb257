"""How a feature, one panel's server side (idle, registry, codecommit, instances,
experiments, emr), plugs into the extension.

A feature is a vertical slice: ``jupyter_dsws/<name>/`` with its service logic (no tornado),
its thin handlers, and a ``feature.py`` that defines one ``Feature`` subclass. ``FEATURES``
below is the one list of them: the extension's ``panels`` choices, the lifecycle script's
``--panels``, the page config the frontend reads and the REST contract all come from it.
The extension builds the enabled features at start-up, each with a ``FeatureContext`` (what
it may use of the server), registers their routes under ``{base_url}dsws/``, starts them once
the server's event loop runs, and stops them on shutdown.

This module imports nothing heavy: the lifecycle settings and the CLI read the names
without loading jupyter_server or any feature.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from jupyter_events import EventLogger
    from jupyter_server.serverapp import ServerApp
    from traitlets.config import Configurable

    from .aws import AwsAccess
    from .studio import StudioApp

#: Every sidebar panel's server side, in sidebar order: (panel name, "module:Feature class").
#: Adding a panel adds one line here (and one in labextension/src/index.ts).
FEATURES: tuple[tuple[str, str], ...] = (
    ("idle", "jupyter_dsws.idle.feature:IdleFeature"),
    ("registry", "jupyter_dsws.registry.feature:RegistryFeature"),
    ("codecommit", "jupyter_dsws.codecommit.feature:CodeCommitFeature"),
    ("instances", "jupyter_dsws.instances.feature:InstancesFeature"),
    ("experiments", "jupyter_dsws.experiments.feature:ExperimentsFeature"),
    ("emr", "jupyter_dsws.emr.feature:EMRFeature"),
)


def panels() -> tuple[str, ...]:
    """The panel names, in sidebar order."""
    return tuple(name for name, _ in FEATURES)


#: The routes every server has, whatever panels are on, in route order: each a slice
#: ``jupyter_dsws/<name>/`` whose ``handlers.py`` holds its table, its service the
#: extension's ``<name>_service``. The extension routes them, the REST contract lists them.
CORE_ROUTES: tuple[str, ...] = ("status", "examples", "preferences")


def route_table(name: str) -> list[tuple[str, type]]:
    """The handler table of a core slice or a panel: ``handlers`` in
    ``jupyter_dsws/<name>/handlers.py``, (pattern relative to ``dsws/``, handler), imported now."""
    return importlib.import_module(f"jupyter_dsws.{name}.handlers").handlers


#: A route relative to ``{base_url}dsws/``: pattern, handler class, its ``initialize`` arguments.
Route = tuple[str, type, dict[str, Any]]


def feature_class(name: str) -> type[Feature]:
    """The ``Feature`` subclass of panel ``name``, imported now."""
    target = dict(FEATURES)[name]  # read now, so that a test may list a feature of its own
    module, _, attribute = target.partition(":")
    found = getattr(importlib.import_module(module), attribute)
    if not (isinstance(found, type) and issubclass(found, Feature) and found.name == name):
        raise TypeError(f"{target} is not the Feature of panel {name!r}")
    return found


@dataclass(frozen=True)
class FeatureContext:
    """What a feature may use of the running server: nothing else reaches it."""

    aws: AwsAccess
    #: The Studio app we run in; None outside Studio.
    studio: StudioApp | None
    #: The server's root folder: every path a feature writes stays under it.
    root_dir: str
    #: ``DSWSExtension.state_dir``: the folder under HOME that survives an app restart (in a
    #: shared space, everyone's: what is a person's own goes through ``preferences/``).
    state_dir: Path
    log: logging.Logger
    #: The server's event bus (jupyter_events); None when the server has none.
    event_logger: EventLogger | None
    #: The parent of the feature's Configurables (the extension), so that
    #: ``c.IdleShutdown.x`` in config files and ``--IdleShutdown.x`` reach them.
    config: Configurable
    #: The Jupyter server itself, for what only it can give: the idle monitor watches its
    #: kernels and terminals, and outside Studio stops it.
    server: ServerApp


class Feature:
    """One panel's server side. Subclasses set ``name`` and override what they need.

    A feature that uses another names it in ``uses``; the extension builds features in
    ``FEATURES`` order and passes each one used as a keyword argument of ``__init__`` (None
    when that panel is off), e.g. ``InstancesFeature(context, idle=<IdleFeature or None>)``.
    """

    #: The panel name, as in ``FEATURES``.
    name: ClassVar[str]
    #: The feature's settings class (e.g. ``IdleShutdown``): built as ``self.config`` with the
    #: extension as its parent, so that ``c.IdleShutdown.x`` in config files and
    #: ``--IdleShutdown.x`` reach it, and listed in the extension's ``classes`` so that
    #: ``--help-all`` knows it.
    settings: ClassVar[type[Configurable] | None] = None
    #: The panels this feature uses, built before it.
    uses: ClassVar[tuple[str, ...]] = ()

    def __init__(self, context: FeatureContext) -> None:
        self.context = context
        if self.settings is not None:
            self.config = self.settings(parent=context.config)

    def handlers(self) -> list[Route]:
        """Routes relative to ``{base_url}dsws/``, each with what its handler is given,
        e.g. ``("registry/groups", GroupsHandler, {"service": lambda: self.service})``: by
        default the table of ``jupyter_dsws/<name>/handlers.py``, given ``self.service``."""
        return with_service(route_table(self.name), lambda: self.service)

    def page_config(self) -> dict[str, Any]:
        """Values the frontend reads from the page config at start, with no request."""
        return {}

    async def start(self) -> None:
        """Begin background work; called once the server's event loop runs.

        pytest-jupyter does not run the server's post-start hook, so tests call this
        themselves (``await extension.features["idle"].start()``).
        """

    async def stop(self) -> None:
        """End background work; called when the server stops."""


def with_service(table: list[tuple[str, type]], service: Callable[[], Any]) -> list[Route]:
    """Each route of ``table`` given ``service``: a zero-argument function returning the
    service, so that a service built at the first request stays unbuilt until then."""
    return [(pattern, handler, {"service": service}) for pattern, handler in table]
