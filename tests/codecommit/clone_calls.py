"""The clone routes as the panel calls them: start a clone, be refused, poll its status."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from helpers import body, error_of, wait_for

CC_BASE = "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/"


async def post_clone(jp_fetch: Callable[..., Any], payload: dict) -> str:
    response = await jp_fetch("dsws", "codecommit", "clone", method="POST",
                              body=json.dumps(payload))
    assert response.code == 202
    return body(response)["id"]


async def refused(jp_fetch: Callable[..., Any], payload: dict) -> tuple[int, dict]:
    return await error_of(jp_fetch("dsws", "codecommit", "clone", method="POST",
                                   body=json.dumps(payload)))


async def clone_status(jp_fetch: Callable[..., Any], job: str, *,
                       until: Callable[[dict], bool] = lambda s: s["state"] != "running",
                       timeout: float = 60) -> dict:
    """The clone's status as the panel polls it, once ``until`` it (by default: over)."""
    async def status() -> dict | None:
        answer = body(await jp_fetch("dsws", "codecommit", "clone", job))
        return answer if until(answer) else None

    return await wait_for(status, timeout=timeout, what=f"clone {job}")
