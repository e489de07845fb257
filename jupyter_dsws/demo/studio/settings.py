"""Pure decisions about Studio settings: what an Update* leaves, and what an app starts with.

Plain dicts in and out, in the API's shapes, so the rules are tested without a server.

- Update*: each top-level key given in the settings replaces that key; keys not given stay
  (``JupyterLabAppSettings`` given replaces the whole JupyterLabAppSettings, and
  ``ExecutionRole`` stays when not given), as AWS's UpdateDomain/UserProfile/Space do.
- An app's ``ResourceSpec``: each key from the first place that has it: the CreateApp
  request, the space's ``SpaceSettings.<App>AppSettings.DefaultResourceSpec``, the owner's
  profile's ``UserSettings``, the domain's ``DefaultUserSettings``; the instance type falls
  back to Studio's default (``ml.t3.medium``). A ``LifecycleConfigArn`` of ``"None"`` is
  the API's way of clearing it: that place decides "no default script".
- The scripts run at start: the built-in one (the profile's ``BuiltInLifecycleConfigArn``,
  else the domain's), then the default one from the ResourceSpec; the same ARN once.
"""

from __future__ import annotations

import copy
from typing import Any

DEFAULT_INSTANCE_TYPE = "ml.t3.medium"
CLEARED = "None"
# The settings block of each app type in UserSettings / SpaceSettings.
SETTINGS_KEY = {"JupyterLab": "JupyterLabAppSettings", "CodeEditor": "CodeEditorAppSettings",
                "JupyterServer": "JupyterServerAppSettings",
                "KernelGateway": "KernelGatewayAppSettings"}
_DEFAULT_TYPE = {"JupyterServer": "system"}


def updated(current: dict[str, Any] | None, given: dict[str, Any] | None) -> dict[str, Any]:
    """``current`` with each top-level key of ``given`` replacing its own."""
    merged = copy.deepcopy(current or {})
    merged.update(copy.deepcopy(given or {}))
    return merged


def app_settings(settings: dict[str, Any] | None, app_type: str) -> dict[str, Any]:
    """The app type's block of UserSettings / SpaceSettings (empty when absent)."""
    return (settings or {}).get(SETTINGS_KEY.get(app_type, f"{app_type}AppSettings")) or {}


def resource_spec(app_type: str, requested: dict[str, Any] | None,
                  *settings: dict[str, Any] | None) -> dict[str, Any]:
    """The app's ResourceSpec: each key from the request, else the first of ``settings``
    (space, profile, domain: UserSettings/SpaceSettings shapes) whose DefaultResourceSpec
    has it."""
    places = [requested or {}, *(app_settings(s, app_type).get("DefaultResourceSpec") or {}
                                 for s in settings)]
    spec: dict[str, Any] = {}
    for place in places:
        for key, value in place.items():
            spec.setdefault(key, value)
    spec.setdefault("InstanceType", _DEFAULT_TYPE.get(app_type, DEFAULT_INSTANCE_TYPE))
    if spec.get("LifecycleConfigArn") == CLEARED:
        del spec["LifecycleConfigArn"]
    return spec


def built_in_lcc(app_type: str, profile: dict[str, Any] | None,
                 domain: dict[str, Any] | None) -> str | None:
    """The built-in lifecycle configuration: the profile's, else the domain's."""
    for settings in (profile, domain):
        arn = app_settings(settings, app_type).get("BuiltInLifecycleConfigArn")
        if arn:
            return None if arn == CLEARED else str(arn)
    return None


def scripts_to_run(built_in: str | None, spec: dict[str, Any]) -> list[str]:
    """The LCC ARNs a start runs, in Studio's order: built-in first, then the default."""
    arns = [a for a in (built_in, spec.get("LifecycleConfigArn")) if a and a != CLEARED]
    return list(dict.fromkeys(arns))


def attached_lccs(settings: dict[str, Any] | None) -> set[str]:
    """Every LCC ARN a UserSettings/SpaceSettings block names (listed, built-in, default)."""
    found: set[str] = set()
    for block in (settings or {}).values():
        if not isinstance(block, dict):
            continue
        found.update(block.get("LifecycleConfigArns") or [])
        found.add(block.get("BuiltInLifecycleConfigArn") or "")
        found.add((block.get("DefaultResourceSpec") or {}).get("LifecycleConfigArn") or "")
    return found - {"", CLEARED}
