"""A demo space's Jupyter server: its command line, its environment, and its readiness.

As Studio's supervisord runs ``jupyter lab`` from ``/opt/conda``, the demo runs
``<prefix>/bin/python -m jupyterlab`` from the space's fresh prefix (studio_image.py), in
the space's HOME, with the settings of lab.py that still apply: the emulator's AWS, the
demo's git transport and shipped prices. Not the restart hint (Run starts a space again),
nor a state_dir: the extension keeps a person's choices in HOME, which survives restarts.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from .identity import IMAGE_PROVIDER, PEOPLE_VARIABLE, people
from .lab import HOST, _offline_lab_settings, emulator_settings, server_status

READY_TIMEOUT = 120.0
#: Where the demo's image keeps kernels beyond its own prefix's (experiments.py sets it).
IMAGE_JUPYTER_PATH = "DSWS_DEMO_IMAGE_JUPYTER_PATH"
#: Variables that would lead the space's Python or Jupyter to the image's folders or to the
#: demo's own: in Studio the image sets none of them.
_DROPPED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "CONDA_PREFIX",
            "CONDA_DEFAULT_ENV", "JUPYTER_CONFIG_DIR", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR",
            "JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_DIR", "JUPYTER_TOKEN_FILE")


def server_command(prefix: Path, *, port: int, home: Path, region: str, endpoint_url: str,
                   extra_args: tuple[str, ...] = (), shared: bool = False) -> list[str]:
    """The token travels in the environment (JUPYTER_TOKEN), not in ``ps``.

    A shared space's server is started as Studio's image starts one: with SageMaker's
    identity provider (the demo image's stand-in, identity.py, which still wants the token)
    and ``--collaborative`` when the image has jupyter-collaboration."""
    command = [
        str(prefix / "bin" / "python"), "-m", "jupyterlab", "--no-browser",
        f"--ip={HOST}", f"--port={port}",
        # Another port than the space's would be a lie: fail instead.
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={home}",
        *emulator_settings(region, endpoint_url),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    if shared:
        command.append(f"--ServerApp.identity_provider_class={IMAGE_PROVIDER}")
        if has_collaboration(prefix):
            command.append("--collaborative")
    return command + list(extra_args)


def has_collaboration(prefix: Path) -> bool:
    """Whether the space's image has jupyter-collaboration (Studio's has; ours may not)."""
    return any(prefix.glob("lib/python3.*/site-packages/jupyter_collaboration"))


#: jupyter-collaboration's frontend: Studio's image turns it on for shared spaces only.
COLLABORATION_LABEXTENSIONS = ("@jupyter/collaboration-extension",
                               "@jupyter/docprovider-extension")


def keep_collaboration_off(prefix: Path) -> None:
    """A private space of an image with jupyter-collaboration: its server extension and its
    frontend off, in the space's prefix (``jupyter server extension disable`` and ``jupyter
    labextension disable`` at the sys-prefix level would write the same two files). The
    prefix's files are symlinks into the image: each is replaced, never written through."""
    etc = prefix / "etc" / "jupyter"
    _replace_json(etc / "jupyter_server_config.d" / "jupyter_collaboration.json",
                  {"ServerApp": {"jpserver_extensions": {"jupyter_server_ydoc": False}}})
    page = etc / "labconfig" / "page_config.json"
    config = json.loads(page.read_text()) if page.is_file() else {}
    disabled = config.setdefault("disabledExtensions", {})
    disabled.update(dict.fromkeys(COLLABORATION_LABEXTENSIONS, True))
    _replace_json(page, config)


def _replace_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_text(json.dumps(value, indent=2))


def space_environment(base: Mapping[str, str], *, home: Path, prefix: Path, image_bin: Path,
                      aws_cli: Path | None, metadata: Path, logging_dir: Path, app_type: str,
                      token: str, shared: bool = False) -> dict[str, str]:
    """The environment of a space's lifecycle scripts and server, from the demo's base one
    (lab.lab_environment: the emulator's AWS, the demo's git configuration)."""
    env = {k: v for k, v in base.items() if k not in _DROPPED}
    # The image's own bin (the demo's, with its `dsws` and `jupyter`) is no space's PATH.
    path = [p for p in base.get("PATH", "/usr/bin:/bin").split(os.pathsep)
            if p and Path(p) != image_bin]
    front = [str(prefix / "bin")] + ([str(aws_cli)] if aws_cli else [])
    env.update({
        "HOME": str(home),
        "PATH": os.pathsep.join(front + path),
        "DSWS_CONDA_PREFIX": str(prefix),
        "DSWS_RESOURCE_METADATA_PATH": str(metadata),
        "SAGEMAKER_APP_TYPE_LOWERCASE": app_type.lower(),
        "SAGEMAKER_SPACE_TYPE_LOWERCASE": "shared" if shared else "private",
        "STUDIO_LOGGING_DIR": str(logging_dir) + os.sep,
        "JUPYTER_TOKEN": token,
        # The team's names, for the image's identity provider (identity.py).
        PEOPLE_VARIABLE: json.dumps(people()),
        # The image's kernels (the demo's "Python 3 (MLflow training)"), as Studio's image
        # has its own: the only JUPYTER_PATH a space gets.
        **({"JUPYTER_PATH": base[IMAGE_JUPYTER_PATH]} if base.get(IMAGE_JUPYTER_PATH) else {}),
        # JupyterLab's settings live in HOME as in Studio, offline from the first start.
        "JUPYTERLAB_SETTINGS_DIR": str(_offline_lab_settings(
            home / ".jupyter" / "lab" / "user-settings")),
    })
    return env


def wait_until_ready(process: subprocess.Popen[bytes], port: int, token: str,
                     stopping: threading.Event, timeout: float = READY_TIMEOUT) -> bool:
    """True once the server answers /api/status; False when it exited, the app is being
    stopped, or ``timeout`` passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping.is_set():
        if process.poll() is not None:
            return False
        if server_status(port, token) == 200:
            return True
        stopping.wait(0.25)
    return False
