"""Running ``git clone`` without blocking the server, and reading its progress.

git runs as an argument list (never a shell), with the URL after ``--``, no terminal
prompt, a protocol allow-list, and a time limit; its ``--progress`` output on stderr
("Receiving objects:  45% (450/1000)", lines ended by carriage returns) becomes a phase
and an overall percentage. Failures become one sentence per cause, with no credential or
signed URL in it. Nothing here knows about tornado, jobs or folders it did not get.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..aws import redact
from ..errors import echo

# Overall percentage range of each phase git reports for a clone over smart HTTP.
_PHASES: dict[str, tuple[int, int]] = {
    "enumerating objects": (0, 0),
    "counting objects": (0, 0),
    "compressing objects": (0, 0),
    "receiving objects": (0, 80),
    "resolving deltas": (80, 92),
    "updating files": (92, 100),
    "checking out files": (92, 100),
}
_PROGRESS = re.compile(r"^(?:remote:\s*)?(?P<phase>[A-Za-z][A-Za-z ]+):\s+(?P<pct>\d{1,3})%")
_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)
# The query of a URL (``?token=…``, ``?X-Amz-Signature=…``): up to a space or a quote.
_QUERY = re.compile(r"(?P<url>[a-z][a-z0-9+.-]*://[^\s'\"?]*)\?[^\s'\"]*", re.IGNORECASE)
# git's first line, before the transport says anything about the remote.
_ANNOUNCEMENT = re.compile(r"^Cloning into (?:bare repository )?'.*'\.\.\.$")
_KILL_GRACE_SECONDS = 5.0
_HELPER_SAYS = "jupyter_dsws credential helper: "


@dataclass(frozen=True)
class Progress:
    phase: str
    percent: int


class CloneFailed(Exception):
    """git did not clone; ``message`` is safe to show, ``code`` names the cause."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def parse_progress(line: str) -> Progress | None:
    """The phase and overall percentage a progress line stands for, or None."""
    match = _PROGRESS.match(line.strip())
    if not match:
        return None
    phase = match["phase"].strip()
    span = _PHASES.get(phase.lower())
    if span is None:
        return None
    low, high = span
    percent = min(100, int(match["pct"]))
    return Progress(phase=phase, percent=low + (high - low) * percent // 100)


def scrub(text: str) -> str:
    """git output without user names, passwords, query strings, signatures or tokens."""
    text = _QUERY.sub(lambda m: m["url"] + "?[redacted]", text)
    return redact(_USERINFO.sub(lambda m: m["scheme"] + "[redacted]@", text))


def vpc_endpoint_hint(region: str | None) -> str:
    """What an admin adds for git in a VPC-only domain; empty for other remotes."""
    if not region:
        return ""
    return (f" In a VPC-only Studio domain an admin must add the VPC interface endpoint "
            f"com.amazonaws.{region}.git-codecommit with private DNS, and allow HTTPS from "
            "Studio in its security group.")


def silent_endpoint(url: str, region: str | None, seconds: float) -> CloneFailed:
    """The failure of a remote that took the connection and never answered."""
    return CloneFailed(f"{_host(url)} did not answer within {seconds:g} s (the connection or "
                       f"its TLS handshake hung), so the clone was stopped."
                       f"{vpc_endpoint_hint(region)}", "endpoint_unreachable")


def explain_failure(stderr: str, *, url: str, region: str | None,
                    branch: str | None) -> CloneFailed:
    """One clear sentence for the way git failed, from what it wrote on stderr."""
    text = stderr.lower()
    host = echo(_host(url))
    if "no space left on device" in text or "disk quota exceeded" in text:
        return CloneFailed("The workspace disk is full: free some space (or grow the "
                           "space's storage) and clone again.", "disk_full")
    if branch and ("remote branch" in text and "not found" in text):
        return CloneFailed(f"The repository has no branch '{echo(branch)}'.",
                           "branch_not_found")
    helper = next((line.split(_HELPER_SAYS, 1)[1] for line in stderr.splitlines()
                   if _HELPER_SAYS in line), None)
    if helper:
        # Our credential helper said why it could not sign: that is the sentence to show.
        return CloneFailed(f"{host} got no credentials: {scrub(helper.strip())[:400]}",
                           "auth_failed")
    if ("authentication failed" in text or "could not read username" in text
            or "could not read password" in text or "returned error: 401" in text
            or "returned error: 403" in text or "access denied" in text
            or "permission denied" in text):
        hint = (" The Studio execution role needs codecommit:GitPull on the repository."
                if region else " This remote needs credentials git can find on its own.")
        return CloneFailed(f"{host} refused the credentials.{hint}", "auth_failed")
    if ("repository not found" in text or re.search(r"repository '[^']*' not found", text)
            or "returned error: 404" in text
            or "does not appear to be a git repository" in text or "does not exist" in text):
        return CloneFailed(f"{host} has no such repository. Check the name or URL.",
                           "repository_not_found")
    if "operation too slow" in text:
        return CloneFailed(f"{host} accepted the connection but stopped answering."
                           f"{vpc_endpoint_hint(region)}", "endpoint_unreachable")
    if ("could not resolve host" in text or "failed to connect" in text
            or "connection timed out" in text or "connection refused" in text
            or "network is unreachable" in text or "operation timed out" in text
            or "couldn't connect" in text or "connection timeout" in text):
        # "SSL connection timeout": curl's own connect limit (300 s) ran out in the handshake.
        return CloneFailed(f"Cannot reach {host}.{vpc_endpoint_hint(region)}",
                           "endpoint_unreachable")
    if "transport" in text and "not allowed" in text:
        return CloneFailed(f"This server does not allow git to use the transport of {host}.",
                           "protocol_not_allowed")
    last = next((line for line in reversed(stderr.splitlines()) if line.strip()), "")
    reason = echo(scrub(last.strip()), 300) or "no reason given"
    return CloneFailed(f"git clone failed: {reason}", "clone_failed")


def _host(url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^/@]+@)?(?P<host>[^/:]+)", url, re.IGNORECASE)
    return match["host"] if match else url.split("://", 1)[-1].split("/", 1)[0]


