"""JupyterLab's process under the demo: stop signals, readiness, its exit, and stopping it.

JupyterLab runs in its own process group, so that stopping the demo stops all it started.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from .lab import DemoOptions, server_status

READY_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopSignals:
    """Turns Ctrl-C, SIGTERM and SIGHUP into a flag the main loop checks.

    JupyterLab runs in its own process group, so a terminal's Ctrl-C reaches only us and
    we stop it in order, rather than it asking "Shutdown this Jupyter server (y/[n])?".
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._previous: dict[int, object] = {}

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``, waking at once on a stop signal; whether one came."""
        return self._event.wait(seconds)

    def install(self) -> None:
        for sig in _STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self._event.set()


def stop_process_group(process: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process's group, then SIGKILL what is left after ``timeout``: the leader
    and whatever it left running in the background (a lifecycle script's helpers)."""
    _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=timeout)
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    _signal_group(process, signal.SIGKILL)
    process.wait()
    while _group_alive(process.pid) and time.monotonic() < deadline + STOP_TIMEOUT:
        time.sleep(0.05)


def _group_alive(pgid: int) -> bool:
    """Whether a process of the group still runs (zombies waiting for init do not)."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
            return True
    return False


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    # An error here means the group is gone already.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def wait_until_ready(lab: subprocess.Popen[bytes], options: DemoOptions,
                      stop: StopSignals) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline and not stop.requested and lab.poll() is None:
        if server_status(options.port, options.token) == 200:
            return True
        time.sleep(0.25)
    return False


def wait_for_exit(lab: subprocess.Popen[bytes], stop: StopSignals) -> int:
    while not stop.requested:
        try:
            code = lab.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            continue
        print(f"dsws demo: JupyterLab exited with code {code}; stopping the emulator.",
              file=sys.stderr, flush=True)
        return code if code >= 0 else 128 - code
    return 0
