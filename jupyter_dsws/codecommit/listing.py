"""What the Repositories panel lists: the repositories the role can read, the admin's
suggestions, and where a remote is cloned under root_dir already. No tornado here."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..aws import AwsAccess
from ..errors import DSWSError, InvalidInput
from ..studio import StudioApp
from ..wire import iso_time
from .config import CodeCommitClone
from .models import ClonedAt, Repository, RepositoryList
from .workspace import (
    clone_of,
    find_clones,
    read_cloned_by,
    repository_key,
    typed_remote_key,
)

log = logging.getLogger(__name__)

_BATCH = 25  # BatchGetRepositories takes at most 25 names
_MAX_PAGES = 50  # ListRepositories gives up to 1,000 names a page; accounts hold 5,000 by default


class RepositoryListing:
    def __init__(self, aws: AwsAccess, config: CodeCommitClone, root_dir: str,
                 studio: StudioApp | None = None) -> None:
        self.aws = aws
        self.config = config
        self.root = Path(root_dir).resolve()
        self.studio = studio
        self._studio_urls: list[str] | None = None

    async def repositories(self, refresh: bool = False) -> RepositoryList:
        clones_task = asyncio.create_task(
            asyncio.to_thread(find_clones, self.root, self.config.scan_depth))
        suggested = await self.suggested()
        error = fetched_at = notice = None
        try:
            # Shared by every tab for list_ttl_seconds; where each is cloned is read each time.
            shared = await self.aws.shared("codecommit.repos", self._list_from_aws,
                                           services=("codecommit",),
                                           ttl=self.config.list_ttl_seconds, refresh=refresh)
            repos = [repo.model_copy() for repo in shared.value]
            fetched_at, notice = iso_time(shared.fetched_at), shared.notice
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
        cloned = [repo for repo in repos if repo.cloned_at]
        if cloned:
            people = await asyncio.to_thread(
                lambda: [read_cloned_by(self.root / str(r.cloned_at)) for r in cloned])
            for repo, person in zip(cloned, people, strict=True):
                repo.cloned_by = person
        return RepositoryList(repos=repos, suggested=suggested, error=error,
                              fetched_at=fetched_at, notice=notice)

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


def _repository(meta: dict[str, Any]) -> Repository:
    modified = meta.get("lastModifiedDate")
    if isinstance(modified, datetime):
        modified = modified.astimezone(timezone.utc).isoformat()
    return Repository(name=meta["repositoryName"], description=meta.get("repositoryDescription"),
                      default_branch=meta.get("defaultBranch"),
                      clone_url_http=meta.get("cloneUrlHttp", ""),
                      last_modified=str(modified) if modified else None)
