"""``dsws demo``: the whole product on one machine, with no AWS account.

Starts the AWS emulator on 127.0.0.1, seeds it, and runs JupyterLab with this extension
pointed at it, under fake credentials and with the person's own AWS configuration out of
reach. On Ctrl-C or SIGTERM it stops everything it started, so no port stays open.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from .git import GitError

if TYPE_CHECKING:
    from .seed import SeedResult

# Arguments after `--` go to `jupyter lab`.
TAKES_EXTRA_ARGS = True

HOST = "127.0.0.1"
DEFAULT_REGION = "eu-central-1"
DEFAULT_PORT = 8888
READY_TIMEOUT = 90.0
STOP_TIMEOUT = 10.0

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class DemoError(Exception):
    """Something the person can fix; the message says how."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", default=DEFAULT_REGION,
                        help=f"AWS region the demo pretends to be in (default {DEFAULT_REGION}).")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"JupyterLab's port on {HOST} (default {DEFAULT_PORT}; 0 picks a "
                             "free one).")
    parser.add_argument("--token", default=None,
                        help="JupyterLab's login token (default: a new random one).")
    parser.add_argument("--root-dir", default="dsws-demo", type=Path,
                        help="The workspace JupyterLab opens (default ./dsws-demo, created; "
                             "never deleted).")
    parser.add_argument("--no-browser", action="store_true",
                        help="Do not open a browser tab.")
    parser.add_argument("--state-dir", default=None, type=Path,
                        help="Where the emulator keeps its git repositories and the seed its "
                             "files (default: a temporary directory removed at exit).")
    parser.epilog = "Arguments after `--` go to `jupyter lab` unchanged."


@dataclass(frozen=True)
class DemoOptions:
    region: str
    port: int
    token: str
    root_dir: Path
    open_browser: bool
    extra_lab_args: tuple[str, ...]


def run(args: argparse.Namespace, extra: list[str]) -> int:
    """Run the demo until a signal or JupyterLab's exit; the process exit code."""
    if not hasattr(os, "killpg"):
        print("dsws demo needs Linux or macOS.", file=sys.stderr)
        return 2
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("jupyterlab") is None:
        print("dsws demo needs the demo extra: pip install 'jupyter_dsws[demo]'", file=sys.stderr)
        return 2
    stop = StopSignals()
    stop.install()
    state_dir, temporary = _state_dir(args.state_dir)
    try:
        options = DemoOptions(
            region=args.region, port=_lab_port(args.port),
            token=args.token or secrets.token_hex(24),
            root_dir=args.root_dir.expanduser().resolve(), open_browser=not args.no_browser,
            extra_lab_args=tuple(extra),
        )
        return _run(options, state_dir, temporary, stop)
    except (DemoError, GitError) as exc:
        if stop.requested:  # Ctrl-C during the seed also reaches its git processes
            return 0
        print(f"dsws demo: {exc}", file=sys.stderr)
        return 1
    finally:
        stop.restore()
        if temporary:
            shutil.rmtree(state_dir, ignore_errors=True)


def _run(options: DemoOptions, state_dir: Path, temporary: bool, stop: StopSignals) -> int:
    # The emulator layer needs moto (the demo extra): imported once we know it is there.
    from .emulator import Emulator
    from .experiments import DemoMlflow
    from .git_server import valid_region
    from .seed import seed

    if not valid_region(options.region):
        raise DemoError(f"{options.region!r} is not an AWS region name like {DEFAULT_REGION}.")
    _prepare_workspace(options.root_dir)
    _keep_local_traffic_off_proxies(os.environ)
    with Emulator(git_root=state_dir / "git") as emulator:
        seeded = seed(emulator.endpoint_url, options.region, state_dir / "seed")
        if stop.requested:
            return 0
        # MLflow starts and logs the team's runs in the background (experiments.py).
        mlflow = DemoMlflow(emulator, seeded, state_dir)
        mlflow.start()
        try:
            env = lab_environment(os.environ, region=options.region,
                                  endpoint_url=emulator.endpoint_url, state_dir=state_dir,
                                  token=options.token, clone_url=seeded.clone_url_http)
            env.update(mlflow.kernel_environment(env))
            command = lab_command(options, emulator.endpoint_url, state_dir,
                                  settings=mlflow.lab_arguments())
            lab = subprocess.Popen(command, env=env, start_new_session=True)
            try:
                if not _wait_until_ready(lab, options, stop):
                    if lab.poll() is None and not stop.requested:
                        raise DemoError(
                            f"JupyterLab did not answer within {READY_TIMEOUT:.0f} s.")
                elif not stop.requested:
                    print(_ready_message(options, emulator.endpoint_url, seeded, state_dir,
                                         temporary, mlflow.note), flush=True)
                return _wait_for_exit(lab, stop)
            finally:
                stop_process_group(lab)
        finally:
            mlflow.stop()


