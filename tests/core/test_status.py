"""GET {base_url}dsws/status against a real server and moto's real server."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from helpers import STUDIO, body, error_of

from jupyter_dsws import __version__

REGION = "eu-central-1"


async def test_status_shows_the_callers_identity_from_the_endpoint(jp_fetch, moto_url):
    response = await jp_fetch("dsws", "status")

    assert response.code == 200
    status = body(response)
    assert status["version"] == __version__
    assert status["region"] == REGION
    fetched_at = status["aws"].pop("fetched_at")
    assert datetime.fromisoformat(fetched_at) <= datetime.now(timezone.utc)
    assert status["aws"] == {
        "ok": True,
        "account": "123456789012",
        "arn": "arn:aws:sts::123456789012:user/moto",
        "endpoint": moto_url,
        "error": None,
        "notice": None,
    }
    assert status["studio"] is None


async def test_polling_the_status_is_not_a_persons_activity(jp_fetch, jp_serverapp):
    settings = jp_serverapp.web_app.settings
    await jp_fetch("api", "contents")  # a person-like request stamps activity
    stamped = settings["api_last_activity"]

    await jp_fetch("dsws", "status")

    assert settings["api_last_activity"] == stamped
    await jp_fetch("api", "contents")
    assert settings["api_last_activity"] > stamped


@pytest.mark.parametrize(
    "dsws_config",
    [{"aws_endpoint_url": "closed"}, {"aws_endpoint_url": "silent"}],
    indirect=True, ids=["refuses", "never-answers"],
)
async def test_unreachable_endpoint_names_the_vpc_endpoint_within_seconds(jp_fetch):
    started = time.monotonic()

    response = await jp_fetch("dsws", "status")

    elapsed = time.monotonic() - started
    assert response.code == 200
    aws = body(response)["aws"]
    assert aws["ok"] is False
    assert aws["account"] is None
    assert "com.amazonaws.eu-central-1.sts" in aws["error"]
    assert elapsed < 10, f"took {elapsed:.1f} s"


@pytest.mark.parametrize("dsws_config", [{"region": None}], indirect=True)
async def test_missing_region_says_how_to_set_it(jp_fetch):
    status = body(await jp_fetch("dsws", "status"))

    assert status["region"] is None
    assert status["aws"]["ok"] is False
    assert "c.DSWSExtension.region" in status["aws"]["error"]


IN_IRELAND = {**STUDIO, "ResourceArn": STUDIO["ResourceArn"].replace(":eu-central-1:",
                                                                      ":eu-west-1:")}


@pytest.mark.parametrize("dsws_config", [{"region": None}], indirect=True)
@pytest.mark.parametrize("studio_metadata", [IN_IRELAND], indirect=True)
async def test_studio_app_is_detected_and_its_region_used(jp_fetch):
    status = body(await jp_fetch("dsws", "status"))

    assert status["region"] == "eu-west-1"
    assert status["aws"]["ok"] is True
    # moto lacks DescribeApp: the instance type stays unknown, the rest still shows.
    assert status["studio"] == {
        "domain_id": "d-abc123",
        "space_name": "hermione-space",
        "user_profile": None,
        "app_type": "JupyterLab",
        "app_name": "default",
        "instance_type": None,
    }


async def test_status_requires_authentication(jp_fetch):
    code, error = await error_of(jp_fetch("dsws", "status", headers={"Authorization": ""}))
    assert code == 403
    assert error["error"] == "forbidden"
