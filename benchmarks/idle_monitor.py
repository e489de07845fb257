"""What does one idle check cost, and does the event loop stay free while it runs?

For 10, 50 and 200 of each, sets up real terminals (bash in a pty, through
jupyter-server-terminals' manager) and kernels shaped like jupyter-server's (real kernels cost
~60 MB each; these fakes have the same attributes, and each owns a real `sleep` process in its
own session so that the /proc scan sees a realistic process table), then prints:
  1. the CPU time (ms, the whole process: the event loop and the threads) and the wall time of
     one check, over 20 checks where nothing is due: it should grow linearly;
  2. the process matching alone (no /proc reads) for 1,000 roots in a 3,000-process table;
  3. for 50 of each, the event loop's worst lag (a 5 ms ticker) during a check that shuts down
     50 kernels, records 50 events and then stops the app through DeleteApp against an
     endpoint that accepts and never answers (read timeout 2 s): if anything blocked the
     loop, the lag would reach seconds.

    .venv/bin/python benchmarks/idle_monitor.py [--sizes 10 50 200]
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
from jupyter_dsws.idle import processes
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


class Setup:
    """``count`` fake kernels and ``count`` real terminals, and a server shaped like Jupyter's."""

    def __init__(self, count: int) -> None:
        self.now = datetime.now(timezone.utc)
        self.kernel_manager = FakeKernelManager(count, self.now)
        self.terminal_manager = TerminalManager(shell_command=["bash", "--norc"])
        for _ in range(count):
            self.terminal_manager.create()
        self.serverapp = SimpleNamespace(
            kernel_manager=self.kernel_manager,
            session_manager=FakeSessions(self.kernel_manager),
            web_app=SimpleNamespace(settings={"terminal_manager": self.terminal_manager}))

    async def close(self) -> None:
        await self.terminal_manager.terminate_all()
        self.kernel_manager.close()


async def quiet_checks(count: int, aws: AwsAccess) -> None:
    setup = Setup(count)
    await asyncio.sleep(0.5)  # the shells print their prompts
    try:
        with tempfile.TemporaryDirectory() as home:
            quiet = monitor_for(setup.serverapp, Path(home), aws, timeout_minutes=60.0)
            await quiet.check()  # the first check also starts the thread pool
            cpu, wall = [], []
            for _ in range(20):
                c0, w0 = time.process_time(), time.perf_counter()
                await quiet.check()
                cpu.append((time.process_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
            print(f"one check, {count} kernels + {count} terminals "
                  f"({len(processes.read_table())} processes), nothing due (20 checks):")
            print(f"  CPU  median {statistics.median(cpu):6.1f} ms   max {max(cpu):6.1f} ms")
            print(f"  wall median {statistics.median(wall):6.1f} ms   max {max(wall):6.1f} ms")
            quiet.events.close()
    finally:
        await setup.close()


def matching(roots: int = 1000, per_root: int = 2) -> None:
    """The matching alone, on a made-up table: each root leads a session with children."""
    table: dict[int, processes.Proc] = {}
    pid = 1000
    for _ in range(roots):
        root = pid
        table[root] = processes.Proc(root, 1, root, root, "S")
        for child in range(1, per_root + 1):
            table[root + child] = processes.Proc(root + child, root, root, root, "S")
        pid += per_root + 1
    c0 = time.process_time()
    index = processes.ProcessIndex(table)
    found = sum(len(index.related(root)) for root in range(1000, pid, per_root + 1))
    took = (time.process_time() - c0) * 1000
    print(f"matching {roots} roots in a {len(table)}-process table: {took:.1f} ms CPU "
          f"({found} processes found)")


async def loop_lag(count: int, aws: AwsAccess) -> None:
    setup = Setup(count)
    await asyncio.sleep(0.5)
    try:
        with tempfile.TemporaryDirectory() as home:
            # Everything due: shutdowns, events, then a DeleteApp that hangs.
            for kernel in setup.kernel_manager.kernels.values():
                kernel.last_activity = setup.now - timedelta(hours=2)
            busy = monitor_for(setup.serverapp, Path(home), aws, timeout_minutes=0.001)
            busy.started = setup.now - timedelta(hours=2)
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
            print(f"check with {count} shutdowns and a DeleteApp that never answers:")
            print(f"  took {elapsed:.2f} s (the AWS read timeout is 2 s); "
                  f"{sum(e['kind'] == 'kernel' for e in events)} kernel events, "
                  f"{sum(e['action'] == 'error' for e in events)} error event(s)")
            print(f"  event loop lag: worst {max(lags) * 1000:.1f} ms, "
                  f"median {statistics.median(lags) * 1000:.2f} ms over {len(lags)} ticks")
            busy.events.close()
    finally:
        await setup.close()


async def main(sizes: list[int]) -> None:
    sock, endpoint = silent_endpoint()
    aws = AwsAccess(region="eu-central-1", endpoint_url=endpoint, read_timeout=2.0,
                    max_attempts=1)
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    try:
        for count in sizes:
            await quiet_checks(count, aws)
        matching()
        await loop_lag(50, aws)
    finally:
        aws.close()
        sock.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200],
                        help="How many kernels (and as many terminals) to check with.")
    args = parser.parse_args()
    asyncio.run(main(args.sizes))
