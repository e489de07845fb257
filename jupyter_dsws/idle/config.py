"""``IdleShutdown``: the admin's settings, as ``c.IdleShutdown.<name>`` in a server config file."""

from __future__ import annotations

from pathlib import Path

from traitlets import Bool, Float, TraitError, Unicode, default
from traitlets.config import LoggingConfigurable

from ..config_bounds import positive, zero_or_more

DEFAULT_STUDIO_ACTIVITY_FILE = "/tmp/.sagemaker-last-active-timestamp"  # noqa: S108 (Studio's path)


def state_dir(config: LoggingConfigurable) -> Path:
    """The extension's folder (``DSWSExtension.state_dir``, under HOME by default: the one
    folder that survives an app restart in Studio; in a shared space, everyone's)."""
    parent_dir = getattr(config.parent, "state_dir", None)
    return Path(parent_dir) if parent_dir else Path.home() / ".jupyter_dsws"


class IdleShutdown(LoggingConfigurable):
    """Stops idle kernels, terminals and the app itself; never what is working."""

    enabled = Bool(
        True, config=True,
        help="Turn idle shutdown on. Default: True. False stops nothing and writes no Studio "
             "activity file; the panel still lists kernels and terminals.",
    )
    timeout_minutes = Float(
        60.0, config=True,
        help="Minutes without activity after which an idle kernel or terminal is shut down and "
             "the app stops. Default: 60 minutes. A person may choose another value within "
             "min_timeout_minutes..max_timeout_minutes when user_can_change is True.",
    )
    check_interval_seconds = Float(
        60.0, config=True,
        help="Seconds between two checks of kernels, terminals and the app. Default: 60 s.",
    )
    app_shutdown = Bool(
        True, config=True,
        help="Stop the app when nothing works and nobody was active for timeout_minutes: in "
             "Studio by DeleteApp on its own app, elsewhere by stopping the Jupyter server. "
             "Default: True. False only shuts down kernels and terminals.",
    )
    keep_terminals = Bool(
        False, config=True,
        help="Never shut down an idle terminal. Default: False (idle terminals follow "
             "timeout_minutes; a terminal running a process is never idle).",
    )
    cull_connected = Bool(
        False, config=True,
        help="Also shut down idle kernels that a browser tab is connected to. Default: False, "
             "as jupyter-server's own culler.",
    )
    dry_run = Bool(
        False, config=True,
        help="Record what would be shut down and stopped, and do nothing. Default: False.",
    )
    warning_minutes = Float(
        5.0, config=True,
        help="Minutes before the app stops that connected browsers warn the person, with a "
             "countdown and a keep-working button. Default: 5 minutes; when the timeout is "
             "shorter, the warning comes at once. 0: no warning ahead of the stop (browsers "
             "still save before it).",
    )
    min_timeout_minutes = Float(
        10.0, config=True,
        help="The smallest timeout_minutes a person may choose. Default: 10 minutes.",
    )
    max_timeout_minutes = Float(
        1440.0, config=True,
        help="The largest timeout_minutes a person may choose. Default: 1440 minutes (a day).",
    )
    user_can_change = Bool(
        True, config=True,
        help="Let a person change timeout_minutes and keep_terminals from the panel, within the "
             "bounds. Default: True.",
    )
    events_path = Unicode(
        config=True,
        help="The append-only log of idle actions, JSON lines (jupyter_events). Default: "
             "~/.jupyter_dsws/idle-events.jsonl, under HOME so it survives an app restart "
             "in Studio.",
    )
    studio_activity_file = Unicode(
        DEFAULT_STUDIO_ACTIVITY_FILE, config=True,
        help="The file Studio's own idle shutdown reads; kept fresh while a job runs (only in "
             f"Studio). Default: {DEFAULT_STUDIO_ACTIVITY_FILE}. Empty turns this off.",
    )
    client_ttl_seconds = Float(
        90.0, config=True,
        help="A browser tab counts as connected for this many seconds after its last poll of "
             "dsws/idle. Default: 90 s.",
    )
    save_wait_seconds = Float(
        30.0, config=True,
        help="At the stop, the longest wait for connected browsers to confirm they saved "
             "their documents. Default: 30 s. No wait when no browser is connected.",
    )

    restart_hint = Unicode(
        "", config=True,
        help="What the page tells a person, once the app stopped, to start it again. Default: "
             "empty, which says \"Start the space again from SageMaker Studio.\" in Studio and "
             "\"Start the Jupyter server again, then reload this page.\" elsewhere.",
    )

    @default("events_path")
    def _default_events_path(self) -> str:
        return str(state_dir(self) / "idle-events.jsonl")

    _positive = positive("timeout_minutes", "check_interval_seconds", "min_timeout_minutes",
                         "max_timeout_minutes", "client_ttl_seconds")
    _zero_or_more = zero_or_more("warning_minutes", "save_wait_seconds")

    def check_bounds(self) -> None:
        """min ≤ timeout ≤ max. Checked once all config is loaded, since the three arrive in
        any order; an inconsistent admin config fails loudly at start."""
        low, value, high = self.min_timeout_minutes, self.timeout_minutes, self.max_timeout_minutes
        if not low <= value <= high:
            raise TraitError(
                f"IdleShutdown needs min_timeout_minutes ≤ timeout_minutes ≤ "
                f"max_timeout_minutes; got {low:g} ≤ {value:g} ≤ {high:g}."
            )
