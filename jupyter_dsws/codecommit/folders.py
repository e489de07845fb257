"""The clone's folder: made by us before git runs, removed by us when the clone fails.

Made here rather than by git so that a failed or cancelled clone removes only what its
job created (the folder and any parent it had to make), never a folder that was there
before or appeared in the meantime. Blocking file I/O: callers run it in a thread.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import InvalidInput


def claim(target: Path) -> list[Path] | None:
    """Create the empty clone folder and any missing parent; None when the folder exists.

    Returns the folders made, outermost first, for ``unclaim``.
    """
    made: list[Path] = []
    missing = [p for p in reversed(target.parents) if not p.exists()]
    try:
        for parent in missing:
            try:
                parent.mkdir()
            except FileExistsError:
                if not parent.is_dir():
                    raise
                continue  # made by someone else in the meantime: not ours to remove
            made.append(parent)
    except OSError as exc:  # a file where a folder should be, no permission, a full disk
        _remove_empty(made)
        raise InvalidInput(f"The folder {target.parent.name} cannot be created: "
                           f"{exc.strerror}.", code="invalid_path") from None
    try:
        target.mkdir()
    except FileExistsError:
        _remove_empty(made)  # the folder is someone else's: only our parents go
        return None
    except OSError as exc:
        _remove_empty(made)
        raise InvalidInput(f"The folder {target.name} cannot be created: {exc.strerror}.",
                           code="invalid_path") from None
    return [*made, target]


def unclaim(made: list[Path]) -> None:
    """Remove what ``claim`` made: the clone folder with all in it, then each parent it
    made while it is empty (one that holds something else now stays)."""
    if not made:
        return
    *parents, target = made
    shutil.rmtree(target, ignore_errors=True)
    _remove_empty(parents)


def _remove_empty(parents: list[Path]) -> None:
    for parent in reversed(parents):
        try:
            parent.rmdir()
        except OSError:
            return  # not empty any more: it and those above stay
