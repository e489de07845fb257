"""List* paging as SageMaker does it: sorted, at most ``MaxResults`` a page, an opaque
``NextToken`` for the rest (here the offset, encoded; a token that is not one of ours is a
ValidationException, as AWS answers a forged token)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..json_plane import invalid

T = TypeVar("T")
DEFAULT_PAGE = 100  # [guess] AWS documents no default for these List calls
MAX_PAGE = 100


def page(items: Sequence[T], request: dict[str, Any], sort_keys: dict[str, Callable[[T], Any]],
         *, default_sort: str, default_order: str) -> tuple[list[T], str | None]:
    """One page of ``items`` sorted by the request's SortBy/SortOrder, and the next token."""
    sort_by = request.get("SortBy") or default_sort
    if sort_by not in sort_keys:
        raise invalid(f"SortBy {sort_by!r} is not one of {sorted(sort_keys)}.")
    order = request.get("SortOrder") or default_order
    if order not in ("Ascending", "Descending"):
        raise invalid(f"SortOrder {order!r} is not Ascending or Descending.")
    size = request.get("MaxResults") or DEFAULT_PAGE
    if not isinstance(size, int) or not 1 <= size <= MAX_PAGE:
        raise invalid(f"MaxResults must be between 1 and {MAX_PAGE}.")
    start = _offset(request.get("NextToken"))
    ordered = sorted(items, key=sort_keys[sort_by], reverse=order == "Descending")
    chunk = ordered[start:start + size]
    more = start + size < len(ordered)
    return chunk, _token(start + size) if more else None


def with_token(answer: dict[str, Any], token: str | None) -> dict[str, Any]:
    return {**answer, "NextToken": token} if token else answer


def as_time(value: Any, name: str) -> datetime:
    """A timestamp from a JSON request: epoch seconds (botocore's way) or ISO 8601."""
    try:
        if isinstance(value, int | float):
            return datetime.fromtimestamp(value, UTC)
        parsed = datetime.fromisoformat(str(value))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        raise invalid(f"{name}: {value!r} is not a timestamp.") from None


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"dsws-page:{offset}".encode()).decode()


def _offset(token: Any) -> int:
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(str(token).encode()).decode()
        prefix, _, number = text.partition(":")
        if prefix == "dsws-page" and number.isdigit():
            return int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise invalid("The NextToken is not valid: pass the one the previous page returned.")
