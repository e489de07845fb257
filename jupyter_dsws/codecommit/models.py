"""The wire format of ``{base_url}dsws/codecommit/…``.

docs/openapi.yaml and labextension/src/generated/api-types.ts are generated from these
(``make contract``); the descriptions here are the spec's.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from ..errors import ErrorBody
from ..people import PersonRecord
from ..wire import Fetched, WireModel

# What codecommit/validate.py accepts, as the spec's patterns (ECMA-262); a test keeps the
# two equal. validate.py keeps its own checks for the sentence each refusal gets.
REPOSITORY_NAME_PATTERN = r"^(?!-)(?!\.+$)(?!.*\.[Gg][Ii][Tt]$)[A-Za-z0-9._-]{1,100}$"
BRANCH_PATTERN = (r"^$|^(?![-/])(?!.*(?:\.\.|//|/\.))(?!.*(?:/|\.|\.lock)$)"
                  r"[A-Za-z0-9._/-]{1,200}$")


class Repository(WireModel):
    name: str
    description: str | None = None
    default_branch: str | None = Field(
        default=None, description="Null for a repository nobody has pushed to.")
    clone_url_http: str = Field(description=(
        "As AWS reports it: https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>."))
    last_modified: str | None = Field(default=None, description="ISO 8601, UTC.")
    cloned_at: str | None = Field(default=None, description=(
        "The folder of an existing clone, relative to root_dir; null if none."))
    cloned_by: PersonRecord | None = Field(default=None, description=(
        "Who made that clone from the panel (kept in its .git/config as dsws.clonedBy), for "
        "the record; null when unknown."))


class RepositoryList(Fetched):
    repos: list[Repository]
    suggested: list[str] = Field(description=(
        "Clone URLs the admin suggests: CodeCommitClone.suggested_urls, then Studio's "
        "JupyterLabAppSettings.CodeRepositories (domain, user profile, space)."))
    error: str | None = Field(default=None, description=(
        "Why listing failed (denied, unreachable), for a person; null if it did not."))


class CloneRequest(WireModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"oneOf": [
        {"required": ["repo"], "properties": {"repo": {"type": "string"}}},
        {"required": ["url"], "properties": {"url": {"type": "string"}}},
    ]})

    repo: str | None = Field(default=None, min_length=1, max_length=100, description=(
        "A CodeCommit repository name (letters, digits, '.', '_', '-'; not starting with "
        "'-', not ending in '.git'). Exactly one of repo and url."),
        json_schema_extra={"pattern": REPOSITORY_NAME_PATTERN})
    url: str | None = Field(default=None, min_length=1, max_length=2048, description=(
        "A clone URL: https, or codecommit:: (git-remote-codecommit), unless the admin "
        "allows more (CodeCommitClone.allowed_schemes, allowed_hosts)."))
    path: str | None = Field(default=None, max_length=1024, description=(
        "The new folder, relative to root_dir, inside it. Default (also when empty) the "
        "repository's name."))
    branch: str | None = Field(default=None, max_length=200, description=(
        "The branch to check out. Default (also when empty) the repository's default "
        "branch."), json_schema_extra={"pattern": BRANCH_PATTERN})

    @model_validator(mode="after")
    def _one_source(self) -> CloneRequest:
        if (self.repo is None) == (self.url is None):
            raise ValueError("give either a repository name (repo) or a URL (url), not both")
        return self


class ClonedQuery(WireModel):
    source: str = Field(min_length=1, max_length=2048, description=(
        "A repository name or a clone URL, as a person typed it; blank is refused "
        "with `invalid_source`."))


class ClonedAt(WireModel):
    #: What was looked for: a repository name or a clone URL, as typed.
    source: str
    #: The folder, relative to root_dir, of a clone whose origin is that remote; None if none.
    path: str | None = None


class CloneStarted(WireModel):
    id: str = Field(description="Follow the clone with GET dsws/codecommit/clone/{id}.")


CloneState = Literal["running", "done", "failed", "cancelled"]


class CloneStatus(WireModel):
    id: str
    state: CloneState
    progress: int = Field(ge=0, le=100, description="0..100, from git's own progress.")
    phase: str = Field(description='git\'s phase, e.g. "Receiving objects"; "Done" at the end.')
    message: str = Field(description=(
        "For a person; on failure, what went wrong (never a credential)."))
    path: str = Field(description="The clone's folder, relative to root_dir.")
    error: str | None = Field(default=None, description=(
        "On failure: auth_failed, repository_not_found, endpoint_unreachable, disk_full, "
        "timeout, branch_not_found, protocol_not_allowed, git_missing or clone_failed."))
    by: PersonRecord | None = Field(default=None, description=(
        "Who started the clone, as the server's identity provider names them; for the "
        "record only."))


class FolderExistsBody(ErrorBody):
    """The 409 of a clone into a folder that exists."""

    error: Literal["folder_exists"] = "folder_exists"
    suggested_path: str = Field(description=(
        "A free folder next to the one asked for (name-2, name-3, ...)."))
