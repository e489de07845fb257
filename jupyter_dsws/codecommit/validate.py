"""The pure decisions about what a person may ask to clone, and where.

Nothing here runs git or touches AWS: every function takes what it needs and raises
``InvalidInput`` (400) with a sentence a person can act on. The rules exist because the
name, URL and folder come from a browser and end up on a git command line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..errors import InvalidInput, echo
from ..paths import inside_root, relative_parts

# Defined in the helper, which must stay self-contained; used and re-exported here.
from .credential_helper import codecommit_region

# CodeCommit's own rule: letters, digits, ".", "_", "-", up to 100 characters.
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
# Branch names we pass on: git's ref rules, minus anything that reads as an option.
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,200}$")
# git-remote-codecommit: codecommit::<region>://[profile@]<name> or codecommit://[profile@]<name>
_GRC = re.compile(
    r"^codecommit(?:::(?P<region>[a-z]{2}(?:-[a-z]+)+-\d{1,2}))?://(?:[A-Za-z0-9_.-]+@)?"
    r"(?P<name>[A-Za-z0-9._-]{1,100})$"
)
# Never, whatever the admin lists: they run commands or read the server's own disk.
FORBIDDEN_SCHEMES = frozenset({"ext", "file", "fd"})


@dataclass(frozen=True)
class CloneSource:
    """A validated clone source: the URL git gets, and the CodeCommit facts we know."""

    url: str
    scheme: str
    #: The CodeCommit repository name, when the source is one (by name or by URL).
    repository: str | None
    #: The region of a CodeCommit URL, when it names one.
    region: str | None
    #: The folder name a clone of it gets by default.
    default_folder: str


def check_repository_name(name: str) -> str:
    """A CodeCommit repository name, or ``InvalidInput`` saying what is wrong with it."""
    if not _NAME.fullmatch(name) or name.strip(".") == "":
        raise InvalidInput(
            f"{name[:120]!r} is not a CodeCommit repository name: use 1 to 100 letters, "
            "digits, '.', '_' or '-'.", code="invalid_repository")
    if name.startswith("-"):
        raise InvalidInput("A repository name cannot start with '-'.", code="invalid_repository")
    if name.lower().endswith(".git"):
        raise InvalidInput("A CodeCommit repository name cannot end in '.git'.",
                           code="invalid_repository")
    return name


def check_branch(branch: str) -> str:
    """A branch name that git can only read as a branch."""
    if (not _BRANCH.fullmatch(branch) or branch.startswith(("-", "/")) or branch.endswith(
            ("/", ".", ".lock")) or ".." in branch or "//" in branch or "/." in branch):
        raise InvalidInput(f"{branch[:120]!r} is not a branch name.", code="invalid_branch")
    return branch


def codecommit_url(region: str, name: str) -> str:
    """The HTTPS clone URL AWS gives a repository (``cloneUrlHttp``)."""
    return f"https://git-codecommit.{region}.amazonaws.com/v1/repos/{name}"


def source_from_name(name: str, region: str | None) -> CloneSource:
    check_repository_name(name)
    if not region:
        raise InvalidInput("No AWS region is configured, so a repository name cannot be "
                           "turned into a clone URL; paste the HTTPS URL instead.",
                           code="region_missing")
    return CloneSource(url=codecommit_url(region, name), scheme="https", repository=name,
                       region=region, default_folder=name)


def source_from_url(url: str, allowed_schemes: list[str],
                    allowed_hosts: list[str]) -> CloneSource:
    """A URL a person typed, checked against the admin's allow-lists."""
    text = url.strip()
    if not text or text.startswith("-") or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise InvalidInput("The URL is empty, has spaces or control characters, or starts "
                           "with '-'.", code="invalid_url")
    grc = _GRC.fullmatch(text)
    if grc:
        scheme = "codecommit"
        _check_scheme(scheme, allowed_schemes)
        return CloneSource(url=text, scheme=scheme, repository=grc["name"],
                           region=grc["region"], default_folder=grc["name"])
    if "::" in text.split("/", 1)[0]:
        # <transport>::<address> would pick a remote helper (ext::, fd::, ...).
        raise InvalidInput("Remote helper URLs (<transport>::...) other than codecommit:: "
                           "are not allowed.", code="invalid_url")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if not scheme or "://" not in text:
        raise InvalidInput("Give a full URL such as https://host/path/repo.git; local paths "
                           "and scp-like user@host:path addresses are not allowed.",
                           code="invalid_url")
    _check_scheme(scheme, allowed_schemes)
    host = (parts.hostname or "").lower()
    if not host or host.startswith("-"):
        raise InvalidInput("The URL has no host.", code="invalid_url")
    if allowed_hosts and host not in {h.lower() for h in allowed_hosts}:
        raise InvalidInput(f"Cloning from {echo(host)} is not allowed here; allowed hosts: "
                           f"{', '.join(allowed_hosts)}.", code="host_not_allowed")
    if parts.username is not None or parts.password is not None:
        # It would end up in .git/config, in clear, for as long as the clone lives: a
        # token is as often the user name (https://ghp_…@github.com/…) as the password.
        raise InvalidInput("Do not put a user name, token or password in the URL: it would "
                           "be stored in the clone's configuration. Remove the part before "
                           "'@'; git asks its own credential helpers instead.",
                           code="invalid_url")
    region = codecommit_region(host)
    segments = [s for s in PurePosixPath(parts.path).parts if s != "/"]
    repository = None
    if region and len(segments) == 3 and segments[:2] == ["v1", "repos"]:
        repository = check_repository_name(segments[2])
    folder = _folder_from_path(segments[-1] if segments else host)
    return CloneSource(url=text, scheme=scheme, repository=repository, region=region,
                       default_folder=folder)


