"""Each person's preferences in a file of their own under ``DSWSExtension.state_dir``.

In a shared Studio space everyone has one HOME, so what one person chose must not be kept
where the next person's choice overwrites it: one file per person, named from the user
name the server's identity provider gives (a slug for people reading the folder, a digest
so that two names never share a file and no name can leave the folder). The name only says
whose file it is; it allows nothing. No tornado here.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import re
import tempfile
from pathlib import Path

from pydantic import ValidationError

from ..people import Person
from .models import MAX_SHEETS, Preferences, PreferencesChange

log = logging.getLogger(__name__)

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def file_name(person: Person | None) -> str:
    """``person-harry-potter-1a2b3c4d5e6f.json``; ``space.json`` when nobody is named."""
    if person is None:
        return "space.json"
    slug = _NOT_SLUG.sub("-", person.name.lower()).strip("-")[:40] or "x"
    digest = hashlib.sha256(person.name.encode("utf-8")).hexdigest()[:12]
    return f"person-{slug}-{digest}.json"


def merged(prefs: Preferences, change: PreferencesChange) -> Preferences:
    """``prefs`` with ``change`` applied: the sheets changed last come last, and only the
    ``MAX_SHEETS`` most recently changed are kept; settings given replace those kept."""
    columns = dict(prefs.run_columns)
    for experiment, choice in change.run_columns.items():
        columns.pop(experiment, None)
        if choice is not None:
            columns[experiment] = choice
    kept = list(columns.items())[-MAX_SHEETS:]
    settings = prefs.settings if change.settings is None else change.settings
    return Preferences(run_columns=dict(kept), settings=settings)


class PreferenceStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._locks: dict[str, asyncio.Lock] = {}

    def path_of(self, person: Person | None) -> Path:
        return self.folder / file_name(person)

    async def read(self, person: Person | None) -> Preferences:
        return await asyncio.to_thread(self._read, self.path_of(person))

    async def change(self, person: Person | None, change: PreferencesChange) -> Preferences:
        """Apply ``change`` to the person's file; two changes at once both land."""
        path = self.path_of(person)
        async with self._locks.setdefault(path.name, asyncio.Lock()):
            prefs = merged(await asyncio.to_thread(self._read, path), change)
            await asyncio.to_thread(self._write, path, prefs)
        return prefs

    @staticmethod
    def _read(path: Path) -> Preferences:
        try:
            return Preferences.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return Preferences()
        except (OSError, ValidationError) as exc:
            log.warning("dsws preferences: ignoring unreadable %s: %s", path, exc)
            return Preferences()

    @staticmethod
    def _write(path: Path, prefs: Preferences) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".prefs-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(prefs.model_dump(mode="json"), file)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
