"""The wire format of ``{base_url}dsws/idle*``.

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from ..people import PersonRecord
from ..wire import WireModel, query_int

#: How many events GET idle/events returns at most, and by default.
MAX_EVENTS = 500
DEFAULT_EVENTS = 50

# Strict: "30" or true is a wrong type (400), not a timeout. No NaN or infinity either.
PersonTimeout = Annotated[float, Field(strict=True, gt=0, allow_inf_nan=False)]
ClientId = Annotated[str, Field(max_length=200, description=(
    "A random id per browser tab, the same for every poll of that tab."))]


class Settings(WireModel):
    enabled: bool
    timeout_minutes: float = Field(description=(
        "The timeout in force (the person's choice within the bounds, else the admin's)."))
    app_shutdown: bool
    keep_terminals: bool
    cull_connected: bool
    dry_run: bool
    warning_minutes: float
    min_timeout_minutes: float
    max_timeout_minutes: float
    user_can_change: bool


class ResourceState(WireModel):
    kind: Literal["kernel", "terminal"]
    id: str = Field(description="The kernel id, or the terminal's name.")
    name: str = Field(description=(
        'The notebook a kernel serves, else its kernel spec; "Terminal <n>".'))
    state: str = Field(description=(
        "A kernel's execution state (starting, idle, busy, dead...) or \"running-process\" "
        "when it is idle but a process it started still runs; a terminal's \"busy\" (a "
        "process runs in it) or \"idle\"."))
    idle_seconds: float
    connections: int
    shutdown_at: datetime | None = Field(description=(
        "Null when it will not be shut down (working, connected, kept, off)."))


class AppStop(WireModel):
    """Why and when the app stops: what a page says once the connection is gone."""

    cause: Literal["idle", "requested"]
    at: datetime
    idle_seconds: float
    reason: str
    restart: str


class AppState(WireModel):
    idle_seconds: float
    shutdown_at: datetime | None = Field(description=(
        "When the app stops; null when it will not (something works, app_shutdown off, "
        "disabled). Browsers warn from shutdown_at - warning_minutes on."))
    target: Literal["studio-app", "server"]
    stopping: bool = Field(description=(
        "The stop began; connected browsers save and confirm with stop_id."))
    stop_id: str | None
    stop: AppStop | None


class PersonHere(WireModel):
    """Someone who has the space open now (for showing only: the name never allows or
    refuses anything)."""

    name: str = Field(description=(
        "The username the server's identity provider gives (in a shared Studio space, the "
        "user profile name from Studio's unsigned cookie)."))
    display_name: str
    tabs: int = Field(description=(
        "Their JupyterLab tabs that polled dsws/idle within client_ttl_seconds."))
    collaborating: bool = Field(description=(
        "They have an open real-time collaboration connection (jupyter-collaboration)."))
    you: bool = Field(description="The person who sent this request.")


class SettingsNote(WireModel):
    """The last change of the space's idle settings: who made it and to what."""

    at: datetime
    by: PersonRecord | None = Field(description=(
        "Who changed them, as the identity provider named them; null when unknown."))
    text: str = Field(description='For a person, e.g. "Ron Weasley set the timeout to 90 min."')


class IdleState(WireModel):
    settings: Settings
    resources: list[ResourceState]
    app: AppState
    people: list[PersonHere] = Field(description=(
        "Who has the space open now: everyone a warning reaches and a stop affects."))
    collaboration: bool = Field(description=(
        "Real-time collaboration (jupyter-collaboration) is on: edits in its rooms count as "
        "activity and its documents are saved from the server before the app stops."))
    last_change: SettingsNote | None = Field(description=(
        "The last change of the space's idle settings by a person; null when none."))


class IdleQuery(WireModel):
    client: ClientId | None = None


class EventsQuery(WireModel):
    limit: query_int(1, MAX_EVENTS) = Field(  # type: ignore[valid-type]
        default=DEFAULT_EVENTS, description="How many events, newest first.")


class SettingsChange(WireModel):
    """What a person may change; null goes back to the admin's default."""

    model_config = ConfigDict(extra="forbid")

    timeout_minutes: PersonTimeout | None = None
    keep_terminals: Annotated[bool, Field(strict=True)] | None = None


class SettingsBody(WireModel):
    model_config = ConfigDict(extra="forbid")

    settings: SettingsChange


class KeepBody(WireModel):
    model_config = ConfigDict(extra="forbid")

    client: ClientId | None = None


class ActivityBody(WireModel):
    model_config = ConfigDict(extra="forbid")

    client: ClientId | None = None


class SavedBody(WireModel):
    model_config = ConfigDict(extra="forbid")

    client: Annotated[str, Field(min_length=1, max_length=200)]
    stop_id: Annotated[str, Field(min_length=1, max_length=200)]


class IdleEventModel(WireModel):
    time: datetime
    action: Literal["warn", "shutdown", "keep", "settings", "error"]
    kind: Literal["kernel", "terminal", "app"]
    id: str
    name: str
    reason: str
    idle_seconds: float
    dry_run: bool
    person: PersonRecord | None = Field(default=None, description=(
        "Who did it (a keep working, the stop an instance switch asked for), as the server's "
        "identity provider names them; null for what the monitor did on its own. For the "
        "record only."))


class Events(WireModel):
    events: list[IdleEventModel]
