"""Which CodeCommit repositories are cloned in the workspace already, by remote URL.

A bounded walk of root_dir (depth- and count-limited, no symlinks followed, hidden and
dependency folders skipped) that reads each clone's ``.git/config`` for the ``origin``
URL. It is plain blocking I/O: callers run it in a thread.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .validate import codecommit_region

_SKIP = {"node_modules", "__pycache__", "site-packages", ".ipynb_checkpoints"}
_MAX_DIRECTORIES = 5000
_SECTION = re.compile(r'^\s*\[\s*remote\s+"origin"\s*\]\s*$', re.IGNORECASE)
_ANY_SECTION = re.compile(r"^\s*\[")
_URL = re.compile(r"^\s*url\s*=\s*(?P<url>.+?)\s*$", re.IGNORECASE)
_HTTP_PATH = re.compile(r"^/v1/repos/(?P<name>[A-Za-z0-9._-]{1,100})/?$")
_GRC = re.compile(
    r"^codecommit(?:::(?P<region>[a-z0-9-]+))?://(?:[^@/]+@)?(?P<name>[A-Za-z0-9._-]{1,100})$")


def repository_key(url: str, default_region: str | None) -> tuple[str, str] | None:
    """(region, name) of a CodeCommit remote URL, HTTPS or codecommit::, else None."""
    url = url.strip().strip('"')
    grc = _GRC.match(url)
    if grc:
        region = grc["region"] or default_region
        return (region, grc["name"]) if region else None
    match = re.match(r"^https?://(?:[^@/]+@)?(?P<host>[^/:]+)(?::\d+)?(?P<path>/.*)$", url)
    if not match:
        return None
    region = codecommit_region(match["host"])
    path = _HTTP_PATH.match(match["path"])
    if region and path:
        return region, path["name"]
    return None


def origin_url(git_config: str) -> str | None:
    """The ``url`` of ``[remote "origin"]`` in a git config file's text."""
    inside = False
    for line in git_config.splitlines():
        if _SECTION.match(line):
            inside = True
        elif _ANY_SECTION.match(line):
            inside = False
        elif inside and (match := _URL.match(line)):
            return match["url"]
    return None


def find_clones(root: Path, depth: int) -> dict[str, str]:
    """Origin URL -> clone folder relative to ``root``, for clones up to ``depth`` levels down."""
    found: dict[str, str] = {}
    if depth <= 0:
        return found
    queue: list[tuple[Path, int]] = [(root, 0)]
    seen = 0
    while queue and seen < _MAX_DIRECTORIES:
        folder, level = queue.pop(0)
        seen += 1
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable: it cannot hold a clone we could open either
        if folder != root and any(e.name == ".git" for e in entries):
            url = _read_origin(Path(folder) / ".git" / "config")
            if url:
                found.setdefault(url, folder.relative_to(root).as_posix())
            continue  # a clone's own folders are not more clones
        if level + 1 > depth:
            continue
        for entry in sorted(entries, key=lambda e: e.name):
            if (entry.name.startswith(".") or entry.name in _SKIP
                    or not entry.is_dir(follow_symlinks=False)):
                continue
            queue.append((Path(entry.path), level + 1))
    return found


def _read_origin(config: Path) -> str | None:
    try:
        if config.stat().st_size > 1_000_000:
            return None
        return origin_url(config.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
