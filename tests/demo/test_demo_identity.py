"""The demo's shared-space identity provider: SageMaker's cookie names the person, and only
after jupyter_server's token check let the request in (a real server, jp_fetch)."""

from __future__ import annotations

import pytest
from helpers import COOKIE_IDENTITY, as_person, body

from jupyter_dsws.people import person_of


@pytest.fixture
def server_app_settings() -> dict:
    return COOKIE_IDENTITY


async def me(jp_fetch, cookie: str | None = None) -> dict:
    headers = as_person(cookie) if cookie else {}
    response = await jp_fetch("api", "me", headers=headers)
    return body(response)["identity"]


async def test_the_cookie_names_the_person_with_the_teams_display_name(jp_fetch):
    ron = await me(jp_fetch, "ronald-weasley")
    assert (ron["username"], ron["display_name"]) == ("ronald-weasley", "Ronald Weasley")
    stranger = await me(jp_fetch, "someone-else")
    assert (stranger["username"], stranger["display_name"]) == ("someone-else", "someone-else")
    # Without the cookie, Studio's provider says "User".
    assert (await me(jp_fetch))["username"] == "User"


async def test_the_cookie_lets_nobody_in_without_the_token(jp_base_url, http_server_client):
    response = await http_server_client.fetch(
        f"{jp_base_url}api/me", headers=as_person("hermione-granger"),
        raise_error=False)
    assert response.code == 403


def test_a_person_from_jupyter_servers_user():
    from jupyter_server.auth.identity import User

    person = person_of(User(username="ron", name="ron", display_name="Ron Weasley"))
    assert person is not None and person.record() == {"name": "ron",
                                                      "display_name": "Ron Weasley"}
    assert person_of(None) is None
