"""The monitor's app-stop sequence with an injected clock and fake managers: milliseconds."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path

from traitlets.config import Config

from jupyter_dsws.errors import Unavailable
from jupyter_dsws.idle.config import IdleShutdown
from jupyter_dsws.idle.events import EventLog
from jupyter_dsws.idle.monitor import IdleMonitor
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
    assert m.handshake.pending is None
    clock.now += timedelta(minutes=1)
    asyncio.run(m.check())
    assert m.stopper.calls == 2


def test_the_stop_waits_for_a_connected_client_at_most_save_wait(tmp_path):
    m, clock = monitor(tmp_path)
    clock.now = T0 + timedelta(minutes=60)
    m.handshake.seen("tab", clock.now)
    asyncio.run(m.check())
    assert m.handshake.pending is not None
    assert m.stopper.calls == 0
    clock.now += timedelta(seconds=29)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    clock.now += timedelta(seconds=1)
    asyncio.run(m.check())
    assert m.stopper.calls == 1


def test_activity_cancels_the_stop_and_saves_during_it_do_not(tmp_path):
    m, clock = monitor(tmp_path)
    clock.now = T0 + timedelta(minutes=60)
    m.handshake.seen("tab", clock.now)
    asyncio.run(m.check())
    stop_id = m.handshake.pending.stop_id

    m.note_contents_action("save")  # the browser saving at our request
    assert m.handshake.pending is not None
    m.saved("tab", stop_id)
    m.handshake.pending.confirmed.clear()  # as if not yet confirmed, to test the keep
    m.note_activity(clock.now + timedelta(seconds=1))
    assert m.handshake.pending is None
    clock.now += timedelta(seconds=2)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    assert m.handshake.pending is None


def test_dry_run_records_the_stop_once_and_does_nothing(tmp_path):
    m, clock = monitor(tmp_path, dry_run=True)
    clock.now = T0 + timedelta(minutes=60)
    asyncio.run(m.check())
    clock.now += timedelta(minutes=5)
    asyncio.run(m.check())
    assert m.stopper.calls == 0
    assert actions(m) == ["shutdown", "warn"]
    assert all(e["dry_run"] for e in asyncio.run(m.events.recent(50)))
