"""The idle shutdown panel's server side, plugged into the extension."""

from __future__ import annotations

import sys

from ..features import Feature, FeatureContext
from .collaboration import Collaboration
from .config import IdleShutdown
from .events import EventLog
from .inventory import Inventory
from .monitor import IdleMonitor
from .service import IdleService
from .settings import SettingsStore
from .stopper import AppStopper, ServerStopper, StudioAppStopper, StudioHeartbeat

CONTENTS_SCHEMA = "https://events.jupyter.org/jupyter_server/contents_service/v1"
#: jupyter-collaboration's join/leave events (its schema is registered only when it loads).
AWARENESS_SCHEMA = "https://schema.jupyter.org/jupyter_collaboration/awareness/v1"


class IdleFeature(Feature):
    name = "idle"
    settings = IdleShutdown
    config: IdleShutdown

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.config.check_bounds()
        studio = context.studio
        stopper: AppStopper = (StudioAppStopper(context.aws, studio) if studio is not None
                               else ServerStopper(context.server))
        heartbeat = (StudioHeartbeat(self.config.studio_activity_file)
                     if studio is not None and self.config.studio_activity_file else None)
        self.monitor = IdleMonitor(
            store=SettingsStore(self.config, context.state_dir / "idle.json"),
            inventory=Inventory(context.server),
            events=EventLog(self.config.events_path, context.event_logger),
            stopper=stopper,
            heartbeat=heartbeat,
            collaboration=Collaboration(context.server, self._on_edit, context.log),
            logger=context.log,
        )
        self.service = IdleService(self.monitor)
        self._listening = False
        self._awareness = False
        if not sys.platform.startswith("linux"):
            context.log.info("dsws idle: no /proc here; processes started by kernels and "
                               "terminals are not seen, only execution state and activity")

    def _on_edit(self) -> None:
        self.monitor.note_edit()

    async def start(self) -> None:
        event_logger = self.context.event_logger
        if event_logger is not None and not self._listening:
            event_logger.add_listener(schema_id=CONTENTS_SCHEMA,
                                      listener=self.monitor.on_contents_event)
            self._listen_awareness(event_logger, add=True)
            self._listening = True
        self.monitor.start()
        c = self.config
        self.context.log.info(
            "dsws idle: %s, timeout %g min, check every %g s, app stop %s%s",
            "on" if c.enabled else "off", self.monitor.store.timeout_minutes(),
            c.check_interval_seconds, self.monitor.stopper.target if c.app_shutdown else "off",
            ", dry run" if c.dry_run else "",
        )

    def _listen_awareness(self, event_logger: object, *, add: bool) -> None:
        """Someone joined a collaboration room: watch its document at once. Only when
        jupyter-collaboration registered its schema (it loads before us, or not at all)."""
        collaboration = self.monitor.collaboration
        if collaboration is None:
            return
        if add:
            schemas = getattr(getattr(event_logger, "schemas", None), "schema_ids", ())
            if AWARENESS_SCHEMA in schemas:
                event_logger.add_listener(  # type: ignore[attr-defined]
                    schema_id=AWARENESS_SCHEMA, listener=collaboration.on_awareness_event)
                self._awareness = True
        elif self._awareness:
            event_logger.remove_listener(  # type: ignore[attr-defined]
                schema_id=AWARENESS_SCHEMA, listener=collaboration.on_awareness_event)
            self._awareness = False

    async def stop(self) -> None:
        await self.monitor.stop()
        event_logger = self.context.event_logger
        if event_logger is not None and self._listening:
            event_logger.remove_listener(schema_id=CONTENTS_SCHEMA,
                                         listener=self.monitor.on_contents_event)
            self._listen_awareness(event_logger, add=False)
            self._listening = False
        self.monitor.events.close()
