"""Pure decisions: a target's JupyterLabAppSettings after attaching or detaching our LCC.

Plain dicts in, plain dicts out (the shapes of DescribeDomain/UserProfile/Space), so the
rules are tested without AWS. The whole JupyterLabAppSettings is sent back with only our
change, so every other setting (images, repositories, idle settings, others' LCCs) stays
as it was whether the API merges or replaces the object.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, Literal

Kind = Literal["domain", "user-profile", "space"]
Mode = Literal["built-in", "default"] | None

# StudioLifecycleConfigArn accepts the literal "None" (the API model's pattern): the way to
# clear BuiltInLifecycleConfigArn or a DefaultResourceSpec's LifecycleConfigArn.
CLEARED = "None"


def attach(current: dict[str, Any] | None, arn: str, kind: Kind, mode: Mode) -> dict[str, Any]:
    """Domain and user profile: always in ``LifecycleConfigArns`` (others kept), and with
    ``built-in`` also ``BuiltInLifecycleConfigArn``, with ``default`` also
    ``DefaultResourceSpec.LifecycleConfigArn``. A space has no list: only its default."""
    if kind == "space" and mode == "built-in":
        raise ValueError("A space has no built-in lifecycle configuration.")
    new = copy.deepcopy(current or {})
    if kind != "space":
        arns = list(new.get("LifecycleConfigArns") or [])
        if arn not in arns:
            arns.append(arn)
        new["LifecycleConfigArns"] = arns
        if mode == "built-in":
            new["BuiltInLifecycleConfigArn"] = arn
    if kind == "space" or mode == "default":
        new["DefaultResourceSpec"] = {**(new.get("DefaultResourceSpec") or {}),
                                      "LifecycleConfigArn": arn}
    return new


def detach(current: dict[str, Any] | None, ours: Callable[[str], bool]) -> dict[str, Any]:
    """Every one of our LCCs removed from the list, the built-in and the default; nothing else."""
    new = copy.deepcopy(current or {})
    if "LifecycleConfigArns" in new:
        new["LifecycleConfigArns"] = [a for a in new["LifecycleConfigArns"] or [] if not ours(a)]
    if ours(new.get("BuiltInLifecycleConfigArn") or ""):
        new["BuiltInLifecycleConfigArn"] = CLEARED
    spec = new.get("DefaultResourceSpec") or {}
    if ours(spec.get("LifecycleConfigArn") or ""):
        new["DefaultResourceSpec"] = {**spec, "LifecycleConfigArn": CLEARED}
    return new


def attachments(settings: dict[str, Any] | None) -> dict[str, list[str]]:
    """ARN -> how it is attached here: ``listed``, ``built-in``, ``default``."""
    found: dict[str, list[str]] = {}
    settings = settings or {}
    for arn in settings.get("LifecycleConfigArns") or []:
        found.setdefault(arn, []).append("listed")
    builtin = settings.get("BuiltInLifecycleConfigArn")
    if builtin and builtin != CLEARED:
        found.setdefault(builtin, []).append("built-in")
    default = (settings.get("DefaultResourceSpec") or {}).get("LifecycleConfigArn")
    if default and default != CLEARED:
        found.setdefault(default, []).append("default")
    return found
