"""Shared by every test folder.

pytest-jupyter's server fixtures (jp_fetch, jp_serverapp), and the demo's AWS emulator
(``emulator``, ``fresh_emulator``, ``emulator_client``): moto's server with the demo's
gap-filling layer, one per test session. moto keeps its state in module globals, shared by
every moto server of the process (tests/core's ``moto_url`` too): a test that needs known
state starts from ``fresh_emulator`` and creates it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
