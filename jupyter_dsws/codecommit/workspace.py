"""Which CodeCommit repositories are cloned in the workspace already, by remote URL.

A bounded walk of root_dir (depth- and count-limited, no symlinks followed, hidden and
dependency folders skipped) that reads each clone's ``.git/config`` for the ``origin``
URL. It is plain blocking I/O: callers run it in a thread.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..people import Person, PersonRecord, person_from
from .validate import codecommit_region, codecommit_url

_SKIP = {"node_modules", "__pycache__", "site-packages", ".ipynb_checkpoints"}
_MAX_DIRECTORIES = 5000
# "Anywhere under the root" for a typed remote: as deep as folders go, within the walk's
# budget of directories.
_ANY_DEPTH = 1000
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


RemoteKey = tuple[str, ...]


def remote_key(url: str, default_region: str | None) -> RemoteKey | None:
    """What names a remote however its URL is written: a CodeCommit repository by region and
    name (HTTPS or codecommit::), any other URL by host, port and path, without user name,
    scheme, a trailing '/' or '.git'. None for what is not a URL."""
    text = url.strip().strip('"').rstrip("/")
    if text.lower().endswith(".git"):  # never part of a CodeCommit name
        text = text[:-4]
    codecommit = repository_key(text, default_region)
    if codecommit is not None:
        return ("codecommit", *codecommit)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return ("url", parts.hostname.lower(), str(port or ""), parts.path.rstrip("/"))


def typed_remote_key(typed: str, region: str | None) -> RemoteKey | None:
    """The remote a person means by what they typed: a URL, or a CodeCommit repository name
    in the server's region (as the clone would read it)."""
    text = typed.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*(://|::)", text, re.IGNORECASE):
        return remote_key(text, region)
    if region and re.fullmatch(r"[A-Za-z0-9._-]{1,100}", text):
        return remote_key(codecommit_url(region, text), region)
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


#: Where a clone made from the panel keeps who made it (``git config dsws.clonedBy``).
CLONED_BY = ("dsws.clonedby", "dsws.clonedbyname")
_DSWS_SECTION = re.compile(r"^\s*\[\s*dsws\s*\]\s*$", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9-]*)\s*=\s*(?P<value>.*?)\s*$")


def cloned_by_config(person: Person | None) -> list[tuple[str, str]]:
    """The clone's own config entries that record who made it (none when unknown)."""
    if person is None:
        return []
    return [(CLONED_BY[0], _one_line(person.name)), (CLONED_BY[1], _one_line(person.display_name))]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200] or "-"


def cloned_by(git_config: str) -> PersonRecord | None:
    """Who made a clone, as ``cloned_by_config`` wrote it into its ``.git/config``."""
    inside = False
    found: dict[str, str] = {}
    for line in git_config.splitlines():
        if _ANY_SECTION.match(line):
            inside = bool(_DSWS_SECTION.match(line))
        elif inside and (match := _KEY_VALUE.match(line)):
            value = match["value"]
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            found[f"dsws.{match['key'].lower()}"] = value
    return person_from({"name": found.get(CLONED_BY[0]),
                        "display_name": found.get(CLONED_BY[1])})


def read_cloned_by(folder: Path) -> PersonRecord | None:
    """``cloned_by`` of the clone in ``folder`` (blocking: callers use a thread)."""
    text = _git_config(folder / ".git" / "config")
    return cloned_by(text) if text is not None else None


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
            text = _git_config(Path(folder) / ".git" / "config")
            url = origin_url(text) if text is not None else None
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


def _git_config(config: Path) -> str | None:
    """A clone's ``.git/config``; None when it cannot be read or is too large to be one
    that git wrote (over 1 MB)."""
    try:
        if config.stat().st_size > 1_000_000:
            return None
        return config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def clone_of(root: Path, key: RemoteKey, default_region: str | None) -> str | None:
    """The folder (relative to ``root``) of a clone of the remote ``key``, anywhere below
    ``root``; the shallowest when there are several. None when there is none."""
    for url, path in find_clones(root, _ANY_DEPTH).items():
        if remote_key(url, default_region) == key:
            return path
    return None
