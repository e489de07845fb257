"""What does one idle check cost, and does the event loop stay free while it runs?

Sets up 50 real terminals (bash in a pty, through jupyter-server-terminals' manager) and 50
kernels shaped like jupyter-server's (real kernels cost ~60 MB each; these fakes have the
same attributes, and each owns a real `sleep` process in its own session so that the /proc
scan sees a realistic process table), then prints:
  1. the CPU time (ms, the whole process: the event loop and the threads) and the wall time of
     one check, over 20 checks where nothing is due;
  2. the event loop's worst lag (a 5 ms ticker) during a check that shuts down 50 kernels,
     records 50 events and then stops the app through DeleteApp against an endpoint that
     accepts and never answers (read timeout 2 s): if anything blocked the loop, the lag
     would reach seconds.

    .venv/bin/python benchmarks/idle_monitor.py [--kernels 50] [--terminals 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jupyter_server_terminals.terminalmanager import TerminalManager
from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.idle.config import IdleShutdown
from jupyter_dsws.idle.events import EventLog
from jupyter_dsws.idle.inventory import Inventory
from jupyter_dsws.idle.monitor import IdleMonitor
from jupyter_dsws.idle.settings import SettingsStore
from jupyter_dsws.idle.stopper import StudioAppStopper, StudioHeartbeat
from jupyter_dsws.studio import StudioApp


class FakeKernelManager:
    """The parts of MappingKernelManager the inventory uses."""

    def __init__(self, count: int, last_activity: datetime) -> None:
        self.sleepers = [subprocess.Popen(["sleep", "600"], start_new_session=True)
                         for _ in range(count)]
        self.kernels = {
            f"kernel-{n:03d}": SimpleNamespace(
                kernel_name="python3", execution_state="idle", last_activity=last_activity,
                provisioner=SimpleNamespace(pid=proc.pid))
            for n, proc in enumerate(self.sleepers)
        }

    def list_kernel_ids(self) -> list[str]:
        return list(self.kernels)

    def get_kernel(self, kernel_id: str) -> Any:
        return self.kernels[kernel_id]

    def kernel_model(self, kernel_id: str) -> dict:
        if kernel_id not in self.kernels:  # as the real one, when it is gone
            raise KeyError(kernel_id)
        return {"id": kernel_id, "connections": 0}

    async def shutdown_kernel(self, kernel_id: str) -> None:
        del self.kernels[kernel_id]

    def close(self) -> None:
        for proc in self.sleepers:
            proc.kill()
            proc.wait()


class FakeSessions:
    def __init__(self, kernels: FakeKernelManager) -> None:
        self.kernels = kernels

    async def list_sessions(self) -> list[dict]:
        return [{"path": f"notebooks/{kid}.ipynb", "kernel": {"id": kid}}
                for kid in self.kernels.kernels]


def silent_endpoint() -> tuple[socket.socket, str]:
    """A port that accepts connections and never answers (the OS queues them)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    return sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def monitor_for(serverapp: Any, home: Path, aws: AwsAccess, **settings: Any) -> IdleMonitor:
    config = IdleShutdown(config=Config({"IdleShutdown": {
        "min_timeout_minutes": 0.0001, "keep_terminals": True, **settings}}))
    studio = StudioApp(domain_id="d-bench", space_name="bench", app_type="JupyterLab",
                       app_name="default")
    return IdleMonitor(
        store=SettingsStore(config, home / "idle.json"),
        inventory=Inventory(serverapp),
        events=EventLog(home / "events.jsonl"),
        stopper=StudioAppStopper(aws, studio),
        heartbeat=StudioHeartbeat(str(home / "activity")),
    )


async def ticker(stop: asyncio.Event, lags: list[float], period: float = 0.005) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(period)
        lags.append(time.perf_counter() - started - period)


async def main(kernels: int, terminals: int) -> None:
    now = datetime.now(timezone.utc)
    kernel_manager = FakeKernelManager(kernels, now)
    terminal_manager = TerminalManager(shell_command=["bash", "--norc"])
    for _ in range(terminals):
        terminal_manager.create()
    serverapp = SimpleNamespace(
        kernel_manager=kernel_manager, session_manager=FakeSessions(kernel_manager),
        web_app=SimpleNamespace(settings={"terminal_manager": terminal_manager}))
    sock, endpoint = silent_endpoint()
    aws = AwsAccess(region="eu-central-1", endpoint_url=endpoint, read_timeout=2.0,
                    max_attempts=1)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    await asyncio.sleep(0.5)  # the shells print their prompts
    try:
        with tempfile.TemporaryDirectory() as home:
            # 1. Nothing is due: the cost of looking.
            quiet = monitor_for(serverapp, Path(home), aws, timeout_minutes=60.0)
            cpu, wall = [], []
            for _ in range(20):
                c0, w0 = time.process_time(), time.perf_counter()
                await quiet.check()
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            print(f"one check, {kernels} kernels + {terminals} terminals, nothing due "
                  f"(20 checks):")
            print(f"  CPU  median {statistics.median(cpu):6.1f} ms   max {max(cpu):6.1f} ms")
            print(f"  wall median {statistics.median(wall):6.1f} ms   max {max(wall):6.1f} ms")

            # 2. Everything due: 50 shutdowns, 50 events, then a DeleteApp that hangs.
            for kernel in kernel_manager.kernels.values():
                kernel.last_activity = now - timedelta(hours=2)
            busy = monitor_for(serverapp, Path(home), aws, timeout_minutes=0.001)
            busy.started = now - timedelta(hours=2)
            await busy.stopper.prepare()  # as the monitor does when it starts
            lags: list[float] = []
            stop = asyncio.Event()
            tick = asyncio.create_task(ticker(stop, lags))
            w0 = time.perf_counter()
            await busy.check()
            elapsed = time.perf_counter() - w0
            stop.set()
            await tick
            events = await busy.events.recent(500)
            print(f"check with {kernels} shutdowns and a DeleteApp that never answers:")
            print(f"  took {elapsed:.2f} s (the AWS read timeout is 2 s); "
                  f"{sum(e['kind'] == 'kernel' for e in events)} kernel events, "
                  f"{sum(e['action'] == 'error' for e in events)} error event(s)")
            print(f"  event loop lag: worst {max(lags) * 1000:.1f} ms, "
                  f"median {statistics.median(lags) * 1000:.2f} ms over {len(lags)} ticks")
            quiet.events.close()
            busy.events.close()
    finally:
        await terminal_manager.terminate_all()
        kernel_manager.close()
        aws.close()
        sock.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernels", type=int, default=50)
    parser.add_argument("--terminals", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.kernels, args.terminals))
