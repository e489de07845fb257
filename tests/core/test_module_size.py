"""Modules stay small (STYLE.md: a few hundred lines), so that each says what one job is.

A module that grows past the limit is split by job (as ``aws/clients.py`` came out of
``aws/access.py``), not raised here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "jupyter_dsws"
MAX_LINES = 320
#: Written by the build, not by us (both are in .gitignore).
GENERATED = ("_version.py", "labextension")


def test_no_module_of_the_package_passes_the_limit() -> None:
    sizes = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in GENERATED:
            continue
        sizes[relative.as_posix()] = len(path.read_text(encoding="utf-8").splitlines())
    assert len(sizes) > 100, "the package's modules were not found"
    too_long = {name: lines for name, lines in sizes.items() if lines > MAX_LINES}
    assert not too_long, f"over {MAX_LINES} lines, split each by job: {too_long}"
