"""The one rule for a place in the workspace a person names: it stays under ``root_dir``.

A folder typed in a panel (where to clone, where to copy an example) is a POSIX path
relative to the server's root. ``relative_parts`` refuses what cannot be relative (an
absolute path, a drive letter, ``..``); ``inside_root`` follows every symbolic link that
exists along the way and refuses a path that then leads out. Each caller adds its own rules
on the names (hidden folders, names git could read as options) between the two.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import InvalidInput

_DRIVE = re.compile(r"^[A-Za-z]:")


def relative_parts(relative: str) -> list[str]:
    """The folder names of ``relative`` (backslashes read as ``/``; empty parts and ``.``
    dropped, so ``""`` is the root itself); ``InvalidInput`` for an absolute path or ``..``."""
    text = relative.strip().replace("\\", "/")
    if text.startswith("/") or os.path.isabs(text) or _DRIVE.match(text):
        raise InvalidInput("The folder must be relative to the workspace, not absolute.",
                           code="invalid_path")
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise InvalidInput("The folder must stay inside the workspace ('..' is not allowed).",
                           code="invalid_path")
    return parts


def inside_root(root_dir: str | Path, parts: list[str]) -> Path:
    """``root_dir`` joined with ``parts``, every existing symlink followed; ``InvalidInput``
    when that leads outside ``root_dir`` (the root itself is inside)."""
    root = Path(root_dir).resolve()
    real = root.joinpath(*parts).resolve()
    if real != root and root not in real.parents:
        raise InvalidInput("The folder leads outside the workspace (through a symbolic link).",
                           code="invalid_path")
    return real
