"""A real jupyter-server with our extension, pointed at moto's real server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer
from traitlets.config import Config

REGION = "eu-central-1"


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
def no_studio(tmp_path: Path) -> str:
    """A metadata path that does not exist: we are not in Studio."""
    return str(tmp_path / "no-resource-metadata.json")


@pytest.fixture
def dsws_config(request: pytest.FixtureRequest) -> dict:
    """DSWSExtension settings for this test, through indirect parametrization.

    Two values are special: ``aws_endpoint_url`` may be ``"closed"`` (a port that refuses)
    or ``"silent"`` (a port that accepts and never answers); ``studio_metadata`` is written
    as the Studio resource metadata file.
    """
    return dict(getattr(request, "param", {}))


@pytest.fixture
def jp_server_config(request: pytest.FixtureRequest, dsws_config: dict, moto_url: str,
                     no_studio: str, tmp_path: Path) -> Config:
    settings = {"region": REGION, "aws_endpoint_url": moto_url,
                "resource_metadata_path": no_studio}
    settings.update(dsws_config)
    endpoint = settings["aws_endpoint_url"]
    if endpoint in ("closed", "silent"):
        settings["aws_endpoint_url"] = request.getfixturevalue(f"{endpoint}_port_url")
    metadata = settings.pop("studio_metadata", None)
    if metadata is not None:
        path = tmp_path / "resource-metadata.json"
        path.write_text(json.dumps(metadata))
        settings["resource_metadata_path"] = str(path)
    return Config({
        "ServerApp": {"jpserver_extensions": {"jupyter_dsws": True}},
        "DSWSExtension": settings,
    })


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL whose port refuses connections."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def silent_port_url() -> Iterator[str]:
    """A loopback URL whose port accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    sock.close()
