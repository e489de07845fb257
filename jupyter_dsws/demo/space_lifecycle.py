"""A demo space's lifecycle scripts, run as Studio runs them before its JupyterLab starts.

Each script runs with ``/bin/bash``, as the user the demo runs as (Studio's is
``sagemaker-user``), in the space's HOME, with a time limit (Studio's is 5 minutes); its
stdout and stderr go line by line to a ``LogSink``. A non-zero exit or running over the
limit fails the start, with a reason that names the script and where its output is.
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .lab_process import stop_process_group
from .studio.records import LifecycleScript
from .studio_logs import LogSink, where

#: After the script exits, how long its output may still take to arrive. A process the
#: script left running in the background may hold the pipe open for ever.
DRAIN_SECONDS = 5.0

#: Starts a process unless the app is being stopped (None then); see SpaceApps._spawn.
Spawn = Callable[..., "subprocess.Popen[bytes] | None"]


@dataclass(frozen=True)
class ScriptRun:
    """The scripts' outcome: ``failure`` is Studio's kind of reason, None when all passed."""

    failure: str | None = None
    stopped: bool = False


def script_file(folder: Path, index: int, script: LifecycleScript) -> Path:
    name = re.sub(r"[^A-Za-z0-9._-]", "_", script.name) or "script"
    path = folder / f"{index:02d}-{name}.sh"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script.content, encoding="utf-8")
    return path


def run_scripts(scripts: tuple[LifecycleScript, ...], *, folder: Path, home: Path,
                env: Mapping[str, str], sink: LogSink, time_limit: float,
                spawn: Spawn, stopping: threading.Event) -> ScriptRun:
    """Run each script in order; stop at the first that fails."""
    for index, script in enumerate(scripts, start=1):
        path = script_file(folder, index, script)
        sink.note(f"lifecycle configuration {script.name} ({script.arn}): bash {path}")
        process = spawn(["/bin/bash", str(path)], env=dict(env), cwd=home,
                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT)
        if process is None:
            return ScriptRun(stopped=True)
        code = _wait(process, sink, time_limit)
        if stopping.is_set():
            return ScriptRun(stopped=True)
        if code is None:
            sink.note(f"{script.name} ran longer than {time_limit:g} s and was stopped")
            return ScriptRun(failure=(
                f"Lifecycle Config execution failed: {script.name} ({script.arn}) ran "
                f"longer than {time_limit:g} s and was stopped. Its output is in "
                f"{where(sink.stream, sink.path)}."))
        how = f"exited with code {code}" if code >= 0 else f"was killed by signal {-code}"
        sink.note(f"{script.name} {how}")
        if code != 0:
            return ScriptRun(failure=(
                f"Lifecycle Config execution failed: {script.name} ({script.arn}) {how}. "
                f"Its output is in {where(sink.stream, sink.path)}."))
    return ScriptRun()


def _wait(process: subprocess.Popen[bytes], sink: LogSink, time_limit: float) -> int | None:
    """The exit code (-N: killed by signal N); None when over the limit (then stopped)."""
    reader = threading.Thread(target=_pump, args=(process, sink), daemon=True)
    reader.start()
    try:
        code = process.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        stop_process_group(process)
        reader.join(DRAIN_SECONDS)
        return None
    reader.join(DRAIN_SECONDS)
    return code


def _pump(process: subprocess.Popen[bytes], sink: LogSink) -> None:
    assert process.stdout is not None
    for raw in process.stdout:
        sink.line(raw.decode("utf-8", errors="replace"))
