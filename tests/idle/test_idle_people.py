"""Who kept the app: in a shared space one person's "Keep working" keeps it for everyone,
and the events name that person (the server's identity provider, here reading Studio's
cookie). The name is for the record only: anyone may keep the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import COOKIE_IDENTITY, as_person, body


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


async def keep(jp_fetch, client: str, headers: dict[str, str] | None = None) -> dict:
    return body(await jp_fetch("dsws", "idle", "keep", method="POST",
                               body=json.dumps({"client": client}), headers=headers or {}))


def logged(idle) -> list[dict]:
    """The events log file's lines, as a teammate's tools read it."""
    text = Path(idle.config.events_path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


async def events(jp_fetch) -> list[dict]:
    return body(await jp_fetch("dsws", "idle", "events"))["events"]


async def test_each_keep_working_names_the_person_who_pressed_it(jp_fetch, idle):
    await keep(jp_fetch, "h1", as_person("hermione-granger"))
    await keep(jp_fetch, "r1", as_person("ronald-weasley"))

    ron, hermione = (await events(jp_fetch))[:2]
    assert (ron["action"], ron["person"], ron["reason"]) == (
        "keep", {"name": "ronald-weasley", "display_name": "Ronald Weasley"},
        "Ronald Weasley pressed keep working in browser r1.")
    assert hermione["person"]["display_name"] == "Hermione Granger"
    # The log file under HOME keeps the person too: a teammate reads it after a restart.
    lines = logged(idle)
    assert [line["person"]["name"] for line in lines if line["action"] == "keep"] == [
        "hermione-granger", "ronald-weasley"]


async def test_without_the_cookie_the_keep_is_recorded_for_studios_default_user(jp_fetch,
                                                                               idle):
    await keep(jp_fetch, "t1")
    (event,) = await events(jp_fetch)
    assert event["person"] == {"name": "User", "display_name": "User"}
    assert event["reason"] == "User pressed keep working in browser t1."


async def test_what_the_monitor_does_on_its_own_names_nobody(jp_fetch, idle):
    monitor = idle.monitor
    await monitor.record("error", "app", "server", "server", "A check failed.", 0.0,
                         dry_run=False)
    (event,) = await events(jp_fetch)
    assert event["person"] is None
    assert "person" not in logged(idle)[-1]
