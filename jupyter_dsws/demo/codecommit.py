"""The CodeCommit operations moto 5.2.5 lacks, answered from moto's own state.

moto knows create/get/delete repository and nothing else (list_repositories answers HTTP
500). This layer sits in front of it in the emulator: it answers ListRepositories,
BatchGetRepositories, ListBranches and GetBranch itself, from moto's backend and the git
store, and it keeps the git store in step with moto: a created repository gets a bare
git repository, a deleted one loses it. ``cloneUrlHttp`` stays what AWS reports
(``https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>``): the demo's own git
configuration (``git_config.py``) sends that URL to the emulator's git server.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from moto.codecommit.models import CodeCommitBackend, codecommit_backends
from werkzeug.wsgi import get_input_stream

from .caller import caller
from .git_server import GitStore, valid_repository_name
from .wsgi import StartResponse, WsgiApp, call_through

TARGET_PREFIX = "CodeCommit_20150413."

# The real service's page size for ListRepositories.
PAGE_SIZE = 1000
MAX_BATCH = 25

_JSON = "application/x-amz-json-1.1"



class CodeCommitError(Exception):
    """An answer in the service's own error shape, which botocore turns into a ClientError."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class CodeCommitLayer:
    """Answers or amends every CodeCommit request before and after moto sees it."""

    def __init__(self, moto: WsgiApp, store: GitStore) -> None:
        self.moto = moto
        self.store = store
        self._answers: dict[str, Callable[[CodeCommitBackend, str, dict[str, Any]], Any]] = {
            "ListRepositories": self.list_repositories,
            "BatchGetRepositories": self.batch_get_repositories,
            "ListBranches": self.list_branches,
            "GetBranch": self.get_branch,
        }

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        operation = environ.get("HTTP_X_AMZ_TARGET", "")[len(TARGET_PREFIX):]
        body = get_input_stream(environ).read()
        account, region = caller(environ)
        try:
            params = json.loads(body or b"{}")
            if not isinstance(params, dict):
                raise CodeCommitError("SerializationException", "The body is not an object.")
            answer = self._answers.get(operation)
            if answer is not None:
                result = answer(codecommit_backends[account][region], region, params)
                return _json(start_response, "200 OK", result)
        except json.JSONDecodeError:
            return _error(start_response, CodeCommitError("SerializationException",
                                                          "The request body is not JSON."))
        except CodeCommitError as exc:
            return _error(start_response, exc)
        return self._through_moto(environ, start_response, body, operation, region, params)

    def _through_moto(self, environ: dict[str, Any], start_response: StartResponse, body: bytes,
                      operation: str, region: str, params: dict[str, Any]) -> Iterable[bytes]:
        status, headers, payload = call_through(self.moto, environ, body)
        if status.startswith("200"):
            payload = self._after_moto(operation, region, params, payload)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(status, [*headers, ("Content-Length", str(len(payload)))])
        return [payload]

    def _after_moto(self, operation: str, region: str, params: dict[str, Any],
                    payload: bytes) -> bytes:
        name = params.get("repositoryName", "")
        if operation == "CreateRepository" and valid_repository_name(name):
            self.store.create(region, name)
        elif operation == "DeleteRepository" and valid_repository_name(name):
            self.store.delete(region, name)
        if operation not in ("CreateRepository", "GetRepository"):
            return payload
        answer = json.loads(payload)
        answer["repositoryMetadata"] = self.metadata(region, answer["repositoryMetadata"])
        return json.dumps(answer).encode()

    def metadata(self, region: str, moto_metadata: dict[str, Any]) -> dict[str, Any]:
        """moto's repository metadata with the default branch, as AWS reports it."""
        name = moto_metadata["repositoryName"]
        metadata = dict(moto_metadata)
        branch = self.store.default_branch(region, name) if valid_repository_name(name) else None
        if branch:
            metadata["defaultBranch"] = branch
        return metadata

    def list_repositories(self, backend: CodeCommitBackend, region: str,
                          params: dict[str, Any]) -> dict[str, Any]:
        sort_by = params.get("sortBy") or "repositoryName"
        order = params.get("order") or "ascending"
        if sort_by not in ("repositoryName", "lastModifiedDate"):
            raise CodeCommitError("InvalidSortByException", f"Invalid sortBy: {sort_by}")
        if order not in ("ascending", "descending"):
            raise CodeCommitError("InvalidOrderException", f"Invalid order: {order}")
        repositories = [r.repository_metadata for r in list(backend.repositories.values())]
        repositories.sort(key=lambda r: (r[sort_by], r["repositoryName"]),
                          reverse=order == "descending")
        start = _page_start(params.get("nextToken"))
        page = repositories[start:start + PAGE_SIZE]
        answer: dict[str, Any] = {"repositories": [
            {"repositoryName": r["repositoryName"], "repositoryId": r["repositoryId"]}
            for r in page
        ]}
        if start + PAGE_SIZE < len(repositories):
            answer["nextToken"] = str(start + PAGE_SIZE)
        return answer

    def batch_get_repositories(self, backend: CodeCommitBackend, region: str,
                               params: dict[str, Any]) -> dict[str, Any]:
        names = params.get("repositoryNames") or []
        if not names:
            raise CodeCommitError("RepositoryNamesRequiredException",
                                  "At least one repository name is required.")
        if len(names) > MAX_BATCH:
            raise CodeCommitError("MaximumRepositoryNamesExceededException",
                                  f"At most {MAX_BATCH} repository names per request.")
        found, missing = [], []
        for name in names:
            repository = backend.repositories.get(name)
            if repository is None:
                missing.append(name)
            else:
                found.append(self.metadata(region, repository.repository_metadata))
        return {"repositories": found, "repositoriesNotFound": missing, "errors": [
            {"repositoryName": name, "errorCode": "RepositoryDoesNotExistException",
             "errorMessage": f"{name} does not exist"} for name in missing
        ]}

    def list_branches(self, backend: CodeCommitBackend, region: str,
                      params: dict[str, Any]) -> dict[str, Any]:
        name = _existing(backend, params)
        return {"branches": sorted(self.store.branches(region, name))}

    def get_branch(self, backend: CodeCommitBackend, region: str,
                   params: dict[str, Any]) -> dict[str, Any]:
        name = _existing(backend, params)
        branch = params.get("branchName")
        if not branch:
            raise CodeCommitError("BranchNameRequiredException", "A branch name is required.")
        commit = self.store.branches(region, name).get(branch)
        if commit is None:
            raise CodeCommitError("BranchDoesNotExistException",
                                  f"Branch {branch} does not exist in {name}.")
        return {"branch": {"branchName": branch, "commitId": commit}}


