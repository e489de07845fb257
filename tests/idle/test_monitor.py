"""The monitor's app-stop sequence with an injected clock and fake managers: milliseconds."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path

from traitlets.config import Config

from jupyter_dsws.errors import Unavailable
from jupyter_dsws.idle.config import IdleShutdown
from jupyter_dsws.idle.events import EventLog
from jupyter_dsws.idle.models import IdleState
from jupyter_dsws.idle.monitor import IdleMonitor
from jupyter_dsws.idle.service import IdleService
from jupyter_dsws.idle.settings import SettingsStore

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class NothingRuns:
    async def observe(self, now: datetime) -> list:
        return []


class Stopper:
    target, id, name = "studio-app", "arn:app", "space"

    def __init__(self, fail: bool) -> None:
        self.fail = fail
        self.calls = 0

    async def prepare(self) -> None:
        """Nothing to prepare."""

    async def stop(self) -> None:
        self.calls += 1
        if self.fail:
            raise Unavailable("Cannot reach the sagemaker endpoint.")


def monitor(tmp_path: Path, *, fail: bool = False, **settings) -> tuple[IdleMonitor, Clock]:
    clock = Clock()
    config = IdleShutdown(config=Config({"IdleShutdown": {
        "timeout_minutes": 60.0, "warning_minutes": 5.0, "save_wait_seconds": 30.0,
        **settings}}))
    events = EventLog(tmp_path / "events.jsonl")
    return IdleMonitor(store=SettingsStore(config, tmp_path / "idle.json"),
                       inventory=NothingRuns(), events=events, stopper=Stopper(fail),
                       heartbeat=None, clock=clock), clock


def seen(m: IdleMonitor, client: str | None = None) -> IdleState:
    """What GET dsws/idle answers (for the tab ``client``, which then counts as connected)."""
    return asyncio.run(IdleService(m).state(client))


def actions(m: IdleMonitor) -> list[str]:
    return [e["action"] for e in asyncio.run(m.events.recent(50))]


def test_warn_once_then_stop_at_the_deadline(tmp_path):
    m, clock = monitor(tmp_path)
    clock.now = T0 + timedelta(minutes=54)
    asyncio.run(m.check())
    assert actions(m) == []
    clock.now = T0 + timedelta(minutes=55)
    asyncio.run(m.check())
    clock.now = T0 + timedelta(minutes=57)
    asyncio.run(m.check())
    assert actions(m) == ["warn"]
    assert m.stopper.calls == 0

    clock.now = T0 + timedelta(minutes=60)
    asyncio.run(m.check())
    assert m.stopper.calls == 1
    assert actions(m) == ["shutdown", "warn"]
    asyncio.run(m.check())
    assert m.stopper.calls == 1, "stopped twice"


def test_a_failed_stop_is_recorded_and_tried_again(tmp_path):
    m, clock = monitor(tmp_path, fail=True)
    clock.now = T0 + timedelta(minutes=61)
    asyncio.run(m.check())
    assert actions(m) == ["error", "shutdown", "warn"]
    assert seen(m).app.stopping is False
    clock.now += timedelta(minutes=1)
    asyncio.run(m.check())
    assert m.stopper.calls == 2


def test_the_stop_waits_for_a_connected_client_at_most_save_wait(tmp_path):
    m, clock = monitor(tmp_path)
    clock.now = T0 + timedelta(minutes=60)
    seen(m, "tab")
    asyncio.run(m.check())
    assert seen(m).app.stopping is True
    assert m.stopper.calls == 0
    clock.now += timedelta(seconds=29)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    clock.now += timedelta(seconds=1)
    asyncio.run(m.check())
    assert m.stopper.calls == 1


def test_saves_never_count_as_activity(tmp_path):
    # JupyterLab's autosave and our own save before the stop, with nobody there.
    m, clock = monitor(tmp_path)
    for minute in range(0, 60, 2):
        clock.now = T0 + timedelta(minutes=minute)
        m.note_contents_action("save")
        asyncio.run(m.check())
    assert seen(m).app.shutdown_at == T0 + timedelta(minutes=60)
    clock.now = T0 + timedelta(minutes=60)
    asyncio.run(m.check())
    assert m.stopper.calls == 1
    assert actions(m) == ["shutdown", "warn"]


def test_a_file_a_person_creates_renames_or_deletes_is_activity(tmp_path):
    m, clock = monitor(tmp_path)
    for minute, action in ((10, "create"), (20, "upload"), (30, "rename"), (40, "copy"),
                           (50, "delete")):
        clock.now = T0 + timedelta(minutes=minute)
        m.note_contents_action(action)
        assert seen(m).app.shutdown_at == clock.now + timedelta(minutes=60), action


def test_a_save_does_not_cancel_the_stop_and_an_edit_does(tmp_path):
    m, clock = monitor(tmp_path)
    clock.now = T0 + timedelta(minutes=60)
    seen(m, "tab")
    asyncio.run(m.check())
    stopping = seen(m, "tab").app
    assert stopping.stopping is True

    m.note_contents_action("save")  # the browser saving at our request
    assert seen(m, "tab").app.stop_id == stopping.stop_id
    clock.now += timedelta(seconds=1)
    after_edit = asyncio.run(IdleService(m).activity("tab")).app
    assert after_edit.stopping is False
    assert after_edit.stop is None
    assert after_edit.shutdown_at == clock.now + timedelta(minutes=60)
    clock.now += timedelta(seconds=2)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    assert seen(m).app.stopping is False


def test_while_stopping_the_state_says_why_when_and_how_to_start_again(tmp_path):
    m, clock = monitor(tmp_path)
    seen(m, "tab")  # a tab to wait for: the stop does not happen in the same check
    clock.now = T0 + timedelta(minutes=60, seconds=20)
    seen(m, "tab")
    asyncio.run(m.check())
    stop = seen(m).app.stop
    assert stop is not None
    assert (stop.cause, stop.at, stop.idle_seconds) == ("idle", clock.now, 3620.0)
    assert stop.restart == "Start the space again from SageMaker Studio."
    assert "nobody was active for 60.3 min" in stop.reason


def test_a_requested_stop_says_why_and_the_admins_restart_hint(tmp_path):
    m, _ = monitor(tmp_path, restart_hint="Ask the help desk to start it again.")
    seen(m, "tab")  # the stop waits for this tab's save

    async def request() -> IdleState:
        m.request_stop("Switching the space to ml.m5.large: a person asked for it.")
        try:
            return await IdleService(m).state()
        finally:
            await m.stop()

    stop = asyncio.run(request()).app.stop
    assert stop is not None
    assert stop.cause == "requested"
    assert stop.reason.startswith("Switching the space to ml.m5.large")
    assert stop.restart == "Ask the help desk to start it again."


def test_dry_run_records_the_stop_once_and_does_nothing(tmp_path):
    m, clock = monitor(tmp_path, dry_run=True)
    clock.now = T0 + timedelta(minutes=60)
    asyncio.run(m.check())
    clock.now += timedelta(minutes=5)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    assert actions(m) == ["shutdown", "warn"]
    assert all(e["dry_run"] for e in asyncio.run(m.events.recent(50)))
