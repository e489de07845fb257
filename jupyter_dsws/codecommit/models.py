"""The wire format of ``{base_url}dsws/codecommit/…``.

Mirrored in labextension/src/codecommit/api.ts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Repository(BaseModel):
    name: str
    description: str | None = None
    default_branch: str | None = None
    clone_url_http: str
    #: ISO 8601, UTC.
    last_modified: str | None = None
    #: Where it is cloned already, relative to root_dir; None when it is not.
    cloned_at: str | None = None


class RepositoryList(BaseModel):
    repos: list[Repository]
    suggested: list[str]
    #: Why the list is empty or partial (listing denied, endpoint unreachable); None if not.
    error: str | None = None


class CloneRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    repo: str | None = Field(default=None, max_length=100)
    url: str | None = Field(default=None, max_length=2048)
    #: Relative to root_dir; default: the repository's name at the top of root_dir.
    path: str | None = Field(default=None, max_length=1024)
    branch: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_source(self) -> CloneRequest:
        if (self.repo is None) == (self.url is None):
            raise ValueError("give either a repository name (repo) or a URL (url), not both")
        return self


class ClonedAt(BaseModel):
    #: What was looked for: a repository name or a clone URL, as typed.
    source: str
    #: The folder, relative to root_dir, of a clone whose origin is that remote; None if none.
    path: str | None = None


class CloneStarted(BaseModel):
    id: str


CloneState = Literal["running", "done", "failed", "cancelled"]


class CloneStatus(BaseModel):
    id: str
    state: CloneState
    #: 0..100, from git's own progress.
    progress: int
    #: git's current phase, e.g. "Receiving objects".
    phase: str
    message: str
    #: The clone folder, relative to root_dir.
    path: str
    #: Why it failed (auth_failed, repository_not_found, ...); None unless failed.
    error: str | None = None
