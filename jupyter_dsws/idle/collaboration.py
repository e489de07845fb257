"""jupyter-collaboration's rooms, as idle shutdown needs them, when the server has them.

A shared Studio space runs JupyterLab with real-time collaboration (jupyter-collaboration,
whose server part is the ``jupyter_server_ydoc`` extension). Then a document's edits travel
over the collaboration websocket into a room on the server, which jupyter-server's
``last_activity`` never hears of, and unsaved edits live in those rooms, not only in
browsers. So, when that extension is loaded:

- an edit of a room's document (cells, metadata, text) is a person's activity;
- every open collaboration connection names its person (``current_user``): who is here;
- before the app stops, every room's document is saved to disk from the server.

Nothing here imports jupyter-collaboration: private spaces run without it, and the wheel
does not depend on it. The rooms are reached through the running extension's
``ywebsocket_server`` (jupyter_server_ydoc 1.x to 3.x: jupyter-collaboration 3.x, as the
SageMaker Distribution's 3.x line has it, to 5.x).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..people import Person, person_of

log = logging.getLogger(__name__)

EXTENSION = "jupyter_server_ydoc"
#: The shared parts of jupyter_ydoc's documents a person edits (notebook cells and
#: metadata, a text file's source). Not "state": the server writes it when it saves.
_EDITABLE = ("_ycells", "_ymeta", "_ysource")


@dataclass
class RoomSaves:
    """What saving the rooms did, for the record."""

    saved: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # path: why

    def summary(self) -> str:
        parts = []
        if self.saved:
            parts.append(f"saved {len(self.saved)} collaborative document(s) from the server")
        if self.failed:
            parts.append("not saved: " + "; ".join(self.failed))
        return ", ".join(parts)


class Collaboration:
    """The server's collaboration rooms, or nothing when jupyter-collaboration is absent."""

    def __init__(self, serverapp: Any, on_edit: Callable[[], None],
                 logger: logging.Logger = log) -> None:
        self.serverapp = serverapp
        self.on_edit = on_edit
        self.log = logger
        # Rooms whose document we observe; a room gone (cleaned up) drops out by itself.
        self._watched: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()

    def _extension(self) -> Any | None:
        manager = getattr(self.serverapp, "extension_manager", None)
        apps = getattr(manager, "extension_apps", {}).get(EXTENSION) or ()
        for app in apps:
            if getattr(app, "ywebsocket_server", None) is not None:
                return app
        return None

    @property
    def enabled(self) -> bool:
        """jupyter-collaboration is loaded and real-time collaboration is on."""
        app = self._extension()
        return app is not None and not getattr(app, "disable_rtc", False)

    def _rooms(self) -> list[Any]:
        app = self._extension()
        if app is None:
            return []
        return list(getattr(app.ywebsocket_server, "rooms", {}).values())

    def _document_rooms(self) -> list[Any]:
        """Rooms that hold a file's document (not the awareness-only rooms)."""
        return [r for r in self._rooms()
                if getattr(r, "_document", None) is not None
                and (hasattr(r, "_save_to_disc") or hasattr(r, "_file"))]

    def people(self) -> list[Person]:
        """Everyone with an open collaboration connection (a document, or JupyterLab's
        global awareness room that every tab under RTC joins), once each."""
        found: dict[str, Person] = {}
        for room in self._rooms():
            for client in list(getattr(room, "clients", ()) or ()):
                person = person_of(getattr(client, "current_user", None))
                if person is not None:
                    found.setdefault(person.name, person)
        return list(found.values())

    def watch(self) -> None:
        """Observe the documents of rooms opened since the last call: an edit counts as a
        person's activity. Cheap when nothing is new (called at every check and poll)."""
        for room in self._document_rooms():
            if room in self._watched:
                continue
            subscriptions = []
            document = room._document
            for name in _EDITABLE:
                shared = getattr(document, name, None)
                if shared is None:
                    continue
                try:
                    subscriptions.append(shared.observe_deep(self._edited))
                except Exception:  # another jupyter_ydoc: no activity from it, nothing worse
                    self.log.debug("dsws idle: cannot observe %s of room %s", name,
                                   getattr(room, "room_id", "?"), exc_info=True)
            self._watched[room] = subscriptions

    def _edited(self, *_: Any) -> None:
        self.on_edit()

    async def on_awareness_event(self, logger: Any, schema_id: str, data: dict) -> None:
        """jupyter_events listener for jupyter-collaboration's awareness events: someone
        joined a room, so watch its document from now on."""
        self.watch()

    async def save_all(self, timeout: float) -> RoomSaves:
        """Save every room's document to disk, waiting at most ``timeout`` seconds."""
        result = RoomSaves()
        tasks: dict[asyncio.Future[Any], str] = {}
        for room in self._document_rooms():
            path = str(getattr(room._document, "path", None) or getattr(room, "room_id", "?"))
            try:
                task = _save(room)
            except Exception as exc:  # noqa: BLE001 (one room must not keep the others unsaved)
                result.failed.append(f"{path}: {type(exc).__name__}: {exc}")
                continue
            if task is None:
                # The room is loading or being overwritten from disk: nothing of a person's
                # to save in it.
                continue
            tasks[asyncio.ensure_future(task)] = path
        if not tasks:
            return result
        done, pending = await asyncio.wait(tasks, timeout=max(0.0, timeout))
        for task in done:
            if task.cancelled() or task.exception() is not None:
                why = "cancelled" if task.cancelled() else repr(task.exception())
                result.failed.append(f"{tasks[task]}: {why}")
            else:
                # jupyter-collaboration logs a failed write itself (and emits its session
                # event with level ERROR); the save ran to its end.
                result.saved.append(tasks[task])
        for task in pending:
            # Left running: a save may still finish while the app stops.
            result.failed.append(f"{tasks[task]}: not saved within {timeout:g} s")
        return result


def _save(room: Any) -> Any:
    """An awaitable that writes the room's document to disk now, or None when the room is
    loading or being overwritten from disk (nothing of a person's to save in it)."""
    if hasattr(room, "_save_to_disc"):  # jupyter_server_ydoc 2.x and 3.x
        return room._save_to_disc()
    return _save_v1(room)


async def _save_v1(room: Any) -> None:
    """jupyter_server_ydoc 1.x has no save-now: its debounced save (``_maybe_save_document``)
    without the wait, which ``document_save_delay`` may make as long as an hour."""
    saved = await room._file.maybe_save_content({
        "format": room._file_format, "type": room._file_type,
        "content": room._document.source})
    async with room._update_lock:
        room._document.dirty = False
        if saved:
            room._document.hash = saved["hash"]
