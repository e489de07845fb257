"""PUT dsws/idle, GET dsws/idle/events, and what the spec and the docs promise about them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import body, error_of, wait_for
from traitlets import Float
from traitlets.config import Config

from jupyter_dsws.idle.config import IdleShutdown
from jupyter_dsws.idle.feature import CONTENTS_SCHEMA
from jupyter_dsws.idle.settings import SettingsStore

ROOT = Path(__file__).parents[2]
BOUNDS = {"timeout_minutes": 60.0, "min_timeout_minutes": 10.0, "max_timeout_minutes": 120.0}


async def put(jp_fetch, settings: dict) -> dict:
    return body(await jp_fetch("dsws", "idle", method="PUT",
                               body=json.dumps({"settings": settings})))


async def refused(jp_fetch, payload: dict) -> tuple[int, dict]:
    return await error_of(jp_fetch("dsws", "idle", method="PUT", body=json.dumps(payload)))


@pytest.mark.parametrize("idle_config", [BOUNDS], indirect=True)
async def test_a_persons_timeout_survives_a_restart_clamped_to_the_new_bounds(jp_fetch, idle,
                                                                             jp_home_dir):
    state = await put(jp_fetch, {"timeout_minutes": 90, "keep_terminals": True})

    assert state["settings"]["timeout_minutes"] == 90
    assert state["settings"]["keep_terminals"] is True
    saved = Path(jp_home_dir) / ".jupyter_dsws" / "idle.json"
    kept = json.loads(saved.read_text())
    assert {k: kept[k] for k in ("timeout_minutes", "keep_terminals")} == {
        "timeout_minutes": 90, "keep_terminals": True}
    # In a shared space the file is everyone's: it says who made the change.
    assert kept["change"] == (f"{kept['changed_by']['display_name']} set the timeout to 90 min "
                              "(was 60 min) and kept idle terminals.")

    # The next start: the admin narrowed the bounds meanwhile.
    narrower = IdleShutdown(config=Config({"IdleShutdown": {
        "timeout_minutes": 30.0, "min_timeout_minutes": 10.0, "max_timeout_minutes": 45.0}}))
    restarted = SettingsStore(narrower, saved)
    assert restarted.settings().timeout_minutes == 45
    assert restarted.settings().keep_terminals is True
    wider = IdleShutdown(config=Config({"IdleShutdown": {"max_timeout_minutes": 2000.0}}))
    assert SettingsStore(wider, saved).settings().timeout_minutes == 90


@pytest.mark.parametrize("idle_config", [BOUNDS], indirect=True)
async def test_null_goes_back_to_the_admins_default(jp_fetch, idle):
    await put(jp_fetch, {"timeout_minutes": 90})
    state = await put(jp_fetch, {"timeout_minutes": None})
    assert state["settings"]["timeout_minutes"] == 60


@pytest.mark.parametrize("idle_config", [BOUNDS], indirect=True)
@pytest.mark.parametrize("payload, words", [
    ({"settings": {"timeout_minutes": 5}}, "between 10 and 120"),
    ({"settings": {"timeout_minutes": 500}}, "between 10 and 120"),
    ({"settings": {"timeout_minutes": "30"}}, "timeout_minutes"),
    ({"settings": {"keep_terminals": "yes"}}, "keep_terminals"),
    ({"settings": {"colour": "blue"}}, "colour"),
    ({"settings": {"timeout_minutes": 30}, "extra": 1}, "extra"),
    ({}, "settings"),
], ids=["below", "above", "string", "not-bool", "unknown-field", "unknown-top", "no-settings"])
async def test_bad_bodies_get_400_naming_the_problem(jp_fetch, idle, payload, words):
    code, error = await refused(jp_fetch, payload)
    assert code == 400
    assert words in error["message"]


@pytest.mark.parametrize("idle_config", [BOUNDS], indirect=True)
@pytest.mark.parametrize("settings", [{"enabled": False}, {"dry_run": True},
                                      {"max_timeout_minutes": 9999, "timeout_minutes": "bad"}],
                         ids=["enabled", "dry_run", "admin-field-before-type"])
async def test_admin_only_fields_get_403(jp_fetch, idle, settings):
    code, error = await refused(jp_fetch, {"settings": settings})
    assert code == 403
    assert "admin" in error["message"]


@pytest.mark.parametrize("idle_config", [{"user_can_change": False}], indirect=True)
async def test_nobody_changes_anything_when_the_admin_says_so(jp_fetch, idle):
    code, error = await refused(jp_fetch, {"settings": {"timeout_minutes": 30}})
    assert code == 403
    assert "does not let people change" in error["message"]
    assert (await put(jp_fetch, {}))["settings"]["user_can_change"] is False


@pytest.mark.parametrize("limit", ["0", "501", "x", "-1"])
async def test_a_bad_events_limit_gets_400(jp_fetch, idle, limit):
    code, error = await error_of(jp_fetch("dsws", "idle", "events", params={"limit": limit}))
    assert code == 400
    assert "1 to 500" in error["message"]


async def test_events_come_newest_first_and_limited(jp_fetch, idle):
    for n in range(3):
        await jp_fetch("dsws", "idle", "keep", method="POST", body=json.dumps({"client": f"t{n}"}))
    found = body(await jp_fetch("dsws", "idle", "events", params={"limit": "2"}))["events"]
    assert [e["reason"].replace(e["person"]["display_name"], "A person")
            for e in found] == ["A person pressed keep working in browser t2.",
                                "A person pressed keep working in browser t1."]


async def test_polling_the_idle_routes_is_not_a_persons_activity(jp_fetch, jp_serverapp, idle):
    settings = jp_serverapp.web_app.settings
    await jp_fetch("api", "contents")
    stamped = settings["api_last_activity"]
    first = body(await jp_fetch("dsws", "idle", params={"client": "tab"}))
    await jp_fetch("dsws", "idle", "events")
    again = body(await jp_fetch("dsws", "idle", params={"client": "tab"}))
    assert settings["api_last_activity"] == stamped
    assert again["app"]["shutdown_at"] == first["app"]["shutdown_at"]


# A stop a minute away: the countdown shows whether anything counted as activity.
@pytest.mark.parametrize("idle_config", [{"app_shutdown": True, "timeout_minutes": 1.0}],
                         indirect=True)
async def test_saving_and_listing_documents_are_not_activity_renaming_one_is(
        jp_fetch, jp_serverapp, idle):
    await idle.start()
    handled: list[str] = []

    async def after_ours(logger, schema_id: str, data: dict) -> None:
        handled.append(data["action"])  # registered after the monitor: it ran before this

    jp_serverapp.event_logger.add_listener(schema_id=CONTENTS_SCHEMA, listener=after_ours)
    try:
        stops_at = body(await jp_fetch("dsws", "idle"))["app"]["shutdown_at"]
        # As JupyterLab's autosave (and our save before a stop): nobody is there.
        await jp_fetch("api", "contents")
        for text in ("hi", "hi again"):
            await jp_fetch("api", "contents", "notes.txt", method="PUT", body=json.dumps(
                {"type": "file", "format": "text", "content": text}))
        await wait_for(lambda: handled.count("save") == 2, what="the saves' events")
        assert body(await jp_fetch("dsws", "idle"))["app"]["shutdown_at"] == stops_at

        await jp_fetch("api", "contents", "notes.txt", method="PATCH",
                       body=json.dumps({"path": "renamed.txt"}))
        await wait_for(lambda: "rename" in handled, what="the rename's event")
        assert body(await jp_fetch("dsws", "idle"))["app"]["shutdown_at"] > stops_at
    finally:
        jp_serverapp.event_logger.remove_listener(schema_id=CONTENTS_SCHEMA, listener=after_ours)


@pytest.mark.parametrize("jp_argv", [["--IdleShutdown.timeout_minutes=33"]])
async def test_the_command_line_sets_idle_shutdown(jp_fetch, idle):
    assert body(await jp_fetch("dsws", "idle"))["settings"]["timeout_minutes"] == 33


def test_every_setting_says_its_default_and_unit_and_times_are_floats():
    for name, trait in IdleShutdown.class_traits(config=True).items():
        if trait.this_class is not IdleShutdown:
            continue
        assert "Default" in trait.help, f"{name}'s help does not give its default"
        if name.endswith(("_minutes", "_seconds")):
            assert isinstance(trait, Float), f"{name} is not a Float"
            unit = "minute" if name.endswith("_minutes") else " s"
            assert unit in trait.help, f"{name}'s help does not give its unit"


def test_every_setting_is_in_the_docs_reference():
    ours = {name for name, trait in IdleShutdown.class_traits(config=True).items()
            if trait.this_class is IdleShutdown}
    text = (ROOT / "docs" / "idle-shutdown.md").read_text()
    assert set(re.findall(r"^\| `IdleShutdown\.(\w+)`", text, re.M)) == ours


def test_inconsistent_bounds_fail_loudly():
    config = IdleShutdown(config=Config({"IdleShutdown": {"timeout_minutes": 5.0}}))
    with pytest.raises(Exception, match="min_timeout_minutes"):
        config.check_bounds()



def test_state_dir_holds_the_events_log_and_defaults_to_home(tmp_path, monkeypatch):
    from jupyter_dsws.app import DSWSExtension
    from jupyter_dsws.idle.config import IdleShutdown, state_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    at_home = IdleShutdown(parent=DSWSExtension())
    assert state_dir(at_home) == tmp_path / "home" / ".jupyter_dsws"

    elsewhere = IdleShutdown(parent=DSWSExtension(state_dir=str(tmp_path / "demo")))
    assert state_dir(elsewhere) == tmp_path / "demo"
    assert elsewhere.events_path == str(tmp_path / "demo" / "idle-events.jsonl")
