"""A git credential helper for CodeCommit that signs with the instance's IAM role.

git runs it as ``<python> -m jupyter_dsws.codecommit.credential_helper [--region R] get``
and writes ``protocol=…``, ``host=…``, ``path=…`` on its standard input (the path only with
``credential.UseHttpPath true``). It answers a SigV4-signed user name and password that
CodeCommit accepts for 15 minutes, computed the way the AWS CLI's
``aws codecommit credential-helper`` and git-remote-codecommit do. Nothing is stored:
``store`` and ``erase`` are no-ops, so a signed password never outlives the command.
"""

from __future__ import annotations

import argparse
import datetime
import shlex
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

from .validate import codecommit_region

if TYPE_CHECKING:  # botocore loads when git runs the helper, not with the server
    from botocore.credentials import ReadOnlyCredentials


def read_request(stream: TextIO) -> dict[str, str]:
    """git's credential description: ``key=value`` lines up to a blank line or the end."""
    fields: dict[str, str] = {}
    for line in stream:
        line = line.rstrip("\n")
        if not line:
            break
        key, sep, value = line.partition("=")
        if sep:
            fields[key] = value
    return fields


def sign(host: str, path: str, region: str, credentials: ReadOnlyCredentials,
         now: datetime.datetime) -> tuple[str, str]:
    """The (username, password) CodeCommit accepts for ``host`` and ``/path``."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest

    timestamp = now.strftime("%Y%m%dT%H%M%S")
    request = AWSRequest(method="GIT", url=f"https://{host}{path}")
    request.context["timestamp"] = timestamp
    signer = SigV4Auth(credentials, "codecommit", region)
    canonical = f"GIT\n{path}\n\nhost:{host}\n\nhost\n"
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    token = f"%{credentials.token}" if credentials.token else ""
    return credentials.access_key + token, f"{timestamp}Z{signature}"


def answer(fields: Mapping[str, str], region: str | None,
           credentials: ReadOnlyCredentials | None,
           now: datetime.datetime) -> tuple[dict[str, str], str | None]:
    """The fields to print, or a reason why there are none (git then tries what is next)."""
    host, path = fields.get("host", ""), fields.get("path", "")
    if fields.get("protocol") not in ("https", "http") or not host:
        return {}, None
    if not path:
        return {}, "credential.UseHttpPath is not true for this remote, so the repository " \
                   "path is unknown and no CodeCommit password can be signed."
    region = codecommit_region(host.split(":")[0]) or region
    if not region:
        return {}, f"{host} is not a CodeCommit host and no --region was given."
    if credentials is None:
        return {}, "no AWS credentials (in Studio they come from the execution role)."
    username, password = sign(host, "/" + path.lstrip("/"), region, credentials, now)
    return {"username": username, "password": password}, None


def _credentials() -> ReadOnlyCredentials | None:
    # Imported here: a helper run for a non-CodeCommit host need not build a session.
    import botocore.session

    session = botocore.session.Session()
    found = session.get_credentials()
    return found.get_frozen_credentials() if found else None


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin,
         stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    parser = argparse.ArgumentParser(prog="python -m jupyter_dsws.codecommit.credential_helper")
    parser.add_argument("--region", default=None,
                        help="Region to sign for when the host does not name one.")
    parser.add_argument("operation", help="get, store or erase (git's credential protocol).")
    args = parser.parse_args(argv)
    if args.operation != "get":
        return 0  # nothing is ever stored, so there is nothing to store or erase
    from ..aws import boto_errors

    fields = read_request(stdin)
    try:
        credentials = _credentials()
    except boto_errors() as exc:
        # git goes on without a password and says "Authentication failed": say why first.
        print(f"jupyter_dsws credential helper: no AWS credentials: {exc}", file=stderr)
        return 0
    found, reason = answer(fields, args.region, credentials,
                           datetime.datetime.now(datetime.timezone.utc))
    if reason:
        print(f"jupyter_dsws credential helper: {reason}", file=stderr)
    for key, value in found.items():
        stdout.write(f"{key}={value}\n")
    stdout.flush()
    return 0


def helper_command(python: str, region: str | None) -> str:
    """The ``credential.helper`` value.

    The leading ``!`` makes git run it as a shell command with the operation appended, so
    a Python path with spaces works once quoted, and no ``$@`` is needed (the AWS CLI's
    documented ``!aws codecommit credential-helper $@`` breaks when a wrapper script
    expands ``$@`` too early: aws/sagemaker-distribution#620).
    """
    parts = [shlex.quote(python), "-m", "jupyter_dsws.codecommit.credential_helper"]
    if region:
        parts += ["--region", shlex.quote(region)]
    return "!" + " ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