def _check_scheme(scheme: str, allowed: list[str]) -> None:
    if scheme in FORBIDDEN_SCHEMES or scheme not in {s.lower() for s in allowed}:
        raise InvalidInput(f"{echo(scheme, 40)}:// URLs are not allowed here; allowed: "
                           f"{', '.join(s for s in allowed if s not in FORBIDDEN_SCHEMES)}.",
                           code="scheme_not_allowed")


def _folder_from_path(last: str) -> str:
    name = last[:-4] if last.lower().endswith(".git") else last
    name = re.sub(r"[^A-Za-z0-9._-]", "-", name).strip(".-") or "repository"
    return name[:100]


def resolve_target(root_dir: str | Path, relative: str) -> tuple[Path, str]:
    """The clone folder inside ``root_dir`` and its root-relative POSIX path.

    Refuses absolute paths, ``..``, names git could read as options, and any path whose
    existing part leads (through a symlink) outside ``root_dir``.
    """
    if not relative.strip():
        raise InvalidInput("The folder is empty.", code="invalid_path")
    parts = relative_parts(relative)
    if not parts:
        raise InvalidInput("The folder must stay inside the workspace ('..' is not allowed).",
                           code="invalid_path")
    if any(p.startswith("-") or any(ord(ch) < 32 for ch in p) for p in parts):
        raise InvalidInput("A folder name cannot start with '-' or hold control characters.",
                           code="invalid_path")
    real = inside_root(root_dir, parts)
    if real == Path(root_dir).resolve():
        raise InvalidInput("Choose a folder inside the workspace, not the workspace itself.",
                           code="invalid_path")
    return real, "/".join(parts)


def free_name(root: Path, relative: str,
              exists: Callable[[Path], bool] = os.path.lexists) -> str:
    """``relative`` with the first ``-2``, ``-3``… suffix that does not exist yet."""
    for number in range(2, 1000):
        candidate = f"{relative}-{number}"
        if not exists(root / candidate):
            return candidate
    raise InvalidInput("Choose another folder name.", code="invalid_path")