def _ready_message(options: DemoOptions, endpoint_url: str, seeded: SeedResult,
                   state_dir: Path, temporary: bool, mlflow_note: str = "") -> str:
    """The one block a person reads: where to go, what runs, what is in it."""
    lines = [
        "",
        "dsws demo is ready. Stop it with Ctrl-C.",
        "",
        f"  JupyterLab    http://{HOST}:{options.port}/lab?token={options.token}",
        f"  AWS emulator  {endpoint_url} (moto: account {seeded.account_id}, "
        f"region {options.region}, fake credentials)",
        f"  Workspace     {options.root_dir}",
        *([f"  MLflow        {mlflow_note}"] if mlflow_note else []),
        f"  State         {state_dir}{' (removed at exit)' if temporary else ''}",
        "",
        "Seeded:",
        *(f"  {line}" for line in seeded.summary()),
        *_extension_warning(options),
        "",
    ]
    return "\n".join(lines)


def lab_command(options: DemoOptions, endpoint_url: str, state_dir: Path,
                settings: list[str] | None = None) -> list[str]:
    """``jupyter lab`` for the demo; the token travels in the environment, not in ``ps``.
    ``settings`` are more ``--Class.trait=value`` options (the person's own come last)."""
    command = [
        sys.executable, "-m", "jupyterlab",
        f"--ip={HOST}", f"--port={options.port}",
        # Another port than the one printed would be a lie: fail instead.
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={options.root_dir}",
        f"--DSWSExtension.region={options.region}",
        f"--DSWSExtension.aws_endpoint_url={endpoint_url}",
        # The demo's idle choices and events stay in the demo, out of the person's home.
        f"--DSWSExtension.state_dir={state_dir / 'workspace-state'}",
        # The demo's git configuration rewrites CodeCommit's https URLs to the emulator's
        # plain-http git server; git may use that transport, a person still cannot type it.
        "--CodeCommitClone.extra_git_protocols=http",
        # The emulator has no Price List API: the panel shows the prices the package ships.
        "--InstancePicker.pricing_refresh=False",
        # Once idle shutdown stopped the demo's server, `dsws demo` exits too.
        "--IdleShutdown.restart_hint=Run dsws demo again to start it, then reload this page.",
    ]
    if not options.open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command + list(settings or []) + list(options.extra_lab_args)


def lab_environment(base: Mapping[str, str], *, region: str, endpoint_url: str,
                    state_dir: Path, token: str, clone_url: str) -> dict[str, str]:
    """The environment of JupyterLab and its kernels: the emulator, and no real AWS at all."""
    aws_dir = state_dir / "aws"
    aws_dir.mkdir(parents=True, exist_ok=True)
    for name in ("config", "credentials"):
        (aws_dir / name).write_text("")
    # Every AWS_ variable goes: profiles, session tokens, roles, container and web identity
    # credentials could each lead a call to a real account.
    env = {k: v for k, v in base.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        # Kernels' boto3 reaches the emulator too, so the seeded notebooks run.
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_CONFIG_FILE": str(aws_dir / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(aws_dir / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        # Run inside Studio, the demo must not describe the real Studio app.
        "DSWS_RESOURCE_METADATA_PATH": str(state_dir / "no-studio-metadata.json"),
        "DSWS_DEMO_CLONE_URL": clone_url,
        "JUPYTER_TOKEN": token,
    })
    env.pop("JUPYTER_TOKEN_FILE", None)
    # JupyterLab, its terminals and its clones read the demo's git configuration, never
    # the person's ~/.gitconfig: that is where CodeCommit's URLs lead to the emulator.
    from .git_config import write_git_config

    env["GIT_CONFIG_GLOBAL"] = str(write_git_config(state_dir / "gitconfig", endpoint_url,
                                                    region))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(_offline_lab_settings(state_dir / "lab-settings"))
    _keep_local_traffic_off_proxies(env)
    return env


