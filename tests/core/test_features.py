"""features.FEATURES is the one list of panels: a feature listed there once is configurable,
built with its context, routed, and named to the frontend, with nothing else to edit."""

from __future__ import annotations

import pytest
from helpers import body
from jupyter_server.auth.decorator import authorized
from pydantic import BaseModel
from tornado import web

from jupyter_dsws import features
from jupyter_dsws.features import Feature, FeatureContext, Route, panels, with_service
from jupyter_dsws.lifecycle.settings import Settings
from jupyter_dsws.web import ServiceHandler, api


class Greeting(BaseModel):
    text: str


class GreetingService:
    """Stands for a feature's service: built at the first request, as the real ones are."""

    def __init__(self, root_dir: str) -> None:
        self.root_dir = root_dir


class GreetingHandler(ServiceHandler[GreetingService]):
    @web.authenticated
    @authorized
    @api
    async def get(self) -> Greeting:
        return Greeting(text=f"hello from {self.service.root_dir}")


class GreetingFeature(Feature):
    name = "greeting"
    built: list[GreetingFeature] = []

    def __init__(self, context: FeatureContext) -> None:
        super().__init__(context)
        self.services_built = 0
        GreetingFeature.built.append(self)

    def service(self) -> GreetingService:
        self.services_built += 1
        return GreetingService(self.context.root_dir)

    def handlers(self) -> list[Route]:
        return with_service([("greeting", GreetingHandler)], self.service)

    def page_config(self) -> dict[str, str]:
        return {"dswsGreeting": "on"}


@pytest.fixture(autouse=True)
def greeting_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    """One line added to the registry, as a new panel would add it."""
    GreetingFeature.built.clear()
    monkeypatch.setattr(features, "FEATURES",
                        (*features.FEATURES, ("greeting", f"{__name__}:GreetingFeature")))


@pytest.mark.parametrize("dsws_config", [{"panels": ["greeting", "idle"]}], indirect=True)
async def test_a_feature_listed_once_is_built_and_routed(jp_fetch, jp_serverapp):
    (feature,) = GreetingFeature.built
    assert feature.services_built == 0  # nothing built at start-up
    answer = await jp_fetch("dsws", "greeting")
    assert body(answer) == {"text": f"hello from {jp_serverapp.root_dir}"}
    assert feature.services_built == 1
    page_config = jp_serverapp.web_app.settings["page_config_data"]
    assert page_config["dswsPanels"] == "greeting,idle"
    assert page_config["dswsGreeting"] == "on"


@pytest.mark.parametrize("dsws_config", [{}], indirect=True)
async def test_a_listed_feature_is_on_by_default(extension):
    assert list(extension.features) == [*panels()]
    assert panels()[-1] == "greeting"


def test_the_lifecycle_script_takes_a_listed_feature():
    assert Settings(panels=("greeting",)).server_config() == {
        "DSWSExtension": {"panels": ["greeting"]}}
