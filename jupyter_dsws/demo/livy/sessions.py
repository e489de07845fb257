"""Livy's sessions and statements: their states and JSON shapes, and the one thread that
runs statements on Spark in the order they came.

The shapes are Livy 0.8's REST API (``/sessions``, ``/sessions/{id}/statements``): a
session is ``starting`` until Spark is ready, then ``idle`` or ``busy``, ``dead`` if Spark
failed; a statement goes ``waiting`` -> ``running`` -> ``available`` (``cancelled`` if
cancelled before it ran), its output ``{"status": "ok", "data": {"text/plain": ...}}`` or
``{"status": "error", "ename", "evalue", "traceback"}``.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from .spark import FAILED, READY, SparkProcess

KINDS = ("pyspark", "spark", "sparkr", "sql")


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Statement:
    id: int
    code: str
    state: str = "waiting"
    output: dict[str, Any] | None = None
    started: int = 0
    completed: int = 0

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "state": self.state, "output": self.output,
                "progress": 1.0 if self.state == "available" else 0.0,
                "started": self.started, "completed": self.completed}


@dataclass
class Session:
    id: int
    endpoint: str
    kind: str
    name: str | None
    owner: str | None
    statements: list[Statement] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def state(self, spark: SparkProcess) -> str:
        if spark.state == FAILED:
            return "dead"
        if spark.state != READY:
            return "starting"
        busy = any(s.state in ("waiting", "running") for s in self.statements)
        return "busy" if busy else "idle"

    def json(self, spark: SparkProcess) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "appId": f"local-dsws-{self.id}",
                "owner": self.owner, "proxyUser": self.owner, "state": self.state(spark),
                "kind": self.kind, "appInfo": {"driverLogUrl": None, "sparkUiUrl": None},
                "log": self.log[-10:]}


class Sessions:
    """Every session of one Livy server, by id; thread-safe."""

    def __init__(self, spark: SparkProcess) -> None:
        self.spark = spark
        self._sessions: dict[int, Session] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[Session, Statement] | None] = queue.Queue()
        self._runner = threading.Thread(target=self._run, name="dsws-livy-statements",
                                        daemon=True)
        self._runner.start()

    def of(self, endpoint: str) -> list[Session]:
        with self._lock:
            return [s for s in self._sessions.values() if s.endpoint == endpoint]

    def get(self, endpoint: str, session_id: int) -> Session | None:
        with self._lock:
            found = self._sessions.get(session_id)
        return found if found is not None and found.endpoint == endpoint else None

    def create(self, endpoint: str, kind: str, name: str | None, owner: str | None) -> Session:
        with self._lock:
            session = Session(next(self._ids), endpoint, kind, name, owner)
            session.log.append(f"dsws demo Livy: session {session.id} ({kind}) on local Spark")
            self._sessions[session.id] = session
        return session

    def delete(self, session: Session) -> None:
        with self._lock:
            self._sessions.pop(session.id, None)
            for statement in session.statements:
                if statement.state == "waiting":
                    statement.state = "cancelled"
        self.spark.drop(session.id)

    def submit(self, session: Session, code: str) -> Statement:
        with self._lock:
            statement = Statement(len(session.statements), code)
            session.statements.append(statement)
        self._queue.put((session, statement))
        return statement

    def cancel(self, statement: Statement) -> None:
        with self._lock:
            if statement.state == "waiting":
                statement.state = "cancelled"

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            session, statement = item
            with self._lock:
                if statement.state != "waiting":
                    continue
                statement.state, statement.started = "running", _now_ms()
            output = self.spark.run(session.id, statement.code)
            with self._lock:
                statement.output, statement.completed = output, _now_ms()
                statement.state = "available"

    def close(self) -> None:
        self._queue.put(None)
