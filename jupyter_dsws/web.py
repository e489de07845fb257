"""The base handler every route of the extension uses, and how a route states its contract.

It gives one JSON error shape, ``{"error": code, "message": text}``, for everything that
can go wrong: our own ``DSWSError``s (raised by services), tornado's ``HTTPError``s
(authorization, XSRF, a verb the route lacks), input that is not what the route takes, and,
as a last resort, bugs (500, details only in the log). Any other path under ``dsws/`` is a
JSON 404 (``NotFoundHandler``).

A verb declares its contract with ``@api`` (``contract``, imported here for the handlers);
the body's JSON rules and validation messages are in ``web_input``.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable
from http.client import responses
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel, ValidationError
from tornado import web
from tornado.web import HTTPError

from .contract import Operation, api, operation
from .errors import DSWSError, InvalidInput, NotFound, echo
from .people import Person, person_of
from .web_input import describe_validation_error, parse_json_body

__all__ = ["DSWSHandler", "NotFoundHandler", "Operation", "PanelHandler", "ServiceHandler", "api",
           "operation"]

if TYPE_CHECKING:
    from .app import DSWSExtension

M = TypeVar("M", bound=BaseModel)
S = TypeVar("S")

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
VERBS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
#: A message longer than this is cut (each echo of input is cut much earlier, see ``echo``).
MESSAGE_LIMIT = 2000


class DSWSHandler(ExtensionHandlerMixin, APIHandler):
    """Base for all handlers under ``{base_url}dsws/``; verbs are ``@authenticated @authorized``."""

    auth_resource = "dsws"

    @property
    def dsws(self) -> DSWSExtension:
        """The running ``DSWSExtension``."""
        return self.extensionapp  # type: ignore[return-value]

    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        # One deadline for every AWS call this request makes, retries included.
        self.dsws.aws.begin_request()

    @property
    def person(self) -> Person | None:
        """Who sent this request, as the server's identity provider names them: for the
        record only (``people.py``), never to allow or refuse anything."""
        return person_of(self.current_user)

    # -- input ---------------------------------------------------------------------------

    def json_body(self) -> Any:
        """The body as JSON (an empty body is ``{}``); 400 ``invalid_json`` when it is not."""
        return parse_json_body(self.request.body)

    def inspect_body(self, raw: Any) -> None:
        """Look at the parsed JSON body before it is validated, e.g. for a 403 that must come
        before any 400. Does nothing unless a handler overrides it."""

    def read_body(self, model: type[M]) -> M:
        """The JSON body as ``model``, strictly (``"12"`` is not a number, ``1`` not a
        boolean); a 400 that names each bad field otherwise."""
        raw = self.json_body()
        self.inspect_body(raw)
        try:
            return model.model_validate(raw, strict=True)
        except ValidationError as exc:
            raise InvalidInput(describe_validation_error(exc)) from None

    def read_query(self, model: type[M]) -> M:
        """The query string as ``model``: a list field takes every value of its name, any
        other field the last one; names the model does not have are ignored. A refusal's
        code is the model's ``error_code`` when it has one."""
        values: dict[str, Any] = {}
        for name, field in model.model_fields.items():
            given = self.get_query_arguments(field.alias or name, strip=False)
            if given:
                values[name] = given if typing.get_origin(field.annotation) is list else given[-1]
        try:
            return model.model_validate(values)
        except ValidationError as exc:
            raise InvalidInput(describe_validation_error(exc),
                               code=getattr(model, "error_code", None)) from None

    # -- output --------------------------------------------------------------------------

    def send(self, payload: BaseModel | dict[str, Any] | list[Any], status: int = 200) -> None:
        self.set_status(status)
        if isinstance(payload, BaseModel):
            self.finish(payload.model_dump_json())
        else:
            self.finish(json.dumps(payload))

    @classmethod
    def allowed_methods(cls) -> list[str]:
        """The verbs this route has, for 405's ``Allow``."""
        return [verb for verb in VERBS
                if getattr(cls, verb.lower()) is not web.RequestHandler._unimplemented_method]

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
            if status_code == 405:
                allowed = self.allowed_methods()
                self.set_header("Allow", ", ".join(allowed))
                body["message"] = (f"{echo(self.request.method, 20)} is not a verb of "
                                   f"{echo(self.request.path)}; it takes "
                                   f"{', '.join(allowed)}.")
        else:
            body = {
                "error": "internal_error",
                "message": "jupyter_dsws failed unexpectedly; the server log has the details.",
            }
        # The last guard: whatever a message repeats, it stays readable and short.
        body["message"] = echo(body["message"], MESSAGE_LIMIT)
        self.finish(json.dumps(body))


class ServiceHandler(DSWSHandler, Generic[S]):
    """A handler whose route gives it its service, as jupyter_server's handlers get theirs:
    ``(pattern, Handler, {"service": get_service})``, ``get_service`` a zero-argument function
    (so that a service built at the first request is not built at start-up)."""

    def initialize(self, name: str, service: Callable[[], S]) -> None:  # type: ignore[override]
        super().initialize(name)
        self._get_service = service

    @property
    def service(self) -> S:
        return self._get_service()


class PanelHandler(ServiceHandler[S]):
    """A panel's routes: its reads (GET) refresh what it shows, which is not a person's
    activity on the server; its writes (checking, connecting, approving...) are."""

    @property
    def _track_activity(self) -> bool:  # type: ignore[override]
        return self.request.method != "GET"


class NotFoundHandler(DSWSHandler):
    """Any path under ``dsws/`` that no route matches: a JSON 404, whatever the verb.

    Registered after every route (``app.py``), so it only sees what they do not take.
    """

    _track_activity = False

    @web.authenticated
    @authorized
    def get(self, *args: str) -> None:
        raise NotFound(f"jupyter_dsws has no route {echo(self.request.path)}; see "
                       "docs/openapi.yaml for the routes and their path parameters.")

    # Every verb answers alike; @authorized reads the verb from the request, not the name.
    head = post = put = patch = delete = get
