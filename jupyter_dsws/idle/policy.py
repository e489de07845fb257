"""The idle decisions, as plain functions on plain data with the time passed in.

Nothing here looks at a kernel manager, a process or a clock: the monitor gathers the
facts, these functions decide. That keeps every rule testable in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Kind = Literal["kernel", "terminal"]

# Contents actions only a person asks for. Not "get" (an open tab's file browser polls it) and
# not "save": JupyterLab autosaves open documents and we save them before a stop, with nobody
# there. A file being written is not a person working; the edit before it is (the browser
# reports edits through POST dsws/idle/activity).
PERSON_CONTENTS_ACTIONS = frozenset({"create", "upload", "rename", "copy", "delete"})

# A kernel in these states runs code. "starting" is not work: a kernel stuck starting must
# not keep an app alive forever (sagemaker-studio-auto-shutdown-extension#20).
BUSY_KERNEL_STATES = frozenset({"busy"})


@dataclass(frozen=True)
class Rules:
    """The settings in force, as the decisions need them."""

    enabled: bool
    timeout: timedelta
    warning: timedelta
    app_shutdown: bool
    keep_terminals: bool
    cull_connected: bool


@dataclass(frozen=True)
class Resource:
    """What the monitor saw of one kernel or terminal."""

    kind: Kind
    id: str
    name: str
    state: str  # a kernel's execution state; "idle" or "busy" for a terminal
    last_activity: datetime
    connections: int
    # A running descendant process (a terminal's job, a notebook's `nohup ... &`).
    has_process: bool
    # The last time the monitor saw it working; None when never.
    last_working: datetime | None = None

    @property
    def working(self) -> bool:
        return is_working(self)


def is_working(resource: Resource) -> bool:
    """Busy kernels, terminals with a running job and anything with a running child work."""
    if resource.has_process:
        return True
    return resource.kind == "kernel" and resource.state in BUSY_KERNEL_STATES


def observed_state(kind: str, state: str, has_process: bool) -> str:
    """The state a resource is judged by: a terminal works while a process runs in it; a
    kernel that is not busy but has a child process running is ``running-process``."""
    if kind == "terminal":
        return "busy" if has_process else "idle"
    if has_process and state not in BUSY_KERNEL_STATES:
        return "running-process"
    return state


def idle_since(resource: Resource) -> datetime:
    """Idle from its last activity or from the end of its last working period, the later.

    The end of a long busy period gives a full timeout from that moment, never an
    immediate shutdown (jupyter/notebook#3896).
    """
    if resource.last_working is None:
        return resource.last_activity
    return max(resource.last_activity, resource.last_working)


def idle_seconds(resource: Resource, now: datetime) -> float:
    if is_working(resource):
        return 0.0
    return max(0.0, (now - idle_since(resource)).total_seconds())


def resource_shutdown_at(resource: Resource, rules: Rules) -> datetime | None:
    """When the resource will be shut down; None when it will not be."""
    if not rules.enabled or is_working(resource):
        return None
    if resource.kind == "terminal" and rules.keep_terminals:
        return None
    if resource.kind == "kernel" and resource.connections > 0 and not rules.cull_connected:
        return None
    return idle_since(resource) + rules.timeout


def resource_due(resource: Resource, rules: Rules, now: datetime) -> bool:
    at = resource_shutdown_at(resource, rules)
    return at is not None and now >= at


def contents_action_is_activity(action: str) -> bool:
    """A document created, uploaded, renamed, copied or deleted; not a listing, not a save."""
    return action in PERSON_CONTENTS_ACTIONS


def latest(times: Iterable[datetime | None]) -> datetime | None:
    present = [t for t in times if t is not None]
    return max(present) if present else None


def app_idle_since(started: datetime, person_activity: datetime | None,
                   last_work: datetime | None) -> datetime:
    """The app is idle since the later of: server start, a person's last act, the last work.

    A job that ends after the person left gives the app a full timeout from its end, as a
    kernel gets one after a busy period.
    """
    return latest((started, person_activity, last_work)) or started


def app_shutdown_at(rules: Rules, resources: Iterable[Resource],
                    idle_from: datetime) -> datetime | None:
    """When the app will stop; None when it will not (off, or something works)."""
    if not rules.enabled or not rules.app_shutdown:
        return None
    if any(is_working(r) for r in resources):
        return None
    return idle_from + rules.timeout


def warning_from(shutdown_at: datetime, rules: Rules) -> datetime:
    """When the warning starts: ``warning`` before the stop, so at once when the timeout is
    shorter (the stop itself is never delayed by the warning)."""
    return shutdown_at - rules.warning


def in_warning_window(shutdown_at: datetime | None, rules: Rules, now: datetime) -> bool:
    return shutdown_at is not None and warning_from(shutdown_at, rules) <= now


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def effective_timeout_minutes(admin_default: float, person_choice: float | None,
                              low: float, high: float) -> float:
    """The person's choice within the admin's current bounds, else the admin's default."""
    if person_choice is None:
        return admin_default
    return clamp(person_choice, low, high)


def out_of_bounds_message(value: float, low: float, high: float) -> str | None:
    """Why a person's timeout is refused, naming the allowed range; None when allowed."""
    if low <= value <= high:
        return None
    return (f"timeout_minutes must be between {low:g} and {high:g} minutes "
            f"(the admin's bounds); got {value:g}.")
