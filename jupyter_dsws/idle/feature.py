"""The idle shutdown panel's server side, plugged into the extension."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..features import Feature
from .config import IdleShutdown, state_dir
from .events import EventLog
from .handlers import handlers
from .inventory import Inventory
from .monitor import IdleMonitor
from .service import IdleService
from .settings import SettingsStore
from .stopper import AppStopper, ServerStopper, StudioAppStopper, StudioHeartbeat

if TYPE_CHECKING:
    from ..app import DSWSExtension

CONTENTS_SCHEMA = "https://events.jupyter.org/jupyter_server/contents_service/v1"


class IdleFeature(Feature):
    name = "idle"
    configurables = (IdleShutdown,)

    def __init__(self, extension: DSWSExtension) -> None:
        super().__init__(extension)
        # parent=the extension: c.IdleShutdown.x in config files, --IdleShutdown.x=… on the
        # command line.
        self.config = IdleShutdown(parent=extension)
        self.config.check_bounds()
        serverapp = extension.serverapp
        studio = extension.studio
        stopper: AppStopper = (StudioAppStopper(extension.aws, studio) if studio is not None
                               else ServerStopper(serverapp))
        heartbeat = (StudioHeartbeat(self.config.studio_activity_file)
                     if studio is not None and self.config.studio_activity_file else None)
        self.monitor = IdleMonitor(
            store=SettingsStore(self.config, state_dir(self.config) / "idle.json"),
            inventory=Inventory(serverapp),
            events=EventLog(self.config.events_path, getattr(serverapp, "event_logger", None)),
            stopper=stopper,
            heartbeat=heartbeat,
            logger=extension.log,
        )
        self.service = IdleService(self.monitor)
        self._listening = False
        if not sys.platform.startswith("linux"):
            extension.log.info("dsws idle: no /proc here; processes started by kernels and "
                               "terminals are not seen, only execution state and activity")

    def handlers(self) -> list[tuple[str, Any]]:
        return list(handlers)

    async def start(self) -> None:
        event_logger = getattr(self.extension.serverapp, "event_logger", None)
        if event_logger is not None and not self._listening:
            event_logger.add_listener(schema_id=CONTENTS_SCHEMA,
                                      listener=self.monitor.on_contents_event)
            self._listening = True
        self.monitor.start()
        c = self.config
        self.extension.log.info(
            "dsws idle: %s, timeout %g min, check every %g s, app stop %s%s",
            "on" if c.enabled else "off", self.monitor.store.timeout_minutes(),
            c.check_interval_seconds, self.monitor.stopper.target if c.app_shutdown else "off",
            ", dry run" if c.dry_run else "",
        )

    async def stop(self) -> None:
        await self.monitor.stop()
        event_logger = getattr(self.extension.serverapp, "event_logger", None)
        if event_logger is not None and self._listening:
            event_logger.remove_listener(schema_id=CONTENTS_SCHEMA,
                                         listener=self.monitor.on_contents_event)
            self._listening = False
        self.monitor.events.close()
