"""A git credential helper for CodeCommit that signs with the instance's IAM role.

git runs it with ``get`` (after ``--region R``) and writes ``protocol=…``, ``host=…``,
``path=…`` on its standard input (the path only with ``credential.UseHttpPath true``). It
answers a SigV4-signed user name and password that CodeCommit accepts for 15 minutes,
computed the way the AWS CLI's ``aws codecommit credential-helper`` and
git-remote-codecommit do. Nothing is stored: ``store`` and ``erase`` are no-ops, so a
signed password never outlives the command.

This file is self-contained on purpose: the server copies it beside each user's clones
(``helper_files.py``), where any Python 3 runs it, with or without jupyter_dsws or
botocore installed (an app started without the lifecycle configuration, another image).
botocore, when there, finds credentials the way every AWS tool does; without it the
environment and the container credentials endpoint (Studio's way) are read directly.
Keep it to the standard library.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import hmac
import json
import os
import re
import sys
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import NamedTuple, TextIO

_CODECOMMIT_HOST = re.compile(
    r"^git-codecommit(?:-fips)?\.(?P<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2})\.amazonaws\.com(?:\.cn)?$"
)
# What botocore's container provider accepts besides https: the loopback, ECS and EKS.
_CONTAINER_HOSTS = ("127.0.0.1", "localhost", "[::1]", "169.254.170.2", "169.254.170.23",
                    "[fd00:ec2::23]")
PREFIX = "jupyter_dsws credential helper: "
NO_CREDENTIALS = (
    "no AWS credentials found. In Studio they come from the space's execution role "
    "(restart the space if it just started); elsewhere configure AWS credentials (an "
    "AWS_PROFILE, `aws configure`, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)."
)


class Credentials(NamedTuple):
    access_key: str
    secret_key: str
    token: str | None


def codecommit_region(host: str) -> str | None:
    """The region of a ``git-codecommit.<region>.amazonaws.com`` host, else None."""
    match = _CODECOMMIT_HOST.fullmatch(host.lower())
    return match["region"] if match else None


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


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def sign(host: str, path: str, region: str, credentials: Credentials,
         now: datetime.datetime) -> tuple[str, str]:
    """The (username, password) CodeCommit accepts for ``host`` and ``/path``.

    SigV4 of the pseudo-request ``GIT <path>`` with only the host signed and no payload
    hash line, as git-remote-codecommit and the AWS CLI compute it.
    """
    timestamp = now.strftime("%Y%m%dT%H%M%S")
    day = now.strftime("%Y%m%d")
    scope = f"{day}/{region}/codecommit/aws4_request"
    canonical = f"GIT\n{path}\n\nhost:{host}\n\nhost\n"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", timestamp, scope,
                         hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = _hmac(("AWS4" + credentials.secret_key).encode("utf-8"), day)
    for part in (region, "codecommit", "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    token = f"%{credentials.token}" if credentials.token else ""
    return credentials.access_key + token, f"{timestamp}Z{signature}"


def answer(fields: Mapping[str, str], region: str | None,
           credentials: Credentials | None,
           now: datetime.datetime) -> tuple[dict[str, str], str | None]:
    """The fields to print, or a reason why there are none."""
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
        return {}, NO_CREDENTIALS
    username, password = sign(host, "/" + path.lstrip("/"), region, credentials, now)
    return {"username": username, "password": password}, None


def find_credentials(environ: Mapping[str, str]) -> Credentials | None:
    """botocore's credential chain when botocore is installed, else the environment's keys
    and the container credentials endpoint. Raises ``CredentialsError`` saying why not."""
    try:
        import botocore.session
        from botocore.exceptions import BotoCoreError
    except ImportError:
        return _environment(environ) or _container(environ)
    try:
        found = botocore.session.Session().get_credentials()
        frozen = found.get_frozen_credentials() if found else None
    except BotoCoreError as exc:
        raise CredentialsError(str(exc)) from None
    if frozen is None:
        return None
    return Credentials(frozen.access_key, frozen.secret_key, frozen.token)


class CredentialsError(Exception):
    """Credentials are configured but could not be read."""


def _environment(environ: Mapping[str, str]) -> Credentials | None:
    key, secret = environ.get("AWS_ACCESS_KEY_ID"), environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        return Credentials(key, secret, environ.get("AWS_SESSION_TOKEN") or None)
    return None


def _container(environ: Mapping[str, str]) -> Credentials | None:
    relative = environ.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
    url = (f"http://169.254.170.2{relative}" if relative
           else environ.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
    if not url:
        return None
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    host = host if host.startswith("[") else host.split(":")[0]
    if not (parts.scheme == "https" or (parts.scheme == "http" and host in _CONTAINER_HOSTS)):
        raise CredentialsError("AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to "
                               f"a local address, not {parts.scheme}://{host}.")
    request = urllib.request.Request(url)  # noqa: S310 (the scheme is http(s), checked above)
    token = environ.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
    token_file = environ.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
    try:
        if token_file:
            with open(token_file, encoding="utf-8") as stream:
                token = stream.read().strip()
        if token:
            request.add_header("Authorization", token)
        # Never through a proxy from the environment: the endpoint is link-local.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=5) as response:
            data = json.loads(response.read(65536))
        return Credentials(data["AccessKeyId"], data["SecretAccessKey"], data.get("Token"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CredentialsError(f"the container credentials endpoint did not answer: "
                               f"{type(exc).__name__}.") from None


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin,
         stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr,
         environ: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(prog="git-credential-dsws-codecommit")
    parser.add_argument("--region", default=None,
                        help="Region to sign for when the host does not name one.")
    parser.add_argument("operation", help="get, store or erase (git's credential protocol).")
    args = parser.parse_args(argv)
    if args.operation != "get":
        return 0  # nothing is ever stored, so there is nothing to store or erase
    fields = read_request(stdin)
    if fields.get("protocol") not in ("https", "http") or not fields.get("host"):
        return 0
    problem = None
    try:
        credentials = find_credentials(environ)
    except CredentialsError as exc:
        credentials, problem = None, f"no AWS credentials: {exc}"
    found, reason = answer(fields, args.region, credentials,
                           datetime.datetime.now(datetime.timezone.utc))
    if reason == NO_CREDENTIALS:
        print(PREFIX + (problem or reason), file=stderr)
        # git would ask the terminal next and fail with "could not read Username": stop
        # here, so the sentence above is what the person reads.
        stdout.write("quit=1\n")
    elif reason:
        print(PREFIX + reason, file=stderr)
    for key, value in found.items():
        stdout.write(f"{key}={value}\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
