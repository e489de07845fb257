"""The host of the demo's Studio apps: each space's JupyterLab app as a real Jupyter server.

The emulator's Studio control plane calls ``start`` after CreateApp and ``stop`` after
DeleteApp; ``SpaceApps`` does in a worker thread what Studio does, and tells the plane how
it went. A start: the space's HOME (kept across restarts), a fresh "/opt/conda" made from
the image without jupyter_dsws (studio_image.py), the resource-metadata file, the
lifecycle scripts run for real (space_lifecycle.py, output in a file and in the emulator's
CloudWatch Logs), then the server (space_server.py) until it answers: InService. A script
that fails, a server that exits or never answers: Failed, with the reason. A stop: the
server's process group ends, then the app is Deleted.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .identity import install_into
from .lab_process import STOP_TIMEOUT, stop_process_group
from .space_lifecycle import run_scripts
from .space_places import Space, SpacePlaces, owner_of, slug
from .space_server import (
    READY_TIMEOUT,
    has_collaboration,
    keep_collaboration_off,
    server_command,
    space_environment,
    wait_until_ready,
)
from .studio.records import AppRecord, PlaneCallbacks
from .studio_image import Image, make_prefix
from .studio_logs import LogSink, lifecycle_stream

#: Studio's limit for a lifecycle script, in seconds.
LCC_TIME_LIMIT = 300.0


@dataclass
class _Run:
    """One start of one app: the process groups it started (its scripts, then the server;
    what a script left running in the background goes with the app, as in Studio)."""

    app: AppRecord
    space: Space
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    worker: threading.Thread | None = None


class SpaceApps:
    """Runs the JupyterLab apps of the demo's spaces (the control plane's ``AppHost``)."""

    def __init__(self, plane: PlaneCallbacks, *, state_dir: Path, image: Path,
                 environment: Mapping[str, str], token: str, endpoint_url: str, region: str,
                 default_port: int, default_space: str | None = None,
                 default_home: Path | None = None, lab_args: Sequence[str] = (),
                 aws_cli: Path | None = None, with_product: bool = False,
                 lcc_time_limit: float = LCC_TIME_LIMIT,
                 ready_timeout: float = READY_TIMEOUT,
                 stop_timeout: float = STOP_TIMEOUT) -> None:
        """``environment``: lab.lab_environment's; ``default_space`` (default: the first
        started) gets ``default_port`` and ``default_home``, other spaces a free port and a
        HOME under ``state_dir`` (``space_places``); ``aws_cli``: a folder with ``aws``, for
        the scripts; ``with_product``: the image keeps jupyter_dsws (no lifecycle
        configuration installs it)."""
        self.plane = plane
        self.spaces = SpacePlaces(Path(state_dir), default_port=default_port,
                                  default_space=default_space, default_home=default_home)
        self.image = Image.of(Path(image))
        self.environment = dict(environment)
        self.token = token
        self.endpoint_url = endpoint_url
        self.region = region
        self.lab_args = tuple(lab_args)
        self.aws_cli = aws_cli
        self.with_product = with_product
        self.lcc_time_limit = lcc_time_limit
        self.ready_timeout = ready_timeout
        self.stop_timeout = stop_timeout
        self._lock = threading.Lock()
        self._runs: dict[str, _Run] = {}
        self._logs_clients: dict[str, Any] = {}

    # ---- for the coordinator: where a space is ---------------------------------------

    def port(self, domain_id: str, space_name: str) -> int:
        return self.spaces.of(domain_id, space_name).port

    def home(self, domain_id: str, space_name: str) -> Path:
        return self.spaces.of(domain_id, space_name).home

    def log_path(self, domain_id: str, space_name: str) -> Path:
        """The lifecycle scripts' output of every start of the space, newest last."""
        return self.spaces.of(domain_id, space_name).lifecycle_log

    def server_log_path(self, domain_id: str, space_name: str) -> Path:
        return self.spaces.of(domain_id, space_name).server_log

    # ---- AppHost ---------------------------------------------------------------------

    def start(self, app: AppRecord) -> None:
        space = self.spaces.of(app.domain_id, owner_of(app))
        run = _Run(app, space)
        with self._lock:
            self._runs[app.arn] = run
            # The space's previous app may still be stopping: this start waits for it.
            run.worker = threading.Thread(target=self._start, args=(run, space.stopper),
                                          daemon=True, name=f"dsws-space-start-{owner_of(app)}")
        run.worker.start()

    def stop(self, app: AppRecord) -> None:
        space = self.spaces.of(app.domain_id, owner_of(app))
        with self._lock:
            run = self._runs.pop(app.arn, None)
            stopper = threading.Thread(target=self._stop, args=(app.arn, run), daemon=True,
                                       name=f"dsws-space-stop-{owner_of(app)}")
            space.stopper = stopper
        stopper.start()

    def close(self) -> None:
        """Stop every app and wait until all have stopped."""
        with self._lock:
            runs, self._runs = list(self._runs.items()), {}
            stoppers = [s.stopper for s in self.spaces.all() if s.stopper]
        threads = [threading.Thread(target=self._stop, args=item, daemon=True) for item in runs]
        for thread in threads:
            thread.start()
        for thread in threads + stoppers:
            thread.join()

    # ---- the work --------------------------------------------------------------------

    def _start(self, run: _Run, previous_stop: threading.Thread | None) -> None:
        app = run.app
        if previous_stop is not None:
            previous_stop.join()
        try:
            self._start_app(run)
        except Exception as exc:  # noqa: BLE001 (whatever broke, the app failed to start)
            if not run.stopping.is_set():
                self.plane.app_failed(app.arn, f"The demo could not start the app: {exc}")

    def _start_app(self, run: _Run) -> None:
        app, space = run.app, run.space
        app_dir = space.folder / "apps" / slug(app.app_name)
        prefix = make_prefix(self.image, app_dir / "conda", with_product=self.with_product)
        # Studio's image has SageMaker's identity provider; the demo's, a stand-in.
        install_into(next(prefix.glob("lib/python3.*/site-packages")))
        if not app.shared and has_collaboration(prefix):  # as Studio's image: shared only
            keep_collaboration_off(prefix)
        metadata = write_metadata(app, app_dir / "metadata" / "resource-metadata.json")
        env = space_environment(
            self.environment, home=space.home, prefix=prefix,
            image_bin=self.image.prefix / "bin", aws_cli=self.aws_cli, metadata=metadata,
            logging_dir=space.folder / "logs", app_type=app.app_type, token=self.token,
            shared=app.shared)
        stream = lifecycle_stream(app.domain_id, owner_of(app), app.app_type, app.app_name)
        sink = LogSink(space.lifecycle_log, self._logs_client(app.region), stream)
        try:
            sink.note(f"{app.arn} starting on {app.instance_type}")
            outcome = run_scripts(app.lifecycle_scripts, folder=app_dir / "lifecycle",
                                  home=space.home, env=env, sink=sink,
                                  time_limit=self.lcc_time_limit,
                                  spawn=lambda *a, **k: self._spawn(run, *a, **k),
                                  stopping=run.stopping)
        finally:
            sink.close()
        if outcome.stopped:
            return
        if outcome.failure:
            self.plane.app_failed(app.arn, outcome.failure)
            return
        self._serve(run, env)

    def _serve(self, run: _Run, env: dict[str, str]) -> None:
        app, space = run.app, run.space
        command = server_command(Path(env["DSWS_CONDA_PREFIX"]), port=space.port,
                                 home=space.home, region=app.region or self.region,
                                 endpoint_url=self.endpoint_url, extra_args=self.lab_args,
                                 shared=run.app.shared)
        space.server_log.parent.mkdir(parents=True, exist_ok=True)
        with space.server_log.open("ab") as log:
            server = self._spawn(run, command, env=env, cwd=space.home,
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        if server is None:
            return
        ready = wait_until_ready(server, space.port, self.token, run.stopping,
                                 self.ready_timeout)
        if run.stopping.is_set():
            return
        if not ready:
            if server.poll() is None:
                stop_process_group(server, self.stop_timeout)
                self.plane.app_failed(app.arn, (
                    f"The JupyterLab server did not answer on port {space.port} within "
                    f"{self.ready_timeout:g} s and was stopped; its log: {space.server_log}"))
            else:
                self._exited(run, server.returncode)
            return
        self.plane.app_in_service(app.arn)
        code = server.wait()
        if not run.stopping.is_set():
            self._exited(run, code)

    def _exited(self, run: _Run, code: int) -> None:
        how = f"exited with code {code}" if code >= 0 else f"was killed by signal {-code}"
        self.plane.app_failed(run.app.arn, (
            f"The JupyterLab server {how}; its log: {run.space.server_log}"))

    def _spawn(self, run: _Run, command: list[str],
               **kwargs: Any) -> subprocess.Popen[bytes] | None:
        """A process in its own group, unless the app is being stopped."""
        with run.lock:
            if run.stopping.is_set():
                return None
            process = subprocess.Popen(command, start_new_session=True, **kwargs)
            run.processes.append(process)
            return process

    def _stop(self, arn: str, run: _Run | None) -> None:
        if run is not None:
            with run.lock:
                run.stopping.set()
                processes = list(reversed(run.processes))
            for process in processes:  # the server first
                stop_process_group(process, self.stop_timeout)
            if run.worker is not None:
                run.worker.join()
        with contextlib.suppress(Exception):  # a plane that is gone already
            self.plane.app_deleted(arn)

    def _logs_client(self, region: str | None) -> Any | None:
        region = region or self.region
        with self._lock:
            if region not in self._logs_clients:
                self._logs_clients[region] = _make_logs_client(self.endpoint_url, region)
            return self._logs_clients[region]


def write_metadata(app: AppRecord, path: Path) -> Path:
    """The resource-metadata file Studio writes into every app."""
    data = {"DomainId": app.domain_id, "SpaceName": app.space_name,
            "UserProfileName": app.user_profile_name, "AppType": app.app_type,
            "ResourceName": app.app_name, "ResourceArn": app.arn,
            "ExecutionRoleArn": app.execution_role_arn}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: v for k, v in data.items() if v is not None}, indent=2))
    return path


def _make_logs_client(endpoint_url: str, region: str) -> Any:
    from .clients import PERSISTENT_ATTEMPTS, Clients

    return Clients(endpoint_url, region, max_attempts=PERSISTENT_ATTEMPTS).client("logs")
