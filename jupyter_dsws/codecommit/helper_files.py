"""The credential helper's files in the person's state folder, and the line naming them.

A clone's ``.git/config`` outlives the server that wrote it: the folder is used from
terminals, by jupyterlab-git, after the image changes or in an app started without the
lifecycle configuration. So the helper line names no Python and no package: it names a
small POSIX shell launcher in the state folder (under HOME, which Studio keeps), which runs
the self-contained signing script beside it with the server's Python, else any
``python3``. Without a Python it tells git to stop, with a sentence that says what to do.
Both files are rewritten at each clone, so they follow the installed version.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

LAUNCHER = "git-credential-dsws-codecommit"
SCRIPT = "dsws_codecommit_credential_helper.py"

_LAUNCHER_TEXT = """#!/bin/sh
# git credential helper for AWS CodeCommit, written by jupyter_dsws at each clone from the
# Repositories panel. It signs each request with the AWS credentials it finds (in Studio:
# the execution role's) and stores nothing. It runs the script beside it with the first
# Python 3 it finds; neither needs jupyter_dsws. See jupyter_dsws's docs/codecommit.md.
script="${{0%/*}}/{script}"
first={python}
for python in "$first" python3; do
  if command -v "$python" >/dev/null 2>&1; then
    exec "$python" "$script" "$@"
  fi
done
echo "jupyter_dsws credential helper: no Python 3 found (tried $first and python3 on" \\
     "PATH), so no CodeCommit password can be signed. Install python3, or use this clone" \\
     "from a JupyterLab space where jupyter_dsws runs." >&2
echo "quit=1"
"""


def install(directory: Path, python: str) -> Path:
    """Write (or refresh) the launcher and the script in ``directory``; the launcher's path.

    Blocking file I/O: callers run it in a thread.
    """
    directory.mkdir(parents=True, exist_ok=True)
    source = resources.files(__package__).joinpath("credential_helper.py").read_text("utf-8")
    _write(directory / SCRIPT, source, 0o644)
    launcher = directory / LAUNCHER
    _write(launcher, _LAUNCHER_TEXT.format(script=SCRIPT, python=shlex.quote(python)), 0o755)
    return launcher


def helper_command(launcher: Path, region: str | None) -> str:
    """The ``credential.helper`` value.

    The leading ``!`` makes git run it as a shell command with the operation appended, so
    a path with spaces works once quoted, and no ``$@`` is needed (the AWS CLI's
    documented ``!aws codecommit credential-helper $@`` breaks when a wrapper script
    expands ``$@`` too early: aws/sagemaker-distribution#620).
    """
    parts = [shlex.quote(str(launcher))]
    if region:
        parts += ["--region", shlex.quote(region)]
    return "!" + " ".join(parts)


def credential_config(urls: list[str], helper: str) -> list[tuple[str, str]]:
    """The clone's own credential settings for ``helper``, scoped to each URL's origin.

    The empty entry first clears helpers configured globally (jupyterlab-git sets
    ``cache``): a cached 15-minute SigV4 password would fail later with 403. git matches
    credential settings against the URL after its insteadOf rewrites, so the helper is
    scoped to the rewritten URL's origin too when a rewrite changes it.
    """
    config: list[tuple[str, str]] = []
    for scope in dict.fromkeys(_origin(u) for u in urls):
        if scope is None:
            continue
        config += [(f"credential.{scope}.helper", ""), (f"credential.{scope}.helper", helper),
                   (f"credential.{scope}.UseHttpPath", "true")]
    return config


def _origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL, without any user name."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


def _write(path: Path, text: str, mode: int) -> None:
    # Atomic: a git running the helper right now reads the old file or the new one.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
