"""The demo's Studio page over the emulator's Studio layer: its token, its actions, what it
shows. No host runs the apps here (the emulator alone records them, InService at once);
tests/demo/test_demo_space_apps.py runs real ones."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jupyter_dsws.demo.clients import Clients
from jupyter_dsws.demo.emr_seed import seed_emr
from jupyter_dsws.demo.identity import COOKIE as PROFILE_COOKIE
from jupyter_dsws.demo.studio_home import StudioHome
from jupyter_dsws.demo.studio_page import ACTION_HEADER, COOKIE, StudioPage
from jupyter_dsws.demo.studio_seed import seed_studio

REGION = "eu-central-1"
TOKEN = "page-token-0123"
SPACE = "harry-potter-lab"


@pytest.fixture
def page(fresh_emulator: Any, tmp_path: Path) -> Iterator[StudioPage]:
    clients = Clients(fresh_emulator.endpoint_url, REGION)
    account = clients.sts.get_caller_identity()["Account"]
    seed_emr(clients, REGION, account)
    studio = seed_studio(clients, "no-bucket", tmp_path, wheel=None)
    home = StudioHome.over(fresh_emulator.endpoint_url, REGION, studio.domain_id,
                           lambda space: f"http://lab/{space}")
    server = StudioPage(home, TOKEN, 0).start()
    try:
        yield server
    finally:
        server.stop()


def request(page: StudioPage, method: str, path: str, *, cookie: str | None = TOKEN,
            header: bool = True, body: Any = None) -> tuple[int, dict[str, str], Any]:
    connection = http.client.HTTPConnection("127.0.0.1", page.port, timeout=20)
    headers = {}
    if cookie is not None:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    if header:
        headers[ACTION_HEADER] = "1"
    payload = None
    if body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=payload, headers=headers)
        answer = connection.getresponse()
        raw = answer.read()
        kind = answer.getheader("Content-Type", "")
        return answer.status, dict(answer.getheaders()), (
            json.loads(raw) if kind.startswith("application/json") else raw.decode())
    finally:
        connection.close()


def row(state: dict[str, Any], name: str = SPACE) -> dict[str, Any]:
    return next(r for r in state["spaces"] if r["name"] == name)


def test_the_token_in_the_url_becomes_a_same_site_cookie_and_nothing_opens_without(
        page: StudioPage) -> None:
    status, _, body = request(page, "GET", "/api/state", cookie=None)
    assert status == 403 and body["error"] == "forbidden"
    assert request(page, "GET", "/?token=wrong", cookie=None)[0] == 403
    status, headers, _ = request(page, "GET", f"/?token={TOKEN}", cookie=None)
    assert status == 303 and headers["Location"] == "/"
    assert f"{COOKIE}={TOKEN}" in headers["Set-Cookie"]
    assert "SameSite=Strict" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    status, _, html = request(page, "GET", "/")
    assert status == 200 and "<title>Studio (dsws demo)</title>" in html


def test_it_lists_the_spaces_and_people_as_studio_home_does(page: StudioPage) -> None:
    status, _, state = request(page, "GET", "/api/state")
    assert status == 200
    assert state["domain_id"] == "d-dswsdemo0000"
    assert {r["name"] for r in state["spaces"]} == {
        "harry-potter-lab", "ronald-weasley-lab", "hermione-granger-lab", "team-space"}
    mine = row(state)
    assert (mine["owner"], mine["sharing"], mine["instance_type"], mine["status"]) == (
        "harry-potter", "Private", "ml.t3.medium", "Stopped")
    assert row(state, "team-space")["sharing"] == "Shared"
    assert state["people"] == ["harry-potter", "hermione-granger", "ronald-weasley"]
    assert "ml.m5.large" in state["instance_types"]


def test_run_stop_and_the_instance_type_of_a_stopped_space(page: StudioPage) -> None:
    # A form of another site cannot send the header: no action without it.
    assert request(page, "POST", f"/api/spaces/{SPACE}/run", header=False)[0] == 403
    status, _, state = request(page, "POST", f"/api/spaces/{SPACE}/run")
    assert status == 202
    assert row(state)["status"] == "InService"
    assert row(state)["url"] == f"http://lab/{SPACE}"
    status, _, body = request(page, "POST", f"/api/spaces/{SPACE}/run")
    assert status == 409 and body["error"] == "space_running"
    status, _, body = request(page, "POST", f"/api/spaces/{SPACE}/instance-type",
                              body={"instance_type": "ml.m5.large"})
    assert status == 409 and "Stop the space" in body["message"]

    status, _, state = request(page, "POST", f"/api/spaces/{SPACE}/stop")
    assert status == 202 and row(state)["status"] == "Stopped" and row(state)["url"] is None
    status, _, body = request(page, "POST", f"/api/spaces/{SPACE}/instance-type",
                              body={"instance_type": "ml.m5.large; rm -rf /"})
    assert status == 400 and body["error"] == "invalid_instance_type"
    status, _, state = request(page, "POST", f"/api/spaces/{SPACE}/instance-type",
                               body={"instance_type": "ml.m5.large"})
    assert status == 202 and row(state)["instance_type"] == "ml.m5.large"
    status, _, state = request(page, "POST", f"/api/spaces/{SPACE}/run")
    assert row(state)["instance_type"] == "ml.m5.large"


def test_running_a_space_goes_through_a_busy_account_as_the_console_does(
        page: StudioPage, fresh_emulator: Any) -> None:
    # `dsws demo` with DSWS_EMULATOR_THROTTLE: Studio's own page must not fail where our
    # product, after its 3 attempts, says the account is busy.
    fresh_emulator.throttle.burst(3)
    try:
        status, _, state = request(page, "POST", f"/api/spaces/{SPACE}/run")
    finally:
        fresh_emulator.throttle.burst(0)
    assert status == 202 and row(state)["status"] == "InService"


def test_an_unknown_space_and_a_space_without_a_start_say_so(page: StudioPage) -> None:
    status, _, body = request(page, "POST", "/api/spaces/nobody-lab/run")
    assert status == 404 and "nobody-lab" in body["message"]
    status, _, body = request(page, "GET", f"/api/spaces/{SPACE}/log")
    assert status == 200 and body == {"space": SPACE, "lines": []}
    assert request(page, "GET", "/api/spaces/../run")[0] == 404


def test_opening_a_running_space_as_a_person_sets_studios_profile_cookie(
        page: StudioPage) -> None:
    status, _, body = request(page, "GET", "/spaces/team-space/open?as=ronald-weasley")
    assert status == 409 and body["error"] == "space_not_running"
    request(page, "POST", "/api/spaces/team-space/run")

    status, headers, _ = request(page, "GET", "/spaces/team-space/open?as=ronald-weasley")
    assert status == 303 and headers["Location"] == "http://lab/team-space"
    assert f"{PROFILE_COOKIE}=ronald-weasley" in headers["Set-Cookie"]
    # Only the domain's people: the page offers no one else.
    status, _, body = request(page, "GET", "/spaces/team-space/open?as=voldemort")
    assert status == 400 and body["error"] == "unknown_person"
    assert "hermione-granger" in body["message"]
    # The demo's token still guards it.
    assert request(page, "GET", "/spaces/team-space/open?as=ronald-weasley",
                   cookie=None)[0] == 403
