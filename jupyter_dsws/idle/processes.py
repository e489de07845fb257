"""Which kernels and terminals have a running process of their own: that process is work.

We read ``/proc`` directly (psutil is not one of our dependencies), once per check for all
kernels and terminals together, and index it once: the cost grows linearly with the number of
processes plus the processes found, never with kernels times processes. Elsewhere than Linux
nothing is found: every resource is then judged by its execution state and last activity.

A process counts for a kernel or terminal whose process is ``root`` when it is, besides
``root`` itself:
- a descendant of ``root`` (``subprocess.Popen``, a terminal's ``python train.py``), or
- in ``root``'s session or process group, when ``root`` leads it. Kernels are started in
  their own session (jupyter_client's ``start_new_session``) and a terminal's shell leads
  its pty's session, so ``!nohup python train.py &`` still counts after the shell that
  started it exits and the job is re-parented to init. A job that detaches with
  ``setsid`` (a daemon, a double fork into a new session) is no longer found.

Not work: zombies, and helpers that Python's multiprocessing leaves running for the rest
of a kernel's life (the resource tracker, the forkserver), else one ``Pool`` would keep a
kernel forever.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

PROC = Path("/proc")
_GONE_STATES = frozenset({"Z", "X", "x"})
_HELPERS = (b"multiprocessing.resource_tracker", b"multiprocessing.forkserver",
            b"multiprocessing.semaphore_tracker")


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgid: int
    sid: int
    state: str
    # Since boot, in clock ticks: with the pid, names one process even after pid reuse.
    started: int = 0


def parse_stat(text: str) -> Proc | None:
    """``/proc/<pid>/stat``: "pid (comm) state ppid pgrp session ..."; comm may hold spaces."""
    try:
        head, rest = text.rsplit(")", 1)
        fields = rest.split()
        started = int(fields[19]) if len(fields) > 19 else 0
        return Proc(pid=int(head.split("(", 1)[0]), state=fields[0], ppid=int(fields[1]),
                    pgid=int(fields[2]), sid=int(fields[3]), started=started)
    except (ValueError, IndexError):
        return None


def _read(path: str, size: int = 4096) -> bytes | None:
    # os.open/os.read rather than pathlib: a few µs per process instead of ~25, which is most
    # of a check's cost with a few hundred processes.
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # the process ended while we looked
        return None
    try:
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def read_table(proc: Path = PROC) -> dict[int, Proc]:
    """Every live process by pid; empty where there is no ``/proc``."""
    table: dict[int, Proc] = {}
    base = str(proc)
    try:
        entries = os.listdir(base)
    except OSError:
        return table
    for entry in entries:
        if not entry.isdigit():
            continue
        data = _read(f"{base}/{entry}/stat")
        if data is None:
            continue
        parsed = parse_stat(data.decode("utf-8", errors="replace"))
        if parsed is not None and parsed.state not in _GONE_STATES:
            table[parsed.pid] = parsed
    return table


def is_helper(pid: int, proc: Path = PROC) -> bool:
    cmdline = _read(f"{proc}/{pid}/cmdline", 64 * 1024)
    return cmdline is not None and any(helper in cmdline for helper in _HELPERS)


@dataclass
class ProcessIndex:
    """A process table indexed once: children by parent, members by session and by group."""

    table: Mapping[int, Proc]
    children: dict[int, list[int]] = field(default_factory=dict)
    by_session: dict[int, list[int]] = field(default_factory=dict)
    by_group: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.table.values():
            self.children.setdefault(p.ppid, []).append(p.pid)
            self.by_session.setdefault(p.sid, []).append(p.pid)
            self.by_group.setdefault(p.pgid, []).append(p.pid)

    def related(self, root: int) -> set[int]:
        """The pids that belong to ``root``: descendants, and its session or group if it
        leads it."""
        found: set[int] = set()
        stack = [root]
        while stack:
            for child in self.children.get(stack.pop(), ()):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        leader = self.table.get(root)
        if leader is not None:
            if leader.sid == root:
                found.update(self.by_session.get(root, ()))
            if leader.pgid == root:
                found.update(self.by_group.get(root, ()))
        found.discard(root)
        return found


def related(table: Mapping[int, Proc], root: int) -> set[int]:
    """The pids that belong to ``root`` (for one root; many roots share a ``ProcessIndex``)."""
    return ProcessIndex(table).related(root)


class ProcessFinder:
    """``running_processes`` that remembers which processes are multiprocessing helpers, so
    that a helper's command line is read once in its life, not at every check."""

    def __init__(self, proc: Path = PROC) -> None:
        self.proc = proc
        self._helpers: dict[tuple[int, int], bool] = {}

    def __call__(self, roots: Mapping[K, int]) -> dict[K, list[int]]:
        table = read_table(self.proc)
        if not table:
            return {key: [] for key in roots}
        index = ProcessIndex(table)
        known, self._helpers = self._helpers, {}
        result: dict[K, list[int]] = {}
        for key, root in roots.items():
            pids = []
            for pid in sorted(index.related(root)):
                mark = (pid, table[pid].started)
                helper = self._helpers.get(mark)
                if helper is None:
                    helper = known[mark] if mark in known else is_helper(pid, self.proc)
                    self._helpers[mark] = helper
                if not helper:
                    pids.append(pid)
            result[key] = pids
        return result


def running_processes(roots: Mapping[K, int], proc: Path = PROC) -> dict[K, list[int]]:
    """For each key, the pids of the work processes of its root pid. Blocking: run it in a
    thread (it reads ``/proc``)."""
    return ProcessFinder(proc)(roots)
