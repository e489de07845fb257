"""AWS throttling the account: retried, then the last answer with its age, else a 503 that
names the call. The emulator answers a fraction of the calls with ThrottlingException."""

from __future__ import annotations

from typing import Any

from helpers import body
from tornado.httpclient import HTTPClientError

ROUTES = [("registry", "groups"), ("registry", "overview"),
          ("registry", "groups", "fraud", "versions"), ("codecommit", "repos")]


async def ask(jp_fetch: Any, *route: str, **params: str) -> tuple[int, dict[str, Any], Any]:
    try:
        response = await jp_fetch("dsws", *route, params=params)
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.code, body(exc.response), exc.response.headers
    return response.code, body(response), response.headers


def rows(route: tuple[str, ...], answer: dict[str, Any]) -> list[Any]:
    """What names each row (an overview's waiting times change from one read to the next)."""
    if route[0] == "codecommit":
        return [r["name"] for r in answer["repos"]]
    if "versions" in answer:
        return [(v["version"], v["status"]) for v in answer["versions"]]
    return [g["name"] for g in answer["groups"]]


async def test_with_half_the_calls_throttled_the_panels_still_show_rows_with_their_age(
        jp_fetch, world):
    warm = {route: (await ask(jp_fetch, *route))[1] for route in ROUTES}
    world.throttle.fraction = 0.5
    served_old = 0
    for _ in range(4):
        for route in ROUTES:
            status, answer, headers = await ask(jp_fetch, *route, refresh="true")
            assert status == 200, answer
            assert rows(route, answer) == rows(route, warm[route])
            assert answer["fetched_at"] >= warm[route]["fetched_at"]
            if answer["notice"]:
                served_old += 1
                assert "throttling" in answer["notice"] and " ago" in answer["notice"]
    assert world.throttle.throttled, "the emulator throttled no call"
    assert served_old, "no answer stood in for a throttled one"

    # A read nothing answered before: rows, or the documented 503, never another 5xx.
    for query in ("f", "fr", "fra", "r", "ra", "ran"):
        status, answer, headers = await ask(jp_fetch, "registry", "groups", query=query)
        assert status in (200, 503), answer
        if status == 503:
            assert answer["error"] == "throttled" and headers["Retry-After"].isdigit()


async def test_throttled_through_every_retry_the_last_answer_stands_in_with_a_notice(
        jp_fetch, world):
    before = (await ask(jp_fetch, "registry", "groups"))[1]
    world.throttle.fraction = 1.0

    status, answer, _ = await ask(jp_fetch, "registry", "groups", refresh="true")

    assert status == 200
    assert answer["groups"] == before["groups"]
    assert answer["fetched_at"] == before["fetched_at"]
    assert "sagemaker:ListModelPackageGroups" in answer["notice"]
    assert "s ago" in answer["notice"]


async def test_throttled_with_no_earlier_answer_is_503_naming_the_call(jp_fetch, world):
    world.throttle.fraction = 1.0

    status, answer, headers = await ask(jp_fetch, "registry", "overview")
    assert (status, answer["error"]) == (503, "throttled")
    assert "sagemaker:ListModelPackageGroups" in answer["message"]
    assert headers["Retry-After"].isdigit()

    # The Repositories panel keeps its shape: no list, and why, so a name can be typed.
    status, answer, _ = await ask(jp_fetch, "codecommit", "repos")
    assert status == 200 and answer["repos"] == []
    assert "codecommit:ListRepositories" in answer["error"]

    # The status panel says so in its body, as for any failed check.
    status, answer, _ = await ask(jp_fetch, "status")
    assert status == 200 and answer["aws"]["ok"] is False
    assert "sts:GetCallerIdentity" in answer["aws"]["error"]
