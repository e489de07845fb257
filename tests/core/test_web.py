"""The base handler: one JSON error shape, auth, page config for the frontend."""

from __future__ import annotations

import json

import pytest
from helpers import body, error_of
from jupyter_server.auth.decorator import authorized
from pydantic import BaseModel, Field
from tornado import web
from tornado.httpclient import HTTPClientError

from jupyter_dsws.errors import NotAllowed, Throttled
from jupyter_dsws.web import DSWSHandler


class Echo(BaseModel):
    name: str = Field(min_length=1)
    count: int = Field(ge=1)


class ProbeHandler(DSWSHandler):
    """A route used only by these tests, to reach the base handler's behaviour."""

    @web.authenticated
    @authorized
    async def get(self) -> None:
        kind = self.get_query_argument("kind")
        if kind == "denied":
            raise NotAllowed("Not allowed: AWS denied sagemaker:ListModelPackageGroups.")
        if kind == "throttled":
            raise Throttled("Slow down.", headers={"Retry-After": "5"})
        if kind == "bug":
            raise RuntimeError("secret internals")
        self.send({"ok": True})

    @web.authenticated
    @authorized
    async def post(self) -> None:
        self.send(self.read_body(Echo), status=201)


@pytest.fixture
def probe(jp_serverapp, jp_base_url):
    # First, before the extension's own rules: their last one answers 404 for all of dsws/.
    web_app = jp_serverapp.web_app
    web_app.add_handlers(
        ".*$", [(jp_base_url + "dsws/test-probe", ProbeHandler, {"name": "dsws"})]
    )
    rules = web_app.default_router.rules
    rules.insert(0, rules.pop(-2))


async def test_service_errors_become_their_status_and_json(probe, jp_fetch):
    code, error = await error_of(jp_fetch("dsws", "test-probe", params={"kind": "denied"}))
    assert code == 403
    assert error == {"error": "access_denied",
                     "message": "Not allowed: AWS denied sagemaker:ListModelPackageGroups."}

    with pytest.raises(HTTPClientError) as throttled:  # its headers, not only its JSON
        await jp_fetch("dsws", "test-probe", params={"kind": "throttled"})
    assert throttled.value.code == 429
    assert body(throttled.value.response)["error"] == "throttled"
    assert throttled.value.response.headers["Retry-After"] == "5"


async def test_a_bug_is_a_500_that_leaks_nothing(probe, jp_fetch):
    code, error = await error_of(jp_fetch("dsws", "test-probe", params={"kind": "bug"}))
    assert code == 500
    assert error["error"] == "internal_error"
    assert "secret internals" not in json.dumps(error)


async def test_bad_body_is_a_400_naming_each_field(probe, jp_fetch):
    code, error = await error_of(jp_fetch("dsws", "test-probe", method="POST",
                                          body=json.dumps({"name": "", "count": 0})))
    assert code == 400
    assert error["error"] == "invalid_input"
    assert "name" in error["message"] and "count" in error["message"]

    code, error = await error_of(jp_fetch("dsws", "test-probe", method="POST",
                                          body="{not json"))
    assert (code, error["error"]) == (400, "invalid_json")

    ok = await jp_fetch("dsws", "test-probe", method="POST",
                        body=json.dumps({"name": "xgb", "count": 2}))
    assert (ok.code, body(ok)) == (201, {"name": "xgb", "count": 2})


@pytest.mark.parametrize("dsws_config", [{"panels": ["registry", "idle"]}], indirect=True)
async def test_page_config_tells_the_frontend_which_panels_are_on(jp_serverapp):
    page_config = jp_serverapp.web_app.settings["page_config_data"]
    assert page_config["dswsPanels"] == "registry,idle"
    assert page_config["dswsVersion"]


def test_unknown_panel_is_refused_with_the_choices():
    from jupyter_dsws.app import DSWSExtension

    with pytest.raises(Exception, match="choose from idle, registry, codecommit, instances"):
        DSWSExtension(panels=["registry", "notebooks"])


@pytest.mark.parametrize("dsws_config", [{"panels": ["codecommit"]}], indirect=True)
async def test_a_panel_turned_off_has_no_routes(jp_fetch):
    listed = await jp_fetch("dsws", "codecommit", "repos")
    assert listed.code == 200
    with pytest.raises(HTTPClientError) as raised:
        await jp_fetch("dsws", "idle")
    assert raised.value.code == 404
