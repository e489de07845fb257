"""CodeCommit's git side for the demo: bare repositories on disk, served over smart HTTP.

moto keeps CodeCommit repositories as metadata only, so a clone of one fails. The emulator
gives each repository a bare git repository under its store and serves it at
``{endpoint}/codecommit-git/<region>/v1/repos/<name>`` (the shape of the real
``https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>``) through
``git http-backend``, git's own CGI program, so clone, fetch and push are real git.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from werkzeug.wsgi import get_input_stream

from .git import GitError, git_command, git_environment, run_git
from .wsgi import StartResponse

log = logging.getLogger(__name__)

GIT_PATH_PREFIX = "/codecommit-git"

_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")
# CodeCommit's own rule for repository names; no "/" means no way out of the store.
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_URL = re.compile(
    rf"^{GIT_PATH_PREFIX}/(?P<region>[^/]+)/v1/repos/(?P<name>[^/]+)"
    r"/(?P<service>info/refs|git-upload-pack|git-receive-pack)$"
)
# Smart HTTP only: the dumb protocol would expose the repository's files one by one.
_METHODS = {"info/refs": "GET", "git-upload-pack": "POST", "git-receive-pack": "POST"}
_BACKEND_TIMEOUT = 120.0


def valid_region(region: str) -> bool:
    return bool(_REGION.match(region))


def valid_repository_name(name: str) -> bool:
    return bool(_NAME.match(name)) and name.strip(".") != ""


class GitStore:
    """The bare repositories behind the emulator's CodeCommit: ``<root>/<region>/<name>.git``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, region: str, name: str) -> Path:
        """Where a repository lives; ``ValueError`` for a region or name that could escape."""
        if not valid_region(region) or not valid_repository_name(name):
            raise ValueError(f"Not a CodeCommit repository: {region}/{name}")
        return self.root / region / f"{name}.git"

    def exists(self, region: str, name: str) -> bool:
        return (self.path(region, name) / "HEAD").is_file()

    def create(self, region: str, name: str) -> None:
        """An empty repository whose first push makes ``main`` the default branch."""
        path = self.path(region, name)
        if not self.exists(region, name):
            path.parent.mkdir(parents=True, exist_ok=True)
            run_git("init", "--bare", "--quiet", str(path))

    def delete(self, region: str, name: str) -> None:
        shutil.rmtree(self.path(region, name), ignore_errors=True)

    def clear(self) -> None:
        """Forget every repository, as moto's reset forgets their metadata.

        Only directories of our own layout go, so a store rooted somewhere careless
        loses nothing else.
        """
        if not self.root.is_dir():
            return
        for region_dir in self.root.iterdir():
            if region_dir.is_dir() and valid_region(region_dir.name):
                shutil.rmtree(region_dir, ignore_errors=True)

    def branches(self, region: str, name: str) -> dict[str, str]:
        """Branch name -> commit id; empty for a repository nobody has pushed to."""
        if not self.exists(region, name):
            return {}
        out = run_git("for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads",
                      cwd=self.path(region, name))
        return dict(line.split(" ", 1) for line in out.splitlines() if line)

    def default_branch(self, region: str, name: str) -> str | None:
        """The branch HEAD names, once it exists (CodeCommit reports none before)."""
        if not self.exists(region, name):
            return None
        try:
            head = run_git("symbolic-ref", "--short", "HEAD", cwd=self.path(region, name)).strip()
        except GitError:
            return None
        return head if head in self.branches(region, name) else None


class GitHttpApp:
    """WSGI app for ``/codecommit-git/...``: git's smart HTTP protocol via ``git http-backend``."""

    def __init__(self, store: GitStore) -> None:
        self.store = store

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        match = _URL.match(environ.get("PATH_INFO", ""))
        if not match:
            return _plain(start_response, "404 Not Found", "Not a git smart HTTP URL.\n")
        region, name, service = match["region"], match["name"], match["service"]
        if environ.get("REQUEST_METHOD") != _METHODS[service]:
            return _plain(start_response, "405 Method Not Allowed", "Method not allowed.\n")
        try:
            present = self.store.exists(region, name)
        except ValueError:
            present = False
        if not present:
            return _plain(start_response, "404 Not Found",
                          f"Repository {name} does not exist in {region}.\n")
        return self._backend(environ, start_response, f"/{region}/{name}.git/{service}")

    def _backend(self, environ: dict[str, Any], start_response: StartResponse,
                 path_info: str) -> Iterable[bytes]:
        body = get_input_stream(environ).read() if environ["REQUEST_METHOD"] == "POST" else b""
        cgi = {
            "GIT_PROJECT_ROOT": str(self.store.root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": environ.get("SERVER_PROTOCOL", "HTTP/1.1"),
            "REQUEST_METHOD": environ["REQUEST_METHOD"],
            "PATH_INFO": path_info,
            "QUERY_STRING": environ.get("QUERY_STRING", ""),
            "CONTENT_TYPE": environ.get("CONTENT_TYPE", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_ADDR": environ.get("REMOTE_ADDR", "127.0.0.1"),
            # git clients gzip large requests and announce protocol v2 in a header.
            "HTTP_CONTENT_ENCODING": environ.get("HTTP_CONTENT_ENCODING", ""),
            "GIT_PROTOCOL": environ.get("HTTP_GIT_PROTOCOL", ""),
        }
        # Pushing is what CodeCommit allows its users; the seed pushes the same way.
        command = git_command("-c", "http.receivepack=true", "http-backend")
        try:
            done = subprocess.run(command, input=body, capture_output=True,
                                  env=git_environment(cgi), timeout=_BACKEND_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return _plain(start_response, "504 Gateway Timeout", "git http-backend timed out.\n")
        if done.stderr:
            log.debug("git http-backend %s: %s", path_info, done.stderr.decode(errors="replace"))
        status, headers, payload = _parse_cgi(done.stdout)
        if status is None:
            return _plain(start_response, "502 Bad Gateway", "git http-backend failed.\n")
        start_response(status, [*headers, ("Content-Length", str(len(payload)))])
        return [payload]


def _parse_cgi(output: bytes) -> tuple[str | None, list[tuple[str, str]], bytes]:
    """Split a CGI answer into status line, headers and body."""
    # The earliest blank line ends the headers; the pack data after it may hold either.
    ends = [(i, sep) for sep in (b"\r\n\r\n", b"\n\n") if (i := output.find(sep)) >= 0]
    if not ends:
        return None, [], b""
    index, separator = min(ends)
    head, payload = output[:index], output[index + len(separator):]
    status = "200 OK"
    headers: list[tuple[str, str]] = []
    for line in head.decode("latin-1").splitlines():
        key, _, value = line.partition(":")
        if key.lower() == "status":
            status = value.strip()
        elif key and key.lower() != "content-length":
            headers.append((key.strip(), value.strip()))
    return status, headers, payload


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    payload = text.encode()
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"),
                            ("Content-Length", str(len(payload)))])
    return [payload]
