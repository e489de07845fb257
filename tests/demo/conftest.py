"""tests/demo's shared Livy: one per test session (one per pytest-xdist worker), so that a
run starts as few Spark JVMs as it can."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spark_world import KERBEROS, LDAP, ROOT, livy_call, require_kernel_python

from jupyter_dsws.demo.livy import LivyServer, start_livy
from jupyter_dsws.demo.spark_demo import spark_environment

REGION = "eu-central-1"


@pytest.fixture(scope="session")
def livy(emulator: Any) -> Iterator[LivyServer]:
    """The demo's Livy with a root, an LDAP and a Kerberos endpoint; Spark's boto3 reaches
    the emulator, as in the demo (spark_demo.py). Spark may still be starting."""
    server = start_livy(require_kernel_python(), (ROOT, LDAP, KERBEROS),
                        environment=spark_environment(emulator.endpoint_url, REGION))
    # Asked before Spark can be up (it starts a JVM): the answer while starting.
    server.first_answer = livy_call(server.url() + "/sessions")  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def studio(fresh_emulator: Any) -> Iterator[Any]:
    """The emulator's Studio plane, emptied; without a host again after the test."""
    plane = fresh_emulator.studio
    plane.host = None
    try:
        yield plane
    finally:
        plane.host = None


@pytest.fixture
def sagemaker(studio: Any, emulator_client: Any) -> Any:
    """A SageMaker client of the emulator, with the test domain (studio_world.DOMAIN)."""
    from studio_world import make_domain

    client = emulator_client("sagemaker")
    make_domain(client)
    return client
