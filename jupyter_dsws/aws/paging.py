"""Paging and "missing is fine" for plain (synchronous) boto3 clients.

The server's ``AwsAccess.pages`` and the admin commands both page through ``paginate``:
boto3's own paginators (NextToken, Marker, IsTruncated: each API's way), with a cap on the
number of pages so that a token that never ends cannot keep a caller forever.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from .codes import NOT_FOUND
from .failures import failure_of

log = logging.getLogger(__name__)

MAX_PAGES = 100


def paginate(client: Any, method: str, *, max_pages: int = MAX_PAGES,
             **params: Any) -> Iterator[dict[str, Any]]:
    """The pages of ``client.<method>(**params)``, at most ``max_pages`` of them."""
    if not client.can_paginate(method):
        raise ValueError(f"{method} has no paginator: call it once instead")
    pages = client.get_paginator(method).paginate(**params)
    for number, page in enumerate(pages, start=1):
        yield page
        if number >= max_pages:
            log.warning("dsws: stopped reading %s after %d pages", method, max_pages)
            return


def items(client: Any, method: str, key: str, *, max_pages: int = MAX_PAGES,
          **params: Any) -> Iterator[Any]:
    """The ``key`` list of every page, one item at a time."""
    for page in paginate(client, method, max_pages=max_pages, **params):
        yield from page.get(key) or []


def call_sync(client: Any, method: str, /, *, missing_ok: bool = False,
              ok_codes: tuple[str, ...] = (), **params: Any) -> dict[str, Any] | None:
    """``client.<method>(**params)``; None when AWS says the thing does not exist (with
    ``missing_ok``) or answers one of ``ok_codes``. Every other error is raised unchanged."""
    try:
        return getattr(client, method)(**params)
    except Exception as exc:
        failure = failure_of(exc)
        if failure is not None and (failure.code in ok_codes
                                    or (missing_ok and failure.kind == NOT_FOUND)):
            log.debug("dsws: %s: %s (expected)", method, failure.code)
            return None
        raise
