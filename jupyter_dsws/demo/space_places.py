"""Where each of the demo's spaces lives, across its apps' starts.

A space's folder is ``<state>/spaces/<domain>/<space>/``; its HOME (``home/``, or for the
demo's default space the demo's workspace) and its port (the default space's is the demo's,
another space's a free port) stay the same for every app it runs, as Studio's EBS volume
and URL do. ``SpaceApps`` (``space_apps.py``) asks here before each start.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from .studio.records import AppRecord


@dataclass
class Space:
    """What a space keeps across its apps' starts: its folder, HOME and port, and the thread
    stopping its last app (the next start waits for it)."""

    folder: Path
    home: Path
    port: int
    stopper: threading.Thread | None = None

    @property
    def lifecycle_log(self) -> Path:
        return self.folder / "logs" / "LifecycleConfigOnStart.log"

    @property
    def server_log(self) -> Path:
        return self.folder / "logs" / "jupyterlab.log"


class SpacePlaces:
    """Each space's ``Space``, made on first use: ``default_space`` (default: the first
    asked for) gets ``default_port`` and ``default_home``, the others a free port and a
    HOME under ``state_dir``."""

    def __init__(self, state_dir: Path, *, default_port: int, default_space: str | None,
                 default_home: Path | None) -> None:
        self.state_dir = Path(state_dir)
        self.default_port = default_port
        self.default_space = default_space
        self.default_home = default_home
        self._lock = threading.Lock()
        self._spaces: dict[tuple[str, str], Space] = {}

    def of(self, domain_id: str, owner: str) -> Space:
        key = (domain_id, owner)
        with self._lock:
            space = self._spaces.get(key)
            if space is None:
                folder = self.state_dir / "spaces" / slug(domain_id) / slug(owner)
                first = self.default_space == owner or (
                    self.default_space is None and not self._spaces)
                home = (self.default_home if first and self.default_home
                        else folder / "home")
                port = self.default_port if first else free_port()
                space = self._spaces[key] = Space(folder, Path(home), port)
            space.home.mkdir(parents=True, exist_ok=True)
            return space

    def all(self) -> list[Space]:
        with self._lock:
            return list(self._spaces.values())


def owner_of(app: AppRecord) -> str:
    """The space an app runs in (or, for a user profile's own app, the profile)."""
    return app.space_name or app.user_profile_name or "default"


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).lstrip(".") or "_"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
