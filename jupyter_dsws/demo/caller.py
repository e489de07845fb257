"""Who is calling the emulator, read the way moto reads it: from the request's signature."""

from __future__ import annotations

import os
import re
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.iam.models import get_account_id_from

_CREDENTIAL = re.compile(r"Credential=(?P<key>[^/\s,]+)/\d{8}/(?P<region>[^/\s,]+)/")


def access_key_id(environ: dict[str, Any]) -> str | None:
    """The access key id the request was signed with, if it was signed."""
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    return match["key"] if match else None


def caller(environ: dict[str, Any]) -> tuple[str, str]:
    """Account and region the way moto picks them: env, header, then the access key."""
    match = _CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
    region = match["region"] if match else "us-east-1"
    account = (os.environ.get("MOTO_ACCOUNT_ID") or environ.get("HTTP_X_MOTO_ACCOUNT_ID")
               or (get_account_id_from(match["key"]) if match else DEFAULT_ACCOUNT_ID))
    return account, region
