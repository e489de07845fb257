"""The credential helper speaks git's credential protocol and never stores anything."""

from __future__ import annotations

import datetime
import subprocess
import sys

from botocore.credentials import ReadOnlyCredentials

from jupyter_dsws.codecommit.credential_helper import answer, helper_command, sign

NOW = datetime.datetime(2026, 11, 25, 12, 0, 0)


def run_helper(operation: str, stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jupyter_dsws.codecommit.credential_helper",
                           *args, operation], input=stdin, capture_output=True, text=True,
                          timeout=30, check=True)


def test_it_signs_for_the_codecommit_host_and_path(credentials: ReadOnlyCredentials) -> None:
    fields = {"protocol": "https", "host": "git-codecommit.eu-central-1.amazonaws.com",
              "path": "v1/repos/team"}
    found, reason = answer(fields, None, credentials, NOW)
    assert reason is None
    assert found["username"] == credentials.access_key
    assert found["password"].startswith("20261125T120000Z")
    # The signature binds the region (from the host), the path and the time.
    assert found["password"] == sign("git-codecommit.eu-central-1.amazonaws.com",
                                     "/v1/repos/team", "eu-central-1", credentials, NOW)[1]
    other, _ = answer({**fields, "path": "v1/repos/other"}, None, credentials, NOW)
    assert other["password"] != found["password"]


def test_without_the_path_it_says_why_it_cannot_sign(credentials: ReadOnlyCredentials) -> None:
    found, reason = answer({"protocol": "https", "host": "git-codecommit.eu-central-1."
                            "amazonaws.com"}, None, credentials, NOW)
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
    command = helper_command("/opt/my env/bin/python", "eu-west-1")
    assert command == ("!'/opt/my env/bin/python' -m jupyter_dsws.codecommit.credential_helper "
                       "--region eu-west-1")
    assert "$@" not in command
