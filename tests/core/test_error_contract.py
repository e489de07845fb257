"""Whatever a client sends under ``dsws/``, the answer is ours: JSON ``{"error", "message"}``
for every refusal, never a traceback or tornado's HTML page, and never more of the input
than a person needs to see."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import wait_for
from jsonschema import Draft202012Validator
from tornado.httpclient import HTTPClientError

SPEC = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())
SAMPLE_PATH_VALUES = {"group": "g", "version": "1", "id": "0" * 32, "run_id": "0" * 32,
                      "experiment_id": "1", "key": "loss", "cluster_id": "j-ABC123",
                      "application_id": "00abc123"}
RTL = "\u202e"


def operations(with_body: bool) -> list[tuple[str, str]]:
    found = []
    for path, item in SPEC["paths"].items():
        for verb, operation in item.items():
            if verb in ("get", "put", "post", "patch", "delete") and (
                    ("requestBody" in operation) == with_body):
                found.append((verb.upper(), path))
    return found


def concrete(path: str) -> list[str]:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE_PATH_VALUES[m[1]], path).strip("/").split("/")


async def answer(jp_fetch, *parts: str, **kwargs: Any) -> tuple[int, dict, Any]:
    try:
        response = await jp_fetch(*parts, **kwargs)
    except HTTPClientError as error:
        response = error.response
        return error.code, json.loads(response.body), response
    return response.code, json.loads(response.body or b"null"), response


def assert_our_error(body: Any) -> None:
    assert set(body) >= {"error", "message"}, body
    assert isinstance(body["error"], str) and isinstance(body["message"], str)


def test_the_thirteen_body_routes_are_the_ones_checked_here():
    # the issue found 8; idle/activity, experiments register, emr connect, examples/copy
    # and preferences are new
    assert len(operations(with_body=True)) == 13


@pytest.mark.parametrize(("verb", "path"), operations(with_body=True))
async def test_a_body_that_is_not_utf8_is_a_400_in_our_shape(jp_fetch, verb, path):
    code, body, _ = await answer(jp_fetch, *concrete(path), method=verb, body=b"\xff{}",
                                 headers={"Content-Type": "application/json"})
    assert code == 400
    assert_our_error(body)
    assert body["error"] == "invalid_json"
    assert "UTF-8" in body["message"]


@pytest.mark.parametrize("payload", [b"NaN", b'{"a": Infinity}', b"[" * 100_000, b"{} {}"])
async def test_what_is_not_json_is_a_400_in_our_shape(jp_fetch, payload):
    code, body, _ = await answer(jp_fetch, "dsws", "instances", "recommend", method="POST",
                                 body=payload)
    assert code == 400
    assert body["error"] == "invalid_json"


@pytest.mark.parametrize("path", [
    "dsws/registry/groups/g/versions/1234567890",
    "dsws/registry/groups/g/versions/abc",
    "dsws/registry/groups/g/versions/-1",
    "dsws/codecommit/clone/NOT-HEX",
    "dsws/codecommit/clone/" + "a" * 33,
    "dsws/no-such-route",
    "dsws/",
])
@pytest.mark.parametrize("verb", ["GET", "POST", "DELETE"])
async def test_a_path_under_dsws_that_matches_no_route_is_a_json_404(jp_fetch, path, verb):
    code, body, response = await answer(jp_fetch, *path.split("/"), method=verb,
                                        allow_nonstandard_methods=True,
                                        body=None if verb in ("GET", "DELETE") else "{}")
    assert code == 404
    assert response.headers["Content-Type"].startswith("application/json")
    assert body["error"] == "not_found"
    assert_our_error(body)


@pytest.mark.parametrize(("verb", "path", "allowed"), [
    ("DELETE", "dsws/status", "GET"),
    ("POST", "dsws/idle", "GET, PUT"),
    ("GET", "dsws/idle/keep", "POST"),
    ("PUT", "dsws/codecommit/clone/" + "0" * 32, "GET, DELETE"),
])
async def test_a_verb_a_route_lacks_is_a_json_405_with_allow(jp_fetch, verb, path, allowed):
    code, body, response = await answer(jp_fetch, *path.split("/"), method=verb,
                                        allow_nonstandard_methods=True,
                                        body=None if verb in ("GET", "DELETE") else "{}")
    assert code == 405
    assert response.headers["Allow"] == allowed
    assert body["error"] == "method_not_allowed"


# -- the spec says exactly what the server accepts ----------------------------------------

def spec_accepts(verb: str, path: str, params: dict[str, list[str]], payload: Any) -> bool:
    operation = SPEC["paths"][path][verb.lower()]
    components = {"components": SPEC["components"]}
    if "requestBody" in operation:
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        if not Draft202012Validator({**schema, **components}).is_valid(payload):
            return False
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query":
            continue
        values = params.get(parameter["name"])
        if values is None:
            if parameter.get("required"):
                return False
            continue
        schema = parameter["schema"]
        value: Any = values if schema.get("type") == "array" else values[-1]
        if schema.get("type") == "integer" and re.fullmatch(r"-?[0-9]+", value):
            value = int(value)
        if not Draft202012Validator({**schema, **components}).is_valid(value):
            return False
    return True


AGREEMENT_CASES = [
    ("POST", "/dsws/codecommit/clone", {}, {}),
    ("POST", "/dsws/codecommit/clone", {}, {"repo": None, "url": None}),
    ("POST", "/dsws/codecommit/clone", {}, {"repo": ""}),
    ("POST", "/dsws/instances/inventory", {}, {"csv": ""}),
    ("POST", "/dsws/instances/switch", {}, {"instance_type": ""}),
    ("POST", "/dsws/instances/recommend", {}, {"model": "cnn", "memory_gb": "12"}),
    ("POST", "/dsws/instances/recommend", {}, {"model": "cnn", "memory_gb": True}),
    ("POST", "/dsws/instances/recommend", {}, {"model": "cnn", "hours_per_day": "8"}),
    ("POST", "/dsws/instances/recommend", {}, {"model": "cnn", "gpu": None}),
    ("POST", "/dsws/instances/recommend", {}, {"model": "cnn", "memory_gb": 12}),
    ("PUT", "/dsws/idle", {}, {"settings": {"keep_terminals": 1}}),
    ("POST", "/dsws/idle/keep", {}, {"client": 5}),
    ("PATCH", "/dsws/preferences", {}, {"run_columns": {"": None}}),
    ("PATCH", "/dsws/preferences", {}, {"run_columns": {"1": {"hidden": [1]}}}),
    ("PATCH", "/dsws/preferences", {}, {"run_columns": {"1": {"hidden": ["a"]}}}),
    ("GET", "/dsws/registry/compare", {"arn": ["", ""]}, None),
    ("GET", "/dsws/registry/compare", {"arn": ["x"]}, None),
    ("GET", "/dsws/idle", {"client": ["c" * 201]}, None),
    ("GET", "/dsws/idle", {"client": ["c" * 200]}, None),
    ("GET", "/dsws/idle/events", {"limit": ["0"]}, None),
    ("GET", "/dsws/idle/events", {"limit": ["500"]}, None),
    ("GET", "/dsws/registry/groups/{group}/versions", {"status": [""]}, None),
    ("GET", "/dsws/registry/groups/{group}/versions", {"status": ["approved"]}, None),
    ("GET", "/dsws/registry/groups", {"query": ["q" * 64]}, None),
    ("POST", "/dsws/emr/clusters/{cluster_id}/connect", {}, {"auth": "basic"}),
    ("POST", "/dsws/emr/clusters/{cluster_id}/connect", {}, {"auth": "none", "x": 1}),
    ("POST", "/dsws/emr/clusters/{cluster_id}/connect", {},
     {"auth": "runtime_role", "execution_role_arn": "role/x"}),
    ("POST", "/dsws/emr/clusters/{cluster_id}/connect", {}, {"auth": "none"}),
    ("GET", "/dsws/emr/clusters", {"state": ["running"]}, None),
    ("GET", "/dsws/emr/clusters", {"state": ["all"]}, None),
]


@pytest.mark.parametrize(("verb", "path", "params", "payload"), AGREEMENT_CASES)
async def test_the_spec_refuses_exactly_what_the_server_refuses(jp_fetch, verb, path, params,
                                                                payload):
    pairs = [(name, value) for name, values in params.items() for value in values]
    code, body, _ = await answer(jp_fetch, *concrete(path), method=verb, params=pairs,
                                 body=None if payload is None else json.dumps(payload))
    server_accepts = code != 400
    assert spec_accepts(verb, path, params, payload) == server_accepts, (code, body)


# -- echoes are short and show what cannot be seen ---------------------------------------

async def test_an_inventory_header_of_300000_columns_is_not_echoed_whole(jp_fetch):
    header = ",".join(f"c{i}" for i in range(300_000))
    code, body, _ = await answer(jp_fetch, "dsws", "instances", "inventory", method="POST",
                                 body=json.dumps({"csv": header + "\n" + "x," * 10 + "\n"}))
    assert code == 400
    assert body["error"] == "invalid_csv"
    assert "User" in body["message"]
    assert len(body["message"]) < 600


async def test_an_inventory_header_shows_bidi_characters_escaped(jp_fetch):
    header = f"Us{RTL}er,Feature,Model,Memory,GPU usage"
    code, body, _ = await answer(jp_fetch, "dsws", "instances", "inventory", method="POST",
                                 body=json.dumps({"csv": header + "\nx,y,cnn,1 GB,No\n"}))
    assert code == 400
    assert RTL not in body["message"]
    assert "Us\\u202eer" in body["message"]


async def test_a_bidi_override_in_a_clone_url_is_shown_escaped(jp_fetch, jp_root_dir):
    code, started, _ = await answer(
        jp_fetch, "dsws", "codecommit", "clone", method="POST",
        body=json.dumps({"url": f"https://exa{RTL}mple.invalid/team.git"}))
    assert code == 202

    async def over() -> dict | None:
        _, status, _ = await answer(jp_fetch, "dsws", "codecommit", "clone", started["id"])
        return status if status["state"] != "running" else None

    status = await wait_for(over, timeout=60, what="the clone to end")
    assert status["state"] == "failed"
    assert RTL not in status["message"]
    assert "\\u202e" in status["message"]


async def test_a_long_unknown_group_is_echoed_short(jp_fetch):
    code, body, _ = await answer(jp_fetch, "dsws", "registry", "groups", "g" * 5000, "versions",
                                 "1")
    assert code == 404
    assert len(body["message"]) < 400
