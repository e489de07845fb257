"""Errors that services raise and the base handler turns into JSON responses.

Services never import tornado: they raise these, and ``web.py`` maps them once. A message
that repeats what a person sent passes it through ``echo`` first.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from .wire import WireModel

#: How much of one input a message repeats.
ECHO_LIMIT = 200


def echo(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a message may repeat it: about ``limit`` characters of it at most, with
    control, bidirectional-override, zero-width and other invisible characters written as
    escapes (``\\u202e``), so that what a person reads is what was sent, and never a flood."""
    whole = str(text)
    shown: list[str] = []
    length = 0
    for ch in whole:
        if length >= limit:
            return "".join(shown) + f"… ({len(whole):,} characters)"
        part = ch if ch.isprintable() else _escape(ch)
        shown.append(part)
        length += len(part)
    return "".join(shown)


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class ErrorBody(WireModel):
    """What every refusal answers; some carry more (InvalidCsv, FolderExists, QuotaExceeded)."""

    model_config = ConfigDict(extra="forbid")

    error: str = Field(description="A stable code, e.g. access_denied, endpoint_unreachable, "
                                   "invalid_input.")
    message: str = Field(description="What happened and what to do, for a person.")


class DSWSError(Exception):
    """An error a person can act on: an HTTP status, a stable code and a sentence."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status
        self.headers = dict(headers or {})

    def to_json(self) -> dict[str, object]:
        return ErrorBody(error=self.code, message=self.message).model_dump()


class InvalidInput(DSWSError):
    status = 400
    code = "invalid_input"


class NotAllowed(DSWSError):
    status = 403
    code = "access_denied"


class NotFound(DSWSError):
    status = 404
    code = "not_found"


class Conflict(DSWSError):
    status = 409
    code = "conflict"


class Throttled(DSWSError):
    status = 429
    code = "throttled"


class AwsThrottled(DSWSError):
    """AWS throttled a call even after its retries, and no earlier answer could stand in.

    503 with ``Retry-After``, so that a browser or script tries again later; the message
    names the AWS call."""

    status = 503
    code = "throttled"
    throttled = True


class AwsUpstreamError(DSWSError):
    """AWS (or the emulator) answered with a server error or with something that is not AWS."""

    status = 502
    code = "aws_error"


class Unavailable(DSWSError):
    """Something the server needs is not there: an endpoint, credentials, a region."""

    status = 503
    code = "unavailable"
