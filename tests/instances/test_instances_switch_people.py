"""Who switched the instance: the stop it asks for says, to everyone in the space, who asked,
and the idle events record the person (the server's identity provider, here reading
Studio's cookie). The name is for the record only. Stubber as in test_instances_switch.py
(moto has no Studio apps and spaces)."""

from __future__ import annotations

import json

import pytest
from helpers import COOKIE_IDENTITY, STUDIO, as_person, body, idle_monitor
from test_instances_switch import (
    APP,
    delete_app_answered,
    expect_switch,
)


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


@pytest.mark.parametrize("studio_metadata", [STUDIO], indirect=True)
async def test_the_stop_of_a_switch_names_who_asked_for_it(jp_fetch, extension, stubs,
                                                            aws_calls):
    sagemaker, quotas = stubs
    calls = aws_calls("sagemaker")
    expect_switch(sagemaker, quotas)
    sagemaker.add_response("delete_app", {}, APP)

    answer = await jp_fetch("dsws", "instances", "switch", method="POST",
                            body=json.dumps({"instance_type": "ml.g4dn.xlarge"}),
                            headers=as_person("hermione-granger"))
    assert answer.code == 202
    # Everyone's tab reads why the space stops, and who asked.
    state = body(await jp_fetch("dsws", "idle", headers=as_person("ronald-weasley")))
    assert state["app"]["stop"]["reason"] == (
        "Switching the space to ml.g4dn.xlarge: Hermione Granger asked for it from the "
        "Instances panel.")
    await delete_app_answered(calls, idle_monitor(extension))
    events = body(await jp_fetch("dsws", "idle", "events"))["events"]
    (stop,) = [e for e in events if e["action"] == "shutdown"]
    assert stop["person"] == {"name": "hermione-granger", "display_name": "Hermione Granger"}
    assert "Hermione Granger asked for it" in stop["reason"]
