"""How a route states its contract: ``@api`` on a verb, read back by ``operation``.

A verb's ``query`` and ``body`` parameters are pydantic models read from the query string
and the JSON body (400 naming each bad field), and its return annotation is the model it
answers with. The annotations are read at the verb's first request, with the names of its
slice's ``models.py`` and of ``wire.py``: a handler module imports its models only for the
type checker, so that the server starts without building them. ``scripts/gen_openapi.py``
reads the same declarations to write docs/openapi.yaml, so the spec is what the server does.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    from .web import DSWSHandler

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


def _names(function: Verb) -> dict[str, Any]:
    """The names a verb's annotations may use: ``wire.py``'s, its slice's ``models.py``'s
    (imported now), then its own module's."""
    names: dict[str, Any] = {}
    package = function.__module__.rpartition(".")[0]
    for module in (f"{__package__}.wire", *([f"{package}.models"] if package else [])):
        if importlib.util.find_spec(module) is not None:
            names.update(vars(importlib.import_module(module)))
    names.update(function.__globals__)
    return names


@functools.cache
def _resolve(function: Verb, status: int) -> Operation:
    hints = typing.get_type_hints(function, globalns=_names(function))

    def model(name: str) -> type[BaseModel] | None:
        hint = hints.get(name)
        if hint is None or hint is type(None):
            return None
        if not (isinstance(hint, type) and issubclass(hint, BaseModel)):
            raise TypeError(f"{function.__qualname__}: {name} must be a pydantic model")
        return hint

    return Operation(status=status, answer=model("return"), query=model("query"),
                     body=model("body"))
