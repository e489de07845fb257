"""The idle decisions with an injected clock: milliseconds, no server."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from jupyter_dsws.errors import Conflict
from jupyter_dsws.idle import policy
from jupyter_dsws.idle.handshake import Handshake
from jupyter_dsws.idle.policy import Resource, Rules

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)
RULES = Rules(enabled=True, timeout=HOUR, warning=timedelta(minutes=5), app_shutdown=True,
              keep_terminals=False, cull_connected=False)


def kernel(**changes) -> Resource:
    base = {"kind": "kernel", "id": "k1", "name": "a.ipynb", "state": "idle",
            "last_activity": T0, "connections": 0, "has_process": False}
    return Resource(**{**base, **changes})


def terminal(**changes) -> Resource:
    return kernel(kind="terminal", id="1", name="Terminal 1", **changes)


def test_an_idle_kernel_is_due_after_the_timeout_and_not_before():
    k = kernel()
    assert policy.resource_shutdown_at(k, RULES) == T0 + HOUR
    assert not policy.resource_due(k, RULES, T0 + HOUR - timedelta(milliseconds=1))
    assert policy.resource_due(k, RULES, T0 + HOUR)
    assert policy.idle_seconds(k, T0 + timedelta(minutes=10)) == 600


def test_a_busy_kernel_is_never_due_however_long():
    k = kernel(state="busy")
    assert policy.resource_shutdown_at(k, RULES) is None
    assert not policy.resource_due(k, RULES, T0 + 1000 * HOUR)
    assert policy.idle_seconds(k, T0 + 1000 * HOUR) == 0


def test_after_a_long_busy_period_the_kernel_gets_a_full_timeout():
    # Last output at T0, busy (silently) until T0 + 5 h, as the monitor last saw.
    k = kernel(last_working=T0 + 5 * HOUR)
    assert policy.resource_shutdown_at(k, RULES) == T0 + 6 * HOUR
    assert not policy.resource_due(k, RULES, T0 + 5 * HOUR + timedelta(minutes=1))


def test_a_starting_kernel_is_not_work():
    assert not policy.is_working(kernel(state="starting"))
    assert policy.resource_due(kernel(state="starting"), RULES, T0 + HOUR)


def test_a_running_descendant_process_is_work():
    k = kernel(has_process=True)
    assert policy.is_working(k)
    assert policy.resource_shutdown_at(k, RULES) is None


@pytest.mark.parametrize("cull_connected, expected", [(False, None), (True, T0 + HOUR)])
def test_a_connected_kernel_is_kept_unless_cull_connected(cull_connected, expected):
    rules = Rules(**{**RULES.__dict__, "cull_connected": cull_connected})
    assert policy.resource_shutdown_at(kernel(connections=2), rules) == expected


def test_terminals_follow_keep_terminals_and_their_jobs():
    assert policy.resource_shutdown_at(terminal(), RULES) == T0 + HOUR
    keep = Rules(**{**RULES.__dict__, "keep_terminals": True})
    assert policy.resource_shutdown_at(terminal(), keep) is None
    # A connected terminal is not kept: only kernels have cull_connected.
    assert policy.resource_shutdown_at(terminal(connections=1), RULES) == T0 + HOUR
    assert policy.resource_shutdown_at(terminal(has_process=True), RULES) is None


def test_disabled_decides_nothing():
    off = Rules(**{**RULES.__dict__, "enabled": False})
    assert policy.resource_shutdown_at(kernel(), off) is None
    assert policy.app_shutdown_at(off, [], T0) is None


def test_only_what_a_person_does_to_files_is_activity_not_listings_or_saves():
    # JupyterLab autosaves, and saves before our stop, with nobody there: a save is a file
    # being written, not a person working.
    for action in ("get", "save"):
        assert not policy.contents_action_is_activity(action)
    for action in ("create", "upload", "rename", "copy", "delete"):
        assert policy.contents_action_is_activity(action)


def test_an_app_with_nothing_ever_opened_stops_a_timeout_after_start():
    idle_from = policy.app_idle_since(T0, None, None)
    assert policy.app_shutdown_at(RULES, [], idle_from) == T0 + HOUR


def test_the_app_is_idle_from_the_latest_of_start_activity_and_work():
    assert policy.app_idle_since(T0, T0 + HOUR, T0 + 2 * HOUR) == T0 + 2 * HOUR
    assert policy.app_idle_since(T0, T0 + 3 * HOUR, T0 + 2 * HOUR) == T0 + 3 * HOUR


def test_the_app_never_stops_while_anything_works_nor_when_app_shutdown_is_off():
    assert policy.app_shutdown_at(RULES, [kernel(), terminal(has_process=True)], T0) is None
    # Idle kernels, even connected ones, do not keep the app.
    assert policy.app_shutdown_at(RULES, [kernel(connections=3)], T0) == T0 + HOUR
    off = Rules(**{**RULES.__dict__, "app_shutdown": False})
    assert policy.app_shutdown_at(off, [], T0) is None


def test_the_warning_comes_warning_minutes_before_or_at_once_when_the_timeout_is_shorter():
    at = T0 + HOUR
    assert not policy.in_warning_window(at, RULES, at - timedelta(minutes=5, seconds=1))
    assert policy.in_warning_window(at, RULES, at - timedelta(minutes=5))
    short = Rules(**{**RULES.__dict__, "timeout": timedelta(minutes=2)})
    assert policy.in_warning_window(T0 + timedelta(minutes=2), short, T0)
    assert not policy.in_warning_window(None, RULES, at)


def test_a_persons_timeout_is_clamped_to_the_admins_bounds():
    assert policy.effective_timeout_minutes(60, None, 10, 120) == 60
    assert policy.effective_timeout_minutes(60, 30, 10, 120) == 30
    assert policy.effective_timeout_minutes(60, 500, 10, 120) == 120
    assert policy.effective_timeout_minutes(60, 5, 10, 120) == 10
    assert policy.out_of_bounds_message(30, 10, 120) is None
    assert "between 10 and 120" in policy.out_of_bounds_message(5, 10, 120)


def test_the_handshake_waits_for_connected_clients_bounded():
    shake = Handshake(client_ttl=timedelta(seconds=90), save_wait=timedelta(seconds=30))
    shake.seen("tab-a", T0)
    shake.seen("tab-old", T0 - timedelta(seconds=91))
    stop = shake.begin(T0)
    assert stop.waiting_for == {"tab-a"}
    assert not shake.ready(T0 + timedelta(seconds=1))
    with pytest.raises(Conflict):
        shake.confirm("tab-a", "another-stop", T0)
    shake.confirm("tab-a", stop.stop_id, T0 + timedelta(seconds=2))
    assert shake.ready(T0 + timedelta(seconds=2))


def test_the_handshake_does_not_wait_without_clients_and_never_past_the_bound():
    shake = Handshake(client_ttl=timedelta(seconds=90), save_wait=timedelta(seconds=30))
    shake.begin(T0)
    assert shake.ready(T0)
    shake.seen("tab-a", T0)
    shake.begin(T0)
    assert not shake.ready(T0 + timedelta(seconds=29))
    assert shake.ready(T0 + timedelta(seconds=30))
    shake.cancel()
    assert not shake.ready(T0 + HOUR)
