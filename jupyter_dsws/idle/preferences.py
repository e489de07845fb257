"""The people's choices (timeout, keep terminals), kept under HOME across app restarts.

Only what was chosen is stored; at every start it is clamped to the admin's bounds of the
day, so an admin who narrows the bounds is obeyed without touching anyone's file. In a
shared space HOME is everyone's, so the choice is the space's: the file also keeps who
made the last change and when (for showing and the record only).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Preferences:
    timeout_minutes: float | None = None
    keep_terminals: bool | None = None
    #: The last change: who (``Person.record()``), when (ISO 8601), and what, in words.
    changed_by: dict[str, str] | None = None
    changed_at: str | None = None
    change: str | None = None

    def choice(self) -> tuple[float | None, bool | None]:
        return self.timeout_minutes, self.keep_terminals


def load(path: Path) -> Preferences:
    """The stored choices; none when the file is missing or unreadable (logged)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError) as exc:
        log.warning("dsws idle: ignoring unreadable %s: %s", path, exc)
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    timeout = raw.get("timeout_minutes")
    keep = raw.get("keep_terminals")
    valid_timeout = (isinstance(timeout, int | float) and not isinstance(timeout, bool)
                     and timeout > 0)
    by = raw.get("changed_by")
    valid_by = (isinstance(by, dict) and isinstance(by.get("name"), str)
                and isinstance(by.get("display_name"), str))
    at, change = raw.get("changed_at"), raw.get("change")
    return Preferences(
        timeout_minutes=float(timeout) if valid_timeout else None,
        keep_terminals=keep if isinstance(keep, bool) else None,
        changed_by={"name": by["name"], "display_name": by["display_name"]} if valid_by
        else None,
        changed_at=at if isinstance(at, str) else None,
        change=change if isinstance(change, str) else None,
    )


def _save(path: Path, prefs: Preferences) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".idle-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump({k: v for k, v in asdict(prefs).items() if v is not None}, file)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


async def save(path: Path, prefs: Preferences) -> None:
    await asyncio.to_thread(_save, path, prefs)
