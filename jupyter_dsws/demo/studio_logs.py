"""Where a demo space's lifecycle script output goes: a file, and CloudWatch Logs as in Studio.

Studio puts a JupyterLab app's lifecycle script output into CloudWatch Logs, group
``/aws/sagemaker/studio``, stream ``<domain-id>/<space-name>/JupyterLab/<app>/
LifecycleConfigOnStart``. The demo puts it there too (the emulator's CloudWatch Logs), so an
admin finds it where Studio puts it, and into a file on this machine, line by line.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LOG_GROUP = "/aws/sagemaker/studio"
#: Lines sent to CloudWatch Logs in one PutLogEvents call at most. Lines wait for the next
#: line a second later, or for the script's end, so a quiet script's last line may lag.
BATCH_LINES = 100
BATCH_SECONDS = 1.0


def lifecycle_stream(domain_id: str, owner: str, app_type: str, app_name: str) -> str:
    """The stream of an app's lifecycle script output; ``owner`` is the space (or profile)."""
    return f"{domain_id}/{owner}/{app_type}/{app_name}/LifecycleConfigOnStart"


def where(stream: str, path: Path) -> str:
    """Where a person finds the output, for failure reasons and messages."""
    return f"CloudWatch Logs group {LOG_GROUP}, stream {stream}, and {path}"


class LogSink:
    """Each line appended to ``path`` at once and put into CloudWatch Logs in batches.

    ``logs`` is a boto3 CloudWatch Logs client (None: the file only). A CloudWatch Logs
    error never stops a start: the file says once that the lines go there only.
    """

    def __init__(self, path: Path, logs: Any | None, stream: str,
                 clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.stream = stream
        self._logs = logs
        self._clock = clock
        self._pending: list[dict[str, Any]] = []
        self._sent_at = clock()
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("a", encoding="utf-8")
        if logs is not None:
            self._call(self._create)

    def note(self, text: str) -> None:
        """A line of the demo's own, in the file only (CloudWatch gets the script's output)."""
        with self._lock:
            self._write(f"[dsws demo] {text}")

    def line(self, text: str) -> None:
        text = text.rstrip("\n")
        with self._lock:
            self._write(text)
            if self._logs is None:
                return
            now = self._clock()
            # CloudWatch Logs refuses empty messages.
            self._pending.append({"timestamp": int(now * 1000), "message": text or " "})
            if len(self._pending) >= BATCH_LINES or now - self._sent_at >= BATCH_SECONDS:
                self._flush(now)

    def close(self) -> None:
        with self._lock:
            if self._logs is not None and self._pending:
                self._flush(self._clock())
            self._file.close()

    def _write(self, text: str) -> None:
        if not self._file.closed:
            self._file.write(text + "\n")
            self._file.flush()

    def _flush(self, now: float) -> None:
        events, self._pending, self._sent_at = self._pending, [], now
        self._call(lambda: self._logs.put_log_events(
            logGroupName=LOG_GROUP, logStreamName=self.stream, logEvents=events))

    def _create(self) -> None:
        for call, kwargs in ((self._logs.create_log_group, {}),
                             (self._logs.create_log_stream, {"logStreamName": self.stream})):
            with contextlib.suppress(self._logs.exceptions.ResourceAlreadyExistsException):
                call(logGroupName=LOG_GROUP, **kwargs)

    def _call(self, call: Callable[[], object]) -> None:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 (any failure: the file still has every line)
            self._logs = None
            self._write(f"[dsws demo] These lines are not in CloudWatch Logs: {exc}")
