"""User profiles and spaces: Create, Describe, List, Update and Delete, for moto's domains.

Settings are kept as given and Update* replaces each top-level key it is given
(``settings.updated``). Everything is at once ``InService`` (moto's domains are). A profile
or space with an app that is not Deleted cannot be deleted (``ResourceInUse``, as AWS
answers "because App(s) are associated with it"); nor can a profile that still owns a
space [guess: AWS's console asks to delete those first].
"""

from __future__ import annotations

from typing import Any

from ..json_plane import in_use, invalid
from .paging import page, with_token
from .records import Resource, now
from .settings import updated
from .state import StudioState, required

PROFILE, SPACE = "user-profile", "space"
_NAME = {PROFILE: "UserProfileName", SPACE: "SpaceName"}
_SETTINGS = {PROFILE: "UserSettings", SPACE: "SpaceSettings"}
_KEPT = {PROFILE: ("SingleSignOnUserIdentifier", "SingleSignOnUserValue", "UserSettings"),
         SPACE: ("SpaceSettings", "OwnershipSettings", "SpaceSharingSettings",
                 "SpaceDisplayName")}


def _store(state: StudioState, kind: str) -> dict[Any, Resource]:
    return state.profiles if kind == PROFILE else state.spaces


def _title(kind: str) -> str:
    return "User profile" if kind == PROFILE else "Space"


def create(state: StudioState, kind: str, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    domain_id = required(request, "DomainId")
    name = required(request, _NAME[kind])
    state.domain(account, region, domain_id)
    if kind == SPACE and (request.get("SpaceSettings") or {}).get("AppType") is None and (
            request.get("SpaceSharingSettings") or {}).get("SharingType") == "Private":
        # AWS: "SpaceSettings must be provided for creating private space".
        raise invalid(f"SpaceSettings must be provided for creating private space {name}.")
    key = (account, region, domain_id, name)
    if key in _store(state, kind):
        raise in_use(f"{_title(kind)} {name} already exists in domain {domain_id}.")
    arn = f"arn:aws:sagemaker:{region}:{account}:{kind}/{domain_id}/{name}"
    kept = {k: request[k] for k in _KEPT[kind] if k in request}
    _store(state, kind)[key] = Resource(domain_id, name, arn, kept)
    if request.get("Tags"):
        state.tags[arn] = list(request["Tags"])
    return {"UserProfileArn" if kind == PROFILE else "SpaceArn": arn}


def _get(state: StudioState, kind: str, request: dict[str, Any], account: str,
         region: str) -> Resource:
    domain_id = required(request, "DomainId")
    name = required(request, _NAME[kind])
    state.domain(account, region, domain_id)
    if kind == PROFILE:
        return state.profile(account, region, domain_id, name)
    return state.space(account, region, domain_id, name)


def describe(state: StudioState, kind: str, request: dict[str, Any], account: str,
             region: str) -> dict[str, Any]:
    resource = _get(state, kind, request, account, region)
    common = {"DomainId": resource.domain_id, "HomeEfsFileSystemUid": resource.uid,
              "Status": "InService", "CreationTime": resource.created,
              "LastModifiedTime": resource.modified, **resource.fields}
    if kind == PROFILE:
        return {**common, "UserProfileArn": resource.arn, "UserProfileName": resource.name}
    return {"SpaceDisplayName": resource.name, **common, "SpaceArn": resource.arn,
            "SpaceName": resource.name}


def update(state: StudioState, kind: str, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    resource = _get(state, kind, request, account, region)
    settings_key = _SETTINGS[kind]
    given = request.get(settings_key)
    if kind == SPACE and given and "AppType" in given:
        # What AWS answers, even for the space's own type (boto/boto3#4375).
        raise invalid("Updating AppType for Space is not supported.")
    if given is not None:
        resource.fields[settings_key] = updated(resource.fields.get(settings_key), given)
    if kind == SPACE and request.get("SpaceDisplayName"):
        resource.fields["SpaceDisplayName"] = request["SpaceDisplayName"]
    resource.modified = now()
    return {"UserProfileArn" if kind == PROFILE else "SpaceArn": resource.arn}


def delete(state: StudioState, kind: str, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    resource = _get(state, kind, request, account, region)
    name = resource.name
    key = (account, region, resource.domain_id, name)
    owned = [s for (a, g, d, _), s in state.spaces.items()
             if (a, g, d) == key[:3]
             and (s.fields.get("OwnershipSettings") or {}).get("OwnerUserProfileName") == name]
    if kind == PROFILE and owned:
        raise in_use(f"Unable to delete UserProfile [{resource.arn}] because it owns "
                     f"space(s) {', '.join(s.name for s in owned)}: delete them first.")
    field = "user_profile_name" if kind == PROFILE else "space_name"
    if any(app.live and (app.record.account, app.record.region, app.record.domain_id,
                         getattr(app.record, field)) == key for app in state.apps):
        label = "UserProfile" if kind == PROFILE else "Space"
        raise in_use(f"Unable to delete {label} [{resource.arn}] because App(s) are "
                     "associated with it.")
    del _store(state, kind)[key]
    state.tags.pop(resource.arn, None)
    return {}


def listed(state: StudioState, kind: str, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    domain_id = request.get("DomainIdEquals") or ""
    if domain_id:
        state.domain(account, region, domain_id)
    contains = request.get("UserProfileNameContains" if kind == PROFILE
                           else "SpaceNameContains") or ""
    found = [r for (a, g, d, n), r in _store(state, kind).items()
             if (a, g) == (account, region) and (not domain_id or d == domain_id)
             and contains in n]
    chunk, token = page(found, request, {"CreationTime": lambda r: r.created,
                                         "LastModifiedTime": lambda r: r.modified},
                        default_sort="CreationTime", default_order="Ascending")
    key = "UserProfiles" if kind == PROFILE else "Spaces"
    return with_token({key: [_summary(kind, r) for r in chunk]}, token)


def _summary(kind: str, resource: Resource) -> dict[str, Any]:
    common = {"DomainId": resource.domain_id, "Status": "InService",
              "CreationTime": resource.created, "LastModifiedTime": resource.modified}
    if kind == PROFILE:
        return {**common, "UserProfileName": resource.name}
    fields = resource.fields
    summary = {**common, "SpaceName": resource.name,
               "SpaceDisplayName": fields.get("SpaceDisplayName", resource.name)}
    if fields.get("SpaceSettings", {}).get("AppType"):
        summary["SpaceSettingsSummary"] = {"AppType": fields["SpaceSettings"]["AppType"]}
    if fields.get("OwnershipSettings"):
        summary["OwnershipSettingsSummary"] = {
            "OwnerUserProfileName": fields["OwnershipSettings"].get("OwnerUserProfileName")}
    if fields.get("SpaceSharingSettings"):
        summary["SpaceSharingSettingsSummary"] = {
            "SharingType": fields["SpaceSharingSettings"].get("SharingType")}
    return summary

