"""The spec's ``components.schemas``, from the pydantic models (``scripts/gen_openapi.py``).

Requests as they validate, answers as they serialize (every field present), each model under
one name, without pydantic's generated titles, keywords in a reading order.

A model that extends another says so once: its schema is ``allOf`` its bases' schemas and
names only the fields it adds or narrows. JSON Schema cannot close a schema that another one
extends (a base's ``additionalProperties: false`` would refuse the subclass's fields), so a
base is open and each place that names it alone closes it there
(``{$ref: Base, unevaluatedProperties: false}``); a subclass closes itself the same way.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from jupyter_dsws.errors import ErrorBody
from jupyter_dsws.features import panels
from jupyter_dsws.wire import WireModel

#: Schema names: a feature's models get its prefix, error bodies lose "Body".
PREFIXES = {"idle": "Idle", "registry": "Registry"}
RENAMED = {"IdleEventModel": "IdleEvent", "InventoryRowOut": "InventoryRow"}
REF = "#/components/schemas/{model}"


class ContractError(Exception):
    """The handlers, models and prose do not fit together; the message says where."""


def schema_name(model: type[BaseModel]) -> str:
    name = RENAMED.get(model.__name__, model.__name__)
    if issubclass(model, ErrorBody):
        return name.removesuffix("Body") or "Error"
    feature = model.__module__.split(".")[1] if model.__module__.count(".") >= 2 else ""
    prefix = PREFIXES.get(feature, "")
    return name if name.startswith(prefix) else prefix + name


def error_models() -> dict[str, type[BaseModel]]:
    """Every error body the spec may name: ErrorBody and its subclasses in the models."""
    models: dict[str, type[BaseModel]] = {"Error": ErrorBody}
    for name in ("status", *panels()):
        module = importlib.import_module(f"jupyter_dsws.{name}.models")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, ErrorBody) and value is not ErrorBody:
                models[schema_name(value)] = value
    return models


def build_schemas(inputs: set[type[BaseModel]], outputs: set[type[BaseModel]]
                  ) -> dict[str, Any]:
    """components.schemas: request models as they validate, answers as they serialize."""
    inputs, outputs = _with_bases(inputs), _with_bases(outputs)
    both = inputs & outputs
    if both:
        raise ContractError(f"models both read and answered: {sorted(m.__name__ for m in both)}")
    pairs: list[tuple[type[BaseModel], Any]] = (
        [(m, "validation") for m in sorted(inputs, key=lambda m: m.__name__)]
        + [(m, "serialization") for m in sorted(outputs, key=lambda m: m.__name__)])
    _, top = models_json_schema(pairs, ref_template="#/$defs/{model}",
                                union_format="primitive_type_array")
    defs: dict[str, Any] = top.get("$defs", {})
    classes = _all_models(inputs | outputs)
    renames: dict[str, str] = {}
    for key in defs:
        model = classes.get(key)
        if model is None:
            raise ContractError(f"schema {key!r}: two models share a class name, or one is "
                                "both read and answered")
        renames[key] = schema_name(model)
    if len(set(renames.values())) != len(renames):
        raise ContractError(f"two models get the same schema name: {sorted(renames.values())}")
    answer_names = {renames[m.__name__] for m in _all_models(outputs).values()}
    schemas = {}
    for key, schema in defs.items():
        name = renames[key]
        schema = _rename_refs(clean(schema), renames)
        if name in answer_names:
            _every_field_present(schema)
        schemas[name] = schema
    bases_of = {renames[key]: [schema_name(b) for b in _bases(model)]
                for key, model in classes.items() if key in defs and _bases(model)}
    flat = dict(schemas)
    for name, bases in bases_of.items():
        schemas[name] = _extending(name, flat[name], {b: flat[b] for b in bases})
    for base in {b for bs in bases_of.values() for b in bs}:
        schemas[base] = {k: v for k, v in schemas[base].items() if k != "additionalProperties"}
    return dict(sorted(schemas.items()))


def extended(schemas: dict[str, Any]) -> set[str]:
    """The names of the schemas that another one extends (``allOf``)."""
    return {part["$ref"].rsplit("/", 1)[-1] for schema in schemas.values()
            for part in schema.get("allOf", [])}


def _bases(model: type[BaseModel]) -> list[type[BaseModel]]:
    """The models ``model`` extends directly (not pydantic's BaseModel, nor ``WireModel``,
    every wire model's base, which has no field)."""
    return [b for b in model.__bases__
            if issubclass(b, BaseModel) and b not in (BaseModel, WireModel)]


def _with_bases(models: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """``models`` and every model they extend, so that each base has a schema of its own."""
    found = set()
    stack = list(models)
    while stack:
        model = stack.pop()
        if model not in found:
            found.add(model)
            stack.extend(_bases(model))
    return found


def _extending(name: str, schema: dict[str, Any], bases: dict[str, dict[str, Any]]
               ) -> dict[str, Any]:
    """``schema`` (all the model's fields) as ``allOf`` its bases and the fields it adds or
    narrows (an ``allOf`` admits what every part admits, as the subclass does)."""
    inherited: dict[str, Any] = {}
    for base in bases.values():
        inherited.update(base.get("properties", {}))
    required = schema.get("required", [])
    if not set(inherited) <= set(schema.get("properties", {})) or any(
            n in required and n not in base.get("required", [])
            for base in bases.values() for n in base.get("properties", {})):
        raise ContractError(f"{name} drops a field of a model it extends, or requires one "
                            "that model does not")
    own = {n: p for n, p in schema.get("properties", {}).items() if inherited.get(n) != p}
    result = {k: schema[k] for k in ("description",) if k in schema}
    result["allOf"] = [{"$ref": REF.format(model=base)} for base in bases]
    result["type"] = "object"
    result["properties"] = own
    result["required"] = [n for n in required if n in own]
    if schema.get("additionalProperties") is False:
        result["unevaluatedProperties"] = False
    return result


def close_refs(spec: Any, bases: set[str]) -> Any:
    """Every ``$ref`` to a base that names it alone (not in an ``allOf``) closed there, as the
    base's own ``additionalProperties: false`` was; the bases themselves left open."""
    if isinstance(spec, list):
        return [close_refs(v, bases) for v in spec]
    if not isinstance(spec, dict):
        return spec
    if spec.get("$ref", "").removeprefix(REF.format(model="")) in bases:
        return {**spec, "unevaluatedProperties": False}
    return {k: v if k == "allOf" else close_refs(v, bases) for k, v in spec.items()}


def _all_models(roots: set[type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``roots`` through field annotations, by class name."""
    found: dict[str, type[BaseModel]] = {}
    stack = list(roots)
    while stack:
        model = stack.pop()
        if model.__name__ in found:
            if found[model.__name__] is not model:
                raise ContractError(f"two models are named {model.__name__}")
            continue
        found[model.__name__] = model
        for field in model.model_fields.values():
            stack.extend(_models_in(field.annotation))
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


_FIRST = ("description", "$ref", "type", "const", "enum", "format")
_LAST = ("properties", "required", "additionalProperties", "oneOf")


def clean(schema: Any) -> Any:
    """Without pydantic's generated titles (names already say it), ``anyOf: [{type: T, ...},
    {type: null}]`` written as ``type: [T, "null"]``, keywords in a reading order."""
    if isinstance(schema, list):
        return [clean(v) for v in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {k: ({n: clean(s) for n, s in v.items()} if k in _MAPS else clean(v))
              for k, v in schema.items() if not (k == "title" and isinstance(v, str))}
    options = schema.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str) and not set(other) & set(schema):
            del schema["anyOf"]
            schema.update(other)
            schema["type"] = [other["type"], "null"]
    if "null" in (schema.get("type") or []) and None not in schema.get("enum", [None]):
        schema["enum"] = [*schema["enum"], None]  # an enum must admit the null its type does
    first = [k for k in _FIRST if k in schema]
    last = [k for k in _LAST if k in schema]
    middle = [k for k in schema if k not in first and k not in last]
    return {k: schema[k] for k in first + middle + last}


#: Keywords whose value maps names to schemas (the names keep their order).
_MAPS = ("properties", "$defs", "patternProperties")


def _rename_refs(schema: Any, renames: dict[str, str]) -> Any:
    if isinstance(schema, dict):
        return {k: (REF.format(model=renames[v.removeprefix("#/$defs/")]) if k == "$ref"
                    else _rename_refs(v, renames)) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_rename_refs(v, renames) for v in schema]
    return schema


def _every_field_present(schema: dict[str, Any]) -> None:
    """An answer always has every field (``model_dump`` writes defaults too), no others."""
    if "properties" in schema:
        schema["required"] = list(schema["properties"])
        schema["additionalProperties"] = False
        for prop in schema["properties"].values():
            prop.pop("default", None)
