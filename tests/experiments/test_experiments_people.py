"""Who registered a run: the new version and the run's record name the person (the server's
identity provider, here reading Studio's cookie) beside the AWS identity, and the Models
panel shows it to a teammate. The name is for the record only."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from helpers import COOKIE_IDENTITY, as_person, body
from test_experiments_api import team

HERMIONE = {"name": "hermione-granger", "display_name": "Hermione Granger"}


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


async def test_a_registration_names_the_person_in_the_version_and_the_run(
        jp_fetch, mlflow, unique, sagemaker):
    _, ids = team(mlflow, unique)
    group = f"people-{unique}"
    made = body(await jp_fetch("dsws", "experiments", "runs", ids[-1], "register",
                               method="POST", body=json.dumps({"group": group}),
                               headers=as_person("hermione-granger")))

    # A teammate's Models panel: who registered it, and no such "parameter".
    (version,) = body(await jp_fetch("dsws", "registry", "groups", quote(group), "versions",
                                     headers=as_person("ronald-weasley")))["versions"]
    assert version["registered_by"] == HERMIONE
    assert not any(name.startswith("dsws:") for name in version["params"])
    # In SageMaker itself, for tools other than ours.
    package = sagemaker.describe_model_package(ModelPackageName=made["arn"])
    assert package["CustomerMetadataProperties"]["dsws:registered_by_display_name"] == \
        "Hermione Granger"
    # The run's record of what became of it.
    run = body(await jp_fetch("dsws", "experiments", "runs", ids[-1]))
    assert run["registered"] == [{"group": group, "version": 1, "by": HERMIONE}]


async def test_without_the_cookie_the_registration_is_recorded_for_studios_default_user(
        jp_fetch, mlflow, unique):
    _, ids = team(mlflow, unique, runs=1)
    group = f"nobody-{unique}"
    await jp_fetch("dsws", "experiments", "runs", ids[-1], "register", method="POST",
                   body=json.dumps({"group": group}))
    (version,) = body(await jp_fetch("dsws", "registry", "groups", quote(group),
                                     "versions"))["versions"]
    assert version["registered_by"] == {"name": "User", "display_name": "User"}
