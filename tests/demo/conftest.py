"""tests/demo's fixtures; its Livy (``livy``) is tests/conftest.py's, shared with the
example notebooks' tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


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
