"""Our opaque page cursor: the API's own NextToken, base64url without padding."""

from __future__ import annotations

import base64
import binascii

from ..errors import InvalidInput

_PREFIX = "t1."  # so that a cursor from another list or a hand-made string fails clearly


def encode(token: str | None) -> str | None:
    if not token:
        return None
    return _PREFIX + base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


def decode(cursor: str | None) -> str | None:
    """The NextToken inside ``cursor``; None for the first page; 400 for a bad cursor."""
    if cursor is None or cursor == "":
        return None
    if not cursor.startswith(_PREFIX):
        raise InvalidInput("The page cursor 'next' is not one this server gave out; start from "
                           "the first page (no 'next').", code="bad_cursor")
    body = cursor[len(_PREFIX):]
    try:
        token = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        token = ""
    if not token:
        raise InvalidInput("The page cursor 'next' is damaged; start from the first page "
                           "(no 'next').", code="bad_cursor")
    return token


def rejects_token(code: str, message: str) -> bool:
    """Whether SageMaker's error (``code``, ``message``) refuses the NextToken we sent (forged,
    or stale because the list changed). The AWS layer reads ``InvalidToken`` as rejected
    credentials, which is what it means elsewhere; after a cursor from the browser it is the
    cursor."""
    return code == "InvalidToken" or (code == "ValidationException"
                                      and "token" in message.lower())


def stale() -> InvalidInput:
    return InvalidInput("The page cursor 'next' is no longer valid: the list changed since it "
                        "was given out, or the cursor is not one SageMaker accepts. Start "
                        "again from the first page (no 'next').", code="bad_cursor")
