"""The Repositories panel's logic: list what the role can read, clone, follow, cancel.

No tornado here: handlers call these methods and send what they return; every error a
person can act on is a ``DSWSError``.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import sys
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..aws import AwsAccess
from ..errors import Conflict, DSWSError, InvalidInput, NotFound, Throttled, echo
from ..studio import StudioApp
from .config import CodeCommitClone
from .folders import claim, unclaim
from .git import (
    CloneFailed,
    Progress,
    clone_command,
    clone_environment,
    effective_url,
    run_clone,
)
from .helper_files import LAUNCHER, credential_config, helper_command, install
from .models import (
    ClonedAt,
    CloneRequest,
    CloneState,
    CloneStatus,
    FolderExistsBody,
    Repository,
    RepositoryList,
)
from .validate import (
    CloneSource,
    check_branch,
    free_name,
    resolve_target,
    source_from_name,
    source_from_url,
)
from .workspace import clone_of, find_clones, repository_key, typed_remote_key

log = logging.getLogger(__name__)

_BATCH = 25  # BatchGetRepositories takes at most 25 names
_MAX_PAGES = 50  # ListRepositories gives up to 1,000 names a page; accounts hold 5,000 by default
_KEEP_FINISHED_SECONDS = 3600.0


class FolderExists(Conflict):
    """409 that also names a free folder the panel can offer instead."""

    code = "folder_exists"

    def __init__(self, path: str, suggested: str) -> None:
        super().__init__(f"The folder {echo(path)} already exists and is never overwritten. "
                         f"Clone into {echo(suggested)} instead?")
        self.suggested_path = suggested

    def to_json(self) -> dict[str, object]:
        return FolderExistsBody(message=self.message,
                                suggested_path=self.suggested_path).model_dump()


@dataclass
class CloneJob:
    id: str
    path: str
    target: Path
    source: CloneSource
    state: CloneState = "running"
    progress: int = 0
    phase: str = "Starting"
    message: str = ""
    error: str | None = None
    finished_at: float | None = None
    #: Folders made for this clone, outermost first: removed (when empty) if it fails.
    made: list[Path] = field(default_factory=list)
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    def status(self) -> CloneStatus:
        return CloneStatus(id=self.id, state=self.state, progress=self.progress,
                           phase=self.phase, message=self.message, path=self.path,
                           error=self.error)


class CodeCommitService:
    def __init__(self, aws: AwsAccess, config: CodeCommitClone, root_dir: str,
                 studio: StudioApp | None = None, *, helper_dir: Path,
                 environ: Mapping[str, str] = os.environ, python: str = sys.executable) -> None:
        self.aws = aws
        self.config = config
        self.root = Path(root_dir).resolve()
        self.studio = studio
        #: Where the credential helper's files live (under HOME: the clones outlive us).
        self.helper_dir = helper_dir
        self.environ = environ
        self.python = python
        self.jobs: dict[str, CloneJob] = {}
        self._studio_urls: list[str] | None = None

    # Listing ---------------------------------------------------------------------------

    async def repositories(self) -> RepositoryList:
        clones_task = asyncio.create_task(
            asyncio.to_thread(find_clones, self.root, self.config.scan_depth))
        suggested = await self.suggested()
        error = None
        try:
            repos = await self._list_from_aws()
        except DSWSError as exc:
            repos, error = [], (f"{exc.message} You can still clone by typing a repository "
                                "name or an HTTPS URL.")
        clones = await clones_task
        by_key: dict[tuple[str, str], str] = {}
        for url, path in clones.items():
            key = repository_key(url, self.aws.region)
            if key is not None:
                by_key.setdefault(key, path)
        for repo in repos:
            key = repository_key(repo.clone_url_http, self.aws.region) or (
                self.aws.region or "", repo.name)
            repo.cloned_at = by_key.get(key)
        return RepositoryList(repos=repos, suggested=suggested, error=error)

    async def _list_from_aws(self) -> list[Repository]:
        listed = await self.aws.items("codecommit", "list_repositories", "repositories",
                                      max_pages=_MAX_PAGES, sortBy="repositoryName",
                                      order="ascending")
        names = [r["repositoryName"] for r in listed]
        batches = [names[i:i + _BATCH] for i in range(0, len(names), _BATCH)]
        answers = await asyncio.gather(*(
            self.aws.call("codecommit", "batch_get_repositories", repositoryNames=batch)
            for batch in batches))
        repos = [_repository(meta) for answer in answers for meta in answer.get("repositories", [])]
        return sorted(repos, key=lambda r: r.name.lower())

    async def suggested(self) -> list[str]:
        """The admin's suggestions: configured URLs, then Studio's CodeRepositories."""
        if self._studio_urls is None:
            self._studio_urls = await self._studio_code_repositories()
        return list(dict.fromkeys([*self.config.suggested_urls, *self._studio_urls]))

    async def _studio_code_repositories(self) -> list[str]:
        app = self.studio
        if app is None:
            return []
        calls: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
            ("describe_domain", {"DomainId": app.domain_id}, ("DefaultUserSettings",)),
        ]
        if app.user_profile:
            calls.append(("describe_user_profile", {"DomainId": app.domain_id,
                                                    "UserProfileName": app.user_profile},
                          ("UserSettings",)))
        if app.space_name:
            calls.append(("describe_space", {"DomainId": app.domain_id,
                                             "SpaceName": app.space_name}, ("SpaceSettings",)))
        urls: list[str] = []
        try:
            for method, params, settings_path in calls:
                answer = await self.aws.call("sagemaker", method, **params)
                settings: Any = answer
                for key in (*settings_path, "JupyterLabAppSettings", "CodeRepositories"):
                    settings = (settings or {}).get(key) if isinstance(settings, dict) else None
                urls += [r["RepositoryUrl"] for r in settings or [] if r.get("RepositoryUrl")]
        except DSWSError as exc:
            # Only suggestions: the panel works without them, the log says why they are missing.
            log.info("dsws: Studio's CodeRepositories not read: %s", exc.message)
        return urls

    async def cloned_at(self, typed: str) -> ClonedAt:
        """Where a remote a person typed (a name or a URL) is cloned under root_dir already."""
        text = typed.strip()
        if not text or len(text) > 2048:
            raise InvalidInput("Give the repository name or clone URL to look for "
                               "(source=…, at most 2048 characters).", code="invalid_source")
        key = typed_remote_key(text, self.aws.region)
        path = None
        if key is not None and self.config.scan_depth:
            path = await asyncio.to_thread(clone_of, self.root, key, self.aws.region)
        return ClonedAt(source=text, path=path)

    # Cloning ---------------------------------------------------------------------------

    async def start_clone(self, request: CloneRequest) -> CloneJob:
        source = (source_from_name(request.repo, self.aws.region) if request.repo is not None
                  else source_from_url(request.url or "", self.config.allowed_schemes,
                                       self.config.allowed_hosts))
        branch = check_branch(request.branch) if request.branch else None
        relative = request.path if request.path else source.default_folder
        target, path = await asyncio.to_thread(resolve_target, self.root, relative)
        self._forget_old_jobs()
        running = [job for job in self.jobs.values() if job.state == "running"]
        if len(running) >= self.config.max_running_clones:
            raise Throttled(f"{len(running)} clones are running already; wait for one to "
                            "finish.", headers={"Retry-After": "10"})
        env = clone_environment(self.environ, self._protocols(),
                                stall_seconds=self.config.stall_timeout_seconds)
        repo_config = await self._credential_config(source, env)
        made = await asyncio.to_thread(claim, target)
        if made is None:
            suggested = await asyncio.to_thread(free_name, self.root, path)
            raise FolderExists(path, suggested)
        job = CloneJob(id=uuid.uuid4().hex, path=path, target=target, source=source,
                       message=f"Cloning into {echo(path)}…", made=made)
        command = clone_command(source.url, target, branch=branch, repo_config=repo_config)
        job.task = asyncio.create_task(self._run(job, command, env, branch))
        self.jobs[job.id] = job
        return job

    def status(self, job_id: str) -> CloneStatus:
        return self._job(job_id).status()

    async def cancel(self, job_id: str) -> CloneStatus:
        job = self._job(job_id)
        if job.state == "running" and job.task is not None:
            job.task.cancel()
            # The task stops git and removes the folder before it ends.
            await asyncio.gather(job.task, return_exceptions=True)
        return job.status()

    async def stop(self) -> None:
        """Cancel every running clone (server shutdown): no half-cloned folder stays."""
        tasks = [job.task for job in self.jobs.values() if job.task and not job.task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _job(self, job_id: str) -> CloneJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise NotFound(f"No clone {echo(job_id, 64)} on this server (it may have finished over "
                           "an hour ago, or the server restarted).", code="clone_not_found")
        return job

    def _protocols(self) -> list[str]:
        # git-remote-codecommit fetches over https itself.
        protocols = [*self.config.allowed_schemes, *self.config.extra_git_protocols]
        if "codecommit" in protocols:
            protocols.append("https")
        return list(dict.fromkeys(protocols))

    async def _credential_config(self, source: CloneSource,
                                 env: dict[str, str]) -> list[tuple[str, str]]:
        """Our signing helper, for CodeCommit HTTPS remotes only, in the clone's own config
        (``helper_files.credential_config``), also for the URL after insteadOf rewrites."""
        if source.repository is None or source.scheme != "https":
            return []  # other remotes keep git's own credential flow
        rewritten = await effective_url(source.url, env, self.root)
        return credential_config([source.url, rewritten],
                                 helper_command(self.helper_dir / LAUNCHER, source.region))

    async def _run(self, job: CloneJob, command: list[str], env: dict[str, str],
                   branch: str | None) -> None:
        def progress(update: Progress) -> None:
            job.phase = update.phase
            job.progress = max(job.progress, update.percent)

        try:
            if job.source.repository is not None and job.source.scheme == "https":
                await self._install_helper()
            await run_clone(command, env, timeout=self.config.clone_timeout_seconds,
                            on_progress=progress, url=job.source.url, region=job.source.region,
                            branch=branch, cwd=self.root,
                            stall_seconds=self.config.stall_timeout_seconds)
        except CloneFailed as exc:
            await self._remove(job)
            self._finish(job, "failed", exc.message, error=exc.code)
        except asyncio.CancelledError:
            await self._remove(job)
            self._finish(job, "cancelled", f"Cancelled; {echo(job.path)} was removed.")
            raise
        else:
            job.progress, job.phase = 100, "Done"
            self._finish(job, "done", f"Cloned into {echo(job.path)}.")

    async def _install_helper(self) -> None:
        """(Re)write the helper's files before git needs them; a clear failure otherwise."""
        try:
            await asyncio.to_thread(install, self.helper_dir, self.python)
        except OSError as exc:
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            raise CloneFailed(f"The git credential helper cannot be written to "
                              f"{self.helper_dir}: {exc.strerror}.",
                              "disk_full" if full else "clone_failed") from None

    def _finish(self, job: CloneJob, state: CloneState, message: str,
                error: str | None = None) -> None:
        job.state, job.message, job.error = state, message, error
        job.finished_at = time.monotonic()
        log.info("dsws: clone %s into %s: %s%s", job.id, job.path, state,
                 f" ({error}: {message})" if error else "")

    async def _remove(self, job: CloneJob) -> None:
        await asyncio.shield(asyncio.to_thread(unclaim, job.made))

    def _forget_old_jobs(self) -> None:
        now = time.monotonic()
        for job_id in [j.id for j in self.jobs.values()
                       if j.finished_at and now - j.finished_at > _KEEP_FINISHED_SECONDS]:
            del self.jobs[job_id]


def _repository(meta: dict[str, Any]) -> Repository:
    modified = meta.get("lastModifiedDate")
    if isinstance(modified, datetime):
        modified = modified.astimezone(timezone.utc).isoformat()
    return Repository(name=meta["repositoryName"], description=meta.get("repositoryDescription"),
                      default_branch=meta.get("defaultBranch"),
                      clone_url_http=meta.get("cloneUrlHttp", ""),
                      last_modified=str(modified) if modified else None)