def clone_environment(base: Mapping[str, str], protocols: Sequence[str], *,
                      stall_seconds: float = 60.0) -> dict[str, str]:
    """The environment git clones in: no prompt of any kind, only the allowed transports,
    and an end to a transfer that receives nothing for ``stall_seconds``."""
    env = {k: v for k, v in base.items()
           if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES")}
    env.update({
        "GIT_TERMINAL_PROMPT": "0",
        # An empty askpass makes git skip it rather than pop up or hang on one.
        "GIT_ASKPASS": "",
        "SSH_ASKPASS": "",
        "GCM_INTERACTIVE": "never",
        "GIT_ALLOW_PROTOCOL": ":".join(protocols),
        # Less than 1 byte/s for that long: an endpoint that accepted and went silent.
        "GIT_HTTP_LOW_SPEED_LIMIT": "1",
        "GIT_HTTP_LOW_SPEED_TIME": str(max(1, round(stall_seconds))),
        # English messages, so that explain_failure can read them.
        "LC_ALL": "C",
        "LANGUAGE": "",
    })
    return env


def clone_command(url: str, target: Path, *, branch: str | None,
                  repo_config: Sequence[tuple[str, str]]) -> list[str]:
    """``git clone`` as an argument list: options first, then ``--``, the URL and the folder."""
    command = ["git", "clone", "--progress"]
    for key, value in repo_config:
        # Written into the new .git/config before the fetch: used now and by later pulls.
        command.append(f"--config={key}={value}")
    if branch:
        command.append(f"--branch={branch}")
    return [*command, "--", url, str(target)]


async def effective_url(url: str, env: Mapping[str, str], cwd: Path) -> str:
    """``url`` after git's own ``url.<base>.insteadOf`` rewrites (credentials match on it)."""
    process = await asyncio.create_subprocess_exec(
        "git", "ls-remote", "--get-url", "--", url, cwd=str(cwd), env=dict(env),
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL, start_new_session=True)
    try:
        out, _ = await asyncio.wait_for(process.communicate(), 10)
    except asyncio.TimeoutError:
        await _stop(process)
        return url
    rewritten = out.decode("utf-8", errors="replace").strip()
    return rewritten if process.returncode == 0 and rewritten else url


async def run_clone(command: Sequence[str], env: Mapping[str, str], *, timeout: float,
                    on_progress: Callable[[Progress], None], url: str, region: str | None,
                    branch: str | None, cwd: Path, stall_seconds: float | None = None) -> None:
    """Run the clone; return when it succeeded, raise ``CloneFailed`` otherwise.

    git's low-speed limit (``clone_environment``) only counts once a connection is up:
    a TCP connect or TLS handshake that hangs waits for curl's own limit of 300 s. So
    until git reports anything past its "Cloning into" line, ``stall_seconds`` is our
    connect timeout. Cancelling the task stops git (its whole process group: remote
    helpers and the credential helper too) before the cancellation goes on.
    """
    try:
        process = await asyncio.create_subprocess_exec(
            *command, cwd=str(cwd), env=dict(env), stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
            start_new_session=True)
    except FileNotFoundError:
        raise CloneFailed("git is not installed on this server.", "git_missing") from None
    tail: list[str] = []
    answered = asyncio.Event()

    def take(line: str) -> None:
        if line.strip() and not _ANNOUNCEMENT.match(line.strip()):
            answered.set()
        progress = parse_progress(line)
        if progress is not None:
            on_progress(progress)
        elif line.strip():
            tail.append(line)
            del tail[:-40]  # enough to explain a failure, bounded however chatty git is

    async def follow() -> int:
        if process.stderr is not None:
            await _read_lines(process.stderr, take)
        return await process.wait()

    async def supervise() -> int:
        follower = asyncio.ensure_future(follow())
        waiter = asyncio.ensure_future(answered.wait())
        try:
            if stall_seconds:
                done, _ = await asyncio.wait({follower, waiter}, timeout=stall_seconds,
                                             return_when=asyncio.FIRST_COMPLETED)
                if not done:
                    raise _Silent
            return await follower
        finally:
            for task in (follower, waiter):
                task.cancel()
            await asyncio.gather(follower, waiter, return_exceptions=True)

    try:
        code = await asyncio.wait_for(supervise(), timeout)
    except _Silent:
        await _stop(process)
        raise silent_endpoint(url, region, stall_seconds or 0) from None
    except asyncio.TimeoutError:  # not the builtin TimeoutError before Python 3.11
        await _stop(process)
        raise CloneFailed(f"The clone took longer than {timeout:g} s and was stopped. An admin "
                          "can raise CodeCommitClone.clone_timeout_seconds.", "timeout") from None
    except asyncio.CancelledError:
        await _stop(process)
        raise
    if code != 0:
        raise explain_failure("\n".join(tail), url=url, region=region, branch=branch)


class _Silent(Exception):
    """Nothing came back from the remote within the stall time."""


async def _read_lines(stream: asyncio.StreamReader, take: Callable[[str], None]) -> None:
    # Progress lines end in carriage returns, the others in newlines.
    pending = ""
    while chunk := await stream.read(4096):
        pending += chunk.decode("utf-8", errors="replace")
        *lines, pending = re.split(r"[\r\n]", pending)
        for line in lines:
            take(line)
    if pending:
        take(pending)


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    _signal_group(process.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), _KILL_GRACE_SECONDS)
    except asyncio.TimeoutError:
        _signal_group(process.pid, signal.SIGKILL)
        await process.wait()


def _signal_group(pid: int, sig: int) -> None:
    # The group may be gone already: that is what we wanted.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
