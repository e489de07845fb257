"""Helpers every test folder shares: read an answer, wait on an event, Studio's metadata.

Imported as ``from helpers import ...`` (tests/ is on ``sys.path`` through its conftest).
Fixtures live in tests/conftest.py; plain functions and constants live here.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from tornado.httpclient import HTTPClientError

#: The Studio resource metadata of a JupyterLab app in eu-central-1, as Studio writes it to
#: /opt/ml/metadata/resource-metadata.json (pass it to the ``studio_metadata`` fixture).
STUDIO = {
    "DomainId": "d-abc123",
    "SpaceName": "hermione-space",
    "AppType": "JupyterLab",
    "ResourceArn": "arn:aws:sagemaker:eu-central-1:123456789012:app/d-abc123/"
                   "hermione-space/jupyterlab/default",
    "ResourceName": "default",
}


#: ``ServerApp`` settings for a shared space's identity: the demo's provider names the person
#: from Studio's ``studioUserProfileName`` cookie, as SageMaker's does. A test module that
#: returns it from its ``server_app_settings`` fixture names people with ``as_person``.
COOKIE_IDENTITY = {"identity_provider_class":
                   "jupyter_dsws.demo.identity.StudioProfileIdentityProvider"}


def as_person(profile: str) -> dict[str, str]:
    """The headers of a request from ``profile`` in a shared space (for ``jp_fetch``)."""
    return {"Cookie": f"studioUserProfileName={profile}"}


def body(response: Any) -> Any:
    """The JSON of an answer from ``jp_fetch`` (or of an ``HTTPClientError``'s response)."""
    return json.loads(response.body)


async def error_of(request: Awaitable[Any]) -> tuple[int, Any]:
    """The status and JSON of the error that answers ``request`` (a ``jp_fetch(...)`` call,
    not awaited yet); the test fails if it succeeds."""
    with pytest.raises(HTTPClientError) as raised:
        await request
    return raised.value.code, body(raised.value.response)


async def wait_for(condition: Callable[[], Any], timeout: float = 15.0, interval: float = 0.05,
                   what: str = "condition") -> Any:
    """Poll until ``condition()`` (a function or a coroutine function) is truthy and return
    its value; fail after ``timeout`` seconds naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(interval)


def wait_until(condition: Callable[[], Any], timeout: float = 15.0, interval: float = 0.05,
               what: str = "condition") -> Any:
    """``wait_for`` for code off the event loop (a subprocess's output, say): poll until
    ``condition()`` is truthy and return its value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


async def checks_done(monitor: Any, count: int = 1, timeout: float = 15.0) -> None:
    """Return once the idle monitor has run ``count`` whole checks that began after this
    call, so whatever those checks would do has been done (or was not). The way to show
    that something did *not* happen, instead of a fixed sleep."""
    # ``checks`` counts checks begun: one more than ``count`` means the last one we need
    # has ended (the loop runs them one at a time).
    target = monitor.checks + count + 1
    await wait_for(lambda: monitor.checks >= target, timeout=timeout,
                   what=f"{count} more idle check(s)")


async def checks_past(monitor: Any, seconds: float) -> None:
    """Return once the idle monitor has finished a check that began at least ``seconds``
    from now (its own clock), so whatever was due by then has been done (or was not)."""
    target = monitor.clock() + timedelta(seconds=seconds)
    await wait_for(lambda: monitor.checked_at is not None and monitor.checked_at >= target,
                   timeout=seconds + 15, what=f"an idle check {seconds:g} s from now")


def idle_monitor(extension: Any) -> Any:
    """The idle monitor of a running extension: the one place tests reach for it."""
    return extension.features["idle"].monitor
