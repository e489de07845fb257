"""Helpers every test folder shares: read an answer, wait on an event, Studio's metadata.

Imported as ``from helpers import ...`` (tests/ is on ``sys.path`` through its conftest).
Fixtures live in tests/conftest.py; plain functions and constants live here.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
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


#: The emulator's fake access keys (tests/conftest.py's ``fake_aws`` puts them in the
#: environment), as boto3's keyword arguments.
FAKE_KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}

#: A role in another account that the emulator's STS lets the fake keys assume (moto gives
#: assumed-role keys the role's account): another AWS identity for the server (``as_caller``).
OTHER_ROLE = "arn:aws:iam::111111111111:role/other-team"


def as_person(profile: str) -> dict[str, str]:
    """The headers of a request from ``profile`` in a shared space (for ``jp_fetch``)."""
    return {"Cookie": f"studioUserProfileName={profile}"}


def body(response: Any) -> Any:
    """The JSON of an answer from ``jp_fetch`` (or of an ``HTTPClientError``'s response)."""
    return json.loads(response.body)


def fake_client(endpoint_url: str, service: str, region: str = "eu-central-1",
                **options: Any) -> Any:
    """A boto3 client of the emulator at ``endpoint_url`` with the fake keys, as a notebook
    has one (``options``: boto3.client's others, its ``config`` say)."""
    import boto3

    return boto3.client(service, region_name=region, endpoint_url=endpoint_url, **FAKE_KEYS,
                        **options)


def assumed_role(endpoint_url: str, role_arn: str = OTHER_ROLE) -> dict[str, str]:
    """The credentials of ``role_arn``, assumed through the emulator at ``endpoint_url``."""
    sts = fake_client(endpoint_url, "sts")
    given = sts.assume_role(RoleArn=role_arn, RoleSessionName="other")["Credentials"]
    return {"aws_access_key_id": given["AccessKeyId"],
            "aws_secret_access_key": given["SecretAccessKey"],
            "aws_session_token": given["SessionToken"]}


@contextmanager
def as_caller(aws: Any, credentials: Mapping[str, str]) -> Iterator[None]:
    """Inside the block the server (its ``AwsAccess``, ``extension.aws``) calls AWS with
    ``credentials``, as after its role's credentials were renewed or when it runs as another
    role; afterwards with its own again."""
    from jupyter_dsws.aws import make_session

    own = aws.use_session(make_session(aws.region, credentials=credentials))
    try:
        yield
    finally:
        aws.use_session(own)


async def error_of(request: Awaitable[Any]) -> tuple[int, Any]:
    """The status and JSON of the error that answers ``request`` (a ``jp_fetch(...)`` call,
    not awaited yet); the test fails if it succeeds."""
    with pytest.raises(HTTPClientError) as raised:
        await request
    return raised.value.code, body(raised.value.response)


async def wait_for(condition: Callable[[], Any], timeout: float = 15.0, interval: float = 0.05,
                   what: str | Callable[[], str] = "condition") -> Any:
    """Poll until ``condition()`` (a function or a coroutine function) is truthy and return
    its value; fail after ``timeout`` seconds naming ``what`` (or saying ``what()``, for a
    message with what was seen by then)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {_said(what)}")
        await asyncio.sleep(interval)


def wait_until(condition: Callable[[], Any], timeout: float = 15.0, interval: float = 0.05,
               what: str | Callable[[], str] = "condition") -> Any:
    """``wait_for`` for code off the event loop (a subprocess's output, say): poll until
    ``condition()`` is truthy and return its value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {_said(what)}")
        time.sleep(interval)


def _said(what: str | Callable[[], str]) -> str:
    return what() if callable(what) else what


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


@contextmanager
def running_mlflow(folder: Path, artifact_root: str, endpoint_url: str, region: str
                   ) -> Iterator[Any]:
    """The demo's MLflow server (``DSWS_MLFLOW``), ready, its artifacts in the S3 of the
    emulator at ``endpoint_url``; without MLflow the test is skipped with a message saying
    how to install it."""
    from jupyter_dsws.demo.mlflow_server import MlflowServer, mlflow_executable

    executable = mlflow_executable()
    if not executable:
        pytest.skip("DSWS_MLFLOW is not set: `make mlflow-env` installs MLflow in its own venv "
                    "and `make test-python` points the tests at it")
    with MlflowServer(executable, folder, artifact_root=artifact_root,
                      aws_endpoint_url=endpoint_url, region=region) as server:
        server.wait_ready()
        yield server


def idle_monitor(extension: Any) -> Any:
    """The idle monitor of a running extension: the one place tests reach for it."""
    return extension.features["idle"].monitor
