"""The clone routes against a real server, real git and CodeCommit-like HTTP servers: what a
clone gives (the failures and refusals: test_clone_failures.py)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from clone_calls import CC_BASE, clone_status, post_clone, refused


async def test_clone_by_name_over_https_with_our_credential_helper(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any,
        git_out: Callable[..., str]) -> None:
    job = await post_clone(jp_fetch, {"repo": "team"})

    status = await clone_status(jp_fetch, job)
    assert status["state"] == "done", status
    assert status["progress"] == 100
    assert status["path"] == "team"
    clone = jp_root_dir / "team"
    assert (clone / "notebook.ipynb").is_file()
    # git asked without credentials, got 401, asked our helper, and the server checked
    # the SigV4 signature it made.
    assert served.authorizations[0] == ""
    assert any(a.startswith("Basic ") for a in served.authorizations)
    # The clone keeps the URL AWS reports, and its own helper list, starting empty.
    assert git_out("remote", "get-url", "origin", cwd=clone).strip() == CC_BASE + "team"
    helpers = git_out("config", "--local", "--get-all",
                      "credential.https://git-codecommit.eu-central-1.amazonaws.com.helper",
                      cwd=clone).splitlines()
    assert helpers[0] == ""
    # Our launcher in the state folder, which needs neither this Python nor jupyter_dsws.
    assert helpers[1] == (f"!{jp_root_dir.parent}/state/git-credential/"
                          "git-credential-dsws-codecommit --region eu-central-1")
    assert git_out("config", "--local", "--get",
                   "credential.https://git-codecommit.eu-central-1.amazonaws.com.usehttppath",
                   cwd=clone).strip() == "true"
    # No credential was written anywhere in the clone.
    secret = served.authorizations[-1]
    for path in (clone / ".git").rglob("*"):
        if path.is_file():
            text = path.read_bytes()
            assert b"AKIAIOSFODNN7EXAMPLE" not in text and secret[6:].encode() not in text


async def test_a_later_pull_signs_again_with_the_clones_own_config(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any,
        git_out: Callable[..., str]) -> None:
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))
    assert status["state"] == "done"
    served.authorizations.clear()
    # As jupyterlab-git or a terminal would: the person's git configuration, a prompt off.
    subprocess.run(["git", "pull", "--quiet"], cwd=jp_root_dir / "team", check=True,
                   env={**os.environ, "GIT_TERMINAL_PROMPT": "0"}, timeout=60)
    assert any(a.startswith("Basic ") for a in served.authorizations)


@pytest.mark.parametrize("python", [
    "/usr/bin/python3",  # another environment: no jupyter_dsws, no botocore
    "/opt/gone/bin/python",  # another image: the server's Python is not there at all
])
async def test_a_clone_keeps_pulling_where_the_servers_python_lacks_jupyter_dsws(
        jp_fetch: Callable[..., Any], extension: Any, jp_root_dir: Path, served: Any,
        python: str) -> None:
    extension.features["codecommit"].service.python = python
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))
    assert status["state"] == "done", status
    served.authorizations.clear()

    pulled = subprocess.run(["git", "pull"], cwd=jp_root_dir / "team", capture_output=True,
                            text=True, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
                            timeout=60, check=False)

    assert pulled.returncode == 0, pulled.stderr
    assert any(a.startswith("Basic ") for a in served.authorizations)


async def test_a_pull_without_aws_credentials_says_what_to_do(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))
    assert status["state"] == "done", status
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(GIT_TERMINAL_PROMPT="0", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true")

    pulled = subprocess.run(["git", "pull"], cwd=jp_root_dir / "team", capture_output=True,
                            text=True, env=env, timeout=60, check=False)

    assert pulled.returncode != 0
    assert "no AWS credentials found" in pulled.stderr
    assert "could not read Username" not in pulled.stderr


async def test_a_branch_and_a_folder_can_be_chosen(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any,
        git_out: Callable[..., str]) -> None:
    (jp_root_dir / "projects").mkdir()
    job = await post_clone(jp_fetch, {"url": CC_BASE + "team", "branch": "feature",
                                      "path": "projects/owls"})
    status = await clone_status(jp_fetch, job)
    assert status["state"] == "done", status
    assert status["path"] == "projects/owls"
    clone = jp_root_dir / "projects" / "owls"
    assert (clone / "feature.txt").is_file()
    assert git_out("branch", "--show-current", cwd=clone).strip() == "feature"


async def test_an_existing_folder_is_never_overwritten(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    (jp_root_dir / "team").mkdir()
    (jp_root_dir / "team" / "mine.txt").write_text("keep me")

    code, answer = await refused(jp_fetch, {"repo": "team"})

    assert code == 409
    assert answer["error"] == "folder_exists"
    assert answer["suggested_path"] == "team-2"
    assert "team-2" in answer["message"]
    assert (jp_root_dir / "team" / "mine.txt").read_text() == "keep me"
