"""The demo Livy's Spark: ``worker.py`` as a child process, started in the background.

Spark takes seconds to start (a JVM, then the SparkSession): ``start()`` returns at once, the
state is ``starting`` until the worker says it is ready, then ``ready``, or ``failed`` with
the reason. Statements run one at a time in the order they came (``run`` blocks its caller:
the Livy server calls it from one thread of its own). Nothing here knows HTTP.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
from importlib import resources
from pathlib import Path
from typing import Any

STARTING, READY, FAILED = "starting", "ready", "failed"


def java_missing() -> str | None:
    """Why Spark cannot start for want of Java, or None when a ``java`` is there."""
    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        return None
    if shutil.which("java"):
        return None
    return ("no Java runtime: `make mlflow-env` installs Debian's headless OpenJDK "
            "(or set JAVA_HOME)")


class SparkProcess:
    """One local SparkSession in a child process; ``stop()`` ends it."""

    def __init__(self, python: str, *, log_path: Path | None = None, cores: int = 2,
                 memory: str = "512m", environment: dict[str, str] | None = None) -> None:
        self.python = python
        #: More environment for the Spark process (the demo's: its emulator, as a cluster's
        #: instance profile reaches S3). Given AWS_ variables replace all of the parent's:
        #: no profile or session token of the person's can lead a call elsewhere.
        self.environment = dict(environment or {})
        self.log_path = log_path
        self.cores = cores
        self.memory = memory
        self.state = STARTING
        self.problem = ""
        self.version = ""
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._changed = threading.Condition()

    def start(self) -> SparkProcess:
        missing = java_missing()
        if missing:
            self._set(FAILED, missing)
            return self
        script = resources.files(__package__) / "worker.py"
        aws_given = any(name.startswith("AWS_") for name in self.environment)
        inherited = {k: v for k, v in os.environ.items()
                     if not (aws_given and k.startswith("AWS_"))}
        env = {**inherited, "DSWS_LIVY_CORES": str(self.cores),
               "DSWS_LIVY_MEMORY": self.memory, "PYTHONUNBUFFERED": "1",
               # Spark must not look for a cluster, nor take another Spark's settings.
               "SPARK_LOCAL_IP": "127.0.0.1", **self.environment}
        for name in ("SPARK_HOME", "PYSPARK_SUBMIT_ARGS", "PYSPARK_PYTHON",
                     "PYSPARK_DRIVER_PYTHON"):
            env.pop(name, None)
        log = self.log_path.open("ab") if self.log_path else subprocess.DEVNULL
        try:
            self._process = subprocess.Popen(
                [self.python, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=log, env=env, text=True, encoding="utf-8", start_new_session=True)
        except OSError as exc:
            self._set(FAILED, f"cannot run {self.python}: {exc.strerror}")
            return self
        finally:
            if self.log_path:
                log.close()  # type: ignore[union-attr]
        threading.Thread(target=self._await_ready, name="dsws-livy-spark", daemon=True).start()
        return self

    def _await_ready(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        try:
            message = json.loads(line) if line else {}
        except ValueError:
            message = {}
        if message.get("event") == "ready":
            self.version = str(message.get("version", ""))
            self._set(READY, "")
        else:
            self._set(FAILED, message.get("error") or self._exit_reason())

    def _exit_reason(self) -> str:
        code = self._process.wait() if self._process else None
        where = f"; see {self.log_path}" if self.log_path else ""
        return f"the Spark process exited (code {code}){where}"

    def _set(self, state: str, problem: str) -> None:
        with self._changed:
            self.state, self.problem = state, problem
            self._changed.notify_all()

    def wait_ready(self, timeout: float) -> bool:
        """Whether Spark is ready within ``timeout`` seconds (False at once if it failed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.state != STARTING, timeout=timeout)
        return self.state == READY

    def run(self, session: int, code: str) -> dict[str, Any]:
        """Livy's output of ``code`` in ``session``'s namespace (waits for Spark first)."""
        if not self.wait_ready(timeout=600):
            return _error("SparkNotRunning", self.problem or "Spark is still starting")
        with self._lock:
            reply = self._exchange({"op": "run", "session": session, "code": code})
        if reply is None:
            self._set(FAILED, self._exit_reason())
            return _error("SparkNotRunning", self.problem)
        return dict(reply["output"])

    def drop(self, session: int) -> None:
        if self.state == READY:
            with self._lock:
                self._send({"op": "drop", "session": session})

    def _exchange(self, message: dict[str, Any]) -> dict[str, Any] | None:
        if not self._send(message):
            return None
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        return json.loads(line) if line else None

    def _send(self, message: dict[str, Any]) -> bool:
        process = self._process
        if process is None or process.stdin is None or process.poll() is not None:
            return False
        try:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
        except OSError:
            return False
        return True

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()  # the worker stops its SparkSession and exits
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Its own process group: the JVM that pyspark started goes with it.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if self.state == STARTING:
            self._set(FAILED, "stopped")


def _error(name: str, value: str) -> dict[str, Any]:
    return {"status": "error", "execution_count": -1, "ename": name, "evalue": value,
            "traceback": []}
