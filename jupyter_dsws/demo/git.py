"""Running git for the demo, the same way on every machine.

The demo's repositories must come out byte for byte the same whoever runs it, so git runs
without the user's or the system's configuration (no hooks from an init template, no
autocrlf, no signing, no other default branch) and never through a proxy: every git call
here talks to the local emulator or to local paths only.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

_PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                    "ALL_PROXY"}

# Passed with -c on every call: a fresh `git init` must not depend on whether the
# machine's git is older than init.defaultBranch or configured otherwise.
_FIXED_CONFIG = ("init.defaultBranch=main", "core.autocrlf=false", "commit.gpgSign=false",
                 "advice.detachedHead=false")


class GitError(RuntimeError):
    """A git command failed; the message carries git's own explanation."""


def git_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process environment minus proxies and git configuration, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in _PROXY_VARIABLES
           and (not k.startswith("GIT_") or k == "GIT_EXEC_PATH")}
    env.update({
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
        "LC_ALL": "C",
    })
    env.update(extra or {})
    return env


def git_command(*args: str) -> list[str]:
    """The argument list for ``git <args>`` with the fixed configuration in front."""
    command = ["git"]
    for setting in _FIXED_CONFIG:
        command += ["-c", setting]
    return command + list(args)


def run_git(*args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None,
            timeout: float = 60.0) -> str:
    """Run ``git <args>`` and return its standard output; raise ``GitError`` on failure."""
    try:
        done = subprocess.run(git_command(*args), cwd=cwd, env=git_environment(env),
                              capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed; the demo needs it for its repositories.") from exc
    if done.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed: {done.stderr.strip() or done.stdout}")
    return done.stdout
