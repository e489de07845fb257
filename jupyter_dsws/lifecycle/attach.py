"""``dsws lifecycle attach|detach``: our LCC on a domain, a user profile or a space."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from .. import __version__
from . import plan
from .awsapi import Calls, LifecycleError, is_not_found
from .build import BuildError, check_size, script_version
from .naming import MANAGED_TAG, VERSION_TAG_KEY, is_ours, lcc_name

APP_TYPE = "JupyterLab"
NAME_PREFIX = "dsws-"


@dataclass(frozen=True)
class Target:
    domain: str
    user_profile: str | None = None
    space: str | None = None

    @property
    def kind(self) -> plan.Kind:
        return "space" if self.space else "user-profile" if self.user_profile else "domain"

    def describe(self) -> str:
        if self.space:
            return f"space {self.space} of domain {self.domain}"
        if self.user_profile:
            return f"user profile {self.user_profile} of domain {self.domain}"
        return f"domain {self.domain} (default user settings)"


def read_settings(calls: Calls, sm: Any, target: Target) -> dict[str, Any]:
    """The target's current JupyterLabAppSettings (empty when it has none)."""
    if target.space:
        found = calls.read(sm, "describe_space", DomainId=target.domain, SpaceName=target.space)
        return (found.get("SpaceSettings") or {}).get("JupyterLabAppSettings") or {}
    if target.user_profile:
        found = calls.read(sm, "describe_user_profile", DomainId=target.domain,
                           UserProfileName=target.user_profile)
        return (found.get("UserSettings") or {}).get("JupyterLabAppSettings") or {}
    found = calls.read(sm, "describe_domain", DomainId=target.domain)
    return (found.get("DefaultUserSettings") or {}).get("JupyterLabAppSettings") or {}


def write_settings(calls: Calls, sm: Any, target: Target, settings: dict[str, Any]) -> None:
    wrapped = {"JupyterLabAppSettings": settings}
    if target.space:
        calls.write(sm, "update_space", DomainId=target.domain, SpaceName=target.space,
                    SpaceSettings=wrapped)
    elif target.user_profile:
        calls.write(sm, "update_user_profile", DomainId=target.domain,
                    UserProfileName=target.user_profile, UserSettings=wrapped)
    else:
        calls.write(sm, "update_domain", DomainId=target.domain, DefaultUserSettings=wrapped)


def ensure_lcc(calls: Calls, sm: Any, script: str, region: str | None) -> str:
    """The ARN of the LCC holding ``script``: the existing one (same name, same script), else
    a new one, tagged as ours."""
    version = script_version(script) or __version__
    name = lcc_name(script, version)
    try:
        found = calls.read(sm, "describe_studio_lifecycle_config", StudioLifecycleConfigName=name)
        calls.out(f"Lifecycle configuration {name} exists: {found['StudioLifecycleConfigArn']}")
        return str(found["StudioLifecycleConfigArn"])
    except LifecycleError as exc:
        if not is_not_found(exc):
            raise
    content = base64.b64encode(script.encode()).decode()
    created = calls.write(
        sm, "create_studio_lifecycle_config",
        shown={"StudioLifecycleConfigContent": f"<{len(content)} base64 characters>"},
        StudioLifecycleConfigName=name, StudioLifecycleConfigContent=content,
        StudioLifecycleConfigAppType=APP_TYPE,
        Tags=[MANAGED_TAG, {"Key": VERSION_TAG_KEY, "Value": version}])
    if created is None:  # dry run: the ARN it would get
        region = region or getattr(sm.meta, "region_name", None)
        return (f"arn:aws:sagemaker:{region or '<region>'}:<account>:"
                f"studio-lifecycle-config/{name}")
    return str(created["StudioLifecycleConfigArn"])


def attach(calls: Calls, sm: Any, *, script: str, target: Target, mode: plan.Mode,
           region: str | None) -> str:
    if target.space and mode == "built-in":
        raise LifecycleError("--built-in applies to a domain or a user profile: a space has "
                             "only a default lifecycle configuration (use --default or none).")
    try:
        check_size(script)  # before any call
    except BuildError as exc:
        raise LifecycleError(str(exc)) from None
    current = read_settings(calls, sm, target)
    arn = ensure_lcc(calls, sm, script, region)
    new = plan.attach(current, arn, target.kind, mode)
    if new == current:
        calls.out(f"Already attached to the {target.describe()}: nothing to change.")
    else:
        write_settings(calls, sm, target, new)
        calls.out(f"Attached {arn} to the {target.describe()}"
                  f"{' as its ' + mode + ' lifecycle configuration' if mode else ''}.")
    return arn


def our_lccs(calls: Calls, sm: Any) -> list[dict[str, Any]]:
    """Our LCCs: JupyterLab ones named dsws-… that carry the ``dsws:managed=true`` tag."""
    ours = []
    for lcc in calls.pages(sm, "list_studio_lifecycle_configs", "StudioLifecycleConfigs",
                           NameContains=NAME_PREFIX, AppTypeEquals=APP_TYPE):
        if not str(lcc.get("StudioLifecycleConfigName", "")).startswith(NAME_PREFIX):
            continue
        tags = calls.pages(sm, "list_tags", "Tags", ResourceArn=lcc["StudioLifecycleConfigArn"])
        if is_ours(tags):
            version = next((t["Value"] for t in tags if t.get("Key") == VERSION_TAG_KEY), None)
            ours.append({**lcc, "Version": version, "Tags": tags})
    return ours


def detach(calls: Calls, sm: Any, *, target: Target) -> list[str]:
    """Remove every one of our LCCs from the target; others' stay."""
    current = read_settings(calls, sm, target)
    mine = {lcc["StudioLifecycleConfigArn"] for lcc in our_lccs(calls, sm)}
    new = plan.detach(current, lambda arn: arn in mine)
    removed = sorted(a for a in plan.attachments(current) if a in mine)
    if new == current:
        calls.out(f"None of ours is attached to the {target.describe()}: nothing to change.")
    else:
        write_settings(calls, sm, target, new)
        calls.out(f"Detached {', '.join(removed)} from the {target.describe()}.")
    return removed

