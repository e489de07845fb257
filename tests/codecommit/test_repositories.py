"""GET dsws/codecommit/repos: moto's server (gaps filled by the demo's emulator layer),
and botocore's Stubber for what no emulator does (AccessDenied)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.stub import Stubber
from helpers import body
from traitlets.config import Config

from jupyter_dsws.aws import AwsAccess
from jupyter_dsws.codecommit.config import CodeCommitClone
from jupyter_dsws.codecommit.service import CodeCommitService
from jupyter_dsws.demo.git import run_git

REGION = "eu-central-1"


async def test_repositories_are_listed_with_what_the_panel_shows(
        jp_fetch: Callable[..., Any], jp_root_dir: Path, fresh_emulator: Any,
        emulator_client: Callable[..., Any]) -> None:
    codecommit = emulator_client("codecommit")
    for number in range(30):  # more than one BatchGetRepositories call holds
        codecommit.create_repository(repositoryName=f"repo-{number:02}",
                                     repositoryDescription=f"Repository {number}")
    codecommit.create_repository(repositoryName="sagemaker-repository",
                                 repositoryDescription="The team's notebooks")
    # A clone made earlier (any way at all) is found by its origin URL.
    clone = jp_root_dir / "work" / "notebooks"
    clone.mkdir(parents=True)
    run_git("init", "--quiet", cwd=clone)
    run_git("remote", "add", "origin", "https://git-codecommit.eu-central-1.amazonaws.com/v1/"
            "repos/sagemaker-repository", cwd=clone)

    answer = body(await jp_fetch("dsws", "codecommit", "repos"))

    assert answer["error"] is None
    assert answer["suggested"] == []
    names = [r["name"] for r in answer["repos"]]
    assert len(names) == 31 and names == sorted(names, key=str.lower)
    repo = next(r for r in answer["repos"] if r["name"] == "sagemaker-repository")
    assert repo["description"] == "The team's notebooks"
    assert repo["clone_url_http"] == ("https://git-codecommit.eu-central-1.amazonaws.com/v1/"
                                      "repos/sagemaker-repository")
    assert repo["last_modified"]
    assert repo["cloned_at"] == "work/notebooks"
    assert all(r["cloned_at"] is None for r in answer["repos"] if r is not repo)


@pytest.mark.parametrize("clone_config", [{"suggested_urls": ["https://github.com/a/b.git"]}],
                         indirect=True)
async def test_the_admins_suggestions_are_passed_on(
        jp_fetch: Callable[..., Any], fresh_emulator: Any) -> None:
    answer = body(await jp_fetch("dsws", "codecommit", "repos"))
    assert answer["suggested"] == ["https://github.com/a/b.git"]


async def test_access_denied_is_a_sentence_not_an_error(tmp_path: Path) -> None:
    # Stubber checks each request against botocore's real CodeCommit model (names, types,
    # required fields) before it answers; expected_params pins the values.
    aws = AwsAccess(region=REGION)
    client = aws.client("codecommit")
    service = CodeCommitService(aws, CodeCommitClone(config=Config()), str(tmp_path),
                                helper_dir=tmp_path / "helper")
    with Stubber(client) as stub:
        stub.add_client_error(
            "list_repositories", service_error_code="AccessDeniedException",
            service_message="User is not authorized to perform codecommit:ListRepositories",
            http_status_code=400,
            expected_params={"sortBy": "repositoryName", "order": "ascending"})
        answer = await service.repositories()
        stub.assert_no_pending_responses()
    aws.close()

    assert answer.repos == []
    assert answer.error is not None
    assert "codecommit:ListRepositories" in answer.error
    assert "typing a repository name" in answer.error


async def test_batch_get_is_asked_with_at_most_25_names(tmp_path: Path) -> None:
    aws = AwsAccess(region=REGION)
    client = aws.client("codecommit")
    service = CodeCommitService(aws, CodeCommitClone(config=Config()), str(tmp_path),
                                helper_dir=tmp_path / "helper")
    names = [f"r{n:02}" for n in range(26)]
    with Stubber(client) as stub:
        stub.add_response("list_repositories",
                          {"repositories": [{"repositoryName": n} for n in names]},
                          {"sortBy": "repositoryName", "order": "ascending"})
        for batch in (names[:25], names[25:]):
            stub.add_response("batch_get_repositories", {"repositories": [
                {"repositoryName": n, "cloneUrlHttp": f"https://h/v1/repos/{n}"}
                for n in batch]}, {"repositoryNames": batch})
        answer = await service.repositories()
    aws.close()
    assert [r.name for r in answer.repos] == names
