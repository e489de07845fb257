"""Types the feature models share: for query strings, and the age of shared answers."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class WireModel(BaseModel):
    """The base of every model on the wire. Its validators and schema are built at its
    first use, not when the server imports it: the handlers' models (about a hundred) would
    otherwise cost the server's start-up some 60 ms of CPU (benchmarks/startup.py)."""

    model_config = ConfigDict(defer_build=True)


def query_int(low: int, high: int) -> Any:
    """An integer from ``low`` to ``high`` in a query string, written in digits only ("5.0",
    "1_0" and " 5" are refused, as the spec's ``type: integer`` says); one sentence names
    the range whatever is wrong."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value):
            number = int(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            number = None
        if number is None or not low <= number <= high:
            raise ValueError(f"should be a whole number from {low} to {high}")
        return number

    # The check above enforces the range; the spec reads it from these.
    return Annotated[int, BeforeValidator(check),
                     Field(json_schema_extra={"minimum": low, "maximum": high})]


def iso_time(epoch: float) -> str:
    """``epoch`` seconds as ISO 8601 UTC, to the millisecond."""
    return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="milliseconds")


class Fetched(WireModel):
    """The age of an answer that is shared between requests for a short time."""

    fetched_at: str | None = Field(default=None, description=(
        "When the server read this answer from AWS (ISO 8601, UTC): answers are shared "
        "between tabs and people for a short time (see docs/admin.md, Shared reads)."))
    notice: str | None = Field(default=None, description=(
        "Set when AWS throttled the fresh read and this older answer stands in for it: which "
        "AWS call was throttled and how old the answer is. Null otherwise."))


class RefreshQuery(WireModel):
    """A read a person may ask to be fresh."""

    refresh: bool = Field(default=False, description=(
        "true: read AWS again instead of the answer the server keeps (a person's Refresh); "
        "still shared with an identical read already in flight."))
