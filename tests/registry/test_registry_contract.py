"""Every registry route, on the seed and on a version without metrics, answers what
docs/openapi.yaml says (checked by tests/live_contract.py for every answer of every test)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import body

from jupyter_dsws.demo.seed import SeedResult


@pytest.fixture
def get(jp_fetch: Callable[..., Any]) -> Callable[..., Any]:
    async def fetch(*parts: str, **kwargs: Any) -> Any:
        return body(await jp_fetch("dsws", "registry", *parts, **kwargs))

    return fetch


async def test_every_registry_answer_matches_the_spec(
        get: Callable[..., Any], world: SeedResult, register: Callable[..., Any],
        answers_match_the_spec: list[Any]) -> None:
    register("contract-empty-metrics", 1, metrics=None)
    await get("groups")
    group = world.groups[0]
    await get("groups", group.name, "versions")
    await get("groups", group.name, "versions", "1")
    await get("groups", "contract-empty-metrics", "versions", "1")
    await get("groups", "contract-empty-metrics", "versions", "1", method="PATCH",
              body=json.dumps({"status": "Rejected", "comment": "no metrics"}))
    arns = [("arn", v.arn) for v in group.versions[:2]] + [("arn", world.groups[1].versions[0].arn)]
    await get("compare", params=arns)
    await get("overview")
    assert [a.status for a in answers_match_the_spec] == [200] * 7
