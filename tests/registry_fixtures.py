"""The server of the folders that read the Models panel from the demo's emulator
(tests/registry, tests/reads): their conftest.py imports these fixtures, so that both folders
configure it alike and in one place."""

from __future__ import annotations

from typing import Any

import pytest

from jupyter_dsws.demo.seed import SeedResult


@pytest.fixture
def aws_endpoint_url(emulator: Any) -> str:
    return emulator.endpoint_url


@pytest.fixture
def registry_config(request: pytest.FixtureRequest) -> dict:
    """``ModelRegistry`` settings of this test, through indirect parametrization."""
    return dict(getattr(request, "param", {}))


@pytest.fixture
def config_sections(registry_config: dict) -> dict:
    return {"ModelRegistry": registry_config}


def seeded_group(world: SeedResult, name: str) -> Any:
    """The group ``name`` of the demo's seed."""
    return next(g for g in world.groups if g.name == name)
