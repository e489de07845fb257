"""Real python kernels on a real server, with a timeout of 1.5 s and a check every 0.2 s."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
from helpers import body, wait_for

from jupyter_dsws.idle import processes

TIMEOUT = 1.5  # seconds: conftest's FAST timeout_minutes


async def start_session(jp_fetch, path: str = "train.ipynb") -> str:
    response = await jp_fetch("api", "sessions", method="POST", body=json.dumps(
        {"path": path, "type": "notebook", "kernel": {"name": "python3"}}))
    return body(response)["kernel"]["id"]


async def run(jp_serverapp, kernel_id: str, code: str, *, until: str = "busy") -> None:
    """Execute ``code`` in the kernel, returning once it runs (``until="busy"``) or once
    it has finished (``until="done"``)."""
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=30)
        msg_id = client.execute(code)
        if until == "done":
            while (await client.get_shell_msg(timeout=30))["parent_header"].get("msg_id") != msg_id:
                pass
            return
        kernel = jp_serverapp.kernel_manager.get_kernel(kernel_id)
        await wait_for(lambda: kernel.execution_state == "busy", timeout=10,
                       what="the kernel to run the code")
    finally:
        client.stop_channels()


async def events(jp_fetch) -> list[dict]:
    return body(await jp_fetch("dsws", "idle", "events"))["events"]


async def resource(jp_fetch, kernel_id: str) -> dict:
    state = body(await jp_fetch("dsws", "idle"))
    return next(r for r in state["resources"] if r["id"] == kernel_id)


def alive(jp_serverapp, kernel_id: str) -> bool:
    return kernel_id in jp_serverapp.kernel_manager.list_kernel_ids()


async def test_an_idle_kernel_is_shut_down_and_the_event_recorded(jp_fetch, jp_serverapp, idle):
    kernel_id = await start_session(jp_fetch)
    started = time.monotonic()
    await idle.start()

    await wait_for(lambda: not alive(jp_serverapp, kernel_id), what="the idle kernel's shutdown")
    assert time.monotonic() - started >= TIMEOUT - 0.1

    # The event is written just after the kernel is gone.
    async def kernel_events() -> list[dict]:
        return [e for e in await events(jp_fetch) if e["kind"] == "kernel"]

    (event,) = await wait_for(kernel_events, what="the shutdown in the events log")
    assert event["action"] == "shutdown"
    assert event["id"] == kernel_id
    assert event["name"] == "train.ipynb"
    assert event["dry_run"] is False
    assert event["idle_seconds"] >= TIMEOUT - 0.1
    assert event["time"].endswith(("Z", "+00:00"))


async def test_a_busy_kernel_survives_and_gets_a_full_timeout_after_it_finishes(
        jp_fetch, jp_serverapp, idle):
    kernel_id = await start_session(jp_fetch)
    await run(jp_serverapp, kernel_id, "import time; time.sleep(2.5)")
    await idle.start()
    kernel = jp_serverapp.kernel_manager.get_kernel(kernel_id)

    await wait_for(lambda: kernel.execution_state == "idle", what="the cell's end")
    finished = time.monotonic()
    assert alive(jp_serverapp, kernel_id)
    assert (await resource(jp_fetch, kernel_id))["shutdown_at"] is not None
    await wait_for(lambda: not alive(jp_serverapp, kernel_id), what="the shutdown after the cell")

    # Busy past the timeout, then a full timeout from the end of the cell.
    assert time.monotonic() - finished >= TIMEOUT - 0.1


async def test_a_kernel_with_a_background_process_is_kept_until_it_ends(
        jp_fetch, jp_serverapp, idle, checks_past):
    kernel_id = await start_session(jp_fetch)
    # As `!nohup python train.py &`: the shell exits, the job runs on, re-parented.
    await run(jp_serverapp, kernel_id, "import os; os.system('nohup sleep 60 >/dev/null 2>&1 &')",
              until="done")
    pid = jp_serverapp.kernel_manager.get_kernel(kernel_id).provisioner.pid
    await idle.start()
    await wait_for(lambda: processes.running_processes({"k": pid})["k"], what="the job")
    await checks_past(idle, TIMEOUT + 0.5)

    assert alive(jp_serverapp, kernel_id)
    seen = await resource(jp_fetch, kernel_id)
    assert seen["state"] == "running-process"
    assert seen["shutdown_at"] is None

    for job in processes.running_processes({"k": pid})["k"]:
        os.kill(job, signal.SIGKILL)
    await wait_for(lambda: not alive(jp_serverapp, kernel_id), what="the shutdown after the job")


@pytest.mark.parametrize("idle_config, culled", [({"cull_connected": False}, False),
                                                 ({"cull_connected": True}, True)],
                         indirect=["idle_config"], ids=["kept", "cull_connected"])
async def test_a_connected_kernel_is_kept_unless_cull_connected(
        jp_fetch, jp_ws_fetch, jp_serverapp, idle, checks_past, culled):
    kernel_id = await start_session(jp_fetch)
    socket = await jp_ws_fetch("api", "kernels", kernel_id, "channels")
    try:
        await wait_for(lambda: jp_serverapp.kernel_manager.kernel_model(kernel_id)["connections"],
                       what="the websocket")
        await idle.start()
        if culled:
            await wait_for(lambda: not alive(jp_serverapp, kernel_id), what="the shutdown")
        else:
            await checks_past(idle, TIMEOUT + 0.5)
            assert alive(jp_serverapp, kernel_id)
            seen = await resource(jp_fetch, kernel_id)
            assert seen["connections"] == 1
            assert seen["shutdown_at"] is None
    finally:
        socket.close()


@pytest.mark.parametrize("idle_config", [{"dry_run": True, "app_shutdown": True}],
                         indirect=True)
async def test_dry_run_changes_nothing_but_records(jp_fetch, jp_serverapp, idle, stops,
                                                  checks_done):
    kernel_id = await start_session(jp_fetch)
    await idle.start()

    async def recorded() -> list[dict]:
        return [e for e in await events(jp_fetch) if e["action"] == "shutdown"]

    found = await wait_for(lambda: _kinds(recorded(), {"kernel", "app"}), what="both records")
    await checks_done(idle, 3)

    assert alive(jp_serverapp, kernel_id)
    assert stops == []
    assert all(e["dry_run"] for e in found)
    # Recorded once per idle period, not at every check.
    assert sorted(e["kind"] for e in await recorded()) == ["app", "kernel"]


async def _kinds(events_coro, kinds: set[str]) -> list[dict] | None:
    found = await events_coro
    return found if {e["kind"] for e in found} >= kinds else None
