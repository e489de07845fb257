"""A well-formed cursor that SageMaker refuses (forged, or stale after the list changed).

moto's server answers such a NextToken with ``InvalidToken``, which the AWS layer reads as
rejected credentials everywhere else: after a cursor from the browser the registry must
say the cursor is the problem and how to go on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from helpers import body, error_of

from jupyter_dsws.demo.seed import SeedResult
from jupyter_dsws.registry import cursor

FORGED = cursor.encode("a-token-sagemaker-never-gave-out")


@pytest.mark.parametrize("route", [("groups",), ("overview",),
                                   ("groups", "sorting-hat-algorithm", "versions")])
async def test_a_cursor_sagemaker_refuses_is_a_400_bad_cursor_not_a_credentials_error(
        jp_fetch: Callable[..., Any], world: SeedResult, route: tuple[str, ...]) -> None:
    code, error = await error_of(jp_fetch("dsws", "registry", *route, params={"next": FORGED}))
    assert code == 400 and error["error"] == "bad_cursor"
    assert "first page" in error["message"] and "changed" in error["message"]
    assert "credentials" not in error["message"]


async def test_the_same_lists_without_a_cursor_still_answer(
        jp_fetch: Callable[..., Any], world: SeedResult) -> None:
    answer = body(await jp_fetch("dsws", "registry", "groups", params={
        "query": "sorting"}))
    assert [g["name"] for g in answer["groups"]] == ["sorting-hat-algorithm"]


@pytest.mark.parametrize(("error", "refused"), [
    ({"Code": "InvalidToken", "Message": "Invalid Token: Invalid token"}, True),
    ({"Code": "ValidationException", "Message": "Invalid pagination token."}, True),
    ({"Code": "ValidationException", "Message": "Model package group x does not exist."},
     False),
    ({"Code": "AccessDeniedException", "Message": "not authorized"}, False),
])
def test_which_sagemaker_errors_refuse_the_token(error: dict, refused: bool) -> None:
    assert cursor.rejects_token(error["Code"], error["Message"]) is refused
