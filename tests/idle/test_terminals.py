"""Real terminals (bash in a pty) on a real server."""

from __future__ import annotations

import pytest
from helpers import body, wait_for

TIMEOUT = 1.5


async def new_terminal(jp_fetch) -> str:
    response = await jp_fetch("api", "terminals", method="POST", body="{}")
    return body(response)["name"]


def terminals(jp_serverapp) -> dict:
    return jp_serverapp.web_app.settings["terminal_manager"].terminals


@pytest.mark.parametrize("idle_config, culled", [({"keep_terminals": False}, True),
                                                 ({"keep_terminals": True}, False)],
                         indirect=["idle_config"], ids=["culled", "keep_terminals"])
async def test_an_idle_terminal_is_culled_or_kept_per_keep_terminals(
        jp_fetch, jp_serverapp, idle, checks_past, culled):
    name = await new_terminal(jp_fetch)
    await idle.start()

    if culled:
        # The event is written once the terminal is gone: wait for the log, not the end.
        async def logged() -> list[tuple[str, str, str]]:
            found = body(await jp_fetch("dsws", "idle", "events"))["events"]
            return [(e["action"], e["kind"], e["id"]) for e in found]

        await wait_for(logged, what="the shutdown in the events log")
        assert name not in terminals(jp_serverapp)
        assert await logged() == [("shutdown", "terminal", name)]
    else:
        await checks_past(idle, TIMEOUT + 0.5)
        assert name in terminals(jp_serverapp)
        state = body(await jp_fetch("dsws", "idle"))
        (seen,) = state["resources"]
        assert seen["kind"] == "terminal"
        assert seen["shutdown_at"] is None
        assert state["settings"]["keep_terminals"] is True


async def test_a_terminal_running_a_silent_job_is_kept(jp_fetch, jp_serverapp, idle,
                                                       checks_past):
    name = await new_terminal(jp_fetch)
    terminals(jp_serverapp)[name].ptyproc.write("sleep 600\n")
    await idle.start()

    async def busy() -> bool:
        state = body(await jp_fetch("dsws", "idle"))
        return state["resources"][0]["state"] == "busy"

    await wait_for(busy, what="the terminal to look busy")
    await checks_past(idle, TIMEOUT + 0.5)

    assert name in terminals(jp_serverapp)
    (seen,) = body(await jp_fetch("dsws", "idle"))["resources"]
    assert seen["state"] == "busy"
    assert seen["shutdown_at"] is None
    assert seen["idle_seconds"] == 0
