"""Reading a request's JSON body strictly, and saying what is wrong with it: plain
functions, tested without a server."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from .errors import InvalidInput, echo


def parse_json_body(body: bytes) -> Any:
    """The body as JSON (an empty body is ``{}``); 400 ``invalid_json`` when it is not."""
    try:
        text = body.decode("utf-8")
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
