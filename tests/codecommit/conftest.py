"""Real git against real repositories: a bare one on disk, and ones served over HTTP.

The HTTP server is the demo's ``GitHttpApp`` (``git http-backend``) behind a WSGI layer
that, like CodeCommit, demands HTTP Basic credentials and checks the SigV4 password our
credential helper signs, so the HTTPS path, the helper and git's credential protocol all
run for real. Clones name the URL AWS reports
(``https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/<name>``); a test-only
global git configuration rewrites it to this server, as ``dsws demo`` does.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from botocore.credentials import ReadOnlyCredentials
from werkzeug.serving import make_server

from jupyter_dsws.codecommit.credential_helper import sign
from jupyter_dsws.demo.git import git_environment, run_git
from jupyter_dsws.demo.git_config import write_git_config
from jupyter_dsws.demo.git_server import GIT_PATH_PREFIX, GitHttpApp, GitStore

REGION = "eu-central-1"
CREDENTIALS = ReadOnlyCredentials("AKIAIOSFODNN7EXAMPLE",
                                  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", None)
_REPO_PATH = re.compile(rf"^(?P<repo>{GIT_PATH_PREFIX}/[^/]+/v1/repos/[^/]+)/")


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Known fake credentials (the git server checks their signature); nothing from a
    developer's own AWS or git set-up leaks in."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", CREDENTIALS.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", CREDENTIALS.secret_key)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


@dataclass
class GitServer:
    """A CodeCommit-like git server on 127.0.0.1: ``mode`` is "sigv4", "deny" or "open"."""

    store: GitStore
    port: int = 0
    mode: str = "sigv4"
    #: Seconds to sleep per 64 KiB sent, to make a clone slow enough to cancel.
    throttle: float = 0.0
    authorizations: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}{GIT_PATH_PREFIX}/{REGION}/v1/repos/"

    def add(self, name: str, source: Path) -> None:
        """Publish the working repository ``source`` (all its branches) as ``name``."""
        path = self.store.path(REGION, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        # A local bare clone hard-links the objects: instant even for the big repository.
        run_git("clone", "--quiet", "--bare", "--", str(source), str(path))

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        if self.mode != "open":
            header = environ.get("HTTP_AUTHORIZATION", "")
            self.authorizations.append(header)
            if self.mode == "deny" or not self._valid(header, environ):
                start_response("401 Unauthorized", [
                    ("WWW-Authenticate", 'Basic realm="CodeCommit"'), ("Content-Length", "0")])
                return [b""]
        chunks = GitHttpApp(self.store)(environ, start_response)
        return self._slowly(chunks) if self.throttle else chunks

    def _valid(self, header: str, environ: dict[str, Any]) -> bool:
        if not header.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        match = _REPO_PATH.match(environ.get("PATH_INFO", ""))
        stamp = password.split("Z", 1)[0]
        if not match or user != CREDENTIALS.access_key or len(stamp) != 15:
            return False
        when = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%S")
        expected = sign(f"127.0.0.1:{self.port}", match["repo"], REGION, CREDENTIALS, when)
        return (user, password) == expected

    def _slowly(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            for start in range(0, len(chunk), 65536):
                time.sleep(self.throttle)
                yield chunk[start:start + 65536]


@pytest.fixture
def git_server(tmp_path: Path) -> Iterator[GitServer]:
    server = GitServer(GitStore(tmp_path / "served"))
    http = make_server("127.0.0.1", 0, server, threaded=True)
    server.port = http.server_port
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield server
    http.shutdown()
    http.server_close()
    thread.join(timeout=10)


@pytest.fixture
def rewrite_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], None]:
    """Make git send CodeCommit's URLs to a local endpoint, as ``dsws demo`` does."""

    def apply(endpoint_url: str) -> None:
        path = write_git_config(tmp_path / "gitconfig", endpoint_url, REGION)
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(path))

    return apply


def make_repository(path: Path, *, big_mb: int = 0) -> Path:
    """A working repository with ``main`` (notebook.ipynb, README.md) and ``feature``."""
    path.mkdir(parents=True)
    run_git("init", "--quiet", cwd=path)
    (path / "README.md").write_text("# Team notebooks\n")
    (path / "notebook.ipynb").write_text(json.dumps({"cells": [], "metadata": {},
                                                     "nbformat": 4, "nbformat_minor": 5}))
    for number in range(big_mb):
        # Incompressible, so the pack is as big as the files and takes time to send.
        (path / f"blob-{number:03}.bin").write_bytes(os.urandom(1024 * 1024))
    identity = ("-c", "user.name=Hermione", "-c", "user.email=hermione@example.org")
    run_git("add", "--all", cwd=path)
    run_git(*identity, "commit", "--quiet", "-m", "first", cwd=path)
    run_git("checkout", "--quiet", "-b", "feature", cwd=path)
    (path / "feature.txt").write_text("only on the feature branch\n")
    run_git("add", "--all", cwd=path)
    run_git(*identity, "commit", "--quiet", "-m", "feature", cwd=path)
    run_git("checkout", "--quiet", "main", cwd=path)
    return path


@pytest.fixture(scope="session")
def big_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 24 MB of random blobs, made once per session."""
    return make_repository(tmp_path_factory.mktemp("big") / "work", big_mb=24)


@pytest.fixture
def clone_config(request: pytest.FixtureRequest) -> dict:
    """``CodeCommitClone`` settings of this test, through indirect parametrization."""
    return {"extra_git_protocols": ["http"], "clone_timeout_seconds": 60.0,
            **dict(getattr(request, "param", {}))}


@pytest.fixture
def config_sections(clone_config: dict) -> dict:
    return {"CodeCommitClone": clone_config}


@pytest.fixture
def aws_endpoint_url(emulator: Any) -> str:
    return emulator.endpoint_url


@pytest.fixture
def dsws_defaults(tmp_path: Path) -> dict:
    return {"state_dir": str(tmp_path / "state")}


def git_output(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=git_environment(), check=True,
                          capture_output=True, text=True, timeout=60).stdout


@pytest.fixture
def repository_factory() -> Callable[..., Path]:
    """``make_repository(path, big_mb=0)``: see ``make_repository``."""
    return make_repository


@pytest.fixture
def served(git_server: Any, rewrite_to: Callable[[str], None], tmp_path: Path,
           repository_factory: Callable[..., Path]) -> Any:
    """``team`` on a SigV4-checking git server that CodeCommit's URL leads to."""
    git_server.add("team", repository_factory(tmp_path / "team-work"))
    rewrite_to(f"http://127.0.0.1:{git_server.port}")
    return git_server


@pytest.fixture
def git_out() -> Callable[..., str]:
    """``git_out(*args, cwd=)``: git's standard output, without anyone's configuration."""
    return git_output


@pytest.fixture
def credentials() -> ReadOnlyCredentials:
    """The fake credentials every test process and git child has (see ``fake_aws``)."""
    return CREDENTIALS


@pytest.fixture
def failing_http() -> Iterator[int]:
    """A loopback HTTP server that answers every request with 500."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Fail(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Fail)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_port)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
