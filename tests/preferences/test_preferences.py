"""Each person's own preferences in a space several people share (a real jupyter-server,
jp_fetch): Harry's runs-sheet columns are not Ron's, and the space's settings are not here."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from helpers import COOKIE_IDENTITY, as_person, body
from tornado.httpclient import HTTPClientError

from jupyter_dsws.preferences.models import MAX_SETTINGS, MAX_SHEETS

HARRY = "harry-potter"
RON = "ronald-weasley"


async def preferences(jp_fetch, person: str | None, change: dict | None = None) -> dict:
    headers = as_person(person) if person else {}
    if change is None:
        response = await jp_fetch("dsws", "preferences", headers=headers)
    else:
        response = await jp_fetch("dsws", "preferences", method="PATCH", headers=headers,
                                  body=json.dumps(change))
    return body(response)


def columns(experiment: str, hidden: list[str], tags: list[str] | None = None) -> dict:
    return {"run_columns": {experiment: {"hidden": hidden, "tags": tags or []}}}


class TestInASharedSpace:
    """The server names people as SageMaker's provider does in a shared space."""

    @pytest.fixture
    def server_app_settings(self) -> dict:
        return COOKIE_IDENTITY

    async def test_each_persons_columns_are_their_own(self, jp_fetch):
        await preferences(jp_fetch, HARRY, columns("7", ["param:seed"], ["team"]))
        await preferences(jp_fetch, RON, columns("7", ["metric:rmse"]))

        harry = await preferences(jp_fetch, HARRY)
        assert harry["person"] == {"name": HARRY, "display_name": "Harry Potter"}
        assert harry["preferences"]["run_columns"]["7"] == {"hidden": ["param:seed"],
                                                            "tags": ["team"]}
        ron = await preferences(jp_fetch, RON)
        assert ron["preferences"]["run_columns"]["7"] == {"hidden": ["metric:rmse"], "tags": []}
        # Someone new starts with the sheets' defaults, not a colleague's choice.
        assert (await preferences(jp_fetch, "neville"))["preferences"]["run_columns"] == {}

    async def test_a_change_keeps_the_other_sheets_and_null_forgets_one(self, jp_fetch):
        await preferences(jp_fetch, HARRY, columns("1", ["param:a"]))
        await preferences(jp_fetch, HARRY, columns("2", ["param:b"]))
        after = await preferences(jp_fetch, HARRY, {"run_columns": {"1": None}})
        assert after["preferences"]["run_columns"] == {"2": {"hidden": ["param:b"], "tags": []}}

    async def test_changes_from_two_tabs_at_once_both_land(self, jp_fetch):
        await asyncio.gather(*(preferences(jp_fetch, HARRY, columns(str(n), [f"param:p{n}"]))
                               for n in range(8)))
        kept = (await preferences(jp_fetch, HARRY))["preferences"]["run_columns"]
        assert sorted(kept, key=int) == [str(n) for n in range(8)]

    async def test_each_persons_settings_are_their_own_and_replaced_whole(self, jp_fetch):
        # What the Settings Editor saved for the extension (jupyter_dsws:plugin).
        await preferences(jp_fetch, HARRY, {"settings": {"statusRefreshSeconds": 20}})
        assert (await preferences(jp_fetch, RON))["preferences"]["settings"] == {}
        # A sheet's columns leave the settings as they are.
        after = await preferences(jp_fetch, HARRY, columns("1", ["param:a"]))
        assert after["preferences"]["settings"] == {"statusRefreshSeconds": 20}
        # Back to the defaults.
        after = await preferences(jp_fetch, HARRY, {"settings": {}})
        assert after["preferences"]["settings"] == {}
        assert after["preferences"]["run_columns"]["1"]["hidden"] == ["param:a"]

    async def test_a_name_that_looks_like_a_path_stays_in_the_folder(self, jp_fetch, extension):
        await preferences(jp_fetch, "../../evil", columns("1", ["param:x"]))
        folder = Path(extension.state_dir) / "people"
        files = [p.name for p in folder.iterdir() if not p.name.startswith(".")]
        assert len(files) == 1 and files[0].startswith("person-evil-")
        assert not (Path(extension.state_dir).parent / "evil.json").exists()


class TestInAPrivateSpace:
    """jupyter_server's own provider names nobody: the preferences are the space's."""

    async def test_preferences_are_the_spaces_and_survive_a_new_browser(self, jp_fetch):
        await preferences(jp_fetch, None, columns("3", ["metric:f1"]))
        # Each request without a login cookie is a new "Anonymous …" user to the server.
        again = await preferences(jp_fetch, None)
        assert again["person"] is None
        assert again["preferences"]["run_columns"]["3"]["hidden"] == ["metric:f1"]


async def test_what_the_body_may_say(jp_fetch):
    for change in ({"run_columns": {"1": {"hidden": "param:a"}}},
                   {"timeout_minutes": 5},
                   {"run_columns": {str(n): None for n in range(MAX_SHEETS + 1)}},
                   {"settings": {"--option": 1}},
                   {"settings": {f"s{n}": n for n in range(MAX_SETTINGS + 1)}}):
        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("dsws", "preferences", method="PATCH", body=json.dumps(change))
        assert refused.value.code == 400


async def test_only_the_latest_sheets_are_kept(jp_fetch):
    for start in range(0, MAX_SHEETS + 10, 50):
        batch = {str(n): {"hidden": [], "tags": []} for n in range(start, start + 50)}
        await jp_fetch("dsws", "preferences", method="PATCH",
                       body=json.dumps({"run_columns": batch}))
    kept = (await preferences(jp_fetch, None))["preferences"]["run_columns"]
    assert len(kept) == MAX_SHEETS
    assert "0" not in kept and str(MAX_SHEETS + 49) in kept
