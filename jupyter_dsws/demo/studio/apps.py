"""Studio apps: CreateApp, DescribeApp, DeleteApp and ListApps, with their states.

Pending → InService (or Failed, with a FailureReason) → Deleting → Deleted. With a host the
plane records the app Pending and the host reports when it serves or failed; DeleteApp sets
it Deleting and the host reports when it is gone. Without one, apps are InService at once
and Deleted at once. One live (not Deleted) app per space or profile, app type and name: a
second CreateApp is ResourceInUse. Deleted apps stay: ListApps and DescribeApp show them
with Status Deleted, as on AWS.

What a start runs with is decided here, as Studio decides it (``settings.py``): the
instance type and image from the request, else the space's, its owner's profile's, the
domain's DefaultResourceSpec; the lifecycle scripts (built-in first, then the default),
each of which must exist with the app's type. A JupyterLab app beyond its instance type's
Service Quota (``quotas.py``) is refused with ResourceLimitExceeded, AWS's message format.

[guess] Where AWS documents no error: a missing domain, space, profile or lifecycle
configuration in CreateApp is a ValidationException (ResourceNotFound is not among
CreateApp's documented errors); DeleteApp on a Deleted app is ResourceNotFound, on a
Deleting one ResourceInUse; a Failed app is deleted at once.
"""

from __future__ import annotations

from typing import Any

from ..json_plane import AwsError, in_use, invalid, not_found
from .lifecycle_configs import decoded
from .paging import page, with_token
from .quotas import StudioQuotas, quota_name
from .records import App, AppRecord, LifecycleScript, Resource, now
from .settings import SETTINGS_KEY, built_in_lcc, resource_spec, scripts_to_run
from .state import StudioState, required

RUNNING = ("Pending", "InService")


def _identity(record: AppRecord) -> tuple[Any, ...]:
    owner = None if record.space_name else record.user_profile_name
    return (record.account, record.region, record.domain_id, record.space_name, owner,
            record.app_type, record.app_name)


def _wanted(request: dict[str, Any], account: str, region: str) -> tuple[Any, ...]:
    space, profile = request.get("SpaceName"), request.get("UserProfileName")
    if bool(space) == bool(profile):
        raise invalid("Specify either SpaceName or UserProfileName (exactly one).")
    return (account, region, required(request, "DomainId"), space or None,
            None if space else profile, required(request, "AppType"),
            required(request, "AppName"))


def _latest(state: StudioState, wanted: tuple[Any, ...]) -> App:
    found = next((a for a in reversed(state.apps) if _identity(a.record) == wanted), None)
    if found is None:
        _, _, domain_id, space, profile, app_type, name = wanted
        raise not_found(f"App {domain_id}/{space or profile}/{app_type}/{name} does not exist.")
    return found


def create(state: StudioState, quotas: StudioQuotas, request: dict[str, Any], account: str,
           region: str, *, hosted: bool) -> tuple[dict[str, Any], App]:
    wanted = _wanted(request, account, region)
    _, _, domain_id, space_name, profile_name, app_type, app_name = wanted
    if app_type not in SETTINGS_KEY:
        raise invalid(f"AppType {app_type!r} is not one of {sorted(SETTINGS_KEY)}.")
    try:
        domain = state.domain(account, region, domain_id)
        space: Resource | None = None
        if space_name:
            space = state.space(account, region, domain_id, space_name)
            owner = (space.fields.get("OwnershipSettings") or {}).get("OwnerUserProfileName")
            profile = state.profiles.get((account, region, domain_id, owner or ""))
        else:
            profile = state.profile(account, region, domain_id, profile_name)
    except AwsError as exc:
        raise invalid(exc.message) from None
    space_settings = (space.fields.get("SpaceSettings") if space else None) or {}
    if space_settings.get("AppType") not in (None, app_type):
        raise invalid(f"Space {space_name} is a {space_settings['AppType']} space; it "
                      f"cannot run a {app_type} app.")
    if any(a.live and _identity(a.record) == wanted for a in state.apps):
        raise in_use(f"App {domain_id}/{space_name or profile_name}/{app_type}/{app_name} "
                     "already exists; delete it first.")
    user_settings = (profile.fields.get("UserSettings") if profile else None) or {}
    domain_user = domain.default_user_settings or {}
    spec = resource_spec(app_type, request.get("ResourceSpec"), space_settings,
                         user_settings, domain_user)
    built_in = built_in_lcc(app_type, user_settings, domain_user)
    scripts = tuple(_script(state, arn, app_type, account, region)
                    for arn in scripts_to_run(built_in, spec))
    if app_type == "JupyterLab":
        _within_quota(state, quotas, spec["InstanceType"], account, region)
    arn = (f"arn:aws:sagemaker:{region}:{account}:app/{domain_id}/"
           f"{space_name or profile_name}/{app_type}/{app_name}")
    record = AppRecord(
        account=account, region=region, domain_id=domain_id, space_name=space_name,
        user_profile_name=profile.name if profile else profile_name, app_type=app_type,
        app_name=app_name, arn=arn, instance_type=str(spec["InstanceType"]),
        lifecycle_scripts=scripts,
        execution_role_arn=user_settings.get("ExecutionRole") or domain_user.get(
            "ExecutionRole"),
        shared=bool(space) and (space.fields.get("SpaceSharingSettings") or {}).get(
            "SharingType") == "Shared")
    app = App(record, spec, built_in, "Pending" if hosted else "InService")
    state.apps.append(app)
    if request.get("Tags"):
        state.tags[arn] = list(request["Tags"])
    return {"AppArn": arn}, app


