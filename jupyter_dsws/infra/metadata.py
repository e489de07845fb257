"""Checkov exceptions, recorded on the resource they excuse, with the reason next to it."""

from __future__ import annotations

from aws_cdk import CfnResource


def skip_checks(resource: CfnResource, checks: list[tuple[str, str]]) -> None:
    """Adds ``Metadata.checkov.skip`` entries (``id`` + ``comment``) to one resource."""
    existing = resource.get_metadata("checkov") or {"skip": []}
    existing["skip"].extend({"id": check, "comment": comment} for check, comment in checks)
    resource.add_metadata("checkov", existing)
