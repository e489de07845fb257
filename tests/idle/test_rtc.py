"""Real-time collaboration (jupyter-collaboration) and idle shutdown, with a real client.

A notebook is edited as a collaborating browser edits it: a Y document synchronized over
jupyter-collaboration's room websocket (pycrdt's provider, jupyter_ydoc's notebook), never
through the contents API. The server's autosave is off (``document_save_delay = None``),
so an edit stays in the server's room until something saves it: what is on disk after the
stop was saved by idle shutdown's save-before-stop.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from helpers import COOKIE_IDENTITY, as_person, body, wait_for
from jupyter_ydoc import YNotebook
from pycrdt import Doc, Provider
from tornado.httpclient import HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

EDIT = "print('typed by Ron, never saved by him')"


@pytest.fixture
def server_extensions() -> dict:
    return {"jupyter_dsws": True, "jupyter_server_terminals": True,
            "jupyter_server_ydoc": True, "jupyter_server_fileid": True}


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


@pytest.fixture
def config_sections(idle_config: dict, tmp_path: Path) -> dict:
    return {
        "IdleShutdown": idle_config,
        # No autosave: the edit stays in the room until someone saves it.
        "YDocExtension": {"document_save_delay": None, "document_cleanup_delay": None},
        "SQLiteYStore": {"db_path": str(tmp_path / "ystore.db")},
        "BaseFileIdManager": {"db_path": str(tmp_path / "file_id.db")},
    }


class TornadoChannel:
    """pycrdt's ``Channel`` over tornado's websocket client."""

    def __init__(self, socket: WebSocketClientConnection, path: str) -> None:
        self._socket = socket
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def __aiter__(self) -> TornadoChannel:
        return self

    async def __anext__(self) -> bytes:
        message = await self._socket.read_message()
        if message is None:
            raise StopAsyncIteration
        return message if isinstance(message, bytes) else message.encode()

    async def recv(self) -> bytes:
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        await self._socket.write_message(message, binary=True)


@pytest.fixture
def collaborating(jp_fetch, jp_http_port, jp_base_url, jp_auth_header):
    """``async with collaborating(path, profile) as notebook``: a person's collaborative
    notebook, synchronized with the server's room as JupyterLab's is."""
    @contextlib.asynccontextmanager
    async def connect(path: str, profile: str) -> AsyncIterator[YNotebook]:
        headers = {**jp_auth_header, **as_person(profile)}
        session = body(await jp_fetch("api", "collaboration", "session", path, method="PUT",
                                      headers=headers,
                                      body=json.dumps({"format": "json", "type": "notebook"})))
        # The room id's colons unescaped, as JupyterLab sends them (jp_ws_fetch escapes them).
        room = f"json:notebook:{session['fileId']}"
        url = (f"ws://127.0.0.1:{jp_http_port}{jp_base_url}api/collaboration/room/{room}"
               f"?sessionId={session['sessionId']}")
        socket = await websocket_connect(HTTPRequest(url, headers=headers))
        async with synced(socket, room) as notebook:
            yield notebook

    return connect


@contextlib.asynccontextmanager
async def synced(socket: WebSocketClientConnection, room: str) -> AsyncIterator[YNotebook]:
    doc = Doc()
    try:
        async with Provider(doc, TornadoChannel(socket, room)) as provider:
            # pycrdt 0.14 says when the first sync is done; 0.13 (jupyter-collaboration 4.4,
            # Studio's JupyterLab 4.5) does not: the cells arriving say it there.
            synced = getattr(provider, "synced", None) or provider.started
            await synced.wait()
            nb = YNotebook(doc)
            await wait_for(lambda: len(nb.ycells) > 0, what="the notebook from the room")
            yield nb
    finally:
        socket.close()


def type_into(nb: YNotebook) -> None:
    """Type EDIT at the end of the first cell, as a person does in JupyterLab."""
    source = nb.ycells[0]["source"]
    source += "\n" + EDIT  # pycrdt's Text: an insert, sent to the room as an update


def room_of(jp_serverapp: Any) -> Any:
    (ydoc_app,) = jp_serverapp.extension_manager.extension_apps["jupyter_server_ydoc"]
    rooms = [r for r in ydoc_app.ywebsocket_server.rooms.values() if hasattr(r, "_document")]
    return rooms[0] if rooms else None


def room_has_edit(jp_serverapp: Any) -> bool:
    room = room_of(jp_serverapp)
    return room is not None and any(EDIT in "".join(c.get("source", ""))
                                    for c in room._document.get()["cells"])


def notebook_on_disk(root: Path) -> str:
    return (root / "shared.ipynb").read_text("utf-8")


@pytest.fixture
def notebook(jp_root_dir: Path) -> Path:
    path = jp_root_dir / "shared.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path.write_text(nbformat.writes(nb), "utf-8")
    return path


@pytest.mark.parametrize("idle_config", [{"app_shutdown": False}], indirect=True)
async def test_an_edit_over_the_collaboration_websocket_is_activity_and_names_the_person(
        jp_fetch, collaborating, jp_serverapp, idle, notebook):
    monitor = idle.monitor
    async with collaborating("shared.ipynb", "ronald-weasley") as nb:
        # Ron is here through his collaboration connection alone (no tab of ours polls).
        state = body(await jp_fetch("dsws", "idle"))
        (ron,) = [p for p in state["people"] if p["name"] == "ronald-weasley"]
        assert (ron["collaborating"], ron["tabs"]) == (True, 0)
        assert state["collaboration"] is True

        before = monitor.person_activity
        last_activity = jp_serverapp.web_app.settings.get("last_activity_times", {}).copy()
        type_into(nb)
        await wait_for(lambda: room_has_edit(jp_serverapp), what="the edit in the server's room")
        await wait_for(lambda: monitor.person_activity is not None
                       and (before is None or monitor.person_activity > before),
                       what="the edit counted as activity")
        # jupyter-server's own clock did not see it: only ours did.
        assert jp_serverapp.web_app.settings.get("last_activity_times", {}) == last_activity


@pytest.mark.parametrize("idle_config", [{"app_shutdown": True, "timeout_minutes": 1.0 / 60,
                                          "warning_minutes": 0, "save_wait_seconds": 10.0}],
                         indirect=True)
async def test_an_unsaved_collaborative_edit_is_on_disk_after_the_idle_stop(
        jp_fetch, collaborating, jp_serverapp, jp_root_dir, idle, stops, notebook):
    async with collaborating("shared.ipynb", "ronald-weasley") as nb:
        type_into(nb)
        await wait_for(lambda: room_has_edit(jp_serverapp), what="the edit in the server's room")
        # Autosave is off: the edit lives only in the server's room (and Ron's browser).
        assert EDIT not in notebook_on_disk(jp_root_dir)

        await idle.start()
        await wait_for(lambda: stops, what="the idle stop")

    assert EDIT in notebook_on_disk(jp_root_dir)
    (stop,) = [e for e in body(await jp_fetch("dsws", "idle", "events"))["events"]
               if e["action"] == "shutdown"]
    assert "saved 1 collaborative document(s) from the server" in stop["reason"]


@pytest.mark.parametrize("idle_config", [{"save_wait_seconds": 10.0}], indirect=True)
async def test_a_switchs_stop_saves_the_rooms_too(jp_fetch, collaborating, jp_serverapp,
                                                  jp_root_dir, idle, stops, notebook):
    async with collaborating("shared.ipynb", "harry-potter") as nb:
        type_into(nb)
        await wait_for(lambda: room_has_edit(jp_serverapp), what="the edit in the server's room")
        idle.monitor.request_stop("Switching the space to ml.g4dn.xlarge.")
        await wait_for(lambda: stops, what="the requested stop")
    assert EDIT in notebook_on_disk(jp_root_dir)
