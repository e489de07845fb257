"""A real MLflow tracking server on 127.0.0.1, for the demo and the tests.

``mlflow server`` with a SQLite store and its artifacts in the emulator's S3 (the client
writes them there itself: ``--no-serve-artifacts``, as SageMaker's managed servers hand out
S3 locations). MLflow lives in its own venv (``make mlflow-env``); its executable comes from
``DSWS_MLFLOW`` or the repository's ``build/mlflow-env``. Starting takes seconds to half a
minute: ``start()`` returns at once and ``wait_ready()`` waits for ``/health``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

HOST = "127.0.0.1"


def mlflow_executable() -> str | None:
    """``DSWS_MLFLOW``, else ``build/mlflow-env/bin/mlflow`` of a source checkout, else None."""
    given = os.environ.get("DSWS_MLFLOW")
    if given:
        return given
    built = Path(__file__).resolve().parents[2] / "build" / "mlflow-env" / "bin" / "mlflow"
    return str(built) if built.exists() else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class MlflowServer:
    """``mlflow server`` as a child process; a context manager that stops it."""

    def __init__(self, executable: str, folder: Path, *, artifact_root: str,
                 aws_endpoint_url: str | None = None, region: str = "eu-central-1",
                 port: int | None = None) -> None:
        self.executable = executable
        self.folder = folder
        self.artifact_root = artifact_root
        self.aws_endpoint_url = aws_endpoint_url
        self.region = region
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> MlflowServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
               "AWS_DEFAULT_REGION": self.region, "AWS_REGION": self.region,
               "MLFLOW_S3_IGNORE_TLS": "true"}
        if self.aws_endpoint_url:
            env.update(AWS_ENDPOINT_URL=self.aws_endpoint_url,
                       MLFLOW_S3_ENDPOINT_URL=self.aws_endpoint_url,
                       AWS_ACCESS_KEY_ID=env.get("AWS_ACCESS_KEY_ID", "testing"),
                       AWS_SECRET_ACCESS_KEY=env.get("AWS_SECRET_ACCESS_KEY", "testing"))
        log = (self.folder / "mlflow-server.log").open("ab")
        self.process = subprocess.Popen(
            [self.executable, "server",
             "--backend-store-uri", f"sqlite:///{self.folder / 'mlflow.db'}",
             "--default-artifact-root", self.artifact_root, "--no-serve-artifacts",
             "--host", HOST, "--port", str(self.port), "--workers", "1"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
            cwd=self.folder, start_new_session=True)  # its workers stop with it (stop())
        log.close()
        return self

    def ready(self) -> bool:
        """Whether it answers ``/health`` now; raises when the process has ended."""
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"mlflow server exited with {self.process.returncode}; see "
                               f"{self.folder / 'mlflow-server.log'}")
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=1) as answer:  # noqa: S310 (http://127.0.0.1)
                return answer.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def wait_ready(self, timeout: float = 90.0) -> None:
        """Return once ``/health`` answers (MLflow takes 5 to 30 s to start)."""
        deadline = time.monotonic() + timeout
        while not self.ready():
            if time.monotonic() > deadline:
                raise TimeoutError(f"mlflow server did not start within {timeout:g} s; see "
                                   f"{self.folder / 'mlflow-server.log'}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> MlflowServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
