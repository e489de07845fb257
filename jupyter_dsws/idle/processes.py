"""Which kernels and terminals have a running process of their own: that process is work.

We read ``/proc`` directly (psutil is not one of our dependencies), once per check for all
kernels and terminals together. Elsewhere than Linux nothing is found: every resource is
then judged by its execution state and last activity alone.

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
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

PROC = Path("/proc")
_GONE_STATES = frozenset({"Z", "X", "x"})
_HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver",
            "multiprocessing.semaphore_tracker")


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgid: int
    sid: int
    state: str


def parse_stat(text: str) -> Proc | None:
    """``/proc/<pid>/stat``: "pid (comm) state ppid pgrp session ..."; comm may hold spaces."""
    try:
        head, rest = text.rsplit(")", 1)
        fields = rest.split()
        return Proc(pid=int(head.split("(", 1)[0]), state=fields[0], ppid=int(fields[1]),
                    pgid=int(fields[2]), sid=int(fields[3]))
    except (ValueError, IndexError):
        return None


def read_table(proc: Path = PROC) -> dict[int, Proc]:
    """Every live process by pid; empty where there is no ``/proc``."""
    table: dict[int, Proc] = {}
    try:
        entries = os.listdir(proc)
    except OSError:
        return table
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            text = (proc / entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        parsed = parse_stat(text)
        if parsed is not None and parsed.state not in _GONE_STATES:
            table[parsed.pid] = parsed
    return table


def is_helper(pid: int, proc: Path = PROC) -> bool:
    try:
        cmdline = (proc / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace")
    except OSError:
        return False
    return any(helper in cmdline for helper in _HELPERS)


def related(table: Mapping[int, Proc], root: int) -> set[int]:
    """The pids that belong to ``root``: descendants, and its session or group if it leads."""
    children: dict[int, list[int]] = {}
    for p in table.values():
        children.setdefault(p.ppid, []).append(p.pid)
    found: set[int] = set()
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    leader = table.get(root)
    if leader is not None:
        for p in table.values():
            if (leader.sid == root and p.sid == root) or (leader.pgid == root and p.pgid == root):
                found.add(p.pid)
    found.discard(root)
    return found


def running_processes(roots: Mapping[K, int], proc: Path = PROC) -> dict[K, list[int]]:
    """For each key, the pids of the work processes of its root pid. Blocking: run it in a
    thread (it reads ``/proc``)."""
    table = read_table(proc)
    if not table:
        return {key: [] for key in roots}
    result: dict[K, list[int]] = {}
    helper_cache: dict[int, bool] = {}
    for key, root in roots.items():
        pids = []
        for pid in sorted(related(table, root)):
            if pid not in helper_cache:
                helper_cache[pid] = is_helper(pid, proc)
            if not helper_cache[pid]:
                pids.append(pid)
        result[key] = pids
    return result
