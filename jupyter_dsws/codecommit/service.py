"""The Repositories panel's logic: clone, follow, cancel (listing is in ``listing``).

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
from pathlib import Path

from ..aws import AwsAccess
from ..errors import Conflict, NotFound, Throttled, echo
from ..people import Person, person_record
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
from .listing import RepositoryListing
from .models import CloneRequest, CloneState, CloneStatus, FolderExistsBody
from .validate import (
    CloneSource,
    check_branch,
    free_name,
    resolve_target,
    source_from_name,
    source_from_url,
)
from .workspace import cloned_by_config

log = logging.getLogger(__name__)

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
    #: Who started it, for the record (also written into the clone's .git/config).
    by: Person | None = None
    task: asyncio.Task[None] | None = field(default=None, repr=False)

    def status(self) -> CloneStatus:
        return CloneStatus(id=self.id, state=self.state, progress=self.progress,
                           phase=self.phase, message=self.message, path=self.path,
                           error=self.error, by=person_record(self.by))


class CodeCommitService(RepositoryListing):
    """Listing (``RepositoryListing``), and clones: start, follow, cancel."""

    def __init__(self, aws: AwsAccess, config: CodeCommitClone, root_dir: str,
                 studio: StudioApp | None = None, *, helper_dir: Path,
                 environ: Mapping[str, str] = os.environ, python: str = sys.executable) -> None:
        super().__init__(aws, config, root_dir, studio)
        #: Where the credential helper's files live (under HOME: the clones outlive us).
        self.helper_dir = helper_dir
        self.environ = environ
        self.python = python
        self.jobs: dict[str, CloneJob] = {}

    # Cloning ---------------------------------------------------------------------------

    async def start_clone(self, request: CloneRequest, person: Person | None = None
                          ) -> CloneJob:
        """Start a clone; ``person`` (who asked) is recorded in the log and the clone's
        .git/config, and decides nothing."""
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
                       message=f"Cloning into {echo(path)}…", made=made, by=person)
        command = clone_command(source.url, target, branch=branch,
                                repo_config=[*repo_config, *cloned_by_config(person)])
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
        log.info("dsws: clone %s into %s: %s%s, started by %s", job.id, job.path, state,
                 f" ({error}: {message})" if error else "", job.by or "unknown")

    async def _remove(self, job: CloneJob) -> None:
        await asyncio.shield(asyncio.to_thread(unclaim, job.made))

    def _forget_old_jobs(self) -> None:
        now = time.monotonic()
        for job_id in [j.id for j in self.jobs.values()
                       if j.finished_at and now - j.finished_at > _KEEP_FINISHED_SECONDS]:
            del self.jobs[job_id]
