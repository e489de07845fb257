"""The wire format of ``{base_url}dsws/idle*``; mirrored in labextension/src/idle/api.ts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# Strict: "30" or true is a wrong type (400), not a timeout. No NaN or infinity either.
PersonTimeout = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]


class Settings(BaseModel):
    enabled: bool
    timeout_minutes: float
    app_shutdown: bool
    keep_terminals: bool
    cull_connected: bool
    dry_run: bool
    warning_minutes: float
    min_timeout_minutes: float
    max_timeout_minutes: float
    user_can_change: bool


class ResourceState(BaseModel):
    kind: Literal["kernel", "terminal"]
    id: str
    name: str
    state: str
    idle_seconds: float
    connections: int
    shutdown_at: datetime | None


class AppStop(BaseModel):
    """Why and when the app stops: what a page says once the connection is gone."""

    cause: Literal["idle", "requested"]
    at: datetime
    idle_seconds: float
    reason: str
    restart: str


class AppState(BaseModel):
    idle_seconds: float
    shutdown_at: datetime | None
    target: Literal["studio-app", "server"]
    stopping: bool
    stop_id: str | None
    stop: AppStop | None


class IdleState(BaseModel):
    settings: Settings
    resources: list[ResourceState]
    app: AppState


class SettingsChange(BaseModel):
    """What a person may change. ``null`` goes back to the admin's default."""

    model_config = ConfigDict(extra="forbid")

    timeout_minutes: PersonTimeout | None = None
    keep_terminals: Annotated[bool, Field(strict=True)] | None = None


class SettingsBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    settings: SettingsChange


class KeepBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client: Annotated[str, Field(max_length=200)] | None = None


class ActivityBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client: Annotated[str, Field(max_length=200)] | None = None


class SavedBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client: Annotated[str, Field(min_length=1, max_length=200)]
    stop_id: Annotated[str, Field(min_length=1, max_length=200)]


class IdleEventModel(BaseModel):
    time: datetime
    action: Literal["warn", "shutdown", "keep", "error"]
    kind: Literal["kernel", "terminal", "app"]
    id: str
    name: str
    reason: str
    idle_seconds: float
    dry_run: bool


class Events(BaseModel):
    events: list[IdleEventModel]
