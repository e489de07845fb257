"""A real jupyter-server with our extension (tests/conftest.py), pointed at moto's real server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from moto.server import ThreadedMotoServer


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """moto's server on a free loopback port, for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def _fake_aws(fake_aws: None) -> None:
    """Every test here runs with fake AWS credentials (tests/conftest.py)."""


@pytest.fixture
def aws_endpoint_url(moto_url: str) -> str:
    return moto_url
