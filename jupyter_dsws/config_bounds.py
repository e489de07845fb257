"""The bounds of the admins' numeric settings, checked in one wording for every class.

Each returns a traitlets validator for the named settings, used in a settings class body
as ``_positive = positive("timeout_minutes", ...)``. A wrong value stops the server at
start with ``<Class>.<setting> must be …; got <value>.``
"""

from __future__ import annotations

from collections.abc import Callable

from traitlets import TraitError, validate
from traitlets.traitlets import ValidateHandler


def positive(*names: str) -> ValidateHandler:
    return _bound(names, lambda value: value > 0, "positive")


def zero_or_more(*names: str) -> ValidateHandler:
    return _bound(names, lambda value: value >= 0, "0 or more")


def one_or_more(*names: str) -> ValidateHandler:
    return _bound(names, lambda value: value >= 1, "at least 1")


def within(low: float, high: float, *names: str, why: str = "") -> ValidateHandler:
    """From ``low`` to ``high``, both included; ``why`` says what the bounds are (a unit,
    whose limit), e.g. ``within(1, 100, "page_size", why="the API's page limit")``."""
    wording = f"{low} to {high}" + (f" ({why})" if why else "")
    return _bound(names, lambda value: low <= value <= high, wording)


def _bound(names: tuple[str, ...], ok: Callable[[float], bool], wording: str
           ) -> ValidateHandler:
    def check(owner: object, proposal: dict) -> float:
        value = proposal["value"]
        if not ok(value):
            raise TraitError(f"{type(owner).__name__}.{proposal['trait'].name} must be "
                             f"{wording}; got {value}.")
        return value

    return validate(*names)(check)
