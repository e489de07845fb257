"""Shared by every test folder.

pytest-jupyter's server fixtures (jp_fetch, jp_serverapp), the demo's AWS emulator
(``emulator``, ``fresh_emulator``, ``emulator_client``): moto's server with the demo's
gap-filling layer, one per test session, and the demo's Livy (``livy``), one per session
too. moto keeps its state in module globals, shared by every moto server of the process
(tests/core's ``moto_url`` too): a test that needs known state starts from
``fresh_emulator`` and creates it.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import fake_client
from traitlets.config import Config

if TYPE_CHECKING:
    from jupyter_dsws.demo.emulator import Emulator
    from jupyter_dsws.demo.livy import LivyServer

pytest_plugins = ["pytest_jupyter.jupyter_server"]

EMULATOR_REGION = "eu-central-1"
REGION = "eu-central-1"
#: A loopback port nothing listens on: the default endpoint, so no test reaches a network
#: unless it points the extension at moto.
NOWHERE = "http://127.0.0.1:9"


# ---- the server under test --------------------------------------------------------------
# One ``jp_server_config`` for every folder. A folder says what differs by overriding the
# small fixtures below (its AWS endpoint, its defaults, its other Configurable sections);
# a test by indirect parametrization of ``dsws_config`` or ``studio_metadata``.

@pytest.fixture
def dsws_config(request: pytest.FixtureRequest) -> dict:
    """``DSWSExtension`` settings of this test, through indirect parametrization.

    ``aws_endpoint_url`` may be ``"closed"`` (a port that refuses) or ``"silent"`` (a port
    that accepts and never answers)."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def studio_metadata(request: pytest.FixtureRequest) -> dict | None:
    """Studio's resource metadata (indirect parametrization, e.g. ``helpers.STUDIO``): the
    server is "in Studio"; ``None`` (the default): it is not."""
    return getattr(request, "param", None)


@pytest.fixture
def aws_endpoint_url() -> str:
    """Where the extension's AWS calls go; folders that use moto override this."""
    return NOWHERE


@pytest.fixture
def dsws_defaults() -> dict:
    """A folder's own ``DSWSExtension`` defaults (its panels, say), under the test's."""
    return {}


@pytest.fixture
def config_sections() -> dict:
    """A folder's other Configurable sections (``{"IdleShutdown": {...}}``)."""
    return {}


@pytest.fixture
def server_extensions() -> dict:
    return {"jupyter_dsws": True}


@pytest.fixture
def server_app_settings() -> dict:
    """A folder's other ``ServerApp`` settings (its identity provider, say)."""
    return {}


@pytest.fixture
def jp_server_config(request: pytest.FixtureRequest, dsws_config: dict,
                     studio_metadata: dict | None, aws_endpoint_url: str, dsws_defaults: dict,
                     config_sections: dict, server_extensions: dict, server_app_settings: dict,
                     tmp_path: Path) -> Config:
    metadata_path = tmp_path / "resource-metadata.json"
    if studio_metadata is not None:
        metadata_path.write_text(json.dumps(studio_metadata))
    settings = {"region": REGION, "aws_endpoint_url": aws_endpoint_url,
                "resource_metadata_path": str(metadata_path), **dsws_defaults, **dsws_config}
    if settings["aws_endpoint_url"] in ("closed", "silent"):
        settings["aws_endpoint_url"] = request.getfixturevalue(
            f"{settings['aws_endpoint_url']}_port_url")
    return Config({"ServerApp": {"jpserver_extensions": dict(server_extensions),
                                 **server_app_settings},
                   "DSWSExtension": settings, **config_sections})


@pytest.fixture
def extension(jp_serverapp: Any) -> Any:
    """The running DSWSExtension."""
    (app,) = jp_serverapp.extension_manager.extension_apps["jupyter_dsws"]
    return app


@pytest.fixture
def aws_calls(extension: Any) -> Callable[..., list[str]]:
    """``aws_calls("sagemaker", ...)``: starts recording every AWS API call the extension
    makes through those services' clients (moto or a Stubber behind them) and returns the
    list, as "service.Operation" in call order. Every call made counts, whatever answers
    it: moto, a botocore Stubber, or nobody (the Stubber refusing an unexpected call)."""
    def record(*services: str) -> list[str]:
        calls: list[str] = []

        def note(model: Any, **_: Any) -> None:  # returns None: the parameters stay
            calls.append(f"{model.service_model.service_name}.{model.name}")

        for service in services:
            # The first event of a call, before a Stubber checks or answers it.
            extension.aws.client(service).meta.events.register(
                "provide-client-params.*.*", note)
        return calls

    return record


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


# ---- AWS ------------------------------------------------------------------------------


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
        return fake_client(emulator.endpoint_url, service, region)

    return make


@pytest.fixture(scope="session")
def livy(emulator: Emulator) -> Iterator[LivyServer]:
    """The demo's Livy with a root, an LDAP and a Kerberos endpoint (tests/spark_world.py),
    one per test session (one per pytest-xdist worker: as few Spark JVMs as can be), shared
    by tests/demo and the example notebooks; Spark's boto3 reaches the emulator, as in the
    demo (spark_demo.py). Spark may still be starting."""
    from spark_world import KERBEROS, LDAP, ROOT, livy_call, require_kernel_python

    from jupyter_dsws.demo.livy import start_livy
    from jupyter_dsws.demo.spark_demo import spark_environment

    server = start_livy(require_kernel_python(), (ROOT, LDAP, KERBEROS),
                        environment=spark_environment(emulator.endpoint_url, EMULATOR_REGION))
    # Asked before Spark can be up (it starts a JVM): the answer while starting.
    server.first_answer = livy_call(server.url() + "/sessions")  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


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
