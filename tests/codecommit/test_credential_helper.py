"""The credential helper speaks git's credential protocol, never stores anything, and runs
from the files written beside the clones with any Python 3, with or without jupyter_dsws
or botocore (``/usr/bin/python3`` here has neither)."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials

from jupyter_dsws.codecommit.credential_helper import answer, sign
from jupyter_dsws.codecommit.helper_files import helper_command, install

NOW = datetime.datetime(2026, 11, 25, 12, 0, 0)
CC_HOST = "git-codecommit.eu-central-1.amazonaws.com"
BARE_PYTHON = "/usr/bin/python3"  # Debian's: neither jupyter_dsws nor botocore
needs_bare_python = pytest.mark.skipif(
    not Path(BARE_PYTHON).is_file()
    or subprocess.run([BARE_PYTHON, "-c", "import botocore"], capture_output=True,
                      check=False).returncode == 0,
    reason=f"needs {BARE_PYTHON} without botocore")


def run_helper(operation: str, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jupyter_dsws.codecommit.credential_helper",
                           *args, operation], input=stdin, capture_output=True, text=True,
                          timeout=30, check=True)


def botocore_signature(path: str, credentials: ReadOnlyCredentials) -> str:
    """The reference: botocore's SigV4Auth over git-remote-codecommit's canonical request."""
    request = AWSRequest(method="GIT", url=f"https://{CC_HOST}{path}")
    request.context["timestamp"] = NOW.strftime("%Y%m%dT%H%M%S")
    signer = SigV4Auth(credentials, "codecommit", "eu-central-1")
    canonical = f"GIT\n{path}\n\nhost:{CC_HOST}\n\nhost\n"
    return signer.signature(signer.string_to_sign(request, canonical), request)


def test_it_signs_for_the_codecommit_host_and_path(credentials: ReadOnlyCredentials) -> None:
    fields = {"protocol": "https", "host": CC_HOST, "path": "v1/repos/team"}
    found, reason = answer(fields, None, credentials, NOW)
    assert reason is None
    assert found["username"] == credentials.access_key
    # The standard-library signature is botocore's, bit for bit.
    assert found["password"] == "20261125T120000Z" + botocore_signature("/v1/repos/team",
                                                                        credentials)
    assert found["password"] == sign(CC_HOST, "/v1/repos/team", "eu-central-1", credentials,
                                     NOW)[1]
    other, _ = answer({**fields, "path": "v1/repos/other"}, None, credentials, NOW)
    assert other["password"] != found["password"]


def test_a_session_token_rides_in_the_user_name() -> None:
    temporary = ReadOnlyCredentials("ASIAEXAMPLE", "secret", "token/with+chars")
    found, _ = answer({"protocol": "https", "host": CC_HOST, "path": "v1/repos/team"}, None,
                      temporary, NOW)
    assert found["username"] == "ASIAEXAMPLE%token/with+chars"


def test_without_the_path_it_says_why_it_cannot_sign(credentials: ReadOnlyCredentials) -> None:
    found, reason = answer({"protocol": "https", "host": CC_HOST}, None, credentials, NOW)
    assert found == {}
    assert "UseHttpPath" in (reason or "")


def test_the_git_protocol_end_to_end(credentials: ReadOnlyCredentials) -> None:
    done = run_helper("get", "protocol=https\nhost=127.0.0.1:9\npath=v1/repos/team\n\n",
                      "--region", "eu-central-1")
    lines = dict(line.split("=", 1) for line in done.stdout.splitlines())
    assert lines["username"] == credentials.access_key
    assert "Z" in lines["password"]
    assert run_helper("store", "username=x\npassword=y\n\n").stdout == ""
    assert run_helper("erase", "protocol=https\n\n").stdout == ""


def test_the_helper_command_needs_no_dollar_at_and_survives_spaces() -> None:
    command = helper_command(Path("/home/my user/.jupyter_dsws/git-credential/x"), "eu-west-1")
    assert command == "!'/home/my user/.jupyter_dsws/git-credential/x' --region eu-west-1"
    assert "$@" not in command


def launch(launcher: Path, stdin: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # As git runs a "!" helper: through the shell, with the operation appended.
    command = helper_command(launcher, "eu-central-1")[1:] + " get"
    return subprocess.run(["/bin/sh", "-c", command], input=stdin, capture_output=True,
                          text=True, timeout=30, env=env, check=True)


@pytest.fixture
def container_endpoint() -> Iterator[str]:
    """A container credentials endpoint like Studio's (AWS_CONTAINER_CREDENTIALS_*_URI)."""

    class Answer(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.headers.get("Authorization") != "studio-token":
                self.send_response(401)
                self.end_headers()
                return
            body = json.dumps({"AccessKeyId": "ASIASTUDIO", "SecretAccessKey": "s3cret",
                               "Token": "session", "Expiration": "2030-01-01T00:00:00Z"})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v2/credentials/abc"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@needs_bare_python
def test_a_python_without_jupyter_dsws_or_botocore_signs_with_studios_container_credentials(
        tmp_path: Path, container_endpoint: str) -> None:
    launcher = install(tmp_path / "helper", BARE_PYTHON)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "AWS_CONTAINER_CREDENTIALS_FULL_URI": container_endpoint,
           "AWS_CONTAINER_AUTHORIZATION_TOKEN": "studio-token"}

    done = launch(launcher, f"protocol=https\nhost={CC_HOST}\npath=v1/repos/team\n\n", env)

    lines = dict(line.split("=", 1) for line in done.stdout.splitlines())
    expected = sign(CC_HOST, "/v1/repos/team", "eu-central-1",
                    ReadOnlyCredentials("ASIASTUDIO", "s3cret", "session"),
                    datetime.datetime.strptime(lines["password"][:15], "%Y%m%dT%H%M%S"))
    assert (lines["username"], lines["password"]) == expected


@needs_bare_python
def test_without_credentials_it_says_what_to_do_and_stops_git(tmp_path: Path) -> None:
    launcher = install(tmp_path / "helper", BARE_PYTHON)
    done = launch(launcher, f"protocol=https\nhost={CC_HOST}\npath=v1/repos/team\n\n",
                  {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.stdout == "quit=1\n"
    assert "no AWS credentials found" in done.stderr
    assert "execution role" in done.stderr


def test_without_any_python_it_says_so_and_stops_git(tmp_path: Path) -> None:
    launcher = install(tmp_path / "helper", str(tmp_path / "gone" / "python"))
    empty = tmp_path / "empty-path"
    empty.mkdir()
    done = launch(launcher, f"protocol=https\nhost={CC_HOST}\npath=v1/repos/team\n\n",
                  {"PATH": str(empty), "HOME": str(tmp_path)})
    assert done.stdout == "quit=1\n"
    assert "no Python 3 found" in done.stderr and "Install python3" in done.stderr


def test_the_files_are_refreshed_in_place(tmp_path: Path) -> None:
    launcher = install(tmp_path / "helper", "/old/python")
    first = launcher.read_text()
    install(tmp_path / "helper", sys.executable)
    assert launcher.read_text() != first and sys.executable in launcher.read_text()
    assert os.access(launcher, os.X_OK)
    assert sorted(p.name for p in (tmp_path / "helper").iterdir()) == [
        "dsws_codecommit_credential_helper.py", "git-credential-dsws-codecommit"]
