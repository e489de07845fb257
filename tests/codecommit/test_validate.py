"""What a person may ask to clone, and where: the pure rules, hostile input first."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyter_dsws.codecommit.validate import (
    check_branch,
    check_repository_name,
    free_name,
    resolve_target,
    source_from_name,
    source_from_url,
)
from jupyter_dsws.errors import InvalidInput

SCHEMES = ["https", "codecommit"]


@pytest.mark.parametrize("name", [
    "-u", "--upload-pack=touch /tmp/pwned", "../../x", "a/b", "repo.git", "", "x" * 101,
    "..", "name with space", "naïve", "-", "repo\n",
])
def test_hostile_or_invalid_repository_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        check_repository_name(name)


@pytest.mark.parametrize("name", ["sagemaker-repository", "Team_1", "a.b-c", "x" * 100])
def test_codecommit_names_are_accepted(name: str) -> None:
    assert check_repository_name(name) == name


def test_a_name_becomes_the_regional_https_url() -> None:
    source = source_from_name("team", "eu-central-1")
    assert source.url == "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/team"
    assert (source.repository, source.region, source.default_folder) == (
        "team", "eu-central-1", "team")


@pytest.mark.parametrize("url", [
    "-u", "--upload-pack=touch /tmp/pwned", "ext::sh -c touch% /tmp/pwned",
    "ext::sh -c 'id'", "file:///etc", "FILE:///etc/passwd", "/etc", "../../x",
    "fd::17", "git@github.com:org/repo.git", "http://example.org/repo.git",
    "ssh://git@github.com/org/repo.git", "https://", "https://-oProxyCommand=x/repo",
    "https://user:secret@example.org/repo.git", "https://ghp_abc@example.org/repo.git",
    "https://:secret@example.org/repo.git", "https://example.org/re po.git",
    "https://example.org/repo\n--upload-pack=x", "codecommit::eu-central-1://../x",
])
def test_hostile_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        source_from_url(url, SCHEMES, [])


def test_the_admin_can_allow_http_but_never_file_or_ext() -> None:
    assert source_from_url("http://mirror.local/team.git", ["https", "http"], []).scheme == "http"
    for url in ("file:///etc", "ext::sh -c id"):
        with pytest.raises(InvalidInput):
            source_from_url(url, ["https", "http", "file", "ext"], [])


def test_urls_are_understood() -> None:
    codecommit = source_from_url(
        "https://git-codecommit.us-west-2.amazonaws.com/v1/repos/team", SCHEMES, [])
    assert (codecommit.repository, codecommit.region) == ("team", "us-west-2")
    grc = source_from_url("codecommit::eu-west-1://profile@team", SCHEMES, [])
    assert (grc.scheme, grc.repository, grc.region) == ("codecommit", "team", "eu-west-1")
    github = source_from_url("https://github.com/jupyterlab/extension-template.git",
                             SCHEMES, [])
    assert (github.repository, github.default_folder) == (None, "extension-template")


def test_allowed_hosts_limit_typed_urls() -> None:
    with pytest.raises(InvalidInput, match=r"github\.com is not allowed"):
        source_from_url("https://github.com/a/b.git", SCHEMES, ["gitlab.example.org"])


@pytest.mark.parametrize("branch", ["-b", "--upload-pack=x", "a..b", "x.lock", "/main", "a b"])
def test_hostile_branches_are_refused(branch: str) -> None:
    with pytest.raises(InvalidInput):
        check_branch(branch)


def test_feature_branches_are_fine() -> None:
    assert check_branch("feature/owls-v2") == "feature/owls-v2"


# The workspace's own rule (absolute paths, '..', symlinks out) is tested in
# tests/core/test_paths.py; here, what a clone adds to it.
@pytest.mark.parametrize("path", ["../../x", "/etc/x", "..", ".", "", "  ", "-u",
                                  "a/--upload-pack=x", "a/\x01b"])
def test_paths_outside_or_ambiguous_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(InvalidInput):
        resolve_target(tmp_path, path)


def test_a_symlink_leading_outside_the_workspace_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "escape").symlink_to(outside)
    with pytest.raises(InvalidInput, match="outside the workspace"):
        resolve_target(root, "escape/team")


def test_the_workspace_itself_is_not_a_clone_folder(tmp_path: Path) -> None:
    (tmp_path / "here").symlink_to(".")
    with pytest.raises(InvalidInput, match="not the workspace itself"):
        resolve_target(tmp_path, "here")


def test_targets_resolve_inside_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    target, relative = resolve_target(tmp_path, "./projects//team/")
    assert (target, relative) == (tmp_path.resolve() / "projects" / "team", "projects/team")


def test_a_free_name_is_offered(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "team-2").mkdir()
    assert free_name(tmp_path, "team") == "team-3"


def test_every_setting_is_documented_with_its_default() -> None:
    import re

    from jupyter_dsws.codecommit.config import CodeCommitClone

    docs = (Path(__file__).parents[2] / "docs" / "codecommit.md").read_text()
    documented = set(re.findall(r"^\| `CodeCommitClone\.(\w+)`", docs, re.M))
    traits = CodeCommitClone.class_traits(config=True)
    assert documented == set(traits)
    for name, trait in traits.items():
        assert "Default" in trait.help, f"{name}'s help does not give its default"
