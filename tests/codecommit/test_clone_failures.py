"""The clone routes against a real server, real git and CodeCommit-like HTTP servers: what
is refused, what fails and how it is said, what is cleaned up and stopped."""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from clone_calls import CC_BASE, clone_status, post_clone, refused
from helpers import body
from tornado.httpclient import HTTPClientError


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
