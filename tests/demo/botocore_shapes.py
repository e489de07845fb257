"""Checks an emulated answer against botocore's service model, as it came over the wire."""

from __future__ import annotations

import json
from typing import Any


def conforms(value: Any, shape: Any, where: str = "") -> list[str]:
    """What in ``value`` (an answer's JSON) the botocore shape does not allow."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        problems = [f"{where}.{k}: not in {shape.name}" for k in value if k not in shape.members]
        problems += [f"{where}.{k}: required" for k in shape.required_members if k not in value]
        for key, item in value.items():
            if key in shape.members:
                problems += conforms(item, shape.members[key], f"{where}.{key}")
        return problems
    if kind == "list":
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, item in enumerate(value) for p in conforms(item, shape.member,
                                                                    f"{where}[{i}]")]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        return [p for k, item in value.items() for p in conforms(item, shape.value,
                                                                 f"{where}.{k}")]
    expected = {"string": str, "timestamp": (int, float), "boolean": bool,
                "integer": int, "long": int, "double": (int, float), "float": (int, float)}
    if kind in expected and not isinstance(value, expected[kind]):
        return [f"{where}: {type(value).__name__}, not {kind}"]
    if kind == "string" and shape.enum and value not in shape.enum:
        return [f"{where}: {value!r} not one of {shape.enum}"]
    return []


class WireAnswers:
    """Every answer a boto3 client receives, as the JSON that came over the wire, by
    operation; and a check of each against the operation's output shape."""

    def __init__(self, *clients: Any) -> None:
        self.bodies: dict[str, list[Any]] = {}
        self.models: dict[str, Any] = {}
        for client in clients:
            client.meta.events.register("after-call", self._record)

    def _record(self, http_response: Any, model: Any, **_: Any) -> None:
        body = http_response.content
        self.models[model.name] = model
        self.bodies.setdefault(model.name, []).append(
            json.loads(body) if body.strip() else None)

    def problems(self) -> dict[str, list[str]]:
        """Operation -> what its answers have that its output shape does not allow."""
        found: dict[str, list[str]] = {}
        for name, bodies in self.bodies.items():
            shape = self.models[name].output_shape
            for body in bodies:
                if shape is None:
                    issues = [] if body in (None, {}) else [f"{name}: answered {body!r}"]
                else:
                    issues = conforms(body, shape, name)
                if issues:
                    found.setdefault(name, []).extend(issues)
        return found
