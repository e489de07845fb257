"""The base handler every route of the extension uses, and how a route states its contract.

It gives one JSON error shape, ``{"error": code, "message": text}``, for everything that
can go wrong: our own ``DSWSError``s (raised by services), tornado's ``HTTPError``s
(authorization, XSRF, a verb the route lacks), input that is not what the route takes, and,
as a last resort, bugs (500, details only in the log). Any other path under ``dsws/`` is a
JSON 404 (``NotFoundHandler``).

A verb declares its contract with ``@api``: its ``query`` and ``body`` parameters are
pydantic models read from the query string and the JSON body (400 naming each bad field),
and its return annotation is the model it answers with. ``scripts/gen_openapi.py`` reads
the same declarations to write docs/openapi.yaml, so the spec is what the server does.
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http.client import responses
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from pydantic import BaseModel, ValidationError
from tornado import web
from tornado.web import HTTPError

from .errors import DSWSError, InvalidInput, NotFound, echo

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

    # -- input ---------------------------------------------------------------------------

    def json_body(self) -> Any:
        """The body as JSON (an empty body is ``{}``); 400 ``invalid_json`` when it is not."""
        try:
            text = self.request.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"The request body is not UTF-8 text (byte {exc.start + 1} is "
                               "not); send JSON encoded as UTF-8.", code="invalid_json") from None
        if not text.strip():
            return {}
        try:
            value = json.loads(text, parse_constant=_refuse_constant)
            _refuse_lone_surrogates(value)
        except (ValueError, RecursionError) as exc:
            reason = echo(exc) if isinstance(exc, ValueError) else "nested too deeply"
            raise InvalidInput(f"The request body is not JSON ({reason}).",
                               code="invalid_json") from None
        return value

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


class NotFoundHandler(DSWSHandler):
    """Any path under ``dsws/`` that no route matches: a JSON 404, whatever the verb.

    Registered after every route (``app.py``), so it only sees what they do not take.
    """

    _track_activity = False

    def _missing(self) -> None:
        raise NotFound(f"jupyter_dsws has no route {echo(self.request.path)}; see "
                       "docs/openapi.yaml for the routes and their path parameters.")

    @web.authenticated
    @authorized
    def get(self, *args: str) -> None:
        self._missing()

    @web.authenticated
    @authorized
    def head(self, *args: str) -> None:
        self._missing()

    @web.authenticated
    @authorized
    def post(self, *args: str) -> None:
        self._missing()

    @web.authenticated
    @authorized
    def put(self, *args: str) -> None:
        self._missing()

    @web.authenticated
    @authorized
    def patch(self, *args: str) -> None:
        self._missing()

    @web.authenticated
    @authorized
    def delete(self, *args: str) -> None:
        self._missing()


# -- the contract of a verb ----------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """What ``@api`` declares about one verb of a route."""

    #: The status of a successful answer.
    status: int
    #: The model it answers with; None for an answer without a body (204).
    answer: type[BaseModel] | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None


_OPERATION = "__dsws_operation__"
Verb = Callable[..., Awaitable[Any]]


def api(method: Verb | None = None, *, status: int = 200) -> Any:
    """Declare a verb's contract by its signature and have it carried out.

    ``async def post(self, body: CloneRequest) -> CloneStarted``: the body is read into
    ``CloneRequest`` (400 otherwise), the returned model is sent with ``status``. A
    ``query`` parameter is read from the query string the same way. Put it below
    ``@web.authenticated`` and ``@authorized``.
    """

    def decorate(function: Verb) -> Verb:
        @functools.wraps(function)
        async def verb(self: DSWSHandler, *args: Any, **kwargs: Any) -> None:
            contract = operation(verb)
            assert contract is not None
            if contract.query is not None:
                kwargs["query"] = self.read_query(contract.query)
            if contract.body is not None:
                kwargs["body"] = self.read_body(contract.body)
            result = await function(self, *args, **kwargs)
            if contract.answer is None:
                self.set_status(contract.status)
                self.finish()
                return
            if not isinstance(result, contract.answer):
                raise TypeError(f"{type(self).__name__}.{function.__name__} returned "
                                f"{type(result).__name__}, not {contract.answer.__name__}")
            self.send(result, status=contract.status)

        setattr(verb, _OPERATION, (function, status))
        return verb

    return decorate(method) if method is not None else decorate


def operation(method: Any) -> Operation | None:
    """The contract ``@api`` declared on ``method`` (a handler's verb), or None."""
    declared = getattr(method, _OPERATION, None)
    return None if declared is None else _resolve(*declared)


@functools.cache
def _resolve(function: Verb, status: int) -> Operation:
    hints = typing.get_type_hints(function)

    def model(name: str) -> type[BaseModel] | None:
        hint = hints.get(name)
        if hint is None or hint is type(None):
            return None
        if not (isinstance(hint, type) and issubclass(hint, BaseModel)):
            raise TypeError(f"{function.__qualname__}: {name} must be a pydantic model")
        return hint

    return Operation(status=status, answer=model("return"), query=model("query"),
                     body=model("body"))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _refuse_lone_surrogates(value: Any) -> None:
    """JSON's ``"\\ud800"`` escapes decode to a string no file or log can hold: refuse it."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError("a \\u escape names half a character") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def describe_validation_error(exc: ValidationError) -> str:
    """One sentence per bad field, e.g. ``timeout_minutes: Input should be greater than 0``."""
    errors = exc.errors(include_url=False)
    parts = []
    for error in errors[:_ERRORS_NAMED]:
        where = ".".join(str(p) for p in error.get("loc", ())) or "body"
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{echo(where, 80)}: {message}")
    if len(errors) > _ERRORS_NAMED:
        parts.append(f"and {len(errors) - _ERRORS_NAMED} more")
    return "Invalid request: " + "; ".join(parts) + "."


_ERRORS_NAMED = 10
