"""A space's lifecycle output: every line in the file, in order in CloudWatch Logs, and a
start that goes on (the file says so) when CloudWatch Logs cannot be reached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyter_dsws.demo.clients import Clients
from jupyter_dsws.demo.studio_logs import LOG_GROUP, LogSink, lifecycle_stream

STREAM = lifecycle_stream("d-logs", "lab", "JupyterLab", "default")


def test_lines_reach_the_file_at_once_and_cloudwatch_logs_in_order(
        fresh_emulator: Any, emulator_client: Callable[..., Any], tmp_path: Path) -> None:
    logs = emulator_client("logs")
    path = tmp_path / "LifecycleConfigOnStart.log"
    sink = LogSink(path, logs, STREAM)
    sink.note("starting")
    for n in range(250):
        sink.line(f"line {n}\n")
        assert path.read_text().splitlines()[-1] == f"line {n}"
    sink.line("")
    sink.close()

    events = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=STREAM,
                                 startFromHead=True, limit=1000)["events"]
    assert [e["message"] for e in events] == [f"line {n}" for n in range(250)] + [" "]
    assert path.read_text().splitlines()[0] == "[dsws demo] starting"

    # The next start appends to the same stream and file.
    again = LogSink(path, logs, STREAM)
    again.line("second start")
    again.close()
    events = logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=STREAM,
                                 startFromHead=True, limit=1000)["events"]
    assert events[-1]["message"] == "second start"
    assert path.read_text().splitlines()[-1] == "second start"


def test_an_unreachable_cloudwatch_logs_leaves_every_line_in_the_file(
        closed_port_url: str, tmp_path: Path) -> None:
    path = tmp_path / "LifecycleConfigOnStart.log"
    sink = LogSink(path, Clients(closed_port_url, "eu-central-1").client("logs"), STREAM)
    for n in range(3):
        sink.line(f"line {n}")
    sink.close()

    lines = path.read_text().splitlines()
    assert lines[1:] == ["line 0", "line 1", "line 2"]
    assert lines[0].startswith("[dsws demo] These lines are not in CloudWatch Logs: ")
    assert closed_port_url in lines[0]
