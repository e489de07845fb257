"""The base handler every route of the extension uses.

It gives one JSON error shape, ``{"error": code, "message": text}``, for everything that
can go wrong: our own ``DSWSError``s (raised by services), tornado's ``HTTPError``s
(authorization, XSRF, bad JSON) and, as a last resort, bugs (500, details only in the log).
Handlers stay thin: read the body into a pydantic model, call a service, send a model.
"""

from __future__ import annotations

import json
from http.client import responses
from typing import Any, TypeVar

from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel, ValidationError
from tornado.web import HTTPError

from .errors import DSWSError, InvalidInput

M = TypeVar("M", bound=BaseModel)

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "throttled",
}


class DSWSHandler(ExtensionHandlerMixin, APIHandler):
    """Base for all handlers under ``{base_url}dsws/``; verbs are ``@authenticated @authorized``."""

    auth_resource = "dsws"

    @property
    def dsws(self) -> Any:
        """The running ``DSWSExtension``."""
        return self.extensionapp

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        # One deadline for every AWS call this request makes, retries included.
        self.dsws.aws.begin_request()

    def read_body(self, model: type[M]) -> M:
        """The JSON body as ``model``; a 400 that names each bad field otherwise."""
        body = self.get_json_body()
        if body is None:
            body = {}
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            raise InvalidInput(describe_validation_error(exc)) from None

    def send(self, payload: BaseModel | dict[str, Any] | list[Any], status: int = 200) -> None:
        self.set_status(status)
        if isinstance(payload, BaseModel):
            self.finish(payload.model_dump_json())
        else:
            self.finish(json.dumps(payload))

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, DSWSError):
            self.log.info("dsws %s %s -> %s %s", self.request.method, self.request.path,
                          value.status, value.code)
            return
        super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        if isinstance(exc, DSWSError):
            self.set_status(exc.status)
            for name, value in exc.headers.items():
                self.set_header(name, value)
            body = exc.to_json()
        elif isinstance(exc, HTTPError):
            body = {
                "error": _HTTP_CODES.get(status_code, f"http_{status_code}"),
                "message": exc.log_message or exc.reason or responses.get(status_code, "Error"),
            }
        else:
            body = {
                "error": "internal_error",
                "message": "jupyter_dsws failed unexpectedly; the server log has the details.",
            }
        self.finish(json.dumps(body))


def describe_validation_error(exc: ValidationError) -> str:
    """One sentence per bad field, e.g. ``timeout_minutes: Input should be greater than 0``."""
    parts = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(p) for p in error.get("loc", ())) or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts) + "."
