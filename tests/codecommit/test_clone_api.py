"""The REST routes against a real server, real git and CodeCommit-like HTTP servers."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import body, error_of, wait_for
from tornado.httpclient import HTTPClientError

CC_BASE = "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/"


async def post_clone(jp_fetch: Callable[..., Any], payload: dict) -> str:
    response = await jp_fetch("dsws", "codecommit", "clone", method="POST",
                              body=json.dumps(payload))
    assert response.code == 202
    return body(response)["id"]


async def refused(jp_fetch: Callable[..., Any], payload: dict) -> tuple[int, dict]:
    return await error_of(jp_fetch("dsws", "codecommit", "clone", method="POST",
                                   body=json.dumps(payload)))


async def clone_status(jp_fetch: Callable[..., Any], job: str, *,
                       until: Callable[[dict], bool] = lambda s: s["state"] != "running",
                       timeout: float = 60) -> dict:
    """The clone's status as the panel polls it, once ``until`` it (by default: over)."""
    async def status() -> dict | None:
        answer = body(await jp_fetch("dsws", "codecommit", "clone", job))
        return answer if until(answer) else None

    return await wait_for(status, timeout=timeout, what=f"clone {job}")


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


@pytest.mark.parametrize("payload", [
    {"repo": "-u"},
    {"repo": "--upload-pack=touch /tmp/pwned"},
    {"url": "--upload-pack=touch /tmp/pwned"},
    {"url": "ext::sh -c touch% /tmp/pwned"},
    {"url": "file:///etc"},
    {"url": "http://127.0.0.1:9/x"},  # http is for git (the demo's rewrite), not for people
    {"url": "https://ghp_abc@github.com/x.git"},  # a token would stay in .git/config
    {"repo": "team", "path": "../../x"},
    {"repo": "team", "path": "/tmp/x"},
    {"repo": "team", "path": "escape/team"},
    {"repo": "team", "branch": "--upload-pack=x"},
    {"repo": "team", "url": CC_BASE + "team"},
    {},
    {"repo": "team", "extra": 1},
], ids=lambda p: json.dumps(p)[:40])
async def test_hostile_requests_are_refused_with_400(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, tmp_path: Path, payload: dict) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (jp_root_dir / "escape").symlink_to(outside)

    code, answer = await refused(jp_fetch, payload)

    assert code == 400, answer
    assert answer["message"]
    assert "ghp_abc" not in answer["message"]
    assert list(outside.iterdir()) == []


@pytest.mark.timeout(120)
async def test_cancel_stops_git_and_removes_the_partial_folder(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, git_server: Any,
        rewrite_to: Callable[[str], None], big_repository: Path) -> None:
    git_server.add("big", big_repository)
    git_server.throttle = 0.01  # about 5 s for the pack: time to cancel in the middle
    rewrite_to(f"http://127.0.0.1:{git_server.port}")
    job = await post_clone(jp_fetch, {"repo": "big"})

    def receiving_or_over(status: dict) -> bool:
        return status["state"] != "running" or (
            status["phase"] == "Receiving objects" and status["progress"] > 0)

    receiving = await clone_status(jp_fetch, job, until=receiving_or_over)
    assert receiving["state"] == "running", receiving
    assert (jp_root_dir / "big").exists()
    response = await jp_fetch("dsws", "codecommit", "clone", job, method="DELETE")

    assert body(response)["state"] == "cancelled"
    assert body(response)["progress"] < 100
    assert not (jp_root_dir / "big").exists()
    assert body(await jp_fetch("dsws", "codecommit", "clone", job))["state"] == "cancelled"


async def test_an_auth_failure_is_said_without_secrets(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    served.mode = "deny"
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))

    assert status["state"] == "failed"
    assert status["error"] == "auth_failed"
    assert "refused the credentials" in status["message"]
    assert "codecommit:GitPull" in status["message"]
    sent = [a for a in served.authorizations if a]
    assert sent, "the helper was asked and its answer sent"
    for secret in ("AKIAIOSFODNN7EXAMPLE", sent[-1][6:]):
        assert secret not in json.dumps(status)
    assert not (jp_root_dir / "team").exists()


async def test_an_unknown_repository_is_said_as_such(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "nope"}))
    assert status["state"] == "failed"
    assert status["error"] == "repository_not_found", status
    assert not (jp_root_dir / "nope").exists()


async def test_an_unreachable_endpoint_names_the_vpc_endpoint(
        jp_fetch: Callable[..., Any], rewrite_to: Callable[[str], None],
        closed_port_url: str) -> None:
    rewrite_to(closed_port_url)
    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))
    assert status["error"] == "endpoint_unreachable", status
    assert "com.amazonaws.eu-central-1.git-codecommit" in status["message"]


async def test_an_unknown_clone_is_404(jp_fetch: Callable[..., Any]) -> None:
    with pytest.raises(HTTPClientError) as failure:
        await jp_fetch("dsws", "codecommit", "clone", "0" * 32)
    assert failure.value.code == 404


async def test_polling_a_clone_is_not_a_persons_activity(
        jp_fetch: Callable[..., Any], jp_serverapp: Any, served: Any) -> None:
    job = await post_clone(jp_fetch, {"repo": "team"})
    settings = jp_serverapp.web_app.settings
    await jp_fetch("api", "contents")
    stamped = settings["api_last_activity"]
    await jp_fetch("dsws", "codecommit", "clone", job)
    await jp_fetch("dsws", "codecommit", "repos")
    assert settings["api_last_activity"] == stamped
    await clone_status(jp_fetch, job)


