"""docs/openapi.yaml describes every route the extension registers, and what it answers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import body
from jsonschema import Draft202012Validator, ValidationError
from openapi_spec_validator import validate
from tornado import web

from jupyter_dsws.web import NotFoundHandler

SPEC_PATH = Path(__file__).parents[2] / "docs" / "openapi.yaml"
VERBS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text())


def registered_routes(serverapp, base_url: str) -> dict[str, set[str]]:
    """Spec-style path -> verbs, for every route of ours on the running server."""
    routes: dict[str, set[str]] = {}

    def walk(rules):
        for rule in rules:
            if hasattr(rule.target, "rules"):
                walk(rule.target.rules)
            elif rule.target is NotFoundHandler:
                continue  # any other path under dsws/: a 404, not a route
            elif getattr(rule.target, "__module__", "").startswith("jupyter_dsws"):
                pattern = rule.matcher.regex.pattern.rstrip("$")
                path = "/" + pattern[len(base_url):]
                path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)
                routes[path] = {
                    verb for verb in VERBS
                    if getattr(rule.target, verb) is not web.RequestHandler._unimplemented_method
                }

    walk(serverapp.web_app.default_router.rules)
    return routes


def schema_for(spec: dict, name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}",
                                 "components": spec["components"]})


def test_spec_is_valid_openapi(spec):
    validate(spec)


async def test_spec_and_server_have_the_same_routes(spec, jp_serverapp, jp_base_url):
    served = registered_routes(jp_serverapp, jp_base_url)
    documented = {path: {v for v in item if v in VERBS} for path, item in spec["paths"].items()}
    assert served == documented


async def test_status_answer_matches_the_spec(spec, jp_fetch):
    response = await jp_fetch("dsws", "status")
    schema_for(spec, "Status").validate(body(response))


def refs_named_alone(node) -> list[dict]:
    """Every ``{$ref: ...}`` in ``node`` but the parts of an ``allOf``."""
    if isinstance(node, list):
        return [ref for value in node for ref in refs_named_alone(value)]
    if not isinstance(node, dict):
        return []
    own = [node] if "$ref" in node else []
    return own + [ref for key, value in node.items() if key != "allOf"
                  for ref in refs_named_alone(value)]


def test_every_answer_schema_refuses_fields_it_does_not_name(spec):
    # A renamed or extra field breaks the browser side: the spec (and the live check of
    # every answer) must catch it. A schema that another extends cannot refuse the fields
    # it does not name (they would be the extension's), so each place naming it alone does.
    schemas = spec["components"]["schemas"]
    bases = {part["$ref"] for schema in schemas.values() for part in schema.get("allOf", [])}
    for name, schema in schemas.items():
        if "properties" in schema and f"#/components/schemas/{name}" not in bases:
            assert False in (schema.get("additionalProperties"),
                             schema.get("unevaluatedProperties")), name
    for ref in refs_named_alone(spec):
        assert ref["$ref"] not in bases or ref.get("unevaluatedProperties") is False, ref
    with pytest.raises(ValidationError, match="extra"):
        schema_for(spec, "RegistryApprovalEntry").validate(
            {"at": "x", "by": "y", "from": None, "to": "Approved", "comment": "", "extra": 1})
    folder_exists = {"error": "folder_exists", "message": "m", "suggested_path": "p"}
    schema_for(spec, "FolderExists").validate(folder_exists)
    with pytest.raises(ValidationError, match="extra"):
        schema_for(spec, "FolderExists").validate({**folder_exists, "extra": 1})
