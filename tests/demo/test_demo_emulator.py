"""The demo's emulator: moto's real server, the CodeCommit gaps filled, git over HTTP."""

from __future__ import annotations

import http.client
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from jupyter_dsws.demo.emulator import Emulator
from jupyter_dsws.demo.git import git_environment
from jupyter_dsws.demo.git_config import rewrite_setting


@pytest.fixture
def git(emulator: Emulator) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``git(*args, cwd=)`` with the rewrite `dsws demo` puts in its git configuration:
    the URL AWS reports leads to the emulator's git server."""
    rewrite = rewrite_setting(emulator.endpoint_url, "eu-central-1")

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-c", rewrite, *args], cwd=cwd, env=git_environment(),
                              capture_output=True, text=True, timeout=60, check=False)

    return run


def get(emulator: Emulator, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_boto3_talks_to_it_as_account_123456789012(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any]) -> None:
    identity = emulator_client("sts").get_caller_identity()
    assert identity["Account"] == "123456789012"
    assert fresh_emulator.endpoint_url.startswith("http://127.0.0.1:")


def test_list_repositories_answers_from_motos_own_state(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any]) -> None:
    codecommit = emulator_client("codecommit")
    for name in ("zeta-models", "alpha-notebooks", "Mid_repo"):
        codecommit.create_repository(repositoryName=name, repositoryDescription=name)
    emulator_client("codecommit", region="us-west-2").create_repository(
        repositoryName="elsewhere")

    listed = codecommit.list_repositories()["repositories"]
    assert [r["repositoryName"] for r in listed] == ["Mid_repo", "alpha-notebooks", "zeta-models"]
    ids = {r["repositoryName"]: r["repositoryId"] for r in listed}
    assert ids["alpha-notebooks"] == codecommit.get_repository(
        repositoryName="alpha-notebooks")["repositoryMetadata"]["repositoryId"]

    descending = codecommit.list_repositories(sortBy="repositoryName", order="descending")
    assert [r["repositoryName"] for r in descending["repositories"]] == [
        "zeta-models", "alpha-notebooks", "Mid_repo"]
    paginated = list(codecommit.get_paginator("list_repositories").paginate())
    assert sum(len(page["repositories"]) for page in paginated) == 3

    with pytest.raises(ClientError) as refused:
        codecommit.list_repositories(sortBy="size")  # botocore does not check enums
    assert refused.value.response["Error"]["Code"] == "InvalidSortByException"


def test_the_other_missing_codecommit_reads_answer_too(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any]) -> None:
    codecommit = emulator_client("codecommit")
    codecommit.create_repository(repositoryName="empty")
    batch = codecommit.batch_get_repositories(repositoryNames=["empty", "missing"])
    assert [r["repositoryName"] for r in batch["repositories"]] == ["empty"]
    assert batch["repositoriesNotFound"] == ["missing"]
    assert codecommit.list_branches(repositoryName="empty")["branches"] == []
    with pytest.raises(codecommit.exceptions.BranchDoesNotExistException):
        codecommit.get_branch(repositoryName="empty", branchName="main")
    with pytest.raises(codecommit.exceptions.RepositoryDoesNotExistException):
        codecommit.list_branches(repositoryName="missing")


def test_a_created_repository_clones_and_takes_a_push(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any], tmp_path: Path,
        git: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    codecommit = emulator_client("codecommit")
    url = codecommit.create_repository(
        repositoryName="team")["repositoryMetadata"]["cloneUrlHttp"]
    # What AWS reports; the demo's git configuration leads it to the emulator.
    assert url == "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/team"
    assert git("clone", "--", url, str(tmp_path / "first")).returncode == 0

    work = tmp_path / "first"
    (work / "hello.txt").write_text("hello\n")
    assert git("add", "hello.txt", cwd=work).returncode == 0
    assert git("-c", "user.name=Ron", "-c", "user.email=ron@example.org", "commit", "-m", "hi",
               cwd=work).returncode == 0
    assert git("push", "origin", "HEAD:refs/heads/main", cwd=work).returncode == 0

    assert git("clone", "--", url, str(tmp_path / "second")).returncode == 0
    assert (tmp_path / "second" / "hello.txt").read_text() == "hello\n"
    metadata = codecommit.get_repository(repositoryName="team")["repositoryMetadata"]
    assert metadata["defaultBranch"] == "main"
    branch = codecommit.get_branch(repositoryName="team", branchName="main")["branch"]
    assert branch["commitId"] == git("rev-parse", "HEAD", cwd=work).stdout.strip()

    codecommit.delete_repository(repositoryName="team")
    assert git("clone", "--", url, str(tmp_path / "third")).returncode != 0


@pytest.mark.parametrize("path", [
    "/codecommit-git/eu-central-1/v1/repos/../../etc/info/refs?service=git-upload-pack",
    "/codecommit-git/eu-central-1/v1/repos/..%2F..%2Fetc/info/refs?service=git-upload-pack",
    "/codecommit-git/../v1/repos/team/info/refs?service=git-upload-pack",
    "/codecommit-git/eu-central-1/v1/repos/../info/refs?service=git-upload-pack",
    "/codecommit-git/eu-central-1/v1/repos/team/HEAD",
    "/codecommit-git/eu-central-1/v1/repos/team/objects/info/packs",
    "/codecommit-git/eu-central-1/v1/repos/team/config",
    "/codecommit-git/eu-central-1/v1/repos/nope/info/refs?service=git-upload-pack",
])
def test_the_git_server_serves_nothing_but_repositories(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any], path: str) -> None:
    emulator_client("codecommit").create_repository(repositoryName="team")
    assert get(fresh_emulator, path) == 404
    assert get(fresh_emulator, "/codecommit-git/eu-central-1/v1/repos/team/info/refs"
                               "?service=git-upload-pack") == 200


def test_it_survives_a_reset(
        fresh_emulator: Emulator, emulator_client: Callable[..., Any], tmp_path: Path,
        git: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    codecommit = emulator_client("codecommit")
    url = codecommit.create_repository(
        repositoryName="before")["repositoryMetadata"]["cloneUrlHttp"]
    emulator_client("s3").create_bucket(
        Bucket="before-reset", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})

    fresh_emulator.reset()

    assert codecommit.list_repositories()["repositories"] == []
    assert emulator_client("s3").list_buckets()["Buckets"] == []
    assert git("clone", "--", url, str(tmp_path / "gone")).returncode != 0
    codecommit.create_repository(repositoryName="after")
    assert [r["repositoryName"] for r in codecommit.list_repositories()["repositories"]] == [
        "after"]
    assert emulator_client("sts").get_caller_identity()["Account"] == "123456789012"


def test_one_emulator_per_process(emulator: Emulator) -> None:
    with pytest.raises(RuntimeError, match="already runs"):
        Emulator().start()
    assert emulator.endpoint_url  # the running one is untouched


def test_stop_frees_the_port() -> None:
    # In a child process: this one already holds the session's emulator.
    script = textwrap.dedent("""
        import socket, sys
        from jupyter_dsws.demo.emulator import Emulator
        emulator = Emulator().start()
        port = emulator.port
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        emulator.stop()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except ConnectionRefusedError:
            print("refused")
        else:
            print("still open")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "refused"
