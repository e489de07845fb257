"""What is wrong with the admin's allow-list of instance types, for the start-up log."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog


def allow_list_problem(catalog: Catalog, allowed: Iterable[str]) -> str | None:
    """A sentence naming the allowed types the catalog does not know; None if none.

    A name the catalog does not know (a typo, a missing ``ml.`` prefix) matches no
    type, silently; when no name matches, every type shows as not allowed.
    """
    allowed = set(allowed)
    known = {spec.type for spec in catalog.types}
    unknown = sorted(allowed - known)
    if not unknown:
        return None
    effect = ("no name matches, so every type shows as not allowed and every switch is "
              "refused" if len(unknown) == len(allowed)
              else "they match no instance type")
    return (f"InstancePicker.allowed_instance_types names types the catalog does not know: "
            f"{', '.join(unknown)}; {effect}. Use Studio's names, e.g. ml.t3.medium.")
