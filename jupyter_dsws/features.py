"""How a feature (idle, registry, codecommit, instances) plugs into the extension.

A feature is a vertical slice: ``jupyter_dsws/<name>/`` with its service logic (no tornado),
its thin handlers, and a ``feature.py`` that defines one ``Feature`` subclass. The extension
creates the enabled features at start-up, registers their routes under ``{base_url}dsws/``,
starts them once the server's event loop runs, and stops them on shutdown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from traitlets.config import Configurable

if TYPE_CHECKING:
    from .app import DSWSExtension

#: Every sidebar panel, in sidebar order. Here, not in ``app.py``, so that light modules
#: (the lifecycle settings, the CLI) can name them without importing jupyter_server.
PANELS = ("idle", "registry", "codecommit", "instances")


class Feature:
    """One panel's server side. Subclasses set ``name`` and override what they need."""

    #: The panel name, as in ``DSWSExtension.panels``.
    name: ClassVar[str]
    #: The feature's Configurable classes (e.g. ``IdleShutdown``): listed in the extension's
    #: ``classes`` so that ``--help-all`` and command-line options know them.
    configurables: ClassVar[tuple[type[Configurable], ...]] = ()

    def __init__(self, extension: DSWSExtension) -> None:
        self.extension = extension

    def handlers(self) -> list[tuple[str, Any]]:
        """Routes relative to ``{base_url}dsws/``, e.g. ``("idle", IdleHandler)``."""
        return []

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
