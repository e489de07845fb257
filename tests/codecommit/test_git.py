"""The git layer alone: progress parsing, failure sentences, a real clone of a bare repo."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jupyter_dsws.codecommit.git import (
    CloneFailed,
    Progress,
    clone_command,
    clone_environment,
    explain_failure,
    parse_progress,
    run_clone,
    scrub,
)
from jupyter_dsws.demo.git import run_git

CC_URL = "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/team"


def test_progress_lines_become_an_overall_percentage() -> None:
    assert parse_progress("remote: Counting objects: 100% (3/3), done.") == Progress(
        "Counting objects", 0)
    assert parse_progress("Receiving objects:  45% (450/1000), 1.2 MiB | 3 MiB/s") == Progress(
        "Receiving objects", 36)
    assert parse_progress("Resolving deltas: 100% (7/7), done.") == Progress(
        "Resolving deltas", 92)
    assert parse_progress("Updating files: 100% (12/12), done.") == Progress(
        "Updating files", 100)
    assert parse_progress("Cloning into 'team'...") is None
    assert parse_progress("Unknown phase: 50% (1/2)") is None


@pytest.mark.parametrize(("stderr", "code"), [
    ("fatal: Authentication failed for 'https://git-codecommit...'", "auth_failed"),
    ("fatal: unable to access '...': The requested URL returned error: 403", "auth_failed"),
    ("fatal: could not read Username for 'https://x': terminal prompts disabled", "auth_failed"),
    ("fatal: repository 'https://x/' not found", "repository_not_found"),
    ("fatal: unable to access 'https://x/': Could not resolve host: x", "endpoint_unreachable"),
    ("fatal: unable to access 'https://x/': Failed to connect to x port 443 after 130000 ms: "
     "Connection timed out", "endpoint_unreachable"),
    ("fatal: unable to access 'https://x/': SSL connection timeout", "endpoint_unreachable"),
    ("error: unable to write file x: No space left on device", "disk_full"),
    ("fatal: Remote branch nope not found in upstream origin", "branch_not_found"),
    ("fatal: transport 'file' not allowed", "protocol_not_allowed"),
    ("fatal: something else entirely", "clone_failed"),
])
def test_each_failure_has_its_own_sentence(stderr: str, code: str) -> None:
    failure = explain_failure(stderr, url=CC_URL, region="eu-central-1", branch="nope")
    assert failure.code == code
    if code == "endpoint_unreachable":
        assert "com.amazonaws.eu-central-1.git-codecommit" in failure.message


def test_what_our_credential_helper_said_is_the_message() -> None:
    stderr = ("jupyter_dsws credential helper: no AWS credentials found. In Studio they come "
              "from the space's execution role.\n"
              "fatal: credential helper '/x/git-credential-dsws-codecommit' told us to quit\n")
    failure = explain_failure(stderr, url=CC_URL, region="eu-central-1", branch=None)
    assert failure.code == "auth_failed"
    assert failure.message.startswith("git-codecommit.eu-central-1.amazonaws.com got no "
                                      "credentials: no AWS credentials found.")
    assert "execution role" in failure.message


def test_no_credential_survives_in_a_message() -> None:
    text = ("fatal: unable to access 'https://AKIAIOSFODNN7EXAMPLE%25tok:20240101T000000Zabc@"
            "host/v1/repos/x?X-Amz-Signature=deadbeef': weird")
    cleaned = scrub(text)
    assert "AKIA" not in cleaned and "deadbeef" not in cleaned and "20240101T" not in cleaned
    failure = explain_failure(text, url=CC_URL, region=None, branch=None)
    assert "AKIA" not in failure.message and "deadbeef" not in failure.message


def test_no_query_string_survives_in_a_message() -> None:
    text = "fatal: unable to access 'https://host/team.git?token=ghp_abc&x=1/': weird"
    failure = explain_failure(text, url="https://host/team.git?token=ghp_abc", region=None,
                              branch=None)
    assert "ghp_abc" not in failure.message
    assert "https://host/team.git?[redacted]" in failure.message


def test_the_url_comes_after_double_dash_and_options_are_ours() -> None:
    command = clone_command("-u", Path("/w/x"), branch="main",
                            repo_config=[("credential.https://h.helper", "")])
    assert command[:3] == ["git", "clone", "--progress"]
    assert command[-3:] == ["--", "-u", "/w/x"]
    assert "--branch=main" in command
    env = clone_environment({"GIT_DIR": "/elsewhere", "PATH": "/bin"}, ["https", "codecommit"])
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_ALLOW_PROTOCOL"] == "https:codecommit"
    assert env["GIT_ASKPASS"] == "" and "GIT_DIR" not in env


def clone(url: str, target: Path, *, protocols: list[str], branch: str | None = None,
          seen: list[Progress] | None = None) -> None:
    env = clone_environment(os.environ, protocols)
    asyncio.run(run_clone(clone_command(url, target, branch=branch, repo_config=[]), env,
                          timeout=60, on_progress=(seen if seen is not None else []).append,
                          url=url, region=None, branch=branch, cwd=target.parent))


def test_a_bare_repository_clones_with_progress_and_a_branch(
        tmp_path: Path, repository_factory: Callable[..., Path],
        git_out: Callable[..., str]) -> None:
    work = repository_factory(tmp_path / "work")
    bare = tmp_path / "team.git"
    run_git("clone", "--quiet", "--bare", str(work), str(bare))
    seen: list[Progress] = []

    clone(bare.as_uri(), tmp_path / "main", protocols=["file"], seen=seen)
    clone(bare.as_uri(), tmp_path / "feature", protocols=["file"], branch="feature")

    assert (tmp_path / "main" / "notebook.ipynb").is_file()
    assert not (tmp_path / "main" / "feature.txt").exists()
    assert (tmp_path / "feature" / "feature.txt").is_file()
    assert git_out("branch", "--show-current", cwd=tmp_path / "feature").strip() == "feature"
    assert seen and seen[-1].percent >= 80
    assert [p.percent for p in seen] == sorted(p.percent for p in seen)


def test_a_transport_not_allowed_is_refused_by_git_itself(
        tmp_path: Path, repository_factory: Callable[..., Path]) -> None:
    work = repository_factory(tmp_path / "work")
    with pytest.raises(CloneFailed) as failed:
        clone(work.as_uri(), tmp_path / "copy", protocols=["https"])
    assert failed.value.code == "protocol_not_allowed"


def test_an_endpoint_that_accepts_and_never_answers_is_named_after_the_stall_time(
        tmp_path: Path):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1/repos/quiet"
    env = clone_environment(os.environ, ["http"], stall_seconds=2)
    started = time.monotonic()
    try:
        with pytest.raises(CloneFailed) as raised:
            asyncio.run(run_clone(clone_command(url, tmp_path / "quiet", branch=None,
                                                repo_config=[]), env,
                                  timeout=60, on_progress=lambda _: None, url=url,
                                  region="eu-central-1", branch=None, cwd=tmp_path))
    finally:
        silent.close()
    assert raised.value.code == "endpoint_unreachable"
    assert "stopped answering" in str(raised.value)
    assert "com.amazonaws.eu-central-1.git-codecommit" in str(raised.value)
    assert time.monotonic() - started < 20
