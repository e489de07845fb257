"""``dsws lifecycle list``: our LCCs, their versions, and where each is attached."""

from __future__ import annotations

from typing import Any

from . import plan
from .attach import our_lccs
from .awsapi import Calls


def where_attached(calls: Calls, sm: Any, domains: list[str]) -> dict[str, list[str]]:
    """ARN -> places, e.g. ``domain d-1 (listed, built-in)``, ``space d-1/lab (default)``.
    Only read calls: DescribeDomain, ListUserProfiles/DescribeUserProfile, ListSpaces/
    DescribeSpace."""
    found: dict[str, list[str]] = {}

    def note(settings: dict[str, Any] | None, place: str) -> None:
        for arn, how in plan.attachments(settings).items():
            found.setdefault(arn, []).append(f"{place} ({', '.join(how)})")

    for domain in domains:
        described = calls.read(sm, "describe_domain", DomainId=domain)
        note((described.get("DefaultUserSettings") or {}).get("JupyterLabAppSettings"),
             f"domain {domain}")
        for profile in calls.pages(sm, "list_user_profiles", "UserProfiles",
                                   DomainIdEquals=domain):
            name = profile["UserProfileName"]
            described = calls.read(sm, "describe_user_profile", DomainId=domain,
                                   UserProfileName=name)
            note((described.get("UserSettings") or {}).get("JupyterLabAppSettings"),
                 f"user profile {domain}/{name}")
        for space in calls.pages(sm, "list_spaces", "Spaces", DomainIdEquals=domain):
            name = space["SpaceName"]
            described = calls.read(sm, "describe_space", DomainId=domain, SpaceName=name)
            note((described.get("SpaceSettings") or {}).get("JupyterLabAppSettings"),
                 f"space {domain}/{name}")
    return found


def list_ours(calls: Calls, sm: Any, domain: str | None) -> list[dict[str, Any]]:
    lccs = our_lccs(calls, sm)
    if domain:
        domains = [domain]
    else:
        domains = [d["DomainId"] for d in calls.pages(sm, "list_domains", "Domains")]
    places = where_attached(calls, sm, domains) if lccs else {}
    rows = []
    for lcc in lccs:
        arn = lcc["StudioLifecycleConfigArn"]
        rows.append({"name": lcc["StudioLifecycleConfigName"], "arn": arn,
                     "version": lcc.get("Version") or _version_from_name(
                         lcc["StudioLifecycleConfigName"]),
                     "created": str(lcc.get("CreationTime") or ""),
                     "attached": places.get(arn, [])})
    return rows


def _version_from_name(name: str) -> str:
    """``dsws-0-1-0-3f2a9c1e`` -> ``0.1.0``: for LCCs without the version tag (the infra
    stack's); a version with dashes of its own comes out with dots instead."""
    middle = name.removeprefix("dsws-").rpartition("-")[0]
    return middle.replace("-", ".") or "?"


def format_rows(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No lifecycle configurations of ours (tag dsws:managed=true)."
    lines = []
    for row in rows:
        lines.append(f"{row['name']}  version {row['version']}  created {row['created']}")
        lines.append(f"  {row['arn']}")
        for place in row["attached"] or ["not attached"]:
            lines.append(f"  - {place}")
    return "\n".join(lines)
