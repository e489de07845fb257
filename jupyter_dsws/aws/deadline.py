"""One deadline per panel request, across every AWS call and retry it makes.

``begin_request`` starts the clock for the current request (the base handler calls it): every
AWS call of that request, and of the tasks it starts, shares what is left. A call outside a
request has a budget of its own. Inside the worker thread, botocore is held to the deadline
through its own events: each attempt reads for no longer than the time left (botocore 1.44+
honours a per-request read timeout; older ones keep the client's), and no retry starts once
the time is up. The caller on the event loop stops waiting at the deadline in any case.
"""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ..errors import Unavailable

# A retry that could not even send its request before the deadline is not worth starting.
MIN_ATTEMPT_SECONDS = 0.5

_request_deadline: ContextVar[float | None] = ContextVar("dsws_aws_deadline", default=None)
_local = threading.local()


def begin_request(seconds: float) -> None:
    """Give the current request (this task and the tasks it starts) ``seconds`` for AWS."""
    _request_deadline.set(time.monotonic() + seconds)


def deadline_for(budget: float) -> float:
    """When a call starting now must be done: its own budget, within the request's."""
    own = time.monotonic() + budget
    request = _request_deadline.get()
    return own if request is None else min(own, request)


def spent(call: str, seconds: float) -> Unavailable:
    """The error of a call not made because its request's time is up (``seconds`` long)."""
    return Unavailable(f"Did not call {call}: this request already waited {seconds:g} s for "
                       "AWS, the most a panel request waits.", code="endpoint_unreachable")


@dataclass
class CallState:
    """One call as the worker thread runs it; the loop reads ``attempts`` to say how it went."""

    deadline: float
    attempts: int = 0
    started: float = field(default_factory=time.monotonic)
    #: AWS's code when the last attempt was throttled ("" otherwise): a call that runs out
    #: of time while backing off is reported as throttled, not as an endpoint that is silent.
    throttled: str = ""

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def waited(self) -> float:
        return time.monotonic() - self.started


class Running:
    """Makes ``state`` the current call of this worker thread while the block runs."""

    def __init__(self, state: CallState) -> None:
        self.state = state

    def __enter__(self) -> CallState:
        _local.state = self.state
        return self.state

    def __exit__(self, *exc: Any) -> None:
        _local.state = None


def _current() -> CallState | None:
    return getattr(_local, "state", None)


def _before_send(request: Any = None, **_: Any) -> None:
    state = _current()
    if state is None:
        return None  # a call made outside AwsAccess (a test's own, a Stubber's)
    state.attempts += 1
    left = state.left()
    if left <= 0:
        from botocore.exceptions import ReadTimeoutError

        # Becomes this attempt's outcome; ``_needs_retry`` then ends the call with it.
        raise ReadTimeoutError(endpoint_url=getattr(request, "url", ""))
    context = getattr(request, "context", None)
    if isinstance(context, dict):
        default = context.get("client_config")
        read = getattr(default, "read_timeout", None) or left
        context["read_timeout"] = max(0.1, min(read, left))
    return None


def _needs_retry(attempts: int = 0, response: Any = None, **_: Any) -> bool | None:
    state = _current()
    if state is not None and response is not None:
        state.throttled = _throttle_code(response)
    if state is not None and state.left() < MIN_ATTEMPT_SECONDS:
        return False  # the first non-None answer wins: no retry past the deadline
    return None  # botocore's standard retry handler decides


def _throttle_code(response: Any) -> str:
    """AWS's error code when ``response`` (botocore's (http, parsed) pair) is throttling."""
    if not isinstance(response, tuple) or len(response) != 2:
        return ""
    http, parsed = response
    error = (parsed.get("Error") or {}) if isinstance(parsed, dict) else {}
    code = str(error.get("Code") or "")
    status = int(getattr(http, "status_code", 0) or 0)
    from .codes import THROTTLED, classify

    if not (code or status) or classify(code, status) != THROTTLED:
        return ""
    return code or str(status)


def hold_to_deadlines(client: Any) -> None:
    """Register the deadline's hooks on a new client, ahead of botocore's retry handler."""
    events = client.meta.events
    service = client.meta.service_model.service_id.hyphenize()
    events.register_first(f"needs-retry.{service}", _needs_retry,
                          unique_id=f"dsws-deadline-{service}")
    events.register_first(f"before-send.{service}", _before_send,
                          unique_id=f"dsws-deadline-send-{service}")