def _script(state: StudioState, arn: str, app_type: str, account: str,
            region: str) -> LifecycleScript:
    lcc = state.lcc_by_arn(arn)
    if lcc is None or not arn.startswith(f"arn:aws:sagemaker:{region}:{account}:"):
        raise invalid(f"Studio lifecycle config {arn} does not exist.")
    if lcc.app_type != app_type:
        raise invalid(f"Studio lifecycle config {arn} is for {lcc.app_type} apps, not "
                      f"{app_type}.")
    return LifecycleScript(arn=lcc.arn, name=lcc.name, content=decoded(lcc.content))


def _within_quota(state: StudioState, quotas: StudioQuotas, instance_type: str,
                  account: str, region: str) -> None:
    limit = quotas.value(instance_type)
    if limit is None:
        return
    used = sum(1 for a in state.apps
               if a.status in RUNNING and a.record.app_type == "JupyterLab"
               and (a.record.account, a.record.region) == (account, region)
               and a.record.instance_type == instance_type)
    if used + 1 > limit:
        raise AwsError("ResourceLimitExceeded", (
            f"The account-level service limit '{quota_name(instance_type)}s' is {limit:g} "
            f"Apps, with current utilization of {used} Apps and a request delta of 1 Apps. "
            "Please use AWS Service Quotas to request an increase for this quota. If AWS "
            "Service Quotas is not available, contact AWS support to request an increase "
            "for this quota."))


def describe(state: StudioState, request: dict[str, Any], account: str,
             region: str) -> dict[str, Any]:
    app = _latest(state, _wanted(request, account, region))
    record = app.record
    answer = {"AppArn": record.arn, **_details(app)}
    if app.built_in_lcc:
        answer["BuiltInLifecycleConfigArn"] = app.built_in_lcc
    if app.failure_reason:
        answer["FailureReason"] = app.failure_reason
    if app.status in RUNNING:
        answer["LastHealthCheckTimestamp"] = now()
    return answer


def delete(state: StudioState, request: dict[str, Any], account: str, region: str, *,
           hosted: bool) -> App | None:
    """Sets the app Deleting (with a host: the app to stop) or Deleted."""
    app = _latest(state, _wanted(request, account, region))
    where = app.record.arn
    if app.status == "Deleted":
        raise not_found(f"App {where} has been deleted.")
    if app.status == "Deleting":
        raise in_use(f"App {where} is being deleted.")
    if app.status == "Failed" or not hosted:
        app.status = "Deleted"
        return None
    app.status = "Deleting"
    return app


def listed(state: StudioState, request: dict[str, Any], account: str,
           region: str) -> dict[str, Any]:
    domain_id = request.get("DomainIdEquals")
    space, profile = request.get("SpaceNameEquals"), request.get("UserProfileNameEquals")
    if space and profile:
        raise invalid("SpaceNameEquals and UserProfileNameEquals cannot both be set.")
    found = [a for a in state.apps
             if (a.record.account, a.record.region) == (account, region)
             and (not domain_id or a.record.domain_id == domain_id)
             and (not space or a.record.space_name == space)
             and (not profile or (not a.record.space_name
                                  and a.record.user_profile_name == profile))]
    chunk, token = page(found, request, {"CreationTime": lambda a: a.created},
                        default_sort="CreationTime", default_order="Ascending")
    return with_token({"Apps": [_details(a) for a in chunk]}, token)


def _details(app: App) -> dict[str, Any]:
    record = app.record
    where = ({"SpaceName": record.space_name} if record.space_name
             else {"UserProfileName": record.user_profile_name})
    return {"DomainId": record.domain_id, **where, "AppType": record.app_type,
            "AppName": record.app_name, "Status": app.status, "CreationTime": app.created,
            "ResourceSpec": dict(app.resource_spec)}


