"""Idle shutdown in a shared space: several people, one app.

The server runs as Studio's image runs a shared space: an identity provider that names the
person from the ``studioUserProfileName`` cookie (the demo's stand-in for SageMaker's) and,
in half of the tests, jupyter-collaboration's server extension; the other half run without
it, as a private space does. Two people (Harry and Ron) use it through their own cookies.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import COOKIE_IDENTITY, as_person, body

HARRY, RON = "harry-potter", "ronald-weasley"
WITH_RTC = {"jupyter_dsws": True, "jupyter_server_terminals": True,
            "jupyter_server_ydoc": True, "jupyter_server_fileid": True}
WITHOUT_RTC = {"jupyter_dsws": True, "jupyter_server_terminals": True}


@pytest.fixture(params=[WITH_RTC, WITHOUT_RTC], ids=["rtc", "private"])
def server_extensions(request: pytest.FixtureRequest) -> dict:
    return request.param


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


async def poll(jp_fetch, profile: str, client: str) -> dict:
    return body(await jp_fetch("dsws", "idle", params={"client": client},
                               headers=as_person(profile)))


async def test_everyone_sees_who_else_has_the_space_open(jp_fetch, idle, server_extensions):
    await poll(jp_fetch, HARRY, "harry-tab")
    await poll(jp_fetch, RON, "ron-tab-1")
    state = await poll(jp_fetch, RON, "ron-tab-2")

    people = {p["name"]: p for p in state["people"]}
    assert set(people) == {HARRY, RON}
    assert people[RON]["display_name"] != RON  # the team's name, as Studio shows it
    assert (people[RON]["you"], people[RON]["tabs"]) == (True, 2)
    assert (people[HARRY]["you"], people[HARRY]["tabs"]) == (False, 1)
    assert state["collaboration"] is (server_extensions is WITH_RTC)
    # Harry sees the same people, himself as "you".
    harry = await poll(jp_fetch, HARRY, "harry-tab")
    assert [p["name"] for p in harry["people"] if p["you"]] == [HARRY]


async def test_one_persons_keep_working_is_recorded_with_their_name(jp_fetch, idle):
    await poll(jp_fetch, HARRY, "harry-tab")
    await jp_fetch("dsws", "idle", "keep", method="POST",
                   body=json.dumps({"client": "ron-tab"}), headers=as_person(RON))

    (event,) = body(await jp_fetch("dsws", "idle", "events", headers=as_person(HARRY)))["events"]
    assert event["action"] == "keep"
    assert event["person"]["name"] == RON
    assert event["reason"].startswith(event["person"]["display_name"] + " pressed keep working")


async def test_a_timeout_change_is_shown_to_the_others_and_recorded(jp_fetch, idle):
    before = await poll(jp_fetch, HARRY, "harry-tab")
    assert before["last_change"] is None
    await jp_fetch("dsws", "idle", method="PUT", headers=as_person(RON),
                   body=json.dumps({"settings": {"timeout_minutes": 90}}))

    seen_by_harry = await poll(jp_fetch, HARRY, "harry-tab")
    assert seen_by_harry["settings"]["timeout_minutes"] == 90
    change = seen_by_harry["last_change"]
    assert change["by"]["name"] == RON
    was = before["settings"]["timeout_minutes"]
    assert change["text"] == (f"{change['by']['display_name']} set the timeout to 90 min "
                              f"(was {was:g} min).")
    (event,) = body(await jp_fetch("dsws", "idle", "events"))["events"]
    assert (event["action"], event["person"]["name"], event["reason"]) == (
        "settings", RON, change["text"])


async def test_the_name_never_decides_anything(jp_fetch, idle):
    """Anyone can set the cookie: a made-up name changes the record, nothing else."""
    await jp_fetch("dsws", "idle", method="PUT", headers=as_person("nobody-we-know"),
                   body=json.dumps({"settings": {"timeout_minutes": 45}}))
    state = await poll(jp_fetch, HARRY, "harry-tab")
    assert state["settings"]["timeout_minutes"] == 45
    assert state["last_change"]["by"]["name"] == "nobody-we-know"


def test_the_extension_needs_no_jupyter_collaboration():
    """Private spaces run without it: the wheel does not require it and loading the
    extension does not import it."""
    from importlib.metadata import requires

    required = " ".join(r for r in requires("jupyter_dsws") or [] if "extra ==" not in r)
    assert "jupyter-server" in required  # the wheel's own requirements, read
    required = required.lower()
    assert "collaboration" not in required and "ydoc" not in required
    code = ("import sys, jupyter_dsws.app, jupyter_dsws.idle.feature, "
            "jupyter_dsws.instances.feature; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('jupyter_server_ydoc', 'jupyter_collaboration', 'jupyter_ydoc', 'pycrdt')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
