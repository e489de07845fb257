"""What the idle monitor writes in its events and hints: plain functions on plain data,
so the sentences a person reads in the events list are tested without a server."""

from __future__ import annotations

from datetime import datetime


def duration(seconds: float) -> str:
    """"42 s", "7.5 min", "3.2 h": readable in the events list."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def resource_reason(idle: float, timeout: float, state: str, connections: int) -> str:
    """Why a kernel or terminal was shut down (``idle`` and ``timeout`` in seconds)."""
    return (f"Idle for {duration(idle)} (timeout {duration(timeout)}, "
            f"state {state}, {connections} connection(s)).")


def app_warning(deadline: datetime) -> str:
    return (f"Nothing works and nobody was active: the app stops at "
            f"{deadline.isoformat(timespec='seconds')} unless someone is.")


def app_idle_reason(idle: float, timeout: float) -> str:
    """Why the stop handshake began (``idle`` and ``timeout`` in seconds)."""
    return (f"Nothing worked and nobody was active for {duration(idle)} "
            f"(timeout {duration(timeout)}).")


def app_stop_reason(idle: float, timeout: float, target: str) -> str:
    """The app's shutdown event: how long it was idle and how it stops."""
    how = "deleting the Studio app" if target == "studio-app" else "stopping the Jupyter server"
    return (f"Nothing worked and nobody was active for {duration(idle)} "
            f"(timeout {duration(timeout)}): {how}.")


def restart_hint(configured: str | None, target: str) -> str:
    """What a person does to get the app back after it stopped."""
    if configured:
        return configured
    if target == "studio-app":
        return "Start the space again from SageMaker Studio."
    return "Start the Jupyter server again, then reload this page."


def minutes(value: float) -> str:
    return f"{value:g} min"


def settings_change(who: str | None, before: tuple[float, bool], after: tuple[float, bool],
                    *, default_timeout: bool = False) -> str:
    """A change of the space's idle settings, for everyone in it: "Ron Weasley set the
    timeout to 90 min (was 60 min)." ``before``/``after``: (timeout minutes, keep terminals)."""
    subject = who or "Someone"
    parts = []
    if after[0] != before[0] or default_timeout:
        what = (f"the admin's timeout, {minutes(after[0])}" if default_timeout
                else minutes(after[0]))
        parts.append(f"set the timeout to {what} (was {minutes(before[0])})")
    if after[1] != before[1]:
        parts.append("kept idle terminals" if after[1] else "let idle terminals be shut down")
    if not parts:
        parts.append(f"confirmed the timeout of {minutes(after[0])}")
    return f"{subject} {' and '.join(parts)}."
