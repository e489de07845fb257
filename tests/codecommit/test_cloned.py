"""GET dsws/codecommit/cloned: whether a remote a person typed is cloned under root_dir
already (so the panel offers "Open" instead of a second, nested clone); and the pure
decision of which URLs name the same remote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import body, error_of

from jupyter_dsws.codecommit.workspace import remote_key, typed_remote_key
from jupyter_dsws.demo.git import run_git

REGION = "eu-central-1"
HTTPS = "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/sagemaker-repository"


@pytest.mark.parametrize("same", [
    HTTPS,
    HTTPS + "/",
    "https://someone@git-codecommit.eu-central-1.amazonaws.com/v1/repos/sagemaker-repository",
    "codecommit::eu-central-1://sagemaker-repository",
    "codecommit://sagemaker-repository",  # git-remote-codecommit's default region
])
def test_one_codecommit_repository_however_written(same: str) -> None:
    assert remote_key(same, REGION) == remote_key(HTTPS, REGION)


@pytest.mark.parametrize("same", [
    "https://github.com/team/notebooks",
    "https://github.com/team/notebooks.git",
    "https://github.com/team/notebooks/",
    "http://me@GitHub.com/team/notebooks.git",
])
def test_one_url_remote_however_written(same: str) -> None:
    assert remote_key(same, REGION) == remote_key("https://github.com/team/notebooks", REGION)


@pytest.mark.parametrize("other", [
    "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/sagemaker-repository",
    "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/other-repository",
    "https://github.com/team/sagemaker-repository",
    "https://github.com:8443/team/notebooks",
])
def test_other_remotes_differ(other: str) -> None:
    assert remote_key(other, REGION) not in (remote_key(HTTPS, REGION),
                                             remote_key("https://github.com/team/notebooks",
                                                        REGION))


def test_a_typed_name_is_the_regions_codecommit_repository() -> None:
    assert typed_remote_key("sagemaker-repository", REGION) == remote_key(HTTPS, REGION)
    assert typed_remote_key(f"  {HTTPS}.git ", REGION) == remote_key(HTTPS, REGION)
    # Without a region a name names nothing; half-typed text is no remote.
    assert typed_remote_key("sagemaker-repository", None) is None
    assert typed_remote_key("not a name", REGION) is None
    assert typed_remote_key("https://", REGION) is None


def _clone_at(root: Path, relative: str, origin: str) -> None:
    folder = root / relative
    folder.mkdir(parents=True)
    run_git("init", "--quiet", cwd=folder)
    run_git("remote", "add", "origin", origin, cwd=folder)


async def _cloned(jp_fetch: Callable[..., Any], source: str) -> dict:
    response = await jp_fetch("dsws", "codecommit", "cloned", params={"source": source})
    return body(response)


async def test_a_clone_anywhere_under_the_root_is_found(
        jp_fetch: Callable[..., Any], jp_root_dir: Path) -> None:
    # Deeper than the listing's scan_depth (3): "anywhere" means anywhere.
    _clone_at(jp_root_dir, "projects/2026/team/work/sagemaker-repository", HTTPS)
    _clone_at(jp_root_dir, "elsewhere/notebooks", "https://github.com/team/notebooks.git")

    for typed in ("sagemaker-repository", HTTPS, "codecommit::eu-central-1://sagemaker-repository"):
        answer = await _cloned(jp_fetch, typed)
        assert answer == {"source": typed,
                          "path": "projects/2026/team/work/sagemaker-repository"}
    assert (await _cloned(jp_fetch, "https://github.com/team/notebooks"))["path"] == (
        "elsewhere/notebooks")
    assert (await _cloned(jp_fetch, "other-repository"))["path"] is None
    # Half-typed: nothing is cloned there, which is a fine answer while a person types.
    assert (await _cloned(jp_fetch, "https://git-codeco"))["path"] is None


async def test_the_shallowest_clone_is_offered(
        jp_fetch: Callable[..., Any], jp_root_dir: Path) -> None:
    _clone_at(jp_root_dir, "a/b/sagemaker-repository", HTTPS)
    _clone_at(jp_root_dir, "z-last/sagemaker-repository", HTTPS + ".git")
    assert (await _cloned(jp_fetch, "sagemaker-repository"))["path"] == (
        "z-last/sagemaker-repository")


async def test_nothing_to_look_for_is_a_400_saying_what_to_give(
        jp_fetch: Callable[..., Any]) -> None:
    code, answer = await error_of(jp_fetch("dsws", "codecommit", "cloned",
                                           params={"source": "  "}))
    assert code == 400
    assert answer["error"] == "invalid_source"
    assert "repository name or clone URL" in answer["message"]


async def test_the_answer_is_what_the_openapi_file_says(
        jp_fetch: Callable[..., Any], jp_root_dir: Path) -> None:
    import yaml
    from jsonschema import Draft202012Validator

    spec = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())
    validator = Draft202012Validator({"$ref": "#/components/schemas/ClonedAt",
                                      "components": spec["components"]})
    _clone_at(jp_root_dir, "sagemaker-repository", HTTPS)
    for typed in ("sagemaker-repository", "nothing-here"):
        validator.validate(await _cloned(jp_fetch, typed))
