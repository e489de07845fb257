"""The AWS identity an approval records, private and shared: a shared space's metadata may
name a user profile (its owner's), but everyone there acts as the space's role, so the
record names the caller's ARN, with the person beside it (people.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from helpers import COOKIE_IDENTITY, STUDIO, as_person, body

from jupyter_dsws.demo.seed import SeedResult

MOTO_CALLER = "arn:aws:sts::123456789012:user/moto"
OWNERS_METADATA = {**STUDIO, "UserProfileName": "harry-potter"}


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


@pytest.mark.parametrize("studio_metadata", [OWNERS_METADATA], indirect=True)
@pytest.mark.parametrize(("space_type", "recorded"), [("private", "harry-potter"),
                                                      ("shared", MOTO_CALLER)])
async def test_a_shared_spaces_approval_names_the_role_not_the_metadatas_profile(
        jp_fetch: Callable[..., Any], world: SeedResult, register: Callable[..., Any],
        monkeypatch: pytest.MonkeyPatch, space_type: str, recorded: str) -> None:
    monkeypatch.setenv("SAGEMAKER_SPACE_TYPE_LOWERCASE", space_type)
    group = f"identity-{space_type}"
    register(group, 1)
    detail = body(await jp_fetch(
        "dsws", "registry", "groups", group, "versions", "1", method="PATCH",
        body=json.dumps({"status": "Approved", "comment": "Sorts well."}),
        headers=as_person("ronald-weasley")))
    (entry,) = detail["approval_history"]
    assert entry["by"] == recorded
    assert entry["person"]["display_name"] == "Ronald Weasley"
