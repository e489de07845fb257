"""Who cloned: the clone's status and its own .git/config name the person who started it
(the server's identity provider, here reading Studio's cookie), and the Repositories panel
shows it to a teammate beside "Open". The name is for the record only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from clone_calls import clone_status
from helpers import COOKIE_IDENTITY, as_person, body


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


async def start(jp_fetch: Callable[..., Any], headers: dict[str, str]) -> str:
    response = await jp_fetch("dsws", "codecommit", "clone", method="POST",
                              body=json.dumps({"repo": "team"}), headers=headers)
    return body(response)["id"]


async def test_a_clone_records_who_started_it(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, served: Any,
        git_out: Callable[..., str], fresh_emulator: Any,
        emulator_client: Callable[..., Any]) -> None:
    status = await clone_status(jp_fetch, await start(jp_fetch, as_person("hermione-granger")))
    assert status["state"] == "done", status
    assert status["by"] == {"name": "hermione-granger", "display_name": "Hermione Granger"}
    # In the clone itself, for whoever opens the folder later (git config shows it).
    assert git_out("config", "dsws.clonedbyname", cwd=jp_root_dir / "team").strip() == \
        "Hermione Granger"
    # A teammate's Repositories panel says who cloned it.
    emulator_client("codecommit").create_repository(repositoryName="team")
    repos = body(await jp_fetch("dsws", "codecommit", "repos", params={"refresh": "true"},
                                headers=as_person("ronald-weasley")))["repos"]
    (team,) = [r for r in repos if r["name"] == "team"]
    assert team["cloned_at"] == "team"
    assert team["cloned_by"] == {"name": "hermione-granger", "display_name": "Hermione Granger"}


async def test_without_the_cookie_the_clone_is_recorded_for_studios_default_user(
        jp_fetch: Callable[..., Any], served: Any) -> None:
    status = await clone_status(jp_fetch, await start(jp_fetch, {}))
    assert status["state"] == "done", status
    assert status["by"] == {"name": "User", "display_name": "User"}
