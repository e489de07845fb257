"""Studio lifecycle configurations: Create, Describe, Delete, List (moto has none), and the
tags of everything this plane holds (ListTags, AddTags, DeleteTags).

As the API reference says: the name matches ``[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}``; the
content is base64 of at most 16,384 characters; a name already taken is ``ResourceInUse``;
a configuration is immutable. Deleting one that a domain's or a user profile's settings
still name, or that a live app runs with, is ``ResourceInUse`` ("there must be no running
apps using the Lifecycle Configuration. You must also remove the Lifecycle Configuration
from UserSettings in all Domains and UserProfiles"). [guess: a content that is not valid
base64 is refused with ValidationException; AWS documents only the length.]
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from botocore.session import get_session

from ..json_plane import in_use, invalid, not_found
from .paging import as_time, page, with_token
from .records import Lcc
from .settings import attached_lccs
from .state import StudioState, required

NAME_PATTERN = re.compile(r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")
MAX_CONTENT = 16384
APP_TYPES = tuple(get_session().get_service_model("sagemaker")
                  .shape_for("StudioLifecycleConfigAppType").enum)


def create(state: StudioState, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    name = required(request, "StudioLifecycleConfigName")
    content = required(request, "StudioLifecycleConfigContent")
    app_type = required(request, "StudioLifecycleConfigAppType")
    if not NAME_PATTERN.fullmatch(name):
        raise invalid(f"StudioLifecycleConfigName {name!r} must match "
                      f"{NAME_PATTERN.pattern} (at most 63 letters, digits and dashes).")
    if len(content) > MAX_CONTENT:
        raise invalid(f"StudioLifecycleConfigContent has {len(content)} characters; the "
                      f"limit is {MAX_CONTENT} (of base64).")
    if app_type not in APP_TYPES:
        raise invalid(f"StudioLifecycleConfigAppType {app_type!r} is not one of {APP_TYPES}.")
    decoded(content)
    key = (account, region, name)
    arn = f"arn:aws:sagemaker:{region}:{account}:studio-lifecycle-config/{name}"
    if key in state.lccs:
        raise in_use(f"Studio lifecycle config {arn} already exists.")
    state.lccs[key] = Lcc(name, arn, content, app_type)
    if request.get("Tags"):
        state.tags[arn] = list(request["Tags"])
    return {"StudioLifecycleConfigArn": arn}


def decoded(content: str) -> str:
    try:
        return base64.b64decode(content, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise invalid("StudioLifecycleConfigContent must be the script in base64.") from None


def _get(state: StudioState, request: dict[str, Any], account: str, region: str) -> Lcc:
    name = required(request, "StudioLifecycleConfigName")
    found = state.lccs.get((account, region, name))
    if found is None:
        raise not_found(f"Studio lifecycle config {name} does not exist.")
    return found


def describe(state: StudioState, request: dict[str, Any], account: str,
             region: str) -> dict[str, Any]:
    lcc = _get(state, request, account, region)
    return {"StudioLifecycleConfigArn": lcc.arn, "StudioLifecycleConfigName": lcc.name,
            "CreationTime": lcc.created, "LastModifiedTime": lcc.created,
            "StudioLifecycleConfigContent": lcc.content,
            "StudioLifecycleConfigAppType": lcc.app_type}


def delete(state: StudioState, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    lcc = _get(state, request, account, region)
    users = [f"domain {d.id}" for d in state.domains(account, region)
             if lcc.arn in attached_lccs(d.default_user_settings)
             | attached_lccs(d.default_space_settings)]
    users += [f"user profile {d}/{n}" for (a, g, d, n), p in state.profiles.items()
              if (a, g) == (account, region)
              and lcc.arn in attached_lccs(p.fields.get("UserSettings"))]
    users += [f"app {app.record.arn}" for app in state.apps
              if app.status in ("Pending", "InService")
              and lcc.arn in (s.arn for s in app.record.lifecycle_scripts)]
    if users:
        raise in_use(f"Studio lifecycle config {lcc.name} is in use by {', '.join(users)}: "
                     "remove it from their settings and stop those apps first.")
    del state.lccs[(account, region, lcc.name)]
    state.tags.pop(lcc.arn, None)
    return {}


def listed(state: StudioState, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    contains = request.get("NameContains") or ""
    app_type = request.get("AppTypeEquals")
    bounds = {k: as_time(request[k], k) for k in (
        "CreationTimeBefore", "CreationTimeAfter", "ModifiedTimeBefore", "ModifiedTimeAfter")
        if request.get(k) is not None}
    found = [lcc for (a, g, _), lcc in state.lccs.items()
             if (a, g) == (account, region) and contains in lcc.name
             and (not app_type or lcc.app_type == app_type)
             and all(_within(lcc, k, v) for k, v in bounds.items())]
    chunk, token = page(found, request, {"CreationTime": lambda c: c.created,
                                         "LastModifiedTime": lambda c: c.created,
                                         "Name": lambda c: c.name},
                        default_sort="CreationTime", default_order="Descending")
    return with_token({"StudioLifecycleConfigs": [
        {"StudioLifecycleConfigArn": c.arn, "StudioLifecycleConfigName": c.name,
         "CreationTime": c.created, "LastModifiedTime": c.created,
         "StudioLifecycleConfigAppType": c.app_type} for c in chunk]}, token)


def _within(lcc: Lcc, bound: str, when: Any) -> bool:
    # A configuration is never modified: its modification time is its creation time.
    return lcc.created <= when if bound.endswith("Before") else lcc.created >= when


def list_tags(state: StudioState, request: dict[str, Any]) -> dict[str, Any]:
    return {"Tags": list(state.tags.get(required(request, "ResourceArn"), []))}


def add_tags(state: StudioState, request: dict[str, Any]) -> dict[str, Any]:
    arn = required(request, "ResourceArn")
    given = {t["Key"]: t for t in request.get("Tags") or []}
    kept = [t for t in state.tags.get(arn, []) if t["Key"] not in given]
    state.tags[arn] = [*kept, *given.values()]
    return {"Tags": state.tags[arn]}


def delete_tags(state: StudioState, request: dict[str, Any]) -> dict[str, Any]:
    arn = required(request, "ResourceArn")
    keys = set(request.get("TagKeys") or [])
    state.tags[arn] = [t for t in state.tags.get(arn, []) if t["Key"] not in keys]
    return {}
