"""A folder a person names stays inside the workspace: the one rule the clone and the
example copy share (``jupyter_dsws/paths.py``), hostile input first."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_dsws.errors import InvalidInput
from jupyter_dsws.paths import inside_root, relative_parts


@pytest.mark.parametrize("path", ["/etc/x", "/", "C:/x", "c:x", "C:\\Windows", "\\etc\\x",
                                  " /etc"])
def test_absolute_paths_are_refused(path: str) -> None:
    with pytest.raises(InvalidInput, match="not absolute") as raised:
        relative_parts(path)
    assert raised.value.code == "invalid_path"


@pytest.mark.parametrize("path", ["..", "../x", "a/../../x", "a/..", "a\\..\\..\\x", "./.."])
def test_parent_folders_are_refused_wherever_they_are(path: str) -> None:
    with pytest.raises(InvalidInput, match=r"'\.\.' is not allowed"):
        relative_parts(path)


@pytest.mark.parametrize(("path", "parts"), [
    ("./projects//team/", ["projects", "team"]),
    ("projects\\team", ["projects", "team"]),
    ("", []),
    (".", []),
    ("a..b/c.", ["a..b", "c."]),
])
def test_relative_paths_become_their_folder_names(path: str, parts: list[str]) -> None:
    assert relative_parts(path) == parts


def test_a_symlink_leading_outside_the_workspace_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "escape").symlink_to(outside)
    (root / "up").symlink_to("..")
    for parts in (["escape"], ["escape", "team"], ["up"], ["up", "outside"]):
        with pytest.raises(InvalidInput, match="outside the workspace"):
            inside_root(root, parts)


def test_a_symlink_that_stays_inside_is_followed(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    (tmp_path / "current").symlink_to("projects")
    assert inside_root(tmp_path, ["current", "team"]) == tmp_path.resolve() / "projects" / "team"
    assert inside_root(tmp_path, []) == tmp_path.resolve()


def test_a_root_reached_through_a_symlink_is_still_the_root(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "home").symlink_to("real")
    assert inside_root(tmp_path / "home", ["team"]) == tmp_path.resolve() / "real" / "team"