# JupyterLab's own settings for the demo: like Studio's VPC-only spaces it has no internet,
# so JupyterLab must not offer to fetch news or look for updates (the prompt would also
# sit over the panels). The person's own ~/.jupyter/lab settings stay untouched.
_OFFLINE_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


def _offline_lab_settings(settings_dir: Path) -> Path:
    for name, values in _OFFLINE_SETTINGS.items():
        path = settings_dir / name
        if not path.exists():  # a persistent --state-dir keeps what the person changed
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, indent=2) + "\n")
    return settings_dir


def _keep_local_traffic_off_proxies(env: MutableMapping[str, str]) -> None:
    """Everything the demo talks to is on this machine: no proxy may sit in between."""
    for name in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in env.get(name, "").split(",") if h.strip()]
        for local in (HOST, "localhost"):
            if local not in hosts:
                hosts.append(local)
        env[name] = ",".join(hosts)


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
    """SIGTERM the process's group, then SIGKILL what is left after ``timeout``."""
    _signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    # An error here means the group is gone already.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _wait_until_ready(lab: subprocess.Popen[bytes], options: DemoOptions,
                      stop: StopSignals) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline and not stop.requested and lab.poll() is None:
        if _get(options, "/api/status") == 200:
            return True
        time.sleep(0.25)
    return False


def _extension_warning(options: DemoOptions) -> list[str]:
    if _get(options, "/dsws/status", timeout=15) == 200:
        return []
    return ["", "Warning: the jupyter_dsws server extension did not answer; enable it with",
            "  jupyter server extension enable jupyter_dsws"]


def _get(options: DemoOptions, path: str, timeout: float = 2.0) -> int | None:
    """The HTTP status of an authenticated GET to the demo's JupyterLab, None if unreachable.

    http.client rather than urllib: no proxy from the environment can intercept it.
    """
    connection = http.client.HTTPConnection(HOST, options.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Authorization": f"token {options.token}"})
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _wait_for_exit(lab: subprocess.Popen[bytes], stop: StopSignals) -> int:
    while not stop.requested:
        try:
            code = lab.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            continue
        print(f"dsws demo: JupyterLab exited with code {code}; stopping the emulator.",
              file=sys.stderr, flush=True)
        return code if code >= 0 else 128 - code
    return 0


def _lab_port(requested: int) -> int:
    """The port JupyterLab will use; a clear error now rather than a failed start later."""
    if not 0 <= requested <= 65535:
        raise DemoError(f"--port {requested} is not a port number.")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As tornado binds JupyterLab's socket: connections of a demo that just stopped,
        # left in TIME-WAIT, do not make the port busy; a listening socket still does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, requested))
            probe.listen(1)
        except OSError:
            raise DemoError(f"Port {requested} on {HOST} is in use: pass another --port, "
                            "or --port 0 for a free one.") from None
        return int(probe.getsockname()[1])


def _state_dir(requested: Path | None) -> tuple[Path, bool]:
    if requested is None:
        return Path(tempfile.mkdtemp(prefix="dsws-demo-")), True
    path = requested.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path, False


def _prepare_workspace(root_dir: Path) -> None:
    """Create the workspace with a README saying what to try; a person's files stay as they are."""
    try:
        root_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DemoError(f"Cannot create the workspace {root_dir}: {exc.strerror}.") from None
    readme = root_dir / "README.md"
    if not readme.exists():
        text = (resources.files(__package__) / "data" / "workspace_README.md").read_text("utf-8")
        readme.write_text(text, encoding="utf-8")
