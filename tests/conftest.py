"""Shared by every test folder.

pytest-jupyter's server fixtures (jp_fetch, jp_serverapp), and the demo's AWS emulator
(``emulator``, ``fresh_emulator``, ``emulator_client``): moto's server with the demo's
gap-filling layer, one per test session. moto keeps its state in module globals, shared by
every moto server of the process (tests/core's ``moto_url`` too): a test that needs known
state starts from ``fresh_emulator`` and creates it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import pytest

if TYPE_CHECKING:
    from jupyter_dsws.demo.emulator import Emulator

pytest_plugins = ["pytest_jupyter.jupyter_server"]

EMULATOR_REGION = "eu-central-1"


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """A running emulator on a free port of 127.0.0.1 for the whole session."""
    from jupyter_dsws.demo.emulator import Emulator

    with Emulator() as running:
        yield running


@pytest.fixture
def fresh_emulator(emulator: Emulator) -> Emulator:
    """The session's emulator, emptied (``POST /moto-api/reset``) before the test."""
    emulator.reset()
    return emulator


@pytest.fixture
def emulator_client(emulator: Emulator) -> Callable[..., Any]:
    """``emulator_client("s3", region=...)``: a boto3 client for the emulator, fake keys."""

    def make(service: str, region: str = EMULATOR_REGION) -> Any:
        return boto3.client(service, region_name=region, endpoint_url=emulator.endpoint_url,
                            aws_access_key_id="testing", aws_secret_access_key="testing")

    return make


@pytest.fixture
def fake_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Fake credentials; nothing from a developer's own AWS set-up leaks into a test.

    Test folders that talk to AWS opt in with an autouse fixture of their own.
    """
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
                 "AWS_ENDPOINT_URL", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                 "DSWS_RESOURCE_METADATA_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(autouse=True)
def answers_match_the_spec(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every answer of our routes in this test must be what docs/openapi.yaml says
    (tests/live_contract.py). A test that means to break that takes the list this yields
    and empties it."""
    from live_contract import Answer, problem

    from jupyter_dsws.web import DSWSHandler, NotFoundHandler

    answers: list[Any] = []
    finish = DSWSHandler.finish

    def recording_finish(self: Any, chunk: Any = None) -> Any:
        if type(self).__module__.startswith("jupyter_dsws") and self.request.method not in (
                "HEAD", "OPTIONS"):
            body = chunk.encode() if isinstance(chunk, str) else bytes(chunk or b"")
            answers.append(Answer(self.request.method, self.request.path, self.get_status(),
                                  body, isinstance(self, NotFoundHandler)))
        return finish(self, chunk)

    monkeypatch.setattr(DSWSHandler, "finish", recording_finish)
    yield answers
    problems = [found for found in map(problem, answers) if found]
    if problems:
        pytest.fail("Answers the spec does not describe:\n" + "\n".join(problems[:10]),
                    pytrace=False)
