"""Finding the processes a kernel or terminal left running, from a /proc snapshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import wait_until

from jupyter_dsws.idle import processes
from jupyter_dsws.idle.processes import Proc, parse_stat, related


def test_stat_lines_with_spaces_and_parentheses_in_the_name_parse():
    proc = parse_stat("4242 (python (x) y) S 17 4242 4242 34816 4242 4194560 ...")
    assert proc == Proc(pid=4242, ppid=17, pgid=4242, sid=4242, state="S")
    assert parse_stat("garbage") is None


def test_descendants_and_the_session_of_a_leader_belong_to_it():
    table = {p.pid: p for p in [
        Proc(100, 1, 100, 100, "S"),  # the kernel: leads its session
        Proc(101, 100, 100, 100, "S"),  # a child
        Proc(102, 101, 100, 100, "S"),  # a grandchild
        Proc(103, 1, 100, 100, "S"),  # `nohup … &`: re-parented to init, same session
        Proc(200, 1, 200, 200, "S"),  # someone else
        Proc(201, 200, 200, 200, "S"),
    ]}
    assert related(table, 100) == {101, 102, 103}
    assert related(table, 200) == {201}
    assert related(table, 999) == set()


def test_a_root_that_leads_nothing_only_owns_its_descendants():
    table = {p.pid: p for p in [Proc(10, 1, 5, 5, "S"), Proc(11, 10, 5, 5, "S"),
                                Proc(12, 1, 5, 5, "S")]}
    assert related(table, 10) == {11}


def test_without_proc_nothing_is_found(tmp_path: Path):
    assert processes.running_processes({"k": 1}, proc=tmp_path / "nowhere") == {"k": []}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux only")
def test_a_detached_background_job_of_a_real_session_leader_is_found():
    # A stand-in kernel: a new session whose shell starts `sleep` in the background and exits,
    # as `!nohup sleep 30 &` does in a notebook.
    leader = subprocess.Popen(
        [sys.executable, "-c",
         "import os, time; os.system('nohup sleep 30 >/dev/null 2>&1 &'); time.sleep(30)"],
        start_new_session=True,
    )
    try:
        found = wait_until(lambda: processes.running_processes({"k": leader.pid})["k"],
                           timeout=10, what="the background sleep to be found")
        for pid in found:
            os.kill(pid, 9)
    finally:
        leader.kill()
        leader.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux only")
def test_multiprocessing_helpers_are_not_work():
    helper = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)",
         "multiprocessing.resource_tracker"],
    )
    try:
        # Once the child has exec'd its command line.
        wait_until(lambda: processes.is_helper(helper.pid), timeout=5,
                   what="the helper to be recognised")
        assert not processes.is_helper(os.getpid())
    finally:
        helper.kill()
        helper.wait()


def fake_proc(root: Path, procs: dict[int, tuple[int, int, int, str, str]]) -> Path:
    """A /proc with ``pid: (ppid, pgid, sid, state, command line)``."""
    for pid, (ppid, pgid, sid, state, cmdline) in procs.items():
        (root / str(pid)).mkdir(parents=True)
        (root / str(pid) / "stat").write_text(
            f"{pid} (cmd) {state} {ppid} {pgid} {sid} 0 -1 4194560 " + "0 " * 12 + f"{pid}00")
        (root / str(pid) / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode())
    (root / "self").mkdir()
    return root


def test_many_kernels_and_terminals_are_matched_from_one_read(tmp_path: Path):
    proc = fake_proc(tmp_path / "proc", {
        100: (1, 100, 100, "S", "python -m ipykernel_launcher"),  # kernel A
        101: (100, 100, 100, "S", "python -c from multiprocessing.resource_tracker import main"),
        102: (1, 100, 100, "S", "python train.py"),  # nohup'd, re-parented
        103: (100, 100, 100, "Z", "defunct"),
        200: (1, 200, 200, "S", "python -m ipykernel_launcher"),  # kernel B: nothing runs
        300: (1, 300, 300, "S", "bash"),  # a terminal
        301: (300, 301, 300, "S", "sleep 600"),
    })
    finder = processes.ProcessFinder(proc)
    roots = {"a": 100, "b": 200, "t": 300, "gone": 999}
    expected = {"a": [102], "b": [], "t": [301], "gone": []}
    assert finder(roots) == expected
    assert finder(roots) == expected  # the helper, remembered, is still not work
