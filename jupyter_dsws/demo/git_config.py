"""The demo's own git configuration: CodeCommit's URLs lead to the emulator's git server.

AWS reports ``https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>`` as a
repository's clone URL, and so does the emulator. git's ``url.<base>.insteadOf`` sends
that prefix to ``http://127.0.0.1:<port>/codecommit-git/<region>/v1/repos/``. The rewrite
lives in a file of the demo's state directory that ``dsws demo`` hands JupyterLab as
``GIT_CONFIG_GLOBAL``: a person's ``~/.gitconfig`` is never read or written, and the
product's code never learns that a demo exists.
"""

from __future__ import annotations

from pathlib import Path

from .git_server import GIT_PATH_PREFIX


def codecommit_prefix(region: str) -> str:
    return f"https://git-codecommit.{region}.amazonaws.com/v1/repos/"


def local_prefix(endpoint_url: str, region: str) -> str:
    return f"{endpoint_url.rstrip('/')}{GIT_PATH_PREFIX}/{region}/v1/repos/"


def rewrite_setting(endpoint_url: str, region: str) -> str:
    """The rewrite as one ``git -c`` setting."""
    return f"url.{local_prefix(endpoint_url, region)}.insteadOf={codecommit_prefix(region)}"


def write_git_config(path: Path, endpoint_url: str, region: str) -> Path:
    """Write the demo's global git configuration file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Written by `dsws demo`; removed or rewritten on its next start.\n"
        f'[url "{local_prefix(endpoint_url, region)}"]\n'
        f"\tinsteadOf = {codecommit_prefix(region)}\n",
        encoding="utf-8",
    )
    return path
