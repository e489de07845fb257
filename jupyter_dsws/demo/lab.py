"""JupyterLab as the demo runs it: its options, its command line and its environment.

The environment leads JupyterLab, its kernels and its git to the emulator and away from any
real AWS account, proxy or personal configuration.
"""

from __future__ import annotations

import http.client
import json
import os
import sys
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


@dataclass(frozen=True)
class DemoOptions:
    region: str
    port: int
    token: str
    root_dir: Path
    open_browser: bool
    extra_lab_args: tuple[str, ...]


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
        *emulator_settings(options.region, endpoint_url),
        # The demo's idle choices and events stay in the demo, out of the person's home.
        f"--DSWSExtension.state_dir={state_dir / 'workspace-state'}",
        # Once idle shutdown stopped the demo's server, `dsws demo` exits too.
        "--IdleShutdown.restart_hint=Run dsws demo again to start it, then reload this page.",
    ]
    if not options.open_browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command + list(settings or []) + list(options.extra_lab_args)


def emulator_settings(region: str, endpoint_url: str) -> list[str]:
    """jupyter_dsws's settings for any of the demo's servers: the emulator's AWS."""
    return [
        f"--DSWSExtension.region={region}",
        f"--DSWSExtension.aws_endpoint_url={endpoint_url}",
        # The demo's git configuration rewrites CodeCommit's https URLs to the emulator's
        # plain-http git server; git may use that transport, a person still cannot type it.
        "--CodeCommitClone.extra_git_protocols=http",
        # The emulator has no Price List API: the panel shows the prices the package ships.
        "--InstancePicker.pricing_refresh=False",
    ]


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
    keep_local_traffic_off_proxies(env)
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


def keep_local_traffic_off_proxies(env: MutableMapping[str, str]) -> None:
    """Everything the demo talks to is on this machine: no proxy may sit in between."""
    for name in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in env.get(name, "").split(",") if h.strip()]
        for local in (HOST, "localhost"):
            if local not in hosts:
                hosts.append(local)
        env[name] = ",".join(hosts)


def server_status(port: int, token: str, path: str = "/api/status",
                  timeout: float = 2.0) -> int | None:
    """The HTTP status of an authenticated GET to a local Jupyter server, None if unreachable.

    http.client rather than urllib: no proxy from the environment can intercept it.
    """
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Authorization": f"token {token}"})
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
