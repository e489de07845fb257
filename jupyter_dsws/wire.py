"""Types the feature models share, for what comes in through a query string."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field


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
