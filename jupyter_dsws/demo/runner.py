"""``dsws demo``: the whole product on one machine, with no AWS account.

Starts the AWS emulator on 127.0.0.1, seeds it, and runs JupyterLab with this extension
pointed at it, under fake credentials and with the person's own AWS configuration out of
reach. On Ctrl-C or SIGTERM it stops everything it started, so no port stays open.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import secrets
import shutil
import socket
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .git import GitError
from .lab import HOST, DemoOptions, keep_local_traffic_off_proxies, lab_environment, server_status
from .lab_process import StopSignals

if TYPE_CHECKING:
    from .emulator import Emulator
    from .experiments import DemoMlflow
    from .seed import SeedResult
    from .spark_demo import DemoSpark

# Arguments after `--` go to `jupyter lab`.
TAKES_EXTRA_ARGS = True

DEFAULT_REGION = "eu-central-1"
DEFAULT_PORT = 8888
DEFAULT_STUDIO_PORT = 8880


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
    parser.add_argument("--studio-port", type=int, default=DEFAULT_STUDIO_PORT,
                        help=f"The demo's Studio page on {HOST} (default {DEFAULT_STUDIO_PORT}; "
                             "0 picks a free one).")
    parser.add_argument("--wheel", type=Path, default=None,
                        help="The jupyter_dsws wheel (or a folder of wheels) the domain's "
                             "lifecycle configuration installs in every space (default: this "
                             "checkout's dist/, from `make wheel`; without one the spaces run "
                             "the installed jupyter_dsws).")
    parser.add_argument("--emulator-only", action="store_true",
                        help="Start only the AWS emulator, with Studio's layer and the seed, "
                             "print its endpoint and wait: for trying the dsws admin commands.")
    parser.add_argument("--emulator-port", type=int, default=0,
                        help="The emulator's port (default 0: a free one).")
    parser.add_argument("--no-spark", action="store_true",
                        help="Do not start the EMR clusters' local Livy and Spark (saves "
                             "~0.5 GB of memory and the CPU of its start); the clusters are "
                             "still listed, not connectable.")
    parser.epilog = "Arguments after `--` go to `jupyter lab` unchanged."


def run(args: argparse.Namespace, extra: list[str]) -> int:
    """Run the demo until a signal; the process exit code."""
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
        from .studio_seed import find_wheel

        wheel = find_wheel(args.wheel)
        if args.emulator_only:
            return _run_emulator(args, state_dir, temporary, stop, wheel)
        options = DemoOptions(
            region=args.region, port=_free_port(args.port, "--port"),
            token=args.token or secrets.token_hex(24),
            root_dir=args.root_dir.expanduser().resolve(), open_browser=not args.no_browser,
            extra_lab_args=tuple(extra),
        )
        studio_port = _free_port(args.studio_port, "--studio-port")
        return _run(options, state_dir, temporary, stop, spark=not args.no_spark, wheel=wheel,
                    studio_port=studio_port, emulator_port=args.emulator_port)
    except (DemoError, GitError) as exc:
        if stop.requested:  # Ctrl-C during the seed also reaches its git processes
            return 0
        print(f"dsws demo: {exc}", file=sys.stderr)
        return 1
    finally:
        stop.restore()
        if temporary:
            shutil.rmtree(state_dir, ignore_errors=True)


def _run_emulator(args: argparse.Namespace, state_dir: Path, temporary: bool,
                  stop: StopSignals, wheel: Path | None) -> int:
    """``--emulator-only``: the emulator and its seed, for the dsws admin commands."""
    from .emulator import Emulator
    from .git_server import valid_region
    from .seed import seed
    from .studio_seed import apply_quotas

    if not valid_region(args.region):
        raise DemoError(f"{args.region!r} is not an AWS region name like {DEFAULT_REGION}.")
    keep_local_traffic_off_proxies(os.environ)
    with Emulator(port=args.emulator_port, git_root=state_dir / "git") as emulator:
        apply_quotas(emulator.studio)
        seeded = seed(emulator.endpoint_url, args.region, state_dir / "seed", wheel=wheel)
        emulator.throttle.engage()
        print("\n".join([
            "", "dsws demo --emulator-only is ready. Stop it with Ctrl-C.", "",
            f"  AWS emulator  {emulator.endpoint_url} (moto: account {seeded.account_id}, "
            f"region {args.region}, fake credentials)",
            f"  State         {state_dir}{' (removed at exit)' if temporary else ''}", "",
            "Point the AWS CLI, boto3 and the dsws commands at it:",
            f"  export AWS_ENDPOINT_URL={emulator.endpoint_url} AWS_REGION={args.region} "
            "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing",
            f"  dsws lifecycle list --domain {seeded.studio.domain_id if seeded.studio else ''}",
            "", "Seeded:", *(f"  {line}" for line in seeded.summary()), "",
        ]), flush=True)
        while not stop.wait(1.0):
            pass
    return 0


def _run(options: DemoOptions, state_dir: Path, temporary: bool, stop: StopSignals, *,
         spark: bool = True, wheel: Path | None = None, studio_port: int = 0,
         emulator_port: int = 0) -> int:
    # The emulator layer needs moto (the demo extra): imported once we know it is there.
    from .emulator import Emulator
    from .experiments import DemoMlflow
    from .git_server import valid_region
    from .seed import seed
    from .spark_demo import DemoSpark, spark_environment
    from .studio_seed import apply_quotas

    if not valid_region(options.region):
        raise DemoError(f"{options.region!r} is not an AWS region name like {DEFAULT_REGION}.")
    _prepare_workspace(options.root_dir)
    keep_local_traffic_off_proxies(os.environ)
    with Emulator(port=emulator_port, git_root=state_dir / "git") as emulator:
        apply_quotas(emulator.studio)
        seeded = seed(emulator.endpoint_url, options.region, state_dir / "seed", wheel=wheel)
        emulator.throttle.engage()  # DSWS_EMULATOR_THROTTLE, once the seed is in
        if stop.requested:
            return 0
        # MLflow starts and logs the team's runs in the background (experiments.py).
        mlflow = DemoMlflow(emulator, seeded, state_dir)
        mlflow.start()
        # The EMR clusters' Livy; Spark starts in the background too (spark_demo.py).
        livy = DemoSpark(seeded.emr, state_dir, spark_environment(emulator.endpoint_url,
                                                                  options.region))
        livy.start(wanted=spark)
        try:
            return _run_studio(options, emulator, seeded, state_dir, temporary, stop, mlflow,
                               livy, studio_port)
        finally:
            livy.stop()
            mlflow.stop()


def _run_studio(options: DemoOptions, emulator: Emulator, seeded: SeedResult,
                state_dir: Path, temporary: bool, stop: StopSignals, mlflow: DemoMlflow,
                spark: DemoSpark, studio_port: int) -> int:
    from .studio_session import DemoStudio

    env = lab_environment(os.environ, region=options.region,
                          endpoint_url=emulator.endpoint_url, state_dir=state_dir,
                          token=options.token, clone_url=seeded.clone_url_http)
    env.update(mlflow.kernel_environment(env))
    env.update(spark.kernel_environment())
    studio = DemoStudio(emulator, seeded, options, state_dir, env,
                        mlflow.lab_arguments() + spark.lab_arguments(),
                        studio_port)
    try:
        studio.start()
        first = studio.run_first(stop)
        if first.status == "InService":
            print(_ready_message(options, emulator.endpoint_url, seeded, state_dir, temporary,
                                 mlflow.note, spark.note, studio.url), flush=True)
        elif first.status == "Failed":
            print(f"dsws demo: the space {seeded.studio.default_space if seeded.studio else ''} "
                  f"failed to start: {first.reason}\nThe Studio page shows it, with its "
                  f"lifecycle log: {studio.url}", file=sys.stderr, flush=True)
        while not stop.wait(1.0):
            pass
        return 0
    finally:
        studio.close()


def _ready_message(options: DemoOptions, endpoint_url: str, seeded: SeedResult,
                   state_dir: Path, temporary: bool, mlflow_note: str = "",
                   livy_note: str = "", studio_url: str = "") -> str:
    """The one block a person reads: where to go, what runs, what is in it."""
    lines = [
        "",
        "dsws demo is ready. Stop it with Ctrl-C.",
        "",
        *([f"  Studio        {studio_url}"] if studio_url else []),
        f"  JupyterLab    http://{HOST}:{options.port}/lab?token={options.token}",
        f"  AWS emulator  {endpoint_url} (moto: account {seeded.account_id}, "
        f"region {options.region}, fake credentials)",
        f"  Workspace     {options.root_dir} (the home folder of your space)",
        *([f"  MLflow        {mlflow_note}"] if mlflow_note else []),
        *([f"  Livy (EMR)    {livy_note}"] if livy_note else []),
        f"  State         {state_dir}{' (removed at exit)' if temporary else ''}",
        "",
        "Seeded:",
        *(f"  {line}" for line in seeded.summary()),
        *_extension_warning(options),
        "",
    ]
    return "\n".join(lines)


def _extension_warning(options: DemoOptions) -> list[str]:
    if server_status(options.port, options.token, "/dsws/status", timeout=15) == 200:
        return []
    return ["", "Warning: the jupyter_dsws server extension did not answer; enable it with",
            "  jupyter server extension enable jupyter_dsws"]


def _free_port(requested: int, flag: str) -> int:
    """The port a server of the demo will use; a clear error now rather than a failed start
    later."""
    if not 0 <= requested <= 65535:
        raise DemoError(f"{flag} {requested} is not a port number.")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As tornado binds JupyterLab's socket: connections of a demo that just stopped,
        # left in TIME-WAIT, do not make the port busy; a listening socket still does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, requested))
            probe.listen(1)
        except OSError:
            raise DemoError(f"Port {requested} on {HOST} is in use: pass another {flag}, "
                            f"or {flag} 0 for a free one.") from None
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
