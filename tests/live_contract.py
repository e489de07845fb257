"""Every answer a route of ours gives, in any test, checked against docs/openapi.yaml.

tests/conftest.py records each answer (``DSWSHandler.finish``) and, when the test ends,
fails it on an answer the spec does not describe: a status the operation does not list, a
body that does not match the status's schema, an error message that is long or holds
invisible characters. So the spec is checked against what the server really says, in
every situation a test puts it in, without a line in the tests themselves.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

SPEC_PATH = Path(__file__).parents[1] / "docs" / "openapi.yaml"
#: As jupyter_dsws.web.MESSAGE_LIMIT, plus the "… (n characters)" an echo ends with.
MESSAGE_LIMIT = 2100


@dataclass(frozen=True)
class Answer:
    method: str
    path: str
    status: int
    body: bytes
    #: Whether our NotFoundHandler gave it (a path no route takes).
    unrouted: bool


@functools.cache
def _spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@functools.cache
def _paths() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$"), path)
            for path in _spec()["paths"]]


@functools.cache
def _validator(schema_json: str) -> Draft202012Validator:
    return Draft202012Validator({**json.loads(schema_json), "components": _spec()["components"]})


def _schema(response: dict[str, Any]) -> dict[str, Any] | None:
    if "$ref" in response:
        response = _spec()["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    return ((response.get("content") or {}).get("application/json") or {}).get("schema")


def problem(answer: Answer) -> str | None:
    """What is wrong with ``answer`` by the spec; None when nothing is."""
    where = f"{answer.method} {answer.path} -> {answer.status}"
    relative = answer.path[answer.path.index("/dsws"):] if "/dsws" in answer.path else ""
    template = next((path for regex, path in _paths() if regex.match(relative)), None)
    error_schema: dict[str, Any] = {"$ref": "#/components/schemas/Error",
                                    "unevaluatedProperties": False}
    if answer.unrouted or template is None:
        expected: dict[str, Any] | None = error_schema if answer.status in (403, 404) else None
        if expected is None:
            return f"{where}: a path no route takes answers only 404 (or 403)"
    else:
        operation = _spec()["paths"][template].get(answer.method.lower())
        if operation is None:
            if answer.status not in (403, 405):
                return f"{where}: a verb the path lacks answers only 405 (or 403)"
            expected = error_schema
        else:
            response = operation["responses"].get(str(answer.status))
            if response is None:
                return (f"{where}: docs/openapi.prose.yaml does not list {answer.status} for "
                        f"{answer.method} {template}")
            expected = _schema(response)
    if expected is None:
        return None if not answer.body else f"{where}: the spec says no body, there is one"
    try:
        body = json.loads(answer.body)
    except ValueError:
        return f"{where}: not JSON"
    errors = sorted(_validator(json.dumps(expected)).iter_errors(body), key=str)
    if errors:
        return f"{where}: {errors[0].message} at {list(errors[0].absolute_path)}"
    message = body.get("message") if answer.status >= 400 and isinstance(body, dict) else None
    if isinstance(message, str) and (len(message) > MESSAGE_LIMIT
                                     or not all(ch.isprintable() for ch in message)):
        return f"{where}: the message is long or holds invisible characters: {message[:200]!r}"
    return None
