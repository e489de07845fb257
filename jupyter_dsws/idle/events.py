"""The append-only record of idle actions: jupyter_events, one JSON line per action.

Our own ``EventLogger`` writes to ``events_path`` (under HOME, so the record survives an app
restart). The same events also go to the server's ``event_logger``, so other listeners
(an admin's handlers, another extension) see them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jupyter_events import EventLogger

from ..errors import Unavailable
from ..people import Person, person_from

SCHEMA_ID = "https://jupyter-dsws.org/events/idle/action/v1"
SCHEMA_PATH = Path(__file__).parent / "schemas" / "idle-action.v1.yaml"
_BLOCK = 64 * 1024

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IdleEvent:
    action: str  # warn | shutdown | keep | error
    kind: str  # kernel | terminal | app
    id: str
    name: str
    reason: str
    idle_seconds: float
    dry_run: bool
    #: Who did it (a "keep working", a switch's stop), for the record only; None for what
    #: the monitor did on its own.
    person: Person | None = None


def register_schema(logger: EventLogger) -> None:
    if SCHEMA_ID not in logger.schemas.schema_ids:
        logger.register_event_schema(SCHEMA_PATH)


def parse_timestamp(text: str) -> datetime:
    """jupyter_events writes an aware time with a stray "Z" ("...+00:00Z"): accept both forms."""
    if text.endswith("Z"):
        text = text[:-1]
        if "+" not in text[10:] and "-" not in text[10:]:
            text += "+00:00"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


class EventLog:
    def __init__(self, path: str | Path, server_logger: EventLogger | None = None) -> None:
        self.path = Path(path)
        self.server_logger = server_logger
        self._handler: logging.FileHandler | None = None
        self._lock = threading.Lock()  # the monitor and a handler may record at once
        self._told_skipped = False
        self._file_logger = EventLogger()
        register_schema(self._file_logger)
        if server_logger is not None:
            register_schema(server_logger)

    def _write(self, data: dict[str, Any], when: datetime) -> None:
        with self._lock:
            if self._handler is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                _end_last_line(self.path)
                self._handler = logging.FileHandler(self.path, mode="a", encoding="utf-8")
                self._file_logger.register_handler(self._handler)
            self._file_logger.emit(schema_id=SCHEMA_ID, data=data, timestamp_override=when)
            self._handler.flush()

    async def record(self, event: IdleEvent, when: datetime) -> None:
        """Append to the file (in a thread: file I/O stays off the loop), then tell the
        server's listeners (on the loop: jupyter_events schedules them as tasks)."""
        data = asdict(event)
        data["person"] = event.person.record() if event.person is not None else None
        if data["person"] is None:
            del data["person"]
        data["idle_seconds"] = round(max(0.0, float(data["idle_seconds"])), 3)
        try:
            await asyncio.to_thread(self._write, data, when)
        except OSError as exc:
            # A full or read-only HOME must not stop the monitor; the server log keeps it.
            log.error("dsws idle: cannot append to %s: %s; event %s", self.path, exc, data)
        if self.server_logger is not None:
            self.server_logger.emit(schema_id=SCHEMA_ID, data=data, timestamp_override=when)

    async def recent(self, limit: int) -> list[dict[str, Any]]:
        """The last ``limit`` events, newest first."""
        return await asyncio.to_thread(self._read_recent, limit)

    def _read_recent(self, limit: int) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        skipped = 0
        try:
            for line in lines_backwards(self.path):
                event = _event_from_line(line)
                if event is None:
                    # A line cut short by a crash or written by hand: skipped, never counted.
                    skipped += 1
                    continue
                events.append(event)
                if len(events) >= limit:
                    break
        except OSError as exc:
            raise Unavailable(f"Cannot read the idle events log {self.path}: {exc.strerror}.",
                              code="events_unreadable") from None
        if skipped and not self._told_skipped:
            self._told_skipped = True  # once: the panel reads the log every few seconds
            log.warning("dsws idle: skipped %d unreadable line(s) in %s (not idle events); "
                        "further ones are skipped silently", skipped, self.path)
        return events

    def close(self) -> None:
        with self._lock:
            if self._handler is not None:
                self._file_logger.remove_handler(self._handler)
                self._handler.close()
                self._handler = None


def lines_backwards(path: Path) -> Iterator[str]:
    """The file's non-empty lines, last first, reading it backwards by blocks: the newest
    events cost the same in a log of any size."""
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return
    with file:
        file.seek(0, 2)
        end = file.tell()
        rest = b""  # the start of a line whose beginning is in an earlier block
        while end > 0:
            start = max(0, end - _BLOCK)
            file.seek(start)
            data = file.read(end - start) + rest
            end = start
            parts = data.split(b"\n")
            rest = parts.pop(0) if end > 0 else b""
            for part in reversed(parts):
                if part.strip():
                    yield part.decode("utf-8", errors="replace")
        if rest.strip():
            yield rest.decode("utf-8", errors="replace")


def _end_last_line(path: Path) -> None:
    """A crash may have left a line without its newline: end it, so that our next event
    starts a line of its own instead of being glued to a broken one (and lost with it)."""
    try:
        with path.open("rb+") as file:
            if file.seek(0, 2) == 0:
                return
            file.seek(-1, 2)
            if file.read(1) != b"\n":
                file.write(b"\n")
    except FileNotFoundError:
        pass


def _event_from_line(line: str) -> dict[str, Any] | None:
    try:
        raw = json.loads(line)
        if raw.get("__schema__") != SCHEMA_ID:
            return None
        return {
            "time": parse_timestamp(raw["__timestamp__"]).isoformat(),
            "action": raw["action"], "kind": raw["kind"], "id": raw["id"],
            "name": raw["name"], "reason": raw["reason"],
            "idle_seconds": float(raw["idle_seconds"]), "dry_run": bool(raw["dry_run"]),
            "person": person_from(raw.get("person")),
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        # A line cut short by a crash or written by hand is skipped, not fatal.
        return None
