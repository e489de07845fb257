"""Errors that services raise and the base handler turns into JSON responses.

Services never import tornado: they raise these, and ``web.py`` maps them once.
"""

from __future__ import annotations


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

    def to_json(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


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


class AwsUpstreamError(DSWSError):
    """AWS (or the emulator) answered with a server error or with something that is not AWS."""

    status = 502
    code = "aws_error"


class Unavailable(DSWSError):
    """Something the server needs is not there: an endpoint, credentials, a region."""

    status = 503
    code = "unavailable"
