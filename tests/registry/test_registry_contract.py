"""Live answers of dsws/registry/… match docs/openapi.yaml, which the browser side codes to."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

from jupyter_dsws.demo.seed import SeedResult

SPEC = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())


def check(name: str, answer: Any) -> None:
    Draft202012Validator({"$ref": f"#/components/schemas/{name}",
                          "components": SPEC["components"]}).validate(answer)


@pytest.fixture
def get(jp_fetch: Callable[..., Any]) -> Callable[..., Any]:
    async def fetch(*parts: str, **kwargs: Any) -> Any:
        return json.loads((await jp_fetch("dsws", "registry", *parts, **kwargs)).body)

    return fetch


async def test_every_registry_answer_matches_the_spec(
        get: Callable[..., Any], world: SeedResult, register: Callable[..., Any]) -> None:
    register("contract-empty-metrics", 1, metrics=None)
    check("RegistryGroupList", await get("groups"))
    group = world.groups[0]
    check("RegistryVersionList", await get("groups", group.name, "versions"))
    check("RegistryVersionDetail", await get("groups", group.name, "versions", "1"))
    check("RegistryVersionDetail", await get("groups", "contract-empty-metrics", "versions",
                                             "1"))
    patched = await get("groups", "contract-empty-metrics", "versions", "1", method="PATCH",
                        body=json.dumps({"status": "Rejected", "comment": "no metrics"}))
    check("RegistryVersionDetail", patched)
    arns = [("arn", v.arn) for v in group.versions[:2]] + [("arn", world.groups[1].versions[0].arn)]
    check("RegistryComparison", await get("compare", params=arns))
    check("RegistryOverview", await get("overview"))


async def test_a_detail_with_extra_fields_would_fail_the_check() -> None:
    # The spec is strict: a renamed or extra field breaks the browser side and this test.
    with pytest.raises(ValidationError, match=r"extra"):
        check("RegistryApprovalEntry", {"at": "x", "by": "y", "from": None, "to": "Approved",
                                        "comment": "", "extra": 1})
