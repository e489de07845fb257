"""What runs on the server: kernels and terminals, read from jupyter-server's managers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from tornado.web import HTTPError

from .policy import Kind


@dataclass(frozen=True)
class Seen:
    """One kernel or terminal as the managers describe it right now."""

    kind: Kind
    id: str
    name: str
    state: str
    last_activity: datetime
    connections: int
    pid: int | None  # its process, for finding descendants; None when remote or unknown

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


def _aware(value: Any, fallback: datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return fallback


class Inventory:
    """Reads kernels (with their notebooks) and terminals; shuts one down on request."""

    def __init__(self, serverapp: Any) -> None:
        self.serverapp = serverapp

    @property
    def kernel_manager(self) -> Any:
        return self.serverapp.kernel_manager

    @property
    def terminal_manager(self) -> Any | None:
        # Terminals are an extension of their own, loaded after or without us: look late.
        return self.serverapp.web_app.settings.get("terminal_manager")

    async def notebooks(self) -> dict[str, str]:
        """kernel id → the path of the notebook (or console) it serves."""
        manager = getattr(self.serverapp, "session_manager", None)
        if manager is None:
            return {}
        paths: dict[str, str] = {}
        for session in await manager.list_sessions():
            kernel = session.get("kernel") or {}
            if kernel.get("id") and session.get("path"):
                paths[kernel["id"]] = session["path"]
        return paths

    async def observe(self, now: datetime) -> list[Seen]:
        notebooks = await self.notebooks()
        return [*self._kernels(notebooks, now), *self._terminals(now)]

    def _kernels(self, notebooks: dict[str, str], now: datetime) -> list[Seen]:
        manager = self.kernel_manager
        seen = []
        for kernel_id in list(manager.list_kernel_ids()):
            try:
                kernel = manager.get_kernel(kernel_id)
                model = manager.kernel_model(kernel_id)
            except KeyError:  # shut down while we looked
                continue
            provisioner = getattr(kernel, "provisioner", None)
            pid = getattr(provisioner, "pid", None) if provisioner is not None else None
            seen.append(Seen(
                kind="kernel", id=kernel_id,
                name=notebooks.get(kernel_id) or getattr(kernel, "kernel_name", "") or "kernel",
                state=str(getattr(kernel, "execution_state", None) or "unknown"),
                last_activity=_aware(getattr(kernel, "last_activity", None), now),
                connections=int(model.get("connections") or 0),
                pid=pid if isinstance(pid, int) else None,
            ))
        return seen

    def _terminals(self, now: datetime) -> list[Seen]:
        manager = self.terminal_manager
        if manager is None:
            return []
        seen = []
        for name, term in list(manager.terminals.items()):
            ptyproc = getattr(term, "ptyproc", None)
            pid = getattr(ptyproc, "pid", None)
            seen.append(Seen(
                kind="terminal", id=str(name), name=f"Terminal {name}", state="idle",
                last_activity=_aware(getattr(term, "last_activity", None), now),
                connections=len(getattr(term, "clients", ()) or ()),
                pid=pid if isinstance(pid, int) else None,
            ))
        return seen

    async def shut_down(self, kind: Kind, resource_id: str) -> bool:
        """Shut it down; False when it was already gone (someone was quicker than us)."""
        try:
            if kind == "kernel":
                await self.kernel_manager.shutdown_kernel(resource_id)
            else:
                manager = self.terminal_manager
                if manager is None:
                    return False
                await manager.terminate(resource_id, force=True)
        except KeyError:
            return False
        except HTTPError as exc:
            # The managers answer a missing kernel or terminal with a 404 for their handlers.
            if exc.status_code == 404:
                return False
            raise
        return True