def _existing(backend: CodeCommitBackend, params: dict[str, Any]) -> str:
    name = params.get("repositoryName")
    if not name:
        raise CodeCommitError("RepositoryNameRequiredException", "A repository name is required.")
    if not valid_repository_name(name):
        raise CodeCommitError("InvalidRepositoryNameException", f"Invalid name: {name}")
    if name not in backend.repositories:
        raise CodeCommitError("RepositoryDoesNotExistException", f"{name} does not exist")
    return name


def _page_start(token: str | None) -> int:
    if token is None:
        return 0
    if not token.isdigit():
        raise CodeCommitError("InvalidContinuationTokenException", "Invalid nextToken.")
    return int(token)


def _json(start_response: StartResponse, status: str, answer: Any) -> list[bytes]:
    payload = json.dumps(answer).encode()
    start_response(status, [("Content-Type", _JSON), ("Content-Length", str(len(payload)))])
    return [payload]


def _error(start_response: StartResponse, error: CodeCommitError) -> list[bytes]:
    payload = json.dumps({"__type": error.code, "message": error.message}).encode()
    start_response("400 Bad Request", [("Content-Type", _JSON),
                                       ("Content-Length", str(len(payload))),
                                       ("x-amzn-ErrorType", error.code)])
    return [payload]

