"""The app itself: stopped on time, in Studio by DeleteApp, with the save handshake first."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from datetime import datetime, timezone

import pytest
from botocore.stub import Stubber
from helpers import STUDIO, body, wait_for
from tornado.httpclient import HTTPClientError

from jupyter_dsws.idle.stopper import STUDIO_TIME_FORMAT

TIMEOUT = 1.5
APP = {"app_shutdown": True}


async def events(jp_fetch) -> list[dict]:
    return body(await jp_fetch("dsws", "idle", "events"))["events"]


@contextlib.asynccontextmanager
async def polling(coro_factory, interval: float = 0.1):
    """Run ``coro_factory()`` in a loop in the background, as an open tab would."""
    async def loop():
        while True:
            await coro_factory()
            await asyncio.sleep(interval)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# save_wait is long here: with no browser polling dsws/idle, the stop must not wait at all.
@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 20.0}], indirect=True)
async def test_an_open_tabs_polling_and_an_idle_kernels_websocket_do_not_keep_the_server(
        jp_fetch, jp_ws_fetch, jp_serverapp, idle, stops):
    response = await jp_fetch("api", "sessions", method="POST", body=json.dumps(
        {"path": "a.ipynb", "type": "notebook", "kernel": {"name": "python3"}}))
    kernel_id = body(response)["kernel"]["id"]
    socket = await jp_ws_fetch("api", "kernels", kernel_id, "channels")

    async def lab_tab():
        for path in (("api", "kernels"), ("api", "sessions"), ("api", "terminals"),
                     ("api", "contents"), ("api", "contents", "a.ipynb")):
            with contextlib.suppress(HTTPClientError):
                await jp_fetch(*path)

    try:
        await idle.start()
        async with polling(lab_tab):
            await wait_for(lambda: stops, timeout=TIMEOUT + 10, what="the server stop")
    finally:
        socket.close()

    kernel = jp_serverapp.kernel_manager.get_kernel(kernel_id)
    waited = (stops[0] - max(kernel.last_activity, idle.monitor.started)).total_seconds()
    assert TIMEOUT - 0.05 <= waited <= TIMEOUT + 1.0
    assert len(stops) == 1
    app_events = [(e["action"], e["kind"]) for e in await events(jp_fetch) if e["kind"] == "app"]
    assert app_events == [("shutdown", "app"), ("warn", "app")]


@pytest.mark.parametrize("idle_config, studio_metadata", [(APP, STUDIO)], indirect=True)
async def test_in_studio_the_app_deletes_itself_with_exactly_the_right_delete_app(
        jp_fetch, extension, idle, checks_done):
    sagemaker = extension.aws.client("sagemaker")  # the cached client the stopper uses
    with Stubber(sagemaker) as stubber:
        stubber.add_response("delete_app", {}, expected_params={
            "DomainId": "d-abc123", "SpaceName": "hermione-space", "AppType": "JupyterLab",
            "AppName": "default"})
        await idle.start()

        async def stopped() -> bool:
            return any(e["action"] == "shutdown" and e["kind"] == "app"
                       for e in await events(jp_fetch))

        await wait_for(stopped, what="the app stop")
        # DeleteApp is called in the check that records the stop; a later check finds it done
        # (had it failed, an error event would say so) and never calls it again.
        await checks_done(idle, 2)
        stubber.assert_no_pending_responses()

    found = await events(jp_fetch)
    assert not [e for e in found if e["action"] == "error"], found
    stop = next(e for e in found if e["action"] == "shutdown")
    assert stop["id"] == STUDIO["ResourceArn"]
    assert stop["name"] == "hermione-space"
    assert "deleting the Studio app" in stop["reason"]
    state = body(await jp_fetch("dsws", "idle"))
    assert state["app"]["target"] == "studio-app"
    assert state["app"]["stopping"] is True


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
async def test_in_studio_a_busy_kernel_keeps_the_activity_file_fresh(
        jp_fetch, jp_serverapp, idle, activity_file, checks_done):
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = body(response)["id"]
    client = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
    client.start_channels()
    await client.wait_for_ready(timeout=30)
    await idle.start()
    await idle.monitor.check()
    assert not activity_file.exists(), "written while nothing ran"

    # Long enough for two checks while busy on a loaded machine.
    client.execute("import time; time.sleep(6)")
    kernel = jp_serverapp.kernel_manager.get_kernel(kernel_id)
    await wait_for(lambda: kernel.execution_state == "busy", what="the busy kernel")
    await wait_for(activity_file.exists, what="the activity file")
    first = activity_file.read_text()
    await wait_for(lambda: activity_file.read_text() != first, what="a fresher timestamp")
    stamp = datetime.strptime(activity_file.read_text(), STUDIO_TIME_FORMAT).replace(
        tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 1.0

    await wait_for(lambda: kernel.execution_state == "idle", what="the cell's end")
    client.stop_channels()
    await checks_done(idle)  # a check that was running may still have seen it busy
    last = activity_file.read_text()
    await checks_done(idle, 3)
    assert activity_file.read_text() == last, "touched while nothing ran"


async def client_poll(jp_fetch, client: str, seen: list[dict]) -> None:
    seen.append(body(await jp_fetch("dsws", "idle", params={"client": client})))


def first_stopping(seen: list[dict]) -> dict | None:
    return next((s for s in seen if s["app"]["stopping"]), None)


@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 20.0}], indirect=True)
async def test_the_stop_proceeds_as_soon_as_every_connected_browser_saved(
        jp_fetch, idle, stops):
    seen: list[dict] = []
    async with polling(lambda: client_poll(jp_fetch, "tab-1", seen)):
        await idle.start()
        stopping = await wait_for(lambda: first_stopping(seen), what="stopping")
        asked = time.monotonic()
        assert stops == [], "stopped before the connected browser saved"
        response = await jp_fetch("dsws", "idle", "saved", method="POST", body=json.dumps(
            {"client": "tab-1", "stop_id": stopping["app"]["stop_id"]}))
        assert response.code == 204
        await wait_for(lambda: stops, what="the stop")

    assert time.monotonic() - asked < 2.0  # far less than save_wait_seconds
    assert stopping["app"]["shutdown_at"] is not None
    # What the page says once the server is gone: why, when, how to start it again.
    stop = stopping["app"]["stop"]
    assert stop["cause"] == "idle"
    assert TIMEOUT - 0.05 <= stop["idle_seconds"] <= TIMEOUT + 1.0
    assert datetime.fromisoformat(stop["at"]) <= stops[0]
    assert stop["restart"] == "Start the Jupyter server again, then reload this page."
    actions = [e["action"] for e in await events(jp_fetch)]
    assert actions == ["shutdown", "warn"]


@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 1.0}], indirect=True)
async def test_a_browser_that_never_confirms_delays_the_stop_only_by_save_wait(
        jp_fetch, idle, stops):
    seen: list[dict] = []
    async with polling(lambda: client_poll(jp_fetch, "tab-1", seen)):
        await idle.start()
        await wait_for(lambda: first_stopping(seen), what="stopping")
        asked = time.monotonic()
        await wait_for(lambda: stops, what="the stop")

    assert 0.7 <= time.monotonic() - asked <= 2.0


@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 20.0}], indirect=True)
async def test_keep_working_cancels_a_pending_stop(jp_fetch, idle, stops, checks_done):
    seen: list[dict] = []
    async with polling(lambda: client_poll(jp_fetch, "tab-1", seen)):
        await idle.start()
        stopping = await wait_for(lambda: first_stopping(seen), what="stopping")
        kept = body(await jp_fetch("dsws", "idle", "keep", method="POST",
                                   body=json.dumps({"client": "tab-1"})))
        assert kept["app"]["stopping"] is False
        assert kept["app"]["stop_id"] is None
        assert kept["app"]["idle_seconds"] < 0.5

        with pytest.raises(HTTPClientError) as raised:
            await jp_fetch("dsws", "idle", "saved", method="POST", body=json.dumps(
                {"client": "tab-1", "stop_id": stopping["app"]["stop_id"]}))
        assert raised.value.code == 409
        await checks_done(idle, 2)

    assert stops == []
    keep = (await events(jp_fetch))[0]
    assert (keep["action"], keep["kind"]) == ("keep", "app")
    assert "tab-1" in keep["reason"]


async def test_the_monitor_keeps_running_after_a_check_fails(
        jp_fetch, jp_serverapp, idle, monkeypatch):
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = body(response)["id"]
    real = idle.monitor.inventory.observe
    calls = []

    async def flaky(now):
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("the kernel manager had a bad moment")
        return await real(now)

    monkeypatch.setattr(idle.monitor.inventory, "observe", flaky)
    await idle.start()

    # The event is written once the kernel is gone: wait for the log, not the end.
    async def shutdown_logged() -> bool:
        return any(e["action"] == "shutdown" for e in await events(jp_fetch))

    await wait_for(shutdown_logged, what="the shutdown after the failed check")
    assert kernel_id not in jp_serverapp.kernel_manager.list_kernel_ids()
    found = await events(jp_fetch)
    error = next(e for e in found if e["action"] == "error")
    assert "bad moment" in error["reason"]
    assert found[0]["action"] == "shutdown"


NOTEBOOK = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 20.0}], indirect=True)
async def test_autosaves_and_the_save_before_the_stop_do_not_keep_the_server(
        jp_fetch, idle, stops):
    """An open tab, as JupyterLab with autosave on: it polls, saves its notebook all the time,
    saves again when the server stops and confirms. Nobody touches it."""
    confirmed: list[str] = []

    async def save() -> None:
        await jp_fetch("api", "contents", "a.ipynb", method="PUT", body=json.dumps(
            {"type": "notebook", "format": "json", "content": NOTEBOOK}))

    async def tab() -> None:
        state = body(await jp_fetch("dsws", "idle", params={"client": "tab-1"}))
        await save()
        stop_id = state["app"]["stop_id"]
        if state["app"]["stopping"] and stop_id not in confirmed:
            await save()
            confirmed.append(stop_id)
            await jp_fetch("dsws", "idle", "saved", method="POST", body=json.dumps(
                {"client": "tab-1", "stop_id": stop_id}))

    await idle.start()
    async with polling(tab):
        await wait_for(lambda: stops, timeout=TIMEOUT + 10, what="the server stop")

    # Idle since the server started (nothing else happened): stopped at the timeout, within
    # one check interval (0.2 s) and a little scheduling slack.
    waited = (stops[0] - idle.monitor.started).total_seconds()
    assert TIMEOUT - 0.05 <= waited <= TIMEOUT + 0.2 + 0.5
    assert len(confirmed) == 1
    app_events = [e["action"] for e in await events(jp_fetch) if e["kind"] == "app"]
    assert app_events == ["shutdown", "warn"]


@pytest.mark.parametrize("idle_config", [{**APP, "save_wait_seconds": 20.0}], indirect=True)
async def test_a_persons_edit_reported_during_the_warning_keeps_the_server(
        jp_fetch, idle, stops, checks_past):
    seen: list[dict] = []

    async def warned() -> bool:
        return any(e["action"] == "warn" for e in await events(jp_fetch))

    async with polling(lambda: client_poll(jp_fetch, "tab-1", seen)):
        await idle.start()
        await wait_for(warned, what="the warning")
        deadline = datetime.fromisoformat(seen[-1]["app"]["shutdown_at"])
        edited = body(await jp_fetch("dsws", "idle", "activity", method="POST",
                                     body=json.dumps({"client": "tab-1"})))
        at = datetime.now(timezone.utc)
        assert edited["app"]["stopping"] is False
        moved = datetime.fromisoformat(edited["app"]["shutdown_at"])
        assert at.timestamp() + TIMEOUT - 0.1 <= moved.timestamp() <= at.timestamp() + TIMEOUT
        # Past the deadline the edit called off, the server is still there.
        await checks_past(idle, (deadline - at).total_seconds() + 0.3)
        assert stops == []
    actions = [e["action"] for e in await events(jp_fetch)]
    assert actions == ["warn"]  # an edit is not recorded, unlike "keep working"