@pytest.mark.parametrize("clone_config", [{"clone_timeout_seconds": 1.0}], indirect=True)
async def test_a_clone_over_its_time_is_stopped_and_removed(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, git_server: Any,
        rewrite_to: Callable[[str], None], big_repository: Path) -> None:
    git_server.add("big", big_repository)
    git_server.throttle = 0.01
    rewrite_to(f"http://127.0.0.1:{git_server.port}")

    status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "big"}))

    assert status["state"] == "failed"
    assert status["error"] == "timeout"
    assert "clone_timeout_seconds" in status["message"]
    assert not (jp_root_dir / "big").exists()


async def test_a_file_in_the_way_is_a_400_not_a_crash(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    (jp_root_dir / "notes.txt").write_text("a file, not a folder")
    code, answer = await refused(jp_fetch, {"repo": "team", "path": "notes.txt/team"})
    assert code == 400
    assert "cannot be created" in answer["message"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("clone_config", [{"stall_timeout_seconds": 2.0}], indirect=True)
async def test_an_https_endpoint_that_never_answers_is_stopped_after_the_stall_time(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, rewrite_to: Callable[[str], None],
        silent_port_url: str) -> None:
    # git's low-speed limit does not count during the TLS handshake: curl would wait 300 s.
    silent = silent_port_url.replace("http://", "https://")
    rewrite_to(silent)
    started = time.monotonic()
    typed = await post_clone(jp_fetch, {"url": f"{silent}/other.git"})
    by_name = await post_clone(jp_fetch, {"repo": "team"})

    typed_status = await clone_status(jp_fetch, typed, timeout=30)
    named_status = await clone_status(jp_fetch, by_name, timeout=30)

    assert time.monotonic() - started < 20
    assert typed_status["state"] == named_status["state"] == "failed"
    assert typed_status["error"] == named_status["error"] == "endpoint_unreachable"
    assert "127.0.0.1 did not answer within 2 s" in typed_status["message"]
    assert "git-codecommit" not in typed_status["message"]
    assert ("git-codecommit.eu-central-1.amazonaws.com did not answer within 2 s"
            in named_status["message"])
    assert "com.amazonaws.eu-central-1.git-codecommit" in named_status["message"]
    assert list(jp_root_dir.iterdir()) == []


async def test_a_failed_clone_removes_the_folders_it_made_and_nothing_else(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any) -> None:
    (jp_root_dir / "mine").mkdir()
    (jp_root_dir / "mine" / "notes.txt").write_text("keep me")

    new = await clone_status(jp_fetch, await post_clone(
        jp_fetch, {"repo": "nope", "path": "nest1/nest2/leaf"}))
    inside = await clone_status(jp_fetch, await post_clone(
        jp_fetch, {"repo": "nope", "path": "mine/nest2/leaf"}))

    assert new["state"] == inside["state"] == "failed"
    assert not (jp_root_dir / "nest1").exists()
    assert sorted(p.name for p in (jp_root_dir / "mine").iterdir()) == ["notes.txt"]


async def test_our_log_lines_go_through_the_servers_logger_once(
        jp_fetch: Callable[..., Any], extension: Any, served: Any) -> None:
    # What logging.basicConfig(level=INFO) does when an AWS package in the image calls it.
    root = logging.getLogger()
    plain, server = io.StringIO(), io.StringIO()
    basic = logging.StreamHandler(plain)
    basic.setFormatter(logging.Formatter(logging.BASIC_FORMAT))
    formatted = logging.StreamHandler(server)
    formatted.setFormatter(extension.log.handlers[0].formatter)
    level = root.level
    root.addHandler(basic)
    root.setLevel(logging.INFO)
    extension.log.addHandler(formatted)
    try:
        status = await clone_status(jp_fetch, await post_clone(jp_fetch, {"repo": "team"}))
    finally:
        root.removeHandler(basic)
        root.setLevel(level)
        extension.log.removeHandler(formatted)

    assert status["state"] == "done"
    assert "jupyter_dsws" not in plain.getvalue()
    lines = [line for line in server.getvalue().splitlines() if "dsws: clone" in line]
    assert len(lines) == 1, server.getvalue()
    assert lines[0].startswith("[I ") and "into team: done" in lines[0]


@pytest.mark.parametrize("clone_config", [{"allowed_schemes": ["https", "http"]}], indirect=True)
async def test_a_token_in_the_query_string_is_in_no_message_or_log_line(
        jp_fetch: Callable[..., Any], extension: Any, failing_http: int) -> None:
    logged = io.StringIO()
    handler = logging.StreamHandler(logged)
    extension.log.addHandler(handler)
    try:
        status = await clone_status(jp_fetch, await post_clone(jp_fetch, {
            "url": f"http://127.0.0.1:{failing_http}/team.git?token=ghp_s3cret"}))
    finally:
        extension.log.removeHandler(handler)

    assert status["state"] == "failed" and status["error"] == "clone_failed", status
    assert "500" in status["message"]  # git's own words reach the person...
    assert "?[redacted]" in status["message"]
    assert "ghp_s3cret" not in json.dumps(status)  # ...without the token
    assert "dsws: clone" in logged.getvalue() and "ghp_s3cret" not in logged.getvalue()
