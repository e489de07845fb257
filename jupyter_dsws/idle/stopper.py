"""How the app stops, and how Studio's own idle shutdown learns that a job runs."""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from ..aws import AwsAccess
from ..studio import StudioApp

STUDIO_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class AppStopper(Protocol):
    target: str  # "studio-app" | "server"
    id: str  # recorded in events
    name: str

    async def prepare(self) -> None: ...

    async def stop(self) -> None: ...


class StudioAppStopper:
    """Deletes our own Studio app: the instance stops and so does its billing."""

    target = "studio-app"

    def __init__(self, aws: AwsAccess, studio: StudioApp) -> None:
        self.aws = aws
        self.studio = studio
        self.id = studio.resource_arn or studio.domain_id
        self.name = studio.space_name or studio.user_profile or studio.domain_id

    async def prepare(self) -> None:
        """Build the SageMaker client now. Reading its service model takes ~0.3 s of CPU and,
        even in a thread, holds the GIL long enough to stall the loop ~150 ms: pay that at
        start, not in the middle of a stop."""
        await asyncio.to_thread(self.aws.client, "sagemaker")

    async def stop(self) -> None:
        await self.aws.call("sagemaker", "delete_app", **self.studio.app_identity())


class ServerStopper:
    """Outside Studio: stop the Jupyter server cleanly (kernels, terminals, extensions)."""

    target = "server"
    id = "server"
    name = "Jupyter server"

    def __init__(self, serverapp: Any) -> None:
        self.serverapp = serverapp

    async def prepare(self) -> None:
        """Nothing to get ready."""

    async def stop(self) -> None:
        # ServerApp.stop schedules the shutdown on the loop and returns at once.
        self.serverapp.stop()


class StudioHeartbeat:
    """Keeps Studio's activity file fresh while a job runs, so that Studio's own idle
    shutdown (which never looks at execution state) does not stop a working space."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)

    async def touch(self, now: datetime) -> None:
        await asyncio.to_thread(self._write, now)

    def _write(self, now: datetime) -> None:
        text = now.astimezone(timezone.utc).strftime(STUDIO_TIME_FORMAT)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: Studio's reader never sees a half-written timestamp.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".dsws-activity-")
        try:
            with os.fdopen(fd, "w") as file:
                file.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
