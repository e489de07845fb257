"""Where a copy goes: the folder inside root_dir, the first free name, the kernel it opens
with. Plain functions on paths and JSON, no server."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InvalidInput, NotFound, echo
from ..paths import inside_root, relative_parts

MAX_TRIES = 999


def resolve_folder(root_dir: str | Path, relative: str) -> tuple[Path, str]:
    """The existing folder ``relative`` (POSIX, may be empty) inside ``root_dir``, and its
    root-relative path; refuses absolute paths, ``..``, hidden folders and symlinks that
    lead out, and 404s a folder that does not exist."""
    parts = relative_parts(relative)
    if any(p.startswith(".") or any(ord(ch) < 32 for ch in p) for p in parts):
        raise InvalidInput("The folder cannot be hidden or hold control characters.",
                           code="invalid_path")
    real = inside_root(root_dir, parts)
    if not real.is_dir():
        raise NotFound(f"The workspace has no folder {echo('/'.join(parts))}.")
    return real, "/".join(parts)


def candidate_names(name: str) -> Iterator[str]:
    """``name``, then ``stem-2.ipynb``, ``stem-3.ipynb``…"""
    stem, dot, suffix = name.rpartition(".")
    yield name
    for number in range(2, MAX_TRIES + 1):
        yield f"{stem}-{number}{dot}{suffix}"


def with_kernel(notebook_text: str, kernel_name: str, display_name: str) -> str:
    """The notebook's JSON with its kernelspec set, so that it opens on that kernel."""
    notebook = json.loads(notebook_text)
    notebook.setdefault("metadata", {})["kernelspec"] = {
        "name": kernel_name, "display_name": display_name, "language": "python"}
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def write_new(folder: Path, name: str, text: str) -> str:
    """Writes ``text`` under the first free name in ``folder`` (never over a file, even one
    made at the same moment: O_EXCL); returns the name used."""
    data = text.encode("utf-8")
    for candidate in candidate_names(name):
        try:
            fd = os.open(folder / candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        return candidate
    raise InvalidInput(f"The folder holds {MAX_TRIES} copies of {echo(name)} already: "
                       "choose another folder.", code="too_many_copies")
